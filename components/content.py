"""Load and validate everything in data/: typed tables, metadata, prose and JSON documents.

Validation fails closed: any problem raises `ContentError` listing every problem with the file,
row (as a line number in the CSV, header = line 1) and column, so a maintainer can fix it.
The app then shows a calm message and no numbers.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pickle
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

SOURCE_CITATION = re.compile(r"\(Sources?: ([^)]+)\)")
HTML_TAG = re.compile(r"<\s*[a-zA-Z!/]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", line {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised when content cannot be loaded; `problems` says exactly what and where."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems[:20]))


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
            if not _missing(a) and not _missing(b) and a > b:
                out.append((high, f"'{high}' ({b}) is smaller than '{low}' ({a})"))
        return out

    return check


PER_100 = {"kind": "float", "min": 0, "max": 100}

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

# Every measure of product_timing.csv (days, relative to the journey step it describes).
PRODUCT_TIMING_MEASURES: tuple[str, ...] = (
    "manufacturing_days",
    "vein_to_vein_days",
    "ld_days",
    "ld_gap_days",
    "second_dose_day",
    "daily_monitoring_days",
    "monitoring_days",
    "caregiver_days",
    "stay_nearby_days",
    "no_driving_days",
)

# ---------------------------------------------------------------------------------------------
# The table registry. Every CSV in data/ is declared here, and only here.
# ---------------------------------------------------------------------------------------------
TABLES: tuple[Table, ...] = (
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
                choices=PRODUCT_TIMING_MEASURES,
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
            # trial, shown next to each other (components.options.head_to_head); the comparison
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

# Cross-file validators added by other pure modules (for example the questionnaire). Each takes
# the loaded Content and returns problems. Registered here so that one load validates all.
Validator = Callable[["Content"], list[Problem]]
VALIDATORS: list[Validator] = []

# The modules that register a validator when imported; load_content imports them first, so
# validation never depends on which page happened to import what.
VALIDATOR_MODULES: tuple[str, ...] = (
    "components.evidence",
    "components.finder",
    "components.journey",
    "components.risk",
    "components.options",
    "components.questionnaire",
)


@dataclass(frozen=True)
class Content:
    """Everything in data/, typed and validated."""

    tables: dict[str, pd.DataFrame]
    meta: dict[str, Any]
    texts: dict[str, str]
    documents: dict[str, Any] = field(default_factory=dict)
    # Derived from `tables` (also by dataclasses.replace), never passed in.
    records: dict[str, tuple[dict[str, Any], ...]] = field(
        init=False, repr=False, compare=False
    )
    known_sources: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        records = {name: _as_records(frame) for name, frame in self.tables.items()}
        object.__setattr__(self, "records", records)
        sources = self.tables.get("sources")
        known = frozenset() if sources is None else frozenset(sources["source_id"])
        object.__setattr__(self, "known_sources", known)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def rows(self, name: str) -> tuple[dict[str, Any], ...]:
        """A table's rows as plain dicts, empty cells as None. Built once at load: filtering
        these is about a hundred times quicker than filtering the DataFrame on every rerun."""
        return self.records[name]

    def text(self, name: str) -> str:
        return self.texts[name]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled (the app's cache copies the content once per script run) with each table
        pickled on its own and read back only when first used: a page uses few of the
        tables, and reading back a DataFrame costs far more than its rows as plain dicts."""
        blobs = self.tables.blobs() if isinstance(self.tables, _LazyTables) else {
            name: pickle.dumps(frame, pickle.HIGHEST_PROTOCOL)
            for name, frame in self.tables.items()
        }
        state = (self.meta, self.texts, self.documents, self.records, self.known_sources)
        return _unpickle_content, (blobs, state)

    def source_ids(self) -> frozenset[str]:
        """Every source id (built once at load: every cited sentence asks for them)."""
        return self.known_sources


class _LazyTables(Mapping[str, pd.DataFrame]):
    """Content.tables after unpickling: each DataFrame is read back on first use."""

    def __init__(self, blobs: dict[str, bytes]) -> None:
        self._blobs = blobs
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = pickle.loads(self._blobs[name])  # noqa: S301 - our own cache
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._blobs)

    def __len__(self) -> int:
        return len(self._blobs)

    def blobs(self) -> dict[str, bytes]:
        return self._blobs


def _unpickle_content(blobs: dict[str, bytes], state: tuple[Any, ...]) -> Content:
    content = object.__new__(Content)
    values = (_LazyTables(blobs), *state)
    for name, value in zip(
        ("tables", "meta", "texts", "documents", "records", "known_sources"), values, strict=True
    ):
        object.__setattr__(content, name, value)
    return content


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _as_records(frame: pd.DataFrame) -> tuple[dict[str, Any], ...]:
    """Rows as dicts; missing values and blank text become None."""
    return tuple(
        {k: None if _missing(v) or (isinstance(v, str) and not v.strip()) else v
         for k, v in row.items()}
        for row in frame.to_dict("records")
    )


def _convert(col: Col, raw: str) -> tuple[Any, str | None]:
    """Convert one cell. Returns (value, problem message or None)."""
    text = raw.strip()
    if text == "":
        if col.required:
            return None, "is empty but required"
        return ("" if col.kind == "str" else None), None
    value: Any
    try:
        if col.kind == "str":
            value = text
        elif col.kind == "int":
            if not re.fullmatch(r"-?\d+", text):
                return None, f"'{text}' is not a whole number"
            value = int(text)
            if abs(value) > 2**53:  # beyond what a table column (int64, float) holds exactly
                return None, f"'{text}' is too large a number"
        elif col.kind == "float":
            value = float(text)
            if value != value or value in (float("inf"), float("-inf")):
                return None, f"'{text}' is not a number"
        elif col.kind == "date":
            value = dt.date.fromisoformat(text)
        elif col.kind == "partial_date":
            if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
                return None, f"'{text}' is not a date like 2024, 2024-05 or 2024-05-30"
            dt.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
            value = text
        elif col.kind == "bool":
            if text.lower() not in ("yes", "no"):
                return None, f"'{text}' is not yes or no"
            value = text.lower() == "yes"
        else:  # pragma: no cover - a programming error in TABLES
            raise ValueError(col.kind)
    except ValueError:
        return None, f"'{text}' is not a valid {col.kind}"
    if col.choices is not None and value not in col.choices:
        return None, f"'{text}' is not one of: {', '.join(col.choices)}"
    if col.min is not None and value < col.min:
        return None, f"{value} is below the minimum {col.min:g}"
    if col.max is not None and value > col.max:
        return None, f"{value} is above the maximum {col.max:g}"
    return value, None


_DTYPES = {"int": "Int64", "float": "Float64", "bool": "boolean"}


def load_table(table: Table, data_dir: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read and type one CSV. Returns (DataFrame or None, problems)."""
    path = data_dir / table.file
    if not path.exists():
        return None, [Problem(table.file, "file is missing")]
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        return None, [Problem(table.file, f"cannot be read as CSV ({exc})")]
    problems: list[Problem] = []
    expected = [c.name for c in table.columns]
    missing = [c for c in expected if c not in raw.columns]
    extra = [c for c in raw.columns if c not in expected]
    for name in missing:
        problems.append(Problem(table.file, "column is missing", column=name))
    for name in extra:
        problems.append(Problem(table.file, "unexpected column (typo?)", column=name))
    if missing:
        return None, problems

    rows: list[dict[str, Any]] = []
    for i, record in enumerate(raw.to_dict("records")):
        line = i + 2
        row: dict[str, Any] = {}
        for col in table.columns:
            value, message = _convert(col, record[col.name])
            if message:
                problems.append(Problem(table.file, message, row=line, column=col.name))
            row[col.name] = value
        for check in table.checks:
            for column, message in check(row):
                problems.append(Problem(table.file, message, row=line, column=column))
        rows.append(row)

    if table.key:
        seen: dict[Any, int] = {}
        for i, row in enumerate(rows):
            key = row[table.key]
            if key in seen:
                problems.append(
                    Problem(
                        table.file,
                        f"duplicate '{key}' (first on line {seen[key]})",
                        row=i + 2,
                        column=table.key,
                    )
                )
            else:
                seen[key] = i + 2

    frame = pd.DataFrame(rows, columns=expected)
    for col in table.columns:
        if col.kind in _DTYPES:
            frame[col.name] = frame[col.name].astype(_DTYPES[col.kind])
    return frame, problems


def _check_refs(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    for table in TABLES:
        frame = tables.get(table.name)
        if frame is None:
            continue
        for col in table.columns:
            if not col.ref:
                continue
            ref_table, ref_col = col.ref.split(".")
            target = tables.get(ref_table)
            if target is None:
                continue
            known = set(target[ref_col])
            for i, value in enumerate(frame[col.name]):
                if not _missing(value) and value != "" and value not in known:
                    problems.append(
                        Problem(
                            table.file,
                            f"'{value}' is not a known {ref_col} in {ref_table}.csv",
                            row=i + 2,
                            column=col.name,
                        )
                    )
    return problems


def _load_meta(data_dir: Path) -> tuple[dict[str, Any], list[Problem]]:
    path = data_dir / "meta.toml"
    if not path.exists():
        return {}, [Problem("meta.toml", "file is missing")]
    try:
        meta = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [Problem("meta.toml", f"cannot be read ({exc})")]
    problems = []
    for key in ("aid_name", "content_version", "last_reviewed", "made_by", "funding",
                "update_policy", "review_interval_months", "reviewed_by"):
        if not meta.get(key):
            problems.append(Problem("meta.toml", f"'{key}' is missing"))
    if "last_reviewed" in meta and not isinstance(meta["last_reviewed"], dt.date):
        problems.append(Problem("meta.toml", "'last_reviewed' must be a date (YYYY-MM-DD)"))
    for table, keys in (("source_kind_names", SOURCE_KINDS), ("evidence_words", EVIDENCE_WORDS)):
        given = meta.get(table)
        if not isinstance(given, dict) or set(keys) - set(given):
            problems.append(Problem("meta.toml", f"[{table}] needs: " + ", ".join(keys)))
    return meta, problems


def _load_texts(data_dir: Path, source_ids: set[str]) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted((data_dir / "text").glob("*.md")):
        name = f"text/{path.name}"
        try:
            body = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(name, "is not UTF-8 text"))
            continue
        if HTML_TAG.search(body):
            problems.append(Problem(name, "contains HTML; use Markdown only"))
        for line_no, line in enumerate(body.splitlines(), start=1):
            for match in SOURCE_CITATION.finditer(line):
                for sid in (s.strip() for s in match.group(1).split(",")):
                    if sid not in source_ids:
                        problems.append(
                            Problem(name, f"cites unknown source '{sid}'", row=line_no)
                        )
        texts[path.stem] = body.strip()
    return texts, problems


def _load_documents(data_dir: Path) -> tuple[dict[str, Any], list[Problem]]:
    documents: dict[str, Any] = {}
    problems: list[Problem] = []
    for path in sorted(data_dir.glob("*.json")):
        try:
            documents[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems.append(Problem(path.name, f"is not valid JSON ({exc})"))
    return documents, problems


def load_content(data_dir: str | Path = DATA_DIR) -> Content:
    """Load and validate all content; raise ContentError listing every problem found."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame, found = load_table(table, data_dir)
        problems += found
        if frame is not None:
            tables[table.name] = frame
    problems += _check_refs(tables)
    meta, found = _load_meta(data_dir)
    problems += found
    source_ids = set(tables["sources"]["source_id"]) if "sources" in tables else set()
    texts, found = _load_texts(data_dir, source_ids)
    problems += found
    documents, found = _load_documents(data_dir)
    problems += found
    if problems:
        raise ContentError(problems)
    content = Content(tables=tables, meta=meta, texts=texts, documents=documents)
    for module in VALIDATOR_MODULES:
        importlib.import_module(module)
    for validator in VALIDATORS:
        problems += validator(content)
    if problems:
        raise ContentError(problems)
    return content


def content_token(data_dir: str | Path = DATA_DIR) -> str:
    """A cheap fingerprint of data/ (names, sizes, mtimes) so a cache reloads after edits."""
    parts = []
    for path in sorted(Path(data_dir).rglob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)
