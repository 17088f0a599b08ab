"""The content schema: every CSV file in data/ declared once, with its columns, their kinds and
allowed values, the references between tables and the checks on each row; and the closed lists
the evidence model relies on (kinds of source, study designs, grading systems). Read by the
loader in `components.content`. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypedDict

from components.frequencies import is_missing


@dataclass(frozen=True)
class Col:
    """A column of a content table.

    kind: "str", "int", "float", "date" (YYYY-MM-DD), "partial_date" (YYYY, YYYY-MM or
    YYYY-MM-DD, kept as text: some approval dates are only known to the month) or "bool".
    required: an empty cell is a problem. Empty optional numbers become <NA> (shown as
    "not reported", never guessed).
    ref: "table.column" that every non-empty value must exist in.
    """

    name: str
    kind: str = "str"
    required: bool = True
    choices: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    ref: str | None = None


RowCheck = Callable[[dict[str, Any]], list[tuple[str, str]]]


@dataclass(frozen=True)
class Table:
    """A CSV file in data/ with its columns; `key` must be unique; `checks` validate a row."""

    name: str
    columns: tuple[Col, ...]
    key: str | None = None
    checks: tuple[RowCheck, ...] = ()

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _ordered(*pairs: tuple[str, str]) -> RowCheck:
    """A row check: each (low, high) column pair, when both are present, has low <= high."""

    def check(row: dict[str, Any]) -> list[tuple[str, str]]:
        out = []
        for low, high in pairs:
            a, b = row.get(low), row.get(high)
            if not is_missing(a) and not is_missing(b) and a > b:  # type: ignore[operator]
                out.append((high, f"'{high}' ({b}) is smaller than '{low}' ({a})"))
        return out

    return check


class _Per100(TypedDict):
    kind: str
    min: float
    max: float


PER_100: _Per100 = {"kind": "float", "min": 0, "max": 100}
# What a source is. Efficacy and safety numbers may cite only EVIDENCE_KINDS (rules in
# components.evidence); makers' pages, news and the rest only logistics and prices.
SOURCE_KINDS: tuple[str, ...] = (
    "label", "fda_review", "fda_notice", "trial_paper", "guideline", "review", "maker",
    "patient_org", "news",
)


EVIDENCE_KINDS: tuple[str, ...] = ("label", "fda_review", "fda_notice", "trial_paper", "guideline")
# How the people behind a number were studied.
DESIGNS: tuple[str, ...] = ("randomised", "single-group", "observational", "meta-analysis")
# The grading system behind a CRS or neurologic number.
GRADINGS: tuple[str, ...] = ("ASTCT 2019", "Lee 2014", "Penn", "CTCAE", "not stated")
# Side effects whose numbers depend on a grading system (for option numbers: measures.csv).
GRADED_EFFECTS: tuple[str, ...] = ("crs", "neuro", "icans")
# The sentences that put a number's certainty and freshness into words (meta.toml).
EVIDENCE_WORDS: tuple[str, ...] = (
    "interval", "checked", "stale", *(f"design_{d.replace('-', '_')}" for d in DESIGNS),
    "significant_yes", "significant_no", "significant_not_tested", "hazard_ratio",
    "hazard_ratio_help",
    "crossover",
)


def evidence_columns(*ci_of: str) -> tuple[Col, ...]:
    """The columns every number row carries, benefit or harm alike (equal detail, IPDAS):
    who and how many, when, how they were studied, the grading, the 95% interval of each
    number (`<value>_ci_low/_ci_high`, or `ci_low/ci_high` for a table with one number),
    where in the source, and when we checked it."""
    cis: list[Col] = []
    for value in ci_of:
        prefix = f"{value}_" if value else ""
        cis += [Col(f"{prefix}ci_low", "float", required=False, min=0, max=100),
                Col(f"{prefix}ci_high", "float", required=False, min=0, max=100)]
    return (
        Col("n", "int", required=False, min=1),  # required with a number (evidence.py)
        Col("time_frame"),
        Col("design", choices=DESIGNS),
        Col("grading", required=False, choices=GRADINGS),
        *cis,
        Col("locator"),
        Col("checked", "date"),
    )


# The number tables and, for each, its value columns and the interval columns that go with them.
NUMBER_TABLES: dict[str, dict[str, str]] = {
    "outcomes": {"per_100": ""},
    "option_numbers": {"per_100": ""},
    "side_effects": {"any_grade_per_100": "any_grade_", "grade3_per_100": "grade3_"},
}


TABLES: tuple[Table, ...] = (
    Table(
        # How each measure of product_timing.csv reads: in a sentence ({amount}, {infusion}),
        # when a product has no number for it, and said to the caregiver.
        "timing_measures",
        key="measure",
        columns=(
            Col("measure"),
            Col("sentence"),
            Col("missing", required=False),
            Col("caregiver_sentence", required=False),
            Col("caregiver_missing", required=False),
        ),
    ),
    Table(
        # Sentences the code puts together with a value or two ({product}, {cancer}, ...): kept
        # here so the reading-level, glossary and citation checks see them (Content.words).
        "wording",
        key="wording_id",
        columns=(Col("wording_id"), Col("plain")),
    ),
    Table(
        "sources",
        key="source_id",
        columns=(
            Col("source_id"),
            Col("kind", choices=SOURCE_KINDS),
            Col("authors"),  # first author "Neelapu SS, et al." or the issuer
            Col("title"),
            Col("container"),  # journal, volume and pages; "US prescribing information"; ...
            Col("year", "int", min=1990, max=2030),
            Col("revision", "partial_date", required=False),  # a label's or a page's revision
            Col("doi", required=False),
            Col("pmid", required=False),
            Col("setid", required=False),  # DailyMed set id of a prescribing label
            Col("url"),  # the canonical address, never a reprint (evidence.source_problems)
            Col("read_via", required=False),  # the copy we read, when not the original
            Col("note", required=False),
        ),
    ),
    Table(
        "products",
        key="product_id",
        columns=(
            Col("product_id"),
            Col("brand"),
            Col("generic"),
            Col("target", choices=("CD19", "BCMA")),
            Col("maker"),
            Col("infusion", required=False),
            Col("source_id", ref="sources.source_id"),
        ),
    ),
    Table(
        "diseases",
        key="disease_id",
        columns=(
            Col("disease_id"),
            Col("order", "int", min=0),
            Col("name"),
            Col("short_name"),
            Col("plain", required=True),
            Col("car_t_status", choices=("approved", "trial only")),
            Col("source_id", ref="sources.source_id"),
        ),
    ),
    Table(
        "indications",
        key="indication_id",
        columns=(
            Col("indication_id"),
            Col("product_id", ref="products.product_id"),
            Col("disease_id", ref="diseases.disease_id"),
            Col("min_prior_lines", "int", min=0, max=10),
            Col("max_prior_lines", "int", required=False, min=0, max=10),
            Col("line_plain"),
            Col("extra_conditions", required=False),
            # The conditions the finder checks: "a;b" both, "a|b" either (approval_conditions).
            Col("requires", required=False),
            Col("min_age", "int", required=False, min=0, max=120),
            Col("max_age", "int", required=False, min=0, max=120),
            Col("approved", "partial_date", required=False),
            Col("approval_type", choices=("regular", "accelerated", "not confirmed")),
            Col("trial", required=False),
            Col("source_id", ref="sources.source_id"),
        ),
        checks=(_ordered(("min_age", "max_age"), ("min_prior_lines", "max_prior_lines")),),
    ),
    # One condition of an approval that an answer decides (see indications.requires).
    Table(
        "approval_conditions",
        key="condition_id",
        columns=(
            Col("condition_id"),
            Col("question_id"),
            Col("meets"),
            Col("fails", required=False),
            Col("needs"),
            Col("told_not"),
        ),
    ),
    Table(
        "glossary",
        key="term",
        columns=(Col("term"), Col("plain"), Col("also_called", required=False)),
    ),
    # [journey tables]
    Table(
        "journey",
        key="phase_id",
        columns=(
            Col("phase_id"),
            Col("order", "int", min=1, max=20),
            Col("title"),
            Col("question"),
        ),
    ),
    Table(
        "product_timing",
        columns=(
            Col("product_id", required=False, ref="products.product_id"),
            Col(
                "measure",
                ref="timing_measures.measure",
            ),
            Col("value", "float", required=False, min=0, max=400),
            Col("low", "float", required=False, min=0, max=400),
            Col("high", "float", required=False, min=0, max=400),
            Col("basis", choices=("exactly", "about", "median", "at least", "range")),
            Col(
                "status",
                choices=("label", "June 2025 rule", "advice at approval", "study", "maker"),
            ),
            Col("note", required=False),
            Col("locator"),  # where in the source the number is
            Col("checked", "date"),
            Col("source_id", ref="sources.source_id"),
        ),
        checks=(_ordered(("low", "value"), ("value", "high"), ("low", "high")),),
    ),
    # [caregiver tables] The caregiver page's short words: gap tasks and questions
    # (components/rota.py, components/ui_caregiver.py).
    # [side-effect and outcome tables]
    Table(
        "side_effects",
        key="row_id",
        columns=(
            Col("row_id"),
            Col("product_id", ref="products.product_id"),
            # Empty disease and indication: the row is about the product in every use.
            Col("disease_id", required=False, ref="diseases.disease_id"),
            Col("indication_id", required=False, ref="indications.indication_id"),
            Col("trial"),
            Col("data_set"),  # which label version or publication, and which people
            Col(
                "effect",
                choices=(
                    "crs", "neuro", "icans", "mnt", "cytopenia", "infection",
                    "low_antibodies", "hlh", "secondary_cancer", "serious", "enterocolitis",
                    "early_death",
                ),
            ),
            Col("any_grade_per_100", required=False, **PER_100),
            Col("grade3_per_100", required=False, **PER_100),
            Col("severe_meaning", required=False),  # e.g. "grade 3 or 4", as the source says
            Col("died_n", "int", required=False, min=0),
            Col("died_per_100", required=False, **PER_100),
            Col("onset_median_day", "float", required=False, min=0, max=400),
            Col("onset_low", "float", required=False, min=0, max=400),
            Col("onset_high", "float", required=False, min=0, max=400),
            Col("duration_median_days", "float", required=False, min=0, max=500),
            Col("duration_low", "float", required=False, min=0, max=500),
            Col("duration_high", "float", required=False, min=0, max=500),
            # What the low-high numbers are: the whole range, or the middle half (IQR).
            Col("spread", required=False, choices=("range", "IQR")),
            *evidence_columns("any_grade", "grade3"),
            Col("note", required=False),
            Col("source_id", ref="sources.source_id"),
        ),
        checks=(
            _ordered(
                ("grade3_per_100", "any_grade_per_100"),
                ("onset_low", "onset_median_day"),
                ("onset_median_day", "onset_high"),
                ("duration_low", "duration_median_days"),
                ("duration_median_days", "duration_high"),
                ("died_n", "n"),
            ),
        ),
    ),
    Table(
        "outcomes",
        key="row_id",
        columns=(
            Col("row_id"),
            Col("product_id", ref="products.product_id"),
            Col("disease_id", ref="diseases.disease_id"),
            Col("indication_id", ref="indications.indication_id"),
            Col("trial"),
            Col("data_set"),  # which analysis and which people, as the source describes them
            # Who the number counts: only people who got the infusion, or everyone who joined.
            Col("counted", choices=("infused", "all enrolled", "not stated")),
            Col("main", "bool"),  # shown as an icon array; other rows as sentences below
            Col(
                "outcome",
                choices=(
                    "response", "complete response", "still in response", "progression-free",
                    "event-free", "alive",
                ),
            ),
            Col("definition"),
            Col("per_100", required=False, **PER_100),
            *evidence_columns(""),
            Col("follow_up", required=False),
            Col("note", required=False),
            Col("source_id", ref="sources.source_id"),
        ),
    ),
    # [options tables]
    Table(
        # What a number measures. Numbers sit side by side only when the measure, the grading
        # and the time frame agree (components.evidence.comparison_problems).
        "measures",
        key="measure_id",
        columns=(Col("measure_id"), Col("name"), Col("graded", "bool")),
    ),
    Table(
        "option_types",
        key="option_id",
        columns=(
            Col("option_id"),
            Col("order", "int", min=0),
            Col("name"),
            Col("short_name", required=False),  # for a chip on a phone; `name` when empty
            Col("plain"),
            Col("how_given"),
            Col("duration"),
            Col("duration_kind", choices=("one-time", "a set course", "ongoing", "varies", "none")),
            Col("time_away"),
            Col("side_effects"),
            Col("caregiver"),
            Col("cost"),
            Col("numbers_note", required=False),
            Col("term", required=False, ref="glossary.term"),
            Col("source_id", required=False, ref="sources.source_id"),
        ),
    ),
    Table(
        "options",
        key="row_id",
        columns=(
            Col("row_id"),
            Col("disease_id", ref="diseases.disease_id"),
            Col("option_id", ref="option_types.option_id"),
            Col("examples", required=False),
            Col("who_for"),
            Col("how_given", required=False),
            Col("duration", required=False),
            Col("time_away", required=False),
            Col("side_effects", required=False),
            Col("caregiver", required=False),
            Col("cost", required=False),
            Col("source_id", ref="sources.source_id"),
        ),
    ),
    Table(
        "option_numbers",
        key="number_id",
        columns=(
            Col("number_id"),
            Col("disease_id", ref="diseases.disease_id"),
            Col("option_id", ref="option_types.option_id"),
            # "route": a fact about the path itself (e.g. how many never reached the transplant
            # or the infusion), shown under "How is it given?", not as a benefit or a harm.
            Col("kind", choices=("benefit", "harm", "route")),
            Col("treatment"),
            Col("measure_id", ref="measures.measure_id"),
            Col("measure"),
            Col("opposite", required=False),
            Col("per_100", **PER_100),
            Col("per_100_high", required=False, **PER_100),
            Col("population"),
            *evidence_columns(""),
            Col("min_prior_lines", "int", required=False, min=0, max=10),
            Col("max_prior_lines", "int", required=False, min=0, max=10),
            # Rows of two options with the same `compare` id are the same measure from the same
            # trial, shown next to each other (components.trials.head_to_head); the comparison
            # itself (hazard ratio, significance, crossover) is a row of comparisons.csv.
            Col("compare", required=False, ref="comparisons.compare_id"),
            Col("source_id", ref="sources.source_id"),
        ),
        checks=(_ordered(("per_100", "per_100_high"), ("min_prior_lines", "max_prior_lines")),),
    ),
    Table(
        # One randomised head-to-head comparison: what the difference between the groups was,
        # whether it was statistically significant, and who crossed over to the other treatment.
        "comparisons",
        key="compare_id",
        columns=(
            Col("compare_id"),
            Col("trial"),
            Col("n_total", "int", min=2),
            Col("measure_id", ref="measures.measure_id"),
            Col("hazard_ratio", "float", required=False, min=0, max=10),
            Col("hr_ci_low", "float", required=False, min=0, max=10),
            Col("hr_ci_high", "float", required=False, min=0, max=10),
            Col("p_value", required=False),
            Col("significant", choices=("yes", "no", "not tested")),
            Col("crossover"),
            # The result in words, for a comparison reported only as medians (no option numbers).
            Col("result", required=False),
            Col("locator"),
            Col("checked", "date"),
            Col("source_id", ref="sources.source_id"),
        ),
        checks=(_ordered(("hr_ci_low", "hazard_ratio"), ("hazard_ratio", "hr_ci_high")),),
    ),
    Table(
        "prices",
        key="price_id",
        columns=(
            Col("price_id"),
            Col("product_id", ref="products.product_id"),
            Col("applies_to", required=False),
            Col("price_usd", "int", min=1000, max=5_000_000),
            Col("as_of", "partial_date"),
            Col("source_id", ref="sources.source_id"),
            Col("note", required=False),
        ),
    ),
    # [questionnaire tables]
    Table(
        # How well each option fits each "What matters to me" value; checked against
        # questionnaire.json by components.questionnaire.validate_questionnaire.
        "option_values",
        columns=(
            Col("option_id"),
            Col("value_id"),
            Col("fit", choices=("fits", "depends", "works against")),
            Col("reason"),
            Col("source_id", required=False, ref="sources.source_id"),
        ),
    ),
)
