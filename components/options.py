"""The option grid: CAR-T beside the alternatives for one diagnosis, in a fixed order.

Pure (no Streamlit). Reads the `option_types`, `options`, `option_numbers` and `prices` tables
of the loaded content. Benefits and harms are built by the same function, in the same shape and
wording, so they get the same weight on screen. Every number is phrased out of 100, both ways
round, with who it was measured in, when, and its source.

Public API:
- `options_for(content, disease_id) -> list[str]`: option ids in display order.
- `option_grid(content, disease_id, prior_lines=None) -> list[OptionCard]`: one card per option.
- `question_frame(cards, key) -> DataFrame`: one question across all options, as a table.
- `price_frame(content) -> DataFrame`: list prices with dates and sources, "not reported" where
  our sources give none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components import content as content_mod
from components import evidence, frequencies
from components.content import Content, Problem

OPTION_IDS: tuple[str, ...] = (
    "car_t",
    "transplant_auto",
    "transplant_allo",
    "bispecific",
    "checkpoint",
    "chemo_targeted",
    "clinical_trial",
    "watchful_waiting",
    "supportive_care",
    "not_deciding_yet",
)
LAST_OPTION = "not_deciding_yet"
# Options every diagnosis must offer: the person can always take part in research, get care
# for symptoms, or take more time.
ALWAYS: tuple[str, ...] = ("clinical_trial", "supportive_care", "not_deciding_yet")

NOT_REPORTED = "Not reported in our sources."

# The rows of the grid, in their fixed order: (key, question a person would ask).
ASPECTS: tuple[tuple[str, str], ...] = (
    ("what", "What is it?"),
    ("who_for", "Who is it for, with this cancer?"),
    ("how_given", "How is it given?"),
    ("duration", "How long does treatment last?"),
    ("time_away", "How much time in hospital and away from home?"),
    ("benefit", "How many people did well? (out of 100)"),
    ("harm", "How many people had serious problems? (out of 100)"),
    ("side_effects", "What are the main side effects?"),
    ("caregiver", "What help will I need from a caregiver?"),
    ("cost", "What will it cost me, and where can I get help?"),
    ("sources", "Where do these facts come from?"),
)
TEXT_ASPECTS: tuple[str, ...] = (
    "how_given", "duration", "time_away", "side_effects", "caregiver", "cost"
)
DURATION_LABELS = {
    "one-time": "One-time",
    "a set course": "A set course",
    "ongoing": "Ongoing",
    "varies": "It varies",
    "none": "No treatment",
}
_DIGIT = re.compile(r"\d")
# Names with digits in them (CD19, BCL-2, ZUMA-1, anti-CD20) are names, not numbers.
_NAME_WITH_DIGITS = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*-?\d+[A-Za-z]?\b")


@dataclass(frozen=True)
class NumberLine:
    """One sourced number, phrased for people: both ways round, with who, when and where from."""

    kind: str
    treatment: str
    sentence: str
    population: str
    time_frame: str
    source_id: str
    how_sure: str = ""  # the interval in words, the study design, the check date
    measure_id: str = ""
    interval: str = ""  # the interval in words alone (part of how_sure)
    about_study: str = ""  # the design and check date alone (the rest of how_sure)

    def _worded(self, bold: str, italic: str) -> str:
        """The line, with the treatment and the labels wrapped in the given marks."""
        def label(word: str) -> str:
            return f"{italic}{word}{italic}"

        sure = f" {label('How sure:')} {self.how_sure}" if self.how_sure else ""
        return (
            f"{bold}{self.treatment}:{bold} {self.sentence} {label('Who:')} {self.population}. "
            f"{label('When:')} {self.time_frame}.{sure} (Source: {self.source_id})"
        )

    @property
    def text(self) -> str:
        """The line as plain text."""
        return self._worded("", "")

    @property
    def markdown(self) -> str:
        """The line as Markdown, the treatment in bold."""
        return self._worded("**", "*")


@dataclass(frozen=True)
class OptionCard:
    """One option for one diagnosis: its answers to every question in ASPECTS."""

    option_id: str
    name: str
    duration_kind: str
    cells: dict[str, str]
    benefits: tuple[NumberLine, ...]
    harms: tuple[NumberLine, ...]
    sources: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Which options, in which order
# --------------------------------------------------------------------------------------------
def _car_t_approved(content: Content, disease_id: str) -> bool:
    return any(r["disease_id"] == disease_id and r["car_t_status"] == "approved"
               for r in content.rows("diseases"))


def options_for(content: Content, disease_id: str) -> list[str]:
    """Option ids that apply to a diagnosis, in display order.

    The order is the `order` column of option_types.csv, except that CAR-T comes first only
    where CAR-T is approved for the disease (elsewhere just before clinical trials), and
    "not deciding yet" always comes last.
    An unknown disease gives an empty list.
    """
    applies = {r["option_id"] for r in content.rows("options") if r["disease_id"] == disease_id}
    if not applies:
        return []
    types = sorted(content.rows("option_types"), key=lambda r: r["order"])
    ordered = [r["option_id"] for r in types
               if r["option_id"] in applies and r["option_id"] not in ("car_t", LAST_OPTION)]
    if "car_t" in applies:
        # Where CAR-T is not approved it is research: it sits just before clinical trials.
        if _car_t_approved(content, disease_id):
            ordered.insert(0, "car_t")
        elif "clinical_trial" in ordered:
            ordered.insert(ordered.index("clinical_trial"), "car_t")
        else:
            ordered.append("car_t")
    if LAST_OPTION in applies:
        ordered.append(LAST_OPTION)
    return ordered


def present(value: object) -> bool:
    return not frequencies.is_missing(value)


def fits_lines(row: Mapping[str, Any], prior_lines: int | None) -> bool:
    if prior_lines is None:
        return True
    low, high = row["min_prior_lines"], row["max_prior_lines"]
    if present(low) and prior_lines < low:
        return False
    return not (present(high) and prior_lines > high)


def number_records(content: Content, disease_id: str) -> list[dict[str, Any]]:
    """The option_numbers rows of one diagnosis as plain dicts, in file order."""
    return [r for r in content.rows("option_numbers") if r["disease_id"] == disease_id]


def how_sure(content: Content, row: Mapping[str, Any]) -> str:
    """The 95% interval in words (where published), the study design and the check date."""
    return evidence.evidence_note(content, row, "per_100")


def lines_from(
    content: Content, records: list[dict[str, Any]], option_id: str, kind: str,
    prior_lines: int | None,
) -> tuple[NumberLine, ...]:
    out = []
    for row in records:
        if row["option_id"] != option_id or row["kind"] != kind:
            continue
        if not fits_lines(row, prior_lines):
            continue
        high = float(row["per_100_high"]) if present(row["per_100_high"]) else None
        opposite = row["opposite"] or "did not"
        sentence = (frequencies.both_ways(row["per_100"], row["measure"], opposite) if high is None
                    else frequencies.range_both_ways(float(row["per_100"]), high, row["measure"],
                                                     opposite))
        words = content.meta["evidence_words"]
        interval = evidence.interval_sentence(words, row.get("per_100"), row.get("ci_low"),
                                              row.get("ci_high"))
        about = (f"{evidence.design_sentence(words, row['design'])} "
                 f"{evidence.freshness(content, row)}").strip()
        out.append(
            NumberLine(
                kind=kind,
                treatment=row["treatment"],
                sentence=sentence,
                population=row["population"],
                time_frame=row["time_frame"],
                source_id=row["source_id"],
                how_sure=how_sure(content, row),
                measure_id=row["measure_id"],
                interval=interval,
                about_study=about,
            )
        )
    return tuple(out)


def study_groups(lines: tuple[NumberLine, ...]) -> list[tuple[NumberLine, ...]]:
    """Lines of the same study and the same people together, in the order they first come."""
    groups: dict[tuple[str, str], list[NumberLine]] = {}
    for line in lines:
        groups.setdefault((line.treatment, line.population), []).append(line)
    return [tuple(group) for group in groups.values()]


def numbers_markdown(lines: tuple[NumberLine, ...]) -> str:
    """Numbers as Markdown, said once per study: a header line with the study, who was in it
    and how it was done, then one bullet per number with when, how sure and the source."""
    blocks = []
    for group in study_groups(lines):
        first = group[0]
        shared = len({line.about_study for line in group}) == 1
        header = f"**{first.treatment}.** *Who was in it:* {first.population}."
        if shared and first.about_study:
            header += f" {first.about_study}"
        bullets = []
        for line in group:
            extra = " ".join(p for p in (line.interval, "" if shared else line.about_study) if p)
            bullets.append(f"- {line.sentence} *When:* {line.time_frame}."
                           + (f" {extra}" if extra else "") + f" (Source: {line.source_id})")
        blocks.append(header + "\n\n" + "\n".join(bullets))
    return "\n\n".join(blocks)


def _numbers_cell(content: Content, lines: tuple[NumberLine, ...], any_rows: bool,
                  prior_lines: int | None, note: str) -> str:
    if lines:
        return numbers_markdown(lines)
    if any_rows and prior_lines is not None:
        wording = "options_not_reported_one" if prior_lines == 1 else "options_not_reported_lines"
        return content.words(wording, lines=prior_lines)
    return note or NOT_REPORTED


# --------------------------------------------------------------------------------------------
# The grid
# --------------------------------------------------------------------------------------------
def _text(value: object) -> str:
    return str(value).strip() if present(value) else ""


def _cited(text: str) -> set[str]:
    found: set[str] = set()
    for match in content_mod.SOURCE_CITATION.finditer(text):
        found |= {s.strip() for s in match.group(1).split(",")}
    return found


def option_grid(
    content: Content, disease_id: str, prior_lines: int | None = None
) -> list[OptionCard]:
    """One card per option that applies to the diagnosis, in display order.

    Every cell is filled: a disease-specific text from options.csv if there is one, else the
    general text from option_types.csv; numbers say "Not reported in our sources." when absent.
    """
    types = {r["option_id"]: r for r in content.rows("option_types")}
    rows = {r["option_id"]: r for r in content.rows("options") if r["disease_id"] == disease_id}
    # One pass over the numbers of this diagnosis (filtering the table per option and kind
    # was most of this page's rerun time).
    records = number_records(content, disease_id)
    cards = []
    for option_id in options_for(content, disease_id):
        general, specific = types[option_id], rows[option_id]
        what = _text(general["plain"])
        if _text(specific["examples"]):
            what += f" Examples: {_text(specific['examples'])}."
        cells = {"what": what, "who_for": _text(specific["who_for"])}
        for key in TEXT_ASPECTS:
            cells[key] = _text(specific[key]) or _text(general[key])
        cells["duration"] = f"{DURATION_LABELS[general['duration_kind']]}. {cells['duration']}"
        kinds = {row["kind"] for row in records if row["option_id"] == option_id}
        note = _text(general["numbers_note"])
        benefits = lines_from(content, records, option_id, "benefit", prior_lines)
        harms = lines_from(content, records, option_id, "harm", prior_lines)
        cells["benefit"] = _numbers_cell(content, benefits, "benefit" in kinds, prior_lines, note)
        cells["harm"] = _numbers_cell(content, harms, "harm" in kinds, prior_lines, note)
        # Facts about the path itself (never reaching the transplant or the infusion) are
        # neither a benefit nor a side effect: they belong with how the treatment is given.
        route = lines_from(content, records, option_id, "route", prior_lines)
        if route:
            cells["how_given"] = f"{cells['how_given']}\n\n{numbers_markdown(route)}"
        sources = [specific["source_id"], _text(general["source_id"])]
        sources += [line.source_id for line in benefits + harms + route]
        for key in ("what", "who_for", *TEXT_ASPECTS):
            sources += sorted(_cited(cells[key]))
        unique = tuple(dict.fromkeys(s for s in sources if s))
        cells["sources"] = ", ".join(unique)
        cards.append(
            OptionCard(
                option_id=option_id,
                name=_text(general["name"]),
                duration_kind=general["duration_kind"],
                cells={key: cells[key] for key, _ in ASPECTS},
                benefits=benefits,
                harms=harms,
                sources=unique,
            )
        )
    return cards


# The page's sections that the jump list at the top links to: (anchor, link words).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("same-study", "Results from the same study"),
    ("each-option", "What each option is like"),
    ("cost-and-help", "Costs and where to get help"),
)


def jump_list(has_studies: bool, has_options: bool) -> str:
    """Markdown links to the page's sections (only those shown)."""
    shown = {"same-study": has_studies, "each-option": has_options, "cost-and-help": True}
    links = [f"[{words}](#{anchor})" for anchor, words in SECTIONS if shown[anchor]]
    return "**On this page:** " + " · ".join(links)


def comparability_note(content: Content, cards: list[OptionCard], key: str) -> str:
    """Under the benefits or harms of two or three options side by side: what each of them
    reports, and what is not reported in a comparable way (only some options have it)."""
    if key not in BENEFIT_HARM or len(cards) < 2:
        return ""
    names = {r["measure_id"]: r["name"] for r in content.rows("measures")}
    held = [{line.measure_id for line in (card.benefits if key == "benefit" else card.harms)}
            for card in cards]
    shared = set.intersection(*held)
    order = list(names)
    parts = []
    if shared:
        parts.append(content.words(
            "options_reported_for_each",
            measures="; ".join(names[m] for m in sorted(shared, key=order.index)),
        ))
    for measure in sorted(set.union(*held) - shared, key=order.index):
        having = [card.name for card, h in zip(cards, held, strict=True) if measure in h]
        parts.append(content.words("options_not_comparable", measure=names[measure],
                                   options=" and ".join(having)))
    return " ".join(parts)


def capital(text: str) -> str:
    """The text with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def plain_cell(card: OptionCard, key: str) -> str:
    """One answer as plain text (no Markdown), for tables and downloads."""
    if key in ("benefit", "harm"):
        lines = card.benefits if key == "benefit" else card.harms
        if lines:
            return " ".join(f"• {line.text}" for line in lines)
    return card.cells[key].replace("**", "").replace("*", "")


def question_frame(cards: list[OptionCard], key: str) -> pd.DataFrame:
    """One question across all options: a two-column table (option, answer), in display order."""
    return pd.DataFrame(
        {"Option": [card.name for card in cards],
         "Answer": [plain_cell(card, key) for card in cards]}
    )


def price_frame(content: Content, disease_id: str | None = None) -> pd.DataFrame:
    """List prices with date and source; "not reported" where none is known. With a
    `disease_id`, only the products approved for that cancer (all of them when none is)."""
    approved = {r["product_id"] for r in content.rows("indications")
                if r["disease_id"] == disease_id}
    rows = []
    for product in content.rows("products"):
        if approved and product["product_id"] not in approved:
            continue
        mine = [p for p in content.rows("prices") if p["product_id"] == product["product_id"]]
        if not mine:
            rows.append(
                {
                    "Product": product["brand"],
                    "List price (US dollars)": "Not reported in our sources",
                    "As of": "",
                    "Source": "",
                }
            )
        for price in mine:
            label = product["brand"]
            if price["applies_to"]:
                label += f" ({price['applies_to']})"
            rows.append(
                {
                    "Product": label,
                    "List price (US dollars)": f"${int(price['price_usd']):,}",
                    "As of": price["as_of"],
                    "Source": price["source_id"],
                }
            )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Cross-file checks, registered with the content loader
# --------------------------------------------------------------------------------------------
def _digit_cells_cite_sources(frame: pd.DataFrame, file: str, columns: tuple[str, ...],
                              known: frozenset[str]) -> list[Problem]:
    problems = []
    for i, row in frame.reset_index(drop=True).iterrows():
        for column in columns:
            text = _text(row[column])
            bare = _NAME_WITH_DIGITS.sub("", content_mod.SOURCE_CITATION.sub("", text))
            if not _DIGIT.search(bare):
                continue
            cited = _cited(text)
            if not cited:
                problems.append(
                    Problem(file, "states a number without '(Source: ID)'", int(i) + 2, column)
                )
            for sid in sorted(cited - known):
                problems.append(Problem(file, f"cites unknown source '{sid}'", int(i) + 2, column))
    return problems


def validate_options(content: Content) -> list[Problem]:
    """Every problem across option_types, options, option_numbers and prices."""
    problems: list[Problem] = []
    types = content.table("option_types")
    rows = content.table("options")
    nums = content.table("option_numbers")
    if sorted(types["option_id"]) != sorted(OPTION_IDS):
        problems.append(
            Problem("option_types.csv", f"must have exactly these option ids: {OPTION_IDS}")
        )
    pairs = list(zip(rows["disease_id"], rows["option_id"], strict=True))
    for i, pair in enumerate(pairs):
        if pair in pairs[:i]:
            problems.append(Problem("options.csv", f"duplicate {pair}", i + 2, "option_id"))
        if rows.iloc[i]["row_id"] != f"{pair[0]}__{pair[1]}":
            problems.append(
                Problem("options.csv", "row_id must be '<disease_id>__<option_id>'", i + 2)
            )
    for disease_id in content.table("diseases")["disease_id"]:
        mine = {o for d, o in pairs if d == disease_id}
        for option_id in ALWAYS:
            if option_id not in mine:
                problems.append(
                    Problem("options.csv", f"'{disease_id}' has no '{option_id}' row")
                )
        if "car_t" in mine and not _car_t_approved(content, disease_id):
            problems.append(
                Problem("options.csv", f"'{disease_id}' has a car_t row but CAR-T is not approved")
            )
    for i, (d, o) in enumerate(zip(nums["disease_id"], nums["option_id"], strict=True)):
        if (d, o) not in pairs:
            problems.append(
                Problem("option_numbers.csv", f"no options.csv row for ({d}, {o})", i + 2)
            )
    known = content.source_ids()
    problems += _digit_cells_cite_sources(
        types, "option_types.csv", ("plain", *TEXT_ASPECTS, "numbers_note"), known
    )
    problems += _digit_cells_cite_sources(
        rows, "options.csv", ("examples", "who_for", *TEXT_ASPECTS), known
    )
    return problems


# --------------------------------------------------------------------------------------------
# Words for the page
# --------------------------------------------------------------------------------------------
LABELS: dict[str, str] = dict(ASPECTS)
BENEFIT_HARM: tuple[str, str] = ("benefit", "harm")


def cell_markdown(card: OptionCard, key: str) -> str:
    """One answer of one option as Markdown: the question in bold, then the answer.

    Lists (the numbers) start on their own line; short answers follow the question inline.
    """
    cell = card.cells[key]
    if cell.startswith(("- ", "**")):
        return f"**{LABELS[key]}**\n\n{cell}"
    return f"**{LABELS[key]}** {cell}"


def card_markdown(card: OptionCard, keys: tuple[str, ...]) -> str:
    """Several answers of one option as Markdown, in the order given."""
    return "\n\n".join(cell_markdown(card, key) for key in keys)


KEYS: tuple[str, ...] = tuple(key for key, _ in ASPECTS)
# The compare view shows the questions in three tabs, in ASPECTS order, so that the page stays
# short: (tab label, question keys).
def short_names(content: Content) -> dict[str, str]:
    """Option name -> its short name (option_types.short_name), for a chip on a phone."""
    return {r["name"]: r["short_name"] or r["name"] for r in content.rows("option_types")}


COMPARE_TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("What it is and how it is given", KEYS[: KEYS.index("benefit")]),
    ("Benefits and harms", ("benefit", "harm", "side_effects")),
    ("Help, costs and sources", KEYS[KEYS.index("side_effects") + 1 :]),
)
# Benefits and harms sit next to each other, between these two groups of questions.
BEFORE_NUMBERS: tuple[str, ...] = KEYS[: KEYS.index("benefit")]
AFTER_NUMBERS: tuple[str, ...] = KEYS[KEYS.index("harm") + 1 :]
