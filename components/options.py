"""The option grid: CAR-T beside the alternatives for one diagnosis, in a fixed order.

Pure (no Streamlit). Reads the `option_types`, `options`, `option_numbers` and `prices` tables
of the loaded content. Benefits and harms are built by the same function, in the same shape and
wording, so they get the same weight on screen. Every number is phrased out of 100, both ways
round, with who it was measured in, when, and its source.

Public API:
- `options_for(content, disease_id) -> list[str]`: option ids in display order.
- `option_grid(content, disease_id, prior_lines=None) -> list[OptionCard]`: one card per option.
- `grid_frame(cards) -> DataFrame`: the same grid as a table (questions as rows, options as
  columns), for a table view.
- `price_frame(content) -> DataFrame`: list prices with dates and sources, "not reported" where
  our sources give none.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from components import content as content_mod
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

    @property
    def text(self) -> str:
        """The line as plain text."""
        return (
            f"{self.treatment}: {self.sentence} Who: {self.population}. "
            f"When: {self.time_frame}. (Source: {self.source_id})"
        )

    @property
    def markdown(self) -> str:
        """The line as Markdown, the treatment in bold."""
        return (
            f"**{self.treatment}:** {self.sentence} *Who:* {self.population}. "
            f"*When:* {self.time_frame}. (Source: {self.source_id})"
        )


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
    diseases = content.table("diseases")
    row = diseases[diseases["disease_id"] == disease_id]
    return not row.empty and row.iloc[0]["car_t_status"] == "approved"


def options_for(content: Content, disease_id: str) -> list[str]:
    """Option ids that apply to a diagnosis, in display order.

    The order is the `order` column of option_types.csv, except that CAR-T comes first only
    where CAR-T is approved for the disease (elsewhere just before clinical trials), and
    "not deciding yet" always comes last.
    An unknown disease gives an empty list.
    """
    rows = content.table("options")
    applies = set(rows.loc[rows["disease_id"] == disease_id, "option_id"])
    if not applies:
        return []
    types = content.table("option_types").sort_values("order")
    ordered = [o for o in types["option_id"] if o in applies and o not in ("car_t", LAST_OPTION)]
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


# --------------------------------------------------------------------------------------------
# Numbers out of 100
# --------------------------------------------------------------------------------------------
def _whole(value: float) -> int:
    """Round half up, as people do (12.5 -> 13), not to even."""
    return int(math.floor(value + 0.5))


def count_phrase(per_100: float) -> str:
    """A share of 100 people in words: "13", "about 63" (63.1), "fewer than 1" (0.3),
    "more than 99" (99.7)."""
    if 0 < per_100 < 0.5:
        return "fewer than 1"
    if 99.5 < per_100 < 100:
        return "more than 99"
    whole = _whole(per_100)
    return str(whole) if math.isclose(per_100, whole) else f"about {whole}"


def _complement(per_100: float) -> str:
    """The rest of the 100, rounded so that the two numbers add up to 100."""
    if 0 < per_100 < 0.5:
        return "more than 99"
    if 99.5 < per_100 < 100:
        return "fewer than 1"
    whole = _whole(per_100)
    rest = 100 - whole
    return str(rest) if math.isclose(per_100, whole) else f"about {rest}"


def per_100_sentence(low: float, high: float | None, measure: str, opposite: str = "") -> str:
    """ "13 out of 100 had severe CRS; 87 out of 100 did not." (a range when `high` is given)."""
    opposite = opposite or "did not"
    if high is None or math.isclose(low, high):
        return (
            f"{count_phrase(low)} out of 100 {measure}; "
            f"{_complement(low)} out of 100 {opposite}."
        )
    lo, hi = _whole(low), _whole(high)
    return (
        f"between {lo} and {hi} out of 100 {measure}; "
        f"between {100 - hi} and {100 - lo} out of 100 {opposite}."
    )


def _present(value: object) -> bool:
    return not content_mod._missing(value) and value != ""


def _fits_lines(row: pd.Series, prior_lines: int | None) -> bool:
    if prior_lines is None:
        return True
    low, high = row["min_prior_lines"], row["max_prior_lines"]
    if _present(low) and prior_lines < low:
        return False
    return not (_present(high) and prior_lines > high)


def number_lines(
    content: Content, disease_id: str, option_id: str, kind: str, prior_lines: int | None = None
) -> tuple[NumberLine, ...]:
    """The sourced numbers of one kind ("benefit" or "harm") for an option, in file order.

    With `prior_lines`, only numbers measured in people with that many earlier treatments.
    """
    nums = content.table("option_numbers")
    rows = nums[
        (nums["disease_id"] == disease_id)
        & (nums["option_id"] == option_id)
        & (nums["kind"] == kind)
    ]
    out = []
    for _, row in rows.iterrows():
        if not _fits_lines(row, prior_lines):
            continue
        high = float(row["per_100_high"]) if _present(row["per_100_high"]) else None
        sentence = per_100_sentence(float(row["per_100"]), high, row["measure"], row["opposite"])
        out.append(
            NumberLine(
                kind=kind,
                treatment=row["treatment"],
                sentence=sentence[0].upper() + sentence[1:],
                population=row["population"],
                time_frame=row["time_frame"],
                source_id=row["source_id"],
            )
        )
    return tuple(out)


def _numbers_cell(lines: tuple[NumberLine, ...], any_rows: bool, prior_lines: int | None,
                  note: str) -> str:
    if lines:
        return "\n".join(f"- {line.markdown}" for line in lines)
    if any_rows and prior_lines is not None:
        return (
            f"Not reported in our sources for people with {prior_lines} earlier "
            f"treatment{'s' if prior_lines != 1 else ''}."
        )
    return note or NOT_REPORTED


# --------------------------------------------------------------------------------------------
# The grid
# --------------------------------------------------------------------------------------------
def _text(value: object) -> str:
    return str(value).strip() if _present(value) else ""


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
    types = content.table("option_types").set_index("option_id")
    rows = content.table("options")
    rows = rows[rows["disease_id"] == disease_id].set_index("option_id")
    all_numbers = content.table("option_numbers")
    cards = []
    for option_id in options_for(content, disease_id):
        general, specific = types.loc[option_id], rows.loc[option_id]
        what = _text(general["plain"])
        if _text(specific["examples"]):
            what += f" Examples: {_text(specific['examples'])}."
        cells = {"what": what, "who_for": _text(specific["who_for"])}
        for key in TEXT_ASPECTS:
            cells[key] = _text(specific[key]) or _text(general[key])
        cells["duration"] = f"{DURATION_LABELS[general['duration_kind']]}. {cells['duration']}"
        mine = all_numbers[
            (all_numbers["disease_id"] == disease_id) & (all_numbers["option_id"] == option_id)
        ]
        note = _text(general["numbers_note"])
        benefits = number_lines(content, disease_id, option_id, "benefit", prior_lines)
        harms = number_lines(content, disease_id, option_id, "harm", prior_lines)
        cells["benefit"] = _numbers_cell(
            benefits, bool((mine["kind"] == "benefit").any()), prior_lines, note
        )
        cells["harm"] = _numbers_cell(
            harms, bool((mine["kind"] == "harm").any()), prior_lines, note
        )
        sources = [specific["source_id"], _text(general["source_id"])]
        sources += [line.source_id for line in benefits + harms]
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


def plain_cell(card: OptionCard, key: str) -> str:
    """One answer as plain text (no Markdown), for tables and downloads."""
    if key in ("benefit", "harm"):
        lines = card.benefits if key == "benefit" else card.harms
        if lines:
            return " ".join(f"• {line.text}" for line in lines)
    return card.cells[key].replace("**", "").replace("*", "")


def grid_frame(cards: list[OptionCard]) -> pd.DataFrame:
    """The grid as a table: one row per question (in ASPECTS order), one column per option."""
    data = {card.name: [plain_cell(card, key) for key, _ in ASPECTS] for card in cards}
    frame = pd.DataFrame(data, index=[label for _, label in ASPECTS])
    frame.index.name = "Question"
    return frame


def question_frame(cards: list[OptionCard], key: str) -> pd.DataFrame:
    """One question across all options: a two-column table (option, answer), in display order."""
    return pd.DataFrame(
        {"Option": [card.name for card in cards],
         "Answer": [plain_cell(card, key) for card in cards]}
    )


def price_frame(content: Content) -> pd.DataFrame:
    """List prices for every product, with date and source; "not reported" where none is known."""
    prices = content.table("prices")
    rows = []
    for _, product in content.table("products").iterrows():
        mine = prices[prices["product_id"] == product["product_id"]]
        if mine.empty:
            rows.append(
                {
                    "Product": product["brand"],
                    "List price (US dollars)": "Not reported in our sources",
                    "As of": "",
                    "Source": "",
                }
            )
        for _, price in mine.iterrows():
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
                              known: set[str]) -> list[Problem]:
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


if validate_options not in content_mod.VALIDATORS:
    content_mod.VALIDATORS.append(validate_options)


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
    if cell.startswith("- "):
        return f"**{LABELS[key]}**\n\n{cell}"
    return f"**{LABELS[key]}** {cell}"


def card_markdown(card: OptionCard, keys: tuple[str, ...]) -> str:
    """Several answers of one option as Markdown, in the order given."""
    return "\n\n".join(cell_markdown(card, key) for key in keys)


KEYS: tuple[str, ...] = tuple(key for key, _ in ASPECTS)
# Benefits and harms sit next to each other, between these two groups of questions.
BEFORE_NUMBERS: tuple[str, ...] = KEYS[: KEYS.index("benefit")]
AFTER_NUMBERS: tuple[str, ...] = KEYS[KEYS.index("harm") + 1 :]
