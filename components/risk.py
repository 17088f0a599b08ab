"""Risks and benefits for the Side effects and How often it works pages: icon-array layout,
the rows each page picks, and the sentences and plain tables made from them (the numbers are
worded by `components.frequencies`; when side effects start is in `components.effect_timeline`).
Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components import evidence, studies
from components.content import Content, Problem
from components.frequencies import (
    NOT_REPORTED,
    OUT_OF,
    both_ways,
    capitalise,
    is_missing,
    number,
    people_out_of_100,
    share,
)

GRID_COLUMNS = 10


def icon_grid(per_100: float, columns: int = GRID_COLUMNS) -> list[tuple[int, int, bool]]:
    """Positions of 100 people as (column, row, affected); row 0 is the top row.

    Affected people fill the grid first, left to right and top to bottom, so the picture reads
    like the sentence. The affected count is `people_out_of_100(per_100)`.
    """
    affected = people_out_of_100(per_100)
    return [(i % columns, i // columns, i < affected) for i in range(100)]


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

# effect -> short name for charts and tables
EFFECTS: dict[str, str] = {
    "crs": "CRS",
    "neuro": "Neurologic events",
    "icans": "ICANS",
    "mnt": "Late movement problems",
    "cytopenia": "Low blood counts",
    "infection": "Infections",
    "low_antibodies": "Low antibodies",
    "hlh": "HLH-like syndrome",
    "secondary_cancer": "New cancer",
    "serious": "Any serious side effect",
    "enterocolitis": "Gut inflammation (enterocolitis)",
    "early_death": "Deaths in the first months",
}
# effect -> the wording (data/wording.csv) of its name inside a sentence
EFFECT_PHRASES: dict[str, str] = {
    "crs": "effect_crs",
    "neuro": "effect_neuro",
    "icans": "effect_icans",
    "mnt": "effect_mnt",
    "cytopenia": "effect_cytopenia",
    "infection": "effect_infection",
    "low_antibodies": "effect_low_antibodies",
    "hlh": "effect_hlh",
    "secondary_cancer": "effect_secondary_cancer",
    "serious": "effect_serious",
    "enterocolitis": "effect_enterocolitis",
    "early_death": "effect_early_death",
}
LATER_EFFECTS = (
    "cytopenia", "infection", "low_antibodies", "hlh", "mnt", "enterocolitis", "secondary_cancer",
)

# outcome -> (title, what people did (its wording id in data/wording.csv), what the others
# did, legend for the people who did)
OUTCOMES: dict[str, tuple[str, str, str, str]] = {
    "response": ("Response", "outcome_response", "did not", "Responded"),
    "complete response": (
        "Complete response", "outcome_complete_response", "did not", "Complete response"
    ),
    "still in response": (
        "Still in response", "outcome_still_in_response", "were not", "Still in response"
    ),
    "progression-free": (
        "Alive without the cancer growing", "outcome_progression_free", "were not",
        "Alive, not growing",
    ),
    "event-free": (
        "Alive without the cancer growing or new treatment", "outcome_event_free", "were not",
        "Alive, no growth or new treatment",
    ),
    "alive": ("Alive", "outcome_alive", "had died", "Alive"),
}
# who was counted -> its wording id in data/wording.csv
COUNTED = {
    "infused": "counted_infused",
    "all enrolled": "counted_all_enrolled",
    "not stated": "counted_not_stated",
}


def effect_phrase(content: Content, effect: str) -> str:
    """A side effect's name inside a sentence: 'neurologic events (problems with ...)'."""
    return content.words(EFFECT_PHRASES[effect])


# ---------------------------------------------------------------------------------------------
# Side effects
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IconPanel:
    """One icon array with its sentence (both framings) and any detail it needs."""

    title: str
    per_100: float | None
    sentence: str
    detail: str = ""
    had: str = "Had it"
    had_not: str = "Did not"


@dataclass(frozen=True)
class PanelGroup:
    """Icon arrays shown side by side, with one caption saying who, when and where from."""

    heading: str
    panels: tuple[IconPanel, ...]
    caption: str


def rows_of(panels: tuple[IconPanel, ...], size: int = 2) -> list[tuple[IconPanel, ...]]:
    """Panels in rows of `size`, so pictures keep one width on every row."""
    return [panels[i : i + size] for i in range(0, len(panels), size)]


def _people(n: Any) -> str:
    return f"{number(n)} people" if not is_missing(n) else "number of people not reported"


def _grading(row: dict[str, Any]) -> str:
    if row.get("effect") == "crs" or row.get("grading"):
        system = row.get("grading")
        return f"graded with the {system} system" if system else "grading system not stated"
    return ""


def row_caption(content: Content, row: dict[str, Any]) -> str:
    """Who, when, how sure and where from: 'ZUMA-1 study, 108 people (...). When: ...
    Graded with ... It comes from a study with one group ... We checked it ... (Source: X,
    Table 3.)'"""
    parts = [f"{row['trial']} study, {_people(row.get('n'))} ({row['data_set']}).",
             f"When: {row['time_frame']}."]
    grading = _grading(row)
    if grading:
        parts.append(capitalise(grading) + ".")
    parts.append(evidence.design_sentence(content.meta["evidence_words"], row["design"]))
    parts.append(evidence.freshness(content, row))
    parts.append(f"(Source: {row['source_id']}.)")
    return " ".join(parts)


def _interval(content: Content, row: dict[str, Any], value: str, prefix: str = "") -> str:
    return evidence.interval_sentence(content.meta["evidence_words"], row.get(value),
                                      row.get(f"{prefix}ci_low"), row.get(f"{prefix}ci_high"))


def _neuro_row(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The neurologic row of the first study (in the records' order) that has one: all
    neurologic events where that study counts them, else ICANS."""
    for trial in dict.fromkeys(r["trial"] for r in records):
        same = {r["effect"]: r for r in records if r["trial"] == trial}
        if "neuro" in same or "icans" in same:
            return same.get("neuro") or same.get("icans")
    return None


def _in_sentence(effect: str) -> str:
    """The short name inside a sentence: 'CRS' stays, 'Neurologic events' goes lower case."""
    short = EFFECTS[effect]
    return short if short.split()[0].isupper() else short.lower()


def effect_panels(content: Content, ds: studies.DataSet) -> list[PanelGroup]:
    """Icon arrays for CRS and for neurologic events: any grade and severe, for one data set."""
    records = studies.rows_for(content, "side_effects", ds)
    crs = next((r for r in records if r["effect"] == "crs"), None)
    groups = []
    for row in (crs, _neuro_row(records)):
        if row is None:
            continue
        name = _in_sentence(row["effect"])
        severe = row.get("severe_meaning") or "grade 3 or higher"
        panels = (
            IconPanel(
                title=f"Any {name}",
                per_100=row.get("any_grade_per_100"),
                sentence=both_ways(row.get("any_grade_per_100"), f"had {name} of any grade"),
                detail=_interval(content, row, "any_grade_per_100", "any_grade_"),
            ),
            IconPanel(
                title=f"Severe {name}",
                per_100=row.get("grade3_per_100"),
                sentence=both_ways(row.get("grade3_per_100"), f"had severe {name} ({severe})"),
                detail=_interval(content, row, "grade3_per_100", "grade3_"),
            ),
        )
        groups.append(PanelGroup(effect_phrase(content, row["effect"]), panels,
                                 row_caption(content, row)))
    return groups


# effect -> how people died of it (its wording id in data/wording.csv)
DEATH_CAUSES = {
    "serious": "died_side_effect",
    "early_death": "died_any_cause",
    "cytopenia": "died_low_counts",
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def death_sentences(content: Content, ds: studies.DataSet) -> list[str]:
    """Deaths from side effects, said plainly, where the source gives them."""
    out = []
    for row in studies.rows_for(content, "side_effects", ds):
        short = EFFECTS[row["effect"]]
        cause = DEATH_CAUSES.get(row["effect"])
        died = content.words(cause) if cause else f"died of {short}"
        if row["effect"] == "early_death":  # all causes, so say over what time
            died += f" ({row['time_frame']})"
        source = f"(Source: {row['source_id']})"
        if row.get("died_n") is not None and row.get("n") is not None:
            part = f" ({share(row['died_per_100'])})" if row.get("died_per_100") else ""
            out.append(
                f"{number(row['died_n'])} of the {number(row['n'])} people in {row['trial']}"
                f"{part} {died}. {source}"
            )
        elif row.get("died_n") is not None:
            out.append(f"In {row['trial']}, {number(row['died_n'])} people {died}. {source}")
        elif row.get("died_per_100") is not None:
            sentence = both_ways(row["died_per_100"], died)
            out.append(f"In {row['trial']}, {_lower_first(sentence)} {source}")
    return out


def effects_table(
    content: Content, ds: studies.DataSet, effects: Iterable[str] | None = None
) -> pd.DataFrame:
    """Every number we hold for one data set, as a plain table ('not reported' for gaps)."""
    wanted = tuple(effects) if effects is not None else tuple(EFFECTS)
    rows = []
    for row in studies.rows_for(content, "side_effects", ds):
        if row["effect"] not in wanted:
            continue
        severe = number(row.get("grade3_per_100"))
        if row.get("severe_meaning"):
            severe += f" ({row['severe_meaning']})"
        grading = row.get("grading") or "not stated"
        note = f" {row['note']}" if row.get("note") else ""
        rows.append(
            {
                "Side effect": EFFECTS[row["effect"]],
                "Any grade, out of 100": number(row.get("any_grade_per_100")),
                "Severe, out of 100": severe,
                "Deaths": _deaths_cell(row),
                "Study": f"{row['trial']}, {_people(row.get('n'))}; {row['time_frame']}; "
                         f"grading: {grading}",
                "How sure": _how_sure_cell(content, row),
                "Source and notes": f"{row['source_id']} ({row['locator']}).{note}",
            }
        )
    return pd.DataFrame(rows)


def _how_sure_cell(content: Content, row: dict[str, Any]) -> str:
    """Intervals of both numbers where published, the design, and the check date."""
    words = content.meta["evidence_words"]
    parts = []
    for label, prefix in (("Any grade", "any_grade_"), ("Severe", "grade3_")):
        low, high = row.get(f"{prefix}ci_low"), row.get(f"{prefix}ci_high")
        if low is not None and high is not None:
            parts.append(content.words("risk_between", label=label, low=number(low),
                                       high=number(high)))
    parts.append(evidence.design_sentence(words, row["design"]))
    parts.append(evidence.freshness(content, row))
    return " ".join(parts)


def _deaths_cell(row: dict[str, Any]) -> str:
    if row.get("died_n") is not None:
        people = "person" if row["died_n"] == 1 else "people"
        return f"{number(row['died_n'])} {people}"
    if row.get("died_per_100") is not None:
        return f"{number(row['died_per_100'])} {OUT_OF}"
    return NOT_REPORTED


def later_effects(content: Content, ds: studies.DataSet) -> list[str]:
    """Sentences for the longer-term effects a source gives numbers for."""
    out = []
    for row in studies.rows_for(content, "side_effects", ds):
        if row["effect"] not in LATER_EFFECTS:
            continue
        name = effect_phrase(content, row["effect"])
        if row.get("any_grade_per_100") is not None:
            text = both_ways(row["any_grade_per_100"], f"had {name}")
        elif row.get("grade3_per_100") is not None:
            severe = row.get("severe_meaning") or "grade 3 or higher"
            text = both_ways(row["grade3_per_100"], f"had severe {name} ({severe})")
        else:
            text = content.words("risk_how_many_not_reported", name=name,
                                 not_reported=NOT_REPORTED)
        note = f" {row['note']}" if row.get("note") else ""
        who = f"{row['trial']} study, {_people(row.get('n'))}; {row['time_frame']}."
        out.append(f"{text} ({who}){note} {evidence.freshness(content, row)} "
                   f"(Source: {row['source_id']})")
    return out


def later_effects_pointer(content: Content, sets: list[studies.DataSet]) -> str | None:
    """ "Numbers for X and Y are listed for your product below." Only when there are numbers.

    Names the later effects (in LATER_EFFECTS order) that a source gives a number for, for
    any of the chosen product uses; None when none has a number, so that no sentence promises
    numbers that do not follow.
    """
    found = set()
    for ds in sets:
        for row in studies.rows_for(content, "side_effects", ds):
            if row["effect"] in LATER_EFFECTS and (
                row.get("any_grade_per_100") is not None
                or row.get("grade3_per_100") is not None
            ):
                found.add(row["effect"])
    names = [effect_phrase(content, e) for e in LATER_EFFECTS if e in found]
    if not names:
        return None
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return content.words("risk_later_pointer", names=joined)


# ---------------------------------------------------------------------------------------------
# Outcomes
# ---------------------------------------------------------------------------------------------


def outcome_caption(content: Content, row: dict[str, Any]) -> str:
    """Who, how sure and where from, for the outcome numbers of one data set."""
    follow = row.get("follow_up") or NOT_REPORTED
    # "median" in plain words where it is used: the middle value.
    plain = " " + content.words("risk_median_plain") if "median" in str(follow) else ""
    design = evidence.design_sentence(content.meta["evidence_words"], row["design"])
    who = content.words("risk_who_counted", counted=content.words(COUNTED[row["counted"]]),
                        trial=row["trial"], people=_people(row.get("n")),
                        data_set=row["data_set"], follow=follow)
    return (
        f"{who}{plain} {design} {evidence.freshness(content, row)} (Source: {row['source_id']}.)"
    )


def outcome_panels(content: Content, ds: studies.DataSet) -> list[PanelGroup]:
    """Icon arrays for the main outcome numbers of one data set, grouped by who was counted."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in studies.rows_for(content, "outcomes", ds):
        if row["main"]:
            groups.setdefault(outcome_caption(content, row), []).append(row)
    out = []
    for caption, rows in groups.items():
        panels = []
        for row in rows:
            title, did, did_not, legend = OUTCOMES[row["outcome"]]
            did = content.words(did)
            panels.append(
                IconPanel(
                    title=title,
                    per_100=row.get("per_100"),
                    sentence=both_ways(row.get("per_100"), did, did_not),
                    detail=f"{capitalise(row['definition'])}. When: {row['time_frame']}. "
                           + _interval(content, row, "per_100"),
                    had=legend,
                    had_not=capitalise(did_not),
                )
            )
        out.append(PanelGroup(ds.label, tuple(panels), caption))
    return out


def other_outcomes(content: Content, ds: studies.DataSet) -> list[str]:
    """The same outcomes counted another way (e.g. everyone who joined), as sentences."""
    out = []
    for row in studies.rows_for(content, "outcomes", ds):
        if row["main"]:
            continue
        _, did, did_not, _ = OUTCOMES[row["outcome"]]
        did = content.words(did)
        sentence = _lower_first(both_ways(row.get("per_100"), did, did_not))
        if row["counted"] == "all enrolled":
            who = content.words("risk_counting_all", n=number(row["n"]))
        else:
            who = f"{row['data_set']} ({row['time_frame']})"
        interval = _interval(content, row, "per_100")
        out.append(f"{who}: {sentence} {interval} (Source: {row['source_id']})".replace("  ", " "))
    return out


def outcomes_table(content: Content, ds: studies.DataSet) -> pd.DataFrame:
    """Every outcome number for one data set as a plain table."""
    rows = []
    for row in studies.rows_for(content, "outcomes", ds):
        follow = row.get("follow_up") or NOT_REPORTED
        rows.append(
            {
                "Outcome": OUTCOMES[row["outcome"]][0],
                "Out of 100": number(row.get("per_100")),
                "What it means": row["definition"],
                "When": f"{capitalise(row['time_frame'])}; follow-up: {follow}",
                "Who was counted": (f"{_people(row.get('n'))}: "
                                    f"{content.words(COUNTED[row['counted']])}"),
                "How sure": " ".join(p for p in (
                    _interval(content, row, "per_100"),
                    evidence.design_sentence(content.meta["evidence_words"], row["design"]),
                    evidence.freshness(content, row)) if p),
                "Source": f"{row['source_id']} ({row['locator']})",
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Cross-file checks (run by components/catalog.py)
# ---------------------------------------------------------------------------------------------


def validate(content: Content) -> list[Problem]:
    """Rows must agree with indications.csv, and spreads and severities must be labelled."""
    problems: list[Problem] = []
    inds = content.table("indications").set_index("indication_id")
    for table in ("side_effects", "outcomes"):
        file = f"{table}.csv"
        for line, row in enumerate(content.rows(table), start=2):
            ind = row.get("indication_id")
            if ind:
                for col in ("product_id", "disease_id"):
                    if row.get(col) != inds.loc[ind, col]:
                        problems.append(
                            Problem(file, f"'{row.get(col)}' does not match {ind} in "
                                    "indications.csv", line, col)
                        )
                # Another study of the same use is shown below the approval's own study,
                # never as its main picture.
                if (table == "outcomes" and row["main"]
                        and row["trial"] != inds.loc[ind, "trial"]):
                    problems.append(Problem(file, f"main rows of {ind} come from "
                                            f"{inds.loc[ind, 'trial']}", line, "main"))
            if table == "side_effects":
                problems += _check_effect_row(file, line, row)
    missing_main = set(content.table("outcomes")["indication_id"]) - set(
        content.table("outcomes").query("main")["indication_id"]
    )
    for ind in sorted(missing_main):
        problems.append(Problem("outcomes.csv", f"{ind} has no row with main = yes"))
    return problems


def _check_effect_row(file: str, line: int, row: dict[str, Any]) -> list[Problem]:
    problems = []
    has_spread = any(row.get(c) is not None for c in ("onset_low", "onset_high",
                                                      "duration_low", "duration_high"))
    if has_spread and not row.get("spread"):
        problems.append(Problem(file, "say whether low-high is a range or an IQR", line, "spread"))
    if row.get("grade3_per_100") is not None and not row.get("severe_meaning"):
        problems.append(Problem(file, "say what 'severe' means here", line, "severe_meaning"))
    if not row.get("indication_id"):
        problems.append(Problem(file, "say which approved use this row is about", line,
                                "indication_id"))
    return problems

