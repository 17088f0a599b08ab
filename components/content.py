"""Load and validate everything in data/: typed tables, metadata, prose and JSON documents.

Validation fails closed: any problem raises `ContentError` listing every problem with the file,
row (as a line number in the CSV, header = line 1) and column, so a maintainer can fix it.
The app then shows a calm message and no numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from components.frequencies import is_missing
from components.schema import EVIDENCE_WORDS, SOURCE_KINDS, TABLES, Col, Table

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


# ---------------------------------------------------------------------------------------------
# The table registry. Every CSV in data/ is declared here, and only here.
# ---------------------------------------------------------------------------------------------

# A cross-file check from another pure module (the questionnaire, say): takes the loaded
# Content, returns problems. components/catalog.py passes the full list to `load_content`.
Validator = Callable[["Content"], list[Problem]]


@dataclass(frozen=True)
class Content:
    """Everything in data/, typed and validated."""

    tables: dict[str, pd.DataFrame]
    meta: dict[str, Any]
    texts: dict[str, str]
    documents: dict[str, Any] = field(default_factory=dict)
    # The questionnaire, built once from questionnaire.json by components/catalog.py.
    questionnaire: Any = None
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
        state = (self.meta, self.texts, self.documents, self.questionnaire, self.records,
                 self.known_sources)
        return _unpickle_content, (blobs, state)

    def source_ids(self) -> frozenset[str]:
        """Every source id (built once at load: every cited sentence asks for them)."""
        return self.known_sources

    def words(self, wording_id: str, **fields: object) -> str:
        """A sentence from wording.csv, with its {fields} filled in."""
        row = next(r for r in self.rows("wording") if r["wording_id"] == wording_id)
        return str(row["plain"]).format(**fields)


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
        ("tables", "meta", "texts", "documents", "questionnaire", "records", "known_sources"),
        values, strict=True,
    ):
        object.__setattr__(content, name, value)
    return content


def _as_records(frame: pd.DataFrame) -> tuple[dict[str, Any], ...]:
    """Rows as dicts; missing values and blank text become None."""
    return tuple(
        {k: None if is_missing(v) else v
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
                if not is_missing(value) and value not in known:
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


def load_content(
    data_dir: str | Path = DATA_DIR, validators: Sequence[Validator] = ()
) -> Content:
    """Load and check every file, then run `validators` (cross-file checks); raise ContentError
    listing every problem found. The app loads through components/catalog.py, which passes
    every module's validator and builds the questionnaire."""
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
    for validator in validators:
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
