"""A damaged data file: every page shows the one calm message and no numbers, and the log tells
a maintainer which file and which line to fix.

Each case damages one file in a copy of data/ the way a hurried edit would (a word in a number
column, an id that does not exist, a JSON file cut short) and points the app at the copy.
"""

from __future__ import annotations

import csv
import logging
import shutil
from pathlib import Path

import pytest

from components import content, sitemap, ui
from tests.apptest.page_text import visible_parts

PAGES = [p.file for p in sitemap.PAGES]
LOGGER = "cart_decision_aid"
REAL_DATA = content.DATA_DIR


def _set_cell(path: Path, row_index: int, column: str, value: str) -> int:
    """Change one cell of a CSV; return its line number as the loader counts (header = 1)."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    rows[row_index][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return row_index + 2


def _cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


# (name, damage(data_dir) -> the words the log must contain)
def _word_in_number_column(data: Path) -> list[str]:
    line = _set_cell(data / "outcomes.csv", 2, "per_100", "eighty")
    return ["outcomes.csv", f"line {line}", "column 'per_100'", "'eighty'"]


def _unknown_product(data: Path) -> list[str]:
    line = _set_cell(data / "side_effects.csv", 5, "product_id", "no_such_product")
    return ["side_effects.csv", f"line {line}", "column 'product_id'", "no_such_product"]


def _json_cut_short(data: Path) -> list[str]:
    _cut_short(data / "questionnaire.json")
    return ["questionnaire.json", "is not valid JSON", "line"]


DAMAGE = {
    "word in a number column": _word_in_number_column,
    "unknown product id": _unknown_product,
    "JSON cut short": _json_cut_short,
}


@pytest.fixture
def damaged(monkeypatch, tmp_path):
    """damaged(case) -> words the log must contain; the app now reads the damaged copy."""

    def make(case: str) -> list[str]:
        data = tmp_path / "data"
        shutil.copytree(content.DATA_DIR, data)
        expected = DAMAGE[case](data)
        monkeypatch.setattr(content, "DATA_DIR", data)
        return expected

    return make


def _check_calm(at, page: str) -> None:
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [ui.CALM_CONTENT_ERROR], page
    assert not at.table and not at.dataframe and not at.get("plotly_chart") and not at.get("image"), page
    numbers = [t for t in visible_parts(at) if any(ch.isdigit() for ch in t)]
    assert not numbers, (page, numbers)


@pytest.mark.parametrize("page", PAGES)
def test_a_bad_number_shows_the_calm_message_on_every_page(make_app, damaged, caplog, page):
    expected = damaged("word in a number column")
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        at = make_app(page).run()
    _check_calm(at, page)
    logged = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert any(all(word in m for word in expected) for m in logged), (expected, logged)


@pytest.mark.parametrize("case", ["unknown product id", "JSON cut short"])
@pytest.mark.parametrize("page", ["pages/side_effects.py", "pages/self_assessment.py", "pages/summary.py"])
def test_other_damage_is_calm_and_logged_with_file_and_line(make_app, damaged, caplog, page, case):
    expected = damaged(case)
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        at = make_app(page).run()
    _check_calm(at, page)
    logged = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert any(all(word in m for word in expected) for m in logged), (expected, logged)


def test_the_page_recovers_once_the_file_is_fixed(make_app, damaged):
    """After the file is repaired, the same session shows the content again (no restart)."""
    damaged("word in a number column")
    at = make_app("pages/is_it_for_me.py").run()
    _check_calm(at, "pages/is_it_for_me.py")
    shutil.copy(REAL_DATA / "outcomes.csv", content.DATA_DIR / "outcomes.csv")
    at.run()
    assert not at.exception and not at.error
    assert at.selectbox(key="diagnosis")
