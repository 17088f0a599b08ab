"""Randomised trials that measured two or more options the same way, in the same people: each
measure as pictures of 100 people per group, in words and as a table, with whether the
difference could be chance and who later got the other treatment. Pure: no Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components.content import Content
from components.options import (
    NOT_REPORTED,
    capital,
    fits_lines,
    lines_from,
    number_records,
    options_for,
    present,
)

# A few words for each measure, for the tabs above the pictures.
TAB_LABELS: dict[str, str] = {
    "response": "Cancer shrank",
    "complete_response": "No cancer found",
    "complete_remission": "Remission",
    "event_free": "No growth or new treatment",
    "progression_free": "Alive without growth",
    "alive": "Alive",
    "early_death": "Early deaths",
}


# Short words for the two groups under a picture of 100 people, by measure (default: had it).
LEGENDS: dict[str, tuple[str, str]] = {
    "response": ("Cancer shrank", "Did not"),
    "complete_response": ("No cancer found", "Cancer still found"),
    "complete_remission": ("Remission", "No remission"),
    "event_free": ("Alive, no event", "Grew, new treatment or died"),
    "progression_free": ("Alive, no growth", "Grew, or died"),
    "alive": ("Alive", "Had died"),
    "early_death": ("Died", "Did not"),
}


@dataclass(frozen=True)
class Arm:
    """One group of a randomised trial for one measure: who, how many out of 100, in words."""

    name: str
    per_100: float
    sentence: str
    had: str
    had_not: str


@dataclass(frozen=True)
class Picture:
    """One measure of a trial as pictures of 100 people, one per group, side by side."""

    label: str  # short, for a tab: "Alive (overall survival)"
    heading: str  # what was measured, and when
    arms: tuple[Arm, ...]
    note: str  # could the difference be chance, and the hazard ratio

    @property
    def summary(self) -> str:
        """The text alternative: every group's number in words."""
        return " ".join(f"{arm.name}: {arm.sentence}" for arm in self.arms)


@dataclass(frozen=True)
class HeadToHead:
    """One trial that measured two or more options the same way, in the same people.

    `rows` are (what was measured and when, {option name: "N out of 100 ...; M did not."},
    whether the difference could be chance and who later got the other treatment).
    """

    study: str
    population: str
    names: tuple[str, ...]
    treatments: dict[str, str]
    rows: tuple[tuple[str, dict[str, str], str], ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()
    pictures: tuple[Picture, ...] = ()
    # Said once per trial: who was in it, what each group got, where from (head_to_head_caption)
    caption: str = ""
    # The table cell of a result the trial gives only in words (head_to_head_frame)
    not_as_number: str = ""


def _picture(content: Content, rows: list[dict[str, Any]], names: dict[str, str],
             heading: str, note: str) -> Picture | None:
    """The pictures for one measure, or None when a group has a range instead of one number."""
    if any(present(r["per_100_high"]) for r in rows):
        return None
    measure_id = str(rows[0]["measure_id"])
    had, had_not = LEGENDS.get(measure_id, ("Had it", "Did not"))
    arms = []
    for row in rows:
        line = lines_from(content, [row], row["option_id"], row["kind"], None)[0]
        arms.append(Arm(names[row["option_id"]], float(row["per_100"]), line.sentence,
                        had, had_not))
    label = TAB_LABELS.get(measure_id) or capital(
        {r["measure_id"]: r["name"] for r in content.rows("measures")}[measure_id])
    return Picture(label, heading, tuple(arms), note)


def _unique_labels(pictures: list[Picture]) -> tuple[Picture, ...]:
    """Tab labels must differ: add the time frame where a measure comes twice."""
    counts: dict[str, int] = {}
    for p in pictures:
        counts[p.label] = counts.get(p.label, 0) + 1
    return tuple(
        Picture(f"{p.label}, {p.heading.split(', ', 1)[-1]}" if counts[p.label] > 1 else p.label,
                p.heading, p.arms, p.note)
        for p in pictures
    )


def head_to_head(
    content: Content, disease_id: str, prior_lines: int | None = None
) -> list[HeadToHead]:
    """Trial results measured the same way for two or more options, one entry per trial.

    Rows of option_numbers that share a `compare` id are one measure of one trial; the part of
    the id before the first "_" names the trial. Only measures with numbers for at least two
    options, and (when `prior_lines` is given) measured in people with that many earlier
    treatments, are kept. Options are in display order; trials and measures in file order.
    """
    order = options_for(content, disease_id)
    names = {r["option_id"]: r["name"] for r in content.rows("option_types")}
    comparisons = {r["compare_id"]: r for r in content.rows("comparisons")}
    measures: dict[str, list[dict[str, Any]]] = {}
    for row in number_records(content, disease_id):
        if (row["kind"] in ("benefit", "harm") and present(row.get("compare"))
                and row["option_id"] in order and fits_lines(row, prior_lines)):
            measures.setdefault(str(row["compare"]), []).append(row)
    studies: dict[str, list[list[dict[str, Any]]]] = {}
    for compare_id, rows in measures.items():
        if len({r["option_id"] for r in rows}) >= 2:
            rows.sort(key=lambda r: order.index(r["option_id"]))
            studies.setdefault(compare_id.split("_")[0], []).append(rows)
    out = []
    for groups in studies.values():
        option_ids = sorted({r["option_id"] for g in groups for r in g}, key=order.index)
        treatments: dict[str, str] = {}
        table = []
        pictures = []
        for rows in groups:
            cells = {}
            for row in rows:
                line = lines_from(content, [row], row["option_id"], row["kind"], None)[0]
                cells[names[row["option_id"]]] = line.sentence
                treatments.setdefault(names[row["option_id"]], line.treatment)
            first = rows[0]
            heading = f"{capital(str(first['measure']))}, {first['time_frame']}"
            note = comparison_note(content, comparisons[str(first["compare"])])
            table.append((heading, cells, note))
            picture = _picture(content, rows, names, heading, note)
            if picture is not None:
                pictures.append(picture)
        first = groups[0][0]
        trial = str(first["compare"]).split("_")[0]
        # Results the trial reports only in words (a median, say), with no number out of 100.
        shown = {str(g[0]["compare"]) for g in groups}
        worded = [c for cid, c in comparisons.items()
                  if cid.split("_")[0] == trial and cid not in shown and c.get("result")]
        measure_names = {r["measure_id"]: r["name"] for r in content.rows("measures")}
        for c in worded:
            table.append((capital(measure_names[c["measure_id"]]), {},
                          f"{c['result']} {comparison_note(content, c)}"))
        study = re.sub(r"^.*\((.*?)( study)?[,)].*$", r"\1", str(first["treatment"]))
        sources = tuple(dict.fromkeys(
            [r["source_id"] for g in groups for r in g]
            + [comparisons[str(g[0]["compare"])]["source_id"] for g in groups]
            + [c["source_id"] for c in worded]))
        used = [comparisons[str(g[0]["compare"])] for g in groups] + worded
        given = "; ".join(f"{name}: {treatment}" for name, treatment in treatments.items())
        caption = content.words("trials_caption", population=str(first["population"]),
                                given=given, sources=", ".join(sources))
        out.append(HeadToHead(study, str(first["population"]),
                              tuple(names[o] for o in option_ids), treatments,
                              tuple(table), sources, trial_notes(content, used),
                              _unique_labels(pictures), caption,
                              content.words("trials_not_as_number")))
    return out


def worded_results(study: HeadToHead) -> list[str]:
    """Results the trial gives only in words (medians), as Markdown lines."""
    return [f"**{measure}:** {note}" for measure, cells, note in study.rows if not cells]


def head_to_head_frame(study: HeadToHead) -> pd.DataFrame:
    """One trial's side-by-side results as a table: one row per measure, one column per option."""
    data = []
    for measure, cells, note in study.rows:
        entry = {"What was measured, and when": measure}
        for name in study.names:
            entry[name] = cells.get(name, study.not_as_number if not cells else NOT_REPORTED)
        entry["Could the difference be chance?"] = note
        data.append(entry)
    return pd.DataFrame(data)


def comparison_note(content: Content, row: Mapping[str, Any]) -> str:
    """Whether the difference was statistically significant, the hazard ratio where given,
    and how many people in the standard-care group later got the other treatment."""
    words = content.meta["evidence_words"]
    parts = [words[f"significant_{str(row['significant']).replace(' ', '_')}"]]
    if row.get("hazard_ratio") is not None:
        ratio = f"{row['hazard_ratio']:g}"
        if row.get("hr_ci_low") is not None and row.get("hr_ci_high") is not None:
            ratio += f" (95% interval {row['hr_ci_low']:g} to {row['hr_ci_high']:g})"
        parts.append(words["hazard_ratio"].format(ratio=ratio))
    return " ".join(parts)


def trial_notes(content: Content, comparisons: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Said once per trial, under its table: who later switched to the other treatment, and
    what a hazard ratio means when the table shows one."""
    words = content.meta["evidence_words"]
    notes = [words["crossover"].format(crossover=c)
             for c in dict.fromkeys(str(row["crossover"]) for row in comparisons)]
    if any(row.get("hazard_ratio") is not None for row in comparisons):
        notes.append(words["hazard_ratio_help"])
    return tuple(notes)


def head_to_head_caption(study: HeadToHead) -> str:
    """Who was in the trial, what each group got, and where the numbers come from: said once
    per trial (worded when the trial was read, from data/wording.csv)."""
    return study.caption
