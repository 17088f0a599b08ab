"""The options and finder data: complete, sourced, balanced, and true to the fact sheet."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import textstat

from components import catalog, options
from tests.content import readability

CONTENT = catalog.load()
DATA = Path(__file__).resolve().parents[2] / "data"
DISEASES = list(CONTENT.table("diseases")["disease_id"])
TYPES = CONTENT.table("option_types")
ROWS = CONTENT.table("options")
NUMBERS = CONTENT.table("option_numbers")
INDICATIONS = CONTENT.table("indications")

# Approved uses from cart-facts.md §1: (product, disease) -> (fewest earlier treatments, most).
EXPECTED_INDICATIONS = {
    ("kymriah", "ball_young"): (1, None),
    ("kymriah", "lbcl"): (2, None),
    ("kymriah", "fl"): (2, None),
    ("yescarta", "lbcl"): (1, None),
    ("yescarta", "fl"): (2, None),
    ("tecartus", "mcl"): (1, None),
    ("tecartus", "ball_adult"): (1, None),
    ("breyanzi", "lbcl"): (1, None),
    ("breyanzi", "cll"): (2, None),
    ("breyanzi", "fl"): (2, None),
    ("breyanzi", "mcl"): (2, None),
    ("breyanzi", "mzl"): (2, None),
    ("abecma", "myeloma"): (2, None),
    ("carvykti", "myeloma"): (1, None),
    ("aucatzyl", "ball_adult"): (1, None),
}
# Approval dates as checked on 2026-12-03 against the FDA notices and labels (sources.csv).
EXPECTED_DATES = {
    "kymriah_ball": "2017-08-30", "kymriah_lbcl": "2018-05-01", "kymriah_fl": "2022-05-27",
    "yescarta_lbcl_2l": "2022-04-01", "yescarta_lbcl_3l": "2017-10-18", "yescarta_fl": "2021-03-05",
    "tecartus_mcl": "2020-07-24", "tecartus_ball": "2021-10-01", "breyanzi_lbcl_2l": "2022-06-24",
    "breyanzi_lbcl_3l": "2021-02-05",
    "breyanzi_cll": "2024-03-14", "breyanzi_fl": "2024-05-15", "breyanzi_mcl": "2024-05-30",
    "breyanzi_mzl": "2025-12-04", "abecma_mm": "2024-04-04", "carvykti_mm": "2024-04-05",
    "aucatzyl_ball": "2024-11-08",
}
# List prices with an original news or journal source; those read only through reprints
# or aggregators (Kymriah for lymphoma, Aucatzyl) were dropped on 2026-12-03.
EXPECTED_PRICES = {
    ("kymriah", 475000), ("yescarta", 373000), ("abecma", 419500), ("carvykti", 465000),
}
STEERING = re.compile(
    r"best (choice|option)|miracle|\bcures?\b|don'?t miss|you should (choose|have)|breakthrough",
    re.IGNORECASE,
)
MY_TEXTS = [n for n in CONTENT.texts if n.startswith(("options__", "is_it_for_me__"))]


def test_option_types_follow_the_contract():
    assert list(TYPES.sort_values("order")["option_id"]) == list(options.OPTION_IDS)
    assert {"option_id", "name", "plain"} <= set(TYPES.columns)
    assert TYPES["plain"].str.len().gt(20).all()


def test_indications_match_the_fact_sheet():
    found = {}
    for _, row in INDICATIONS.iterrows():
        key = (row["product_id"], row["disease_id"])
        low = int(row["min_prior_lines"])
        found[key] = (min(low, found.get(key, (low, None))[0]), None)
    assert found == EXPECTED_INDICATIONS


def test_approval_dates_match_the_fact_sheet():
    dates = {
        row["indication_id"]: row["approved"] if isinstance(row["approved"], str) else None
        for _, row in INDICATIONS.iterrows()
    }
    assert dates == EXPECTED_DATES


def test_ages_match_the_fact_sheet():
    young = INDICATIONS.set_index("indication_id").loc["kymriah_ball"]
    assert int(young["max_age"]) == 25
    adults = INDICATIONS[INDICATIONS["indication_id"] != "kymriah_ball"]
    assert (adults["min_age"] == 18).all()


def test_prices_are_only_the_sourced_ones():
    prices = CONTENT.table("prices")
    assert set(zip(prices["product_id"], prices["price_usd"], strict=True)) == EXPECTED_PRICES
    assert prices["as_of"].str.len().ge(4).all() and prices["source_id"].str.len().gt(0).all()


@pytest.mark.parametrize("disease", DISEASES)
def test_every_diagnosis_has_real_alternatives(disease):
    ids = options.options_for(CONTENT, disease)
    assert {"clinical_trial", "supportive_care", "not_deciding_yet"} <= set(ids)
    treatments = set(ids) - {"car_t", "clinical_trial", "supportive_care", "not_deciding_yet",
                             "watchful_waiting"}
    assert treatments, f"{disease} needs at least one treatment besides CAR-T"


@pytest.mark.parametrize("disease", DISEASES)
def test_car_t_is_listed_exactly_where_it_is_approved(disease):
    approved = disease in set(INDICATIONS["disease_id"])
    assert ("car_t" in options.options_for(CONTENT, disease)) == approved


@pytest.mark.parametrize("disease", DISEASES)
def test_every_option_row_is_complete_or_says_not_reported(disease):
    for card in options.option_grid(CONTENT, disease):
        for key, value in card.cells.items():
            assert value.strip(), (disease, card.option_id, key)
        for key in ("benefit", "harm"):
            lines = card.benefits if key == "benefit" else card.harms
            if not lines:
                assert re.search(r"not reported|do not apply", card.cells[key], re.I)


@pytest.mark.parametrize("disease", sorted(set(INDICATIONS["disease_id"])))
def test_car_t_benefits_and_harms_are_both_given(disease):
    """CAR-T gets at least one benefit number; its harms are numbers or 'not reported'."""
    card = options.option_grid(CONTENT, disease)[0]
    assert card.option_id == "car_t" and card.benefits
    assert card.harms or card.cells["harm"] == options.NOT_REPORTED


def test_every_number_is_sourced_with_who_and_when():
    known = CONTENT.source_ids()
    for _, row in NUMBERS.iterrows():
        assert row["source_id"] in known
        assert row["population"].strip() and row["time_frame"].strip(), row["number_id"]
        assert row["treatment"].strip() and row["measure"].strip(), row["number_id"]


def test_every_number_in_option_text_cites_a_source():
    assert options.validate_options(CONTENT) == []


def test_not_deciding_yet_and_supportive_care_are_described_respectfully():
    for option_id in ("not_deciding_yet", "supportive_care"):
        row = TYPES.set_index("option_id").loc[option_id]
        for column in ("plain", "how_given", "duration", "time_away", "side_effects"):
            assert row[column].strip()
        assert not re.search(r"give up|nothing (more|else) can be done|no hope", " ".join(
            str(v) for v in row.values), re.IGNORECASE)


def test_no_steering_words_in_options_content():
    texts = [CONTENT.text(n) for n in MY_TEXTS]
    for frame in (TYPES, ROWS, NUMBERS):
        texts += [str(v) for column in frame.columns for v in frame[column]]
    for text in texts:
        assert not STEERING.search(text), text[:120]


def option_text_blocks() -> list[str]:
    blocks = []
    for frame, columns in ((TYPES, (*options.TEXT_ASPECTS, "plain", "numbers_note")),
                           (ROWS, ("who_for", *options.TEXT_ASPECTS))):
        for column in columns:
            for value in frame[column]:
                text = readability.plain_text(str(value))
                if len(text.split()) >= readability.MIN_WORDS:
                    blocks.append(text)
    return blocks


def test_option_text_reads_at_grade_8_or_lower():
    grades = [textstat.flesch_kincaid_grade(t) for t in option_text_blocks()]
    assert statistics.median(grades) <= 8.0
    assert max(grades) <= 10.0, [t for t in option_text_blocks()
                                 if textstat.flesch_kincaid_grade(t) > 10.0]


@pytest.mark.parametrize("name", MY_TEXTS)
def test_page_prose_has_no_phone_numbers_or_links(name):
    body = CONTENT.text(name)
    assert not re.search(r"https?://|www\.|\(\d{3}\)|\d{3}-\d{3,4}", body)
