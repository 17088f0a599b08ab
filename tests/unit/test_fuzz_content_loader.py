"""Fuzzing the content loader: whatever is in data/, loading either works or raises ContentError.

A damaged data file must give the calm message, never a traceback, so `content.load_content`
may raise `ContentError` and nothing else. Hypothesis generates CSV text (well-formed tables
with odd cells, broken quoting, wrong headers, random bytes, small edits of the real files),
TOML and JSON, writes it into a copy of data/, and loads: 2,200 cases in all, in about 25 s
(the slow whole-folder loads get the fewest).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import catalog, content, schema

FAST = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# A whole-folder load takes about 0.1 s, so these get fewer cases.
WHOLE = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

TABLES = {t.name: t for t in schema.TABLES}
ODD_CELLS = (
    "", " ", "0", "-1", "1.5", "1e999", "-1e999", "nan", "NaN", "inf", "-0", "100", "101",
    "99999999999999999999999", "yes", "no", "YES", "true", "2024", "2024-05", "2024-02-30",
    "2024-13-01", "24-05-30", "CD19", "approved", "label", "about", "IQR", "range",
    '"', '""', ",", ";", "\n", "\r\n", "\r", "\t", "\x00", "\ufeff", "\u200f", "é", "中文",
    "😀", "<b>x</b>", "=1+1", "None", "NA", "N/A", "#", "\\", "a\"b",
)


def _real_values(name: str) -> list[str]:
    """Every distinct cell of a real table (so fuzzed rows often pass some checks)."""
    with (content.DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return sorted({cell for row in rows for cell in row})[:400]


REAL_VALUES = {name: _real_values(name) for name in TABLES}


@st.composite
def cells(draw: st.DrawFn, table: str) -> str:
    return draw(
        st.one_of(
            st.sampled_from(ODD_CELLS),
            st.sampled_from(REAL_VALUES[table]),
            st.text(max_size=12),
            st.integers(-10**6, 10**6).map(str),
            st.floats(allow_nan=True, allow_infinity=True).map(repr),
        )
    )


@st.composite
def table_csv(draw: st.DrawFn, table: str) -> bytes:
    """CSV text for `table`: mostly a right or near-right header with odd rows."""
    names = [c.name for c in TABLES[table].columns]
    header = draw(
        st.one_of(
            st.just(names),
            st.permutations(names),
            st.lists(st.sampled_from([*names, "", "extra", "source_id", " note"]), max_size=12),
        )
    )
    width = st.integers(max(0, len(header) - 2), len(header) + 2)
    rows = draw(
        st.lists(width.flatmap(lambda n: st.lists(cells(table), min_size=n, max_size=n)), max_size=8)
    )
    if draw(st.booleans()):  # well quoted
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
        writer.writerow(header)
        writer.writerows(rows)
        text = out.getvalue()
    else:  # naive joins: stray quotes, commas and newlines break the row structure
        text = "\n".join(",".join(row) for row in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@st.composite
def edited(draw: st.DrawFn, original: bytes) -> bytes:
    """The real file with a few small edits: a byte changed, dropped or added, or cut short."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, max(0, len(data) - 1)))
        how = draw(st.sampled_from(["replace", "delete", "insert", "truncate", "duplicate"]))
        byte = draw(st.sampled_from(b'",\n\r;:{}[]=0x\xff\xc3') if draw(st.booleans())
                    else st.integers(0, 255))
        if how == "replace" and data:
            data[where] = byte
        elif how == "delete" and data:
            del data[where]
        elif how == "insert":
            data.insert(where, byte)
        elif how == "truncate":
            del data[where:]
        else:
            end = data.find(b"\n", where)
            line_start = data.rfind(b"\n", 0, where) + 1
            data[line_start:line_start] = data[line_start : end + 1 if end >= 0 else len(data)]
    return bytes(data)


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    """A private copy of data/ that each case damages one file of and then restores."""
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(content.DATA_DIR, target)
    return target


def _load_or_content_error(data_dir: Path) -> None:
    try:
        catalog.load(data_dir)
    except content.ContentError as exc:
        assert exc.problems, "a ContentError must say what is wrong"
        for problem in exc.problems:
            assert problem.file and problem.message


def _load_damaged(data_copy: Path, name: str, raw: bytes) -> None:
    """Put `raw` in place of one file of the copy, load the whole folder, and put it back."""
    try:
        (data_copy / name).write_bytes(raw)
        _load_or_content_error(data_copy)
    finally:
        _restore_all(data_copy)


def _restore_all(data_copy: Path) -> None:
    for path in content.DATA_DIR.rglob("*"):
        if path.is_file():
            copy = data_copy / path.relative_to(content.DATA_DIR)
            original = path.read_bytes()
            if copy.read_bytes() != original:
                copy.write_bytes(original)


# --- one table at a time: fast, so most of the cases ---------------------------------------


@FAST
@given(data=st.data())
def test_any_csv_for_a_table_loads_or_reports_problems(data_copy, data):
    """load_table never raises: it returns a frame and/or located problems."""
    name = data.draw(st.sampled_from(sorted(TABLES)), label="table")
    raw = data.draw(
        st.one_of(table_csv(name), st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
        label="csv",
    )
    path = data_copy / f"{name}.csv"
    original = (content.DATA_DIR / f"{name}.csv").read_bytes()
    try:
        path.write_bytes(raw)
        frame, problems = content.load_table(TABLES[name], data_copy)
    finally:
        path.write_bytes(original)
    assert frame is not None or problems, "no table and no reason why"
    for problem in problems:
        assert problem.file == f"{name}.csv" and problem.message
        if problem.row is not None:
            assert problem.row >= 2  # line 1 is the header
    if frame is not None:
        assert list(frame.columns) == [c.name for c in TABLES[name].columns]


@settings(FAST, max_examples=1000)
@given(
    col=st.sampled_from([c for t in schema.TABLES for c in t.columns]),
    raw=st.one_of(st.sampled_from(ODD_CELLS), st.text(max_size=30)),
)
def test_any_cell_converts_or_gives_a_message(col, raw):
    """One cell: a typed value, or a message; never an exception, never both."""
    value, message = content._convert(col, raw)
    if message is not None:
        assert value is None and isinstance(message, str) and message
    elif raw.strip() and col.choices is not None:
        assert value in col.choices


@FAST
@given(data=st.data())
def test_small_edits_of_a_real_table_load_or_report_problems(data_copy, data):
    name = data.draw(st.sampled_from(sorted(TABLES)), label="table")
    original = (content.DATA_DIR / f"{name}.csv").read_bytes()
    path = data_copy / f"{name}.csv"
    try:
        path.write_bytes(data.draw(edited(original), label="edited"))
        frame, problems = content.load_table(TABLES[name], data_copy)
    finally:
        path.write_bytes(original)
    assert frame is not None or problems


# --- the whole folder: cross-file references and every registered validator ----------------


@WHOLE
@given(data=st.data())
def test_damaged_csv_in_the_folder_loads_or_raises_content_error(data_copy, data):
    """The references between tables and the page validators cope with any table content."""
    name = data.draw(st.sampled_from(sorted(TABLES)), label="table")
    original = (content.DATA_DIR / f"{name}.csv").read_bytes()
    raw = data.draw(st.one_of(edited(original), table_csv(name)), label="csv")
    _load_damaged(data_copy, f"{name}.csv", raw)


def _json_values() -> st.SearchStrategy:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False),
        st.text(max_size=8),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=12,
    )


def _swap_values(doc, draw: st.DrawFn, depth: int = 0):
    """The real questionnaire with a few values replaced by odd JSON (wrong types, empties)."""
    if depth > 6 or not draw(st.integers(0, 9)):
        return draw(_json_values())
    if isinstance(doc, dict):
        keys = list(doc)
        if not keys:
            return doc
        key = draw(st.sampled_from(keys))
        return {**doc, key: _swap_values(doc[key], draw, depth + 1)}
    if isinstance(doc, list) and doc:
        i = draw(st.integers(0, len(doc) - 1))
        return [*doc[:i], _swap_values(doc[i], draw, depth + 1), *doc[i + 1 :]]
    return draw(_json_values())


@WHOLE
@given(data=st.data())
def test_damaged_questionnaire_json_loads_or_raises_content_error(data_copy, data):
    original = (content.DATA_DIR / "questionnaire.json").read_bytes()
    doc = json.loads(original)
    kind = data.draw(st.sampled_from(["swap", "swap", "edit", "any"]), label="kind")
    if kind == "swap":
        swapped = doc
        for _ in range(data.draw(st.integers(1, 3), label="swaps")):
            swapped = _swap_values(swapped, data.draw)
        raw = json.dumps(swapped, ensure_ascii=False).encode()
    elif kind == "edit":
        raw = data.draw(edited(original), label="edited")
    else:
        raw = json.dumps(data.draw(_json_values(), label="json")).encode()
    _load_damaged(data_copy, "questionnaire.json", raw)


@WHOLE
@given(data=st.data())
def test_damaged_meta_toml_loads_or_raises_content_error(data_copy, data):
    original = (content.DATA_DIR / "meta.toml").read_bytes()
    raw = data.draw(
        st.one_of(
            edited(original),
            st.text(max_size=200).map(str.encode),
            st.sampled_from([
                b"", b"last_reviewed = 2024\n", b'last_reviewed = "yesterday"\n',
                original.replace(b"last_reviewed", b"last_reviewd"),
                original + b"\nlast_reviewed = 2025-01-01\n",
                original.replace(b"=", b":", 1),
            ]),
        ),
        label="toml",
    )
    _load_damaged(data_copy, "meta.toml", raw)


@WHOLE
@given(data=st.data())
def test_damaged_text_file_loads_or_raises_content_error(data_copy, data):
    texts = sorted(p.name for p in (content.DATA_DIR / "text").glob("*.md"))
    name = "text/" + data.draw(st.sampled_from(texts), label="text")
    original = (content.DATA_DIR / name).read_bytes()
    raw = data.draw(
        st.one_of(edited(original), st.binary(max_size=200),
                  st.sampled_from([b"", b"<b>x</b>", b"(Source: NOPE)", b"\xff\xfe"])),
        label="md",
    )
    _load_damaged(data_copy, name, raw)


def test_the_copy_is_restored_after_fuzzing(data_copy):
    """Sanity: the shared copy still loads cleanly (every case put its file back)."""
    assert catalog.load(data_copy).tables.keys() == TABLES.keys()


def test_a_number_too_large_for_a_table_is_a_clear_problem(tmp_path):
    """Found by the fuzzing above: 23 digits in a number cell made pandas overflow."""
    data = tmp_path / "data"
    shutil.copytree(content.DATA_DIR, data)
    path = data / "indications.csv"
    path.write_text(path.read_text().replace("kymriah,ball_young,1,", "kymriah,ball_young,"
                                             "99999999999999999999999,", 1))
    with pytest.raises(content.ContentError) as exc:
        catalog.load(data)
    assert any("too large a number" in str(p) for p in exc.value.problems)
