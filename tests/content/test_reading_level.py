"""Patient-facing text reads at US grade 8 or lower (median), no block above grade 10."""

from __future__ import annotations

import statistics
import tomllib
from pathlib import Path

import pytest
import textstat

from components import catalog
from tests.content import readability

ALLOWLIST = tomllib.loads(
    (Path(__file__).parent / "reading_level_allowlist.toml").read_text(encoding="utf-8")
)["blocks"]
BLOCKS = readability.text_blocks(catalog.load())


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def test_there_is_text_to_check():
    assert len(BLOCKS) >= 20


def test_median_grade_is_8_or_lower():
    grades = [grade(text) for _, text in BLOCKS]
    assert statistics.median(grades) <= 8.0


@pytest.mark.parametrize(("block_id", "text"), BLOCKS, ids=[b for b, _ in BLOCKS])
def test_no_block_above_grade_10(block_id, text):
    if block_id in ALLOWLIST:
        pytest.skip(f"allowlisted: {ALLOWLIST[block_id]}")
    assert grade(text) <= 10.0, f"grade {grade(text):.1f}: {text[:200]}"


def test_allowlist_entries_still_exist():
    ids = {b for b, _ in BLOCKS}
    assert set(ALLOWLIST) <= ids


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("**Bold** and *it* (Source: X-1)", "Bold and it"),
        ("- one\n- two", "one\ntwo"),
        ("[a link](https://x.org) here", "a link here"),
    ],
)
def test_plain_text_strips_markdown(markdown, expected):
    assert readability.plain_text(markdown) == expected
