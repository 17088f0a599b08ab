"""Side-effect and outcome rows: in range, sourced, honest about spreads, and checked against
the fact sheet (cart-facts.md and its timing addendum) for the numbers a patient sees first."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from components import frequencies, risk

SE, OC = "side_effects", "outcomes"
JUNE_2025_PRODUCTS = ("kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti")
# Numbers the fact sheet marks as not for display, and words that must never reach a patient.
FORBIDDEN = re.compile(r"UNVERIFIED|secondary source only|confirm before display", re.I)


def rows(content, table):
    return content.table(table).to_dict("records")


def present(value) -> bool:
    return not frequencies.is_missing(value)


@pytest.mark.parametrize("table", [SE, OC])
def test_every_row_is_sourced_and_every_rate_is_out_of_100(real_content, table):
    known = real_content.source_ids()
    for row in rows(real_content, table):
        assert row["source_id"] in known, row["row_id"]
        for col in ("per_100", "any_grade_per_100", "grade3_per_100", "died_per_100"):
            if col in row and present(row[col]):
                assert 0 <= row[col] <= 100, (row["row_id"], col)


@pytest.mark.parametrize("table", [SE, OC])
def test_nothing_marked_unverified_is_shown(real_content, table):
    for row in rows(real_content, table):
        for value in row.values():
            assert not (isinstance(value, str) and FORBIDDEN.search(value)), row["row_id"]


def test_cross_file_checks_pass(real_content):
    assert risk.validate(real_content) == []


def test_severe_is_never_more_than_any_grade_and_deaths_fit_the_group(real_content):
    for row in rows(real_content, SE):
        if present(row["any_grade_per_100"]) and present(row["grade3_per_100"]):
            assert row["grade3_per_100"] <= row["any_grade_per_100"], row["row_id"]
        if present(row["died_n"]) and present(row["n"]):
            assert row["died_n"] <= row["n"], row["row_id"]


def test_onset_and_duration_windows_are_sane(real_content):
    for row in rows(real_content, SE):
        onset, length = row["onset_median_day"], row["duration_median_days"]
        if present(onset):
            assert 0 <= onset <= 30, f"{row['row_id']}: a median start after day 30 is a typo"
        if present(length):
            assert 0 < length <= 60, row["row_id"]
        for low, mid, high in (("onset_low", "onset_median_day", "onset_high"),
                               ("duration_low", "duration_median_days", "duration_high")):
            if present(row[low]) and present(row[high]):
                assert row[low] <= row[mid] <= row[high], (row["row_id"], mid)
                assert row["spread"] in ("range", "IQR"), row["row_id"]
        if present(onset) and present(length):
            assert onset + length <= 60, f"{row['row_id']}: typical window ends after day 60"


def test_iqr_is_used_exactly_where_the_source_gives_an_iqr(real_content):
    """Labels give ranges; the Lancet CLL table and the first CARTITUDE-1 report give IQRs."""
    iqr_sources = {"Siddiqi-Lancet-2023", "FDA-Review-Carvykti-CCR-2024"}
    for row in rows(real_content, SE):
        if row["spread"]:
            assert (row["spread"] == "IQR") == (row["source_id"] in iqr_sources), row["row_id"]


def test_stay_near_and_no_driving_days_live_in_one_table_with_one_source(real_content):
    """One table, one source: product_timing.csv; the side-effect rows no longer hold them."""
    assert "stay_near" not in set(real_content.table(SE)["effect"])
    timing = real_content.table("product_timing")
    for measure in ("stay_nearby_days", "no_driving_days"):
        rows = timing[timing["measure"] == measure].set_index("product_id")
        products = sorted(p for p in rows.index.dropna() if p)
        assert products == sorted(real_content.table("products")["product_id"])
        for product in JUNE_2025_PRODUCTS:
            assert rows.loc[product, "value"] == 14
            assert rows.loc[product, "source_id"] == "FDA-REMS-2025"
            assert "not confirmed" in rows.loc[product, "note"]
    stay = timing[timing["measure"] == "stay_nearby_days"].set_index("product_id")
    assert stay.loc["aucatzyl", "value"] == 28
    assert "not part of the June 2025 change" in stay.loc["aucatzyl", "note"]


def test_every_approved_use_has_outcome_numbers_or_says_not_reported(real_content):
    covered = set(real_content.table(OC)["indication_id"])
    assert covered == set(real_content.table("indications")["indication_id"])


def test_outcome_rows_say_who_was_counted_and_when(real_content):
    for row in rows(real_content, OC):
        assert row["time_frame"] and row["definition"] and row["data_set"], row["row_id"]
        if row["counted"] == "all enrolled" and not row["main"]:
            assert present(row["n"]), f"{row['row_id']}: say how many joined"


def test_numbers_not_confirmed_in_a_source_stay_missing(real_content):
    """A number no checked source gives is shown as 'not reported', never guessed."""
    se = real_content.table(SE).set_index("row_id")
    assert pd.isna(se.loc["aucatzyl_ball__crs", "onset_median_day"])
    assert pd.isna(se.loc["kymriah_ball__neuro", "grade3_per_100"])  # 13% is secondary only
    assert pd.isna(se.loc["carvykti_mm__enterocolitis", "any_grade_per_100"])  # no count given
    assert "mm_bisp_talq_skin" not in set(real_content.table("option_numbers")["number_id"])


def test_glossary_has_the_terms_these_pages_use(real_content):
    terms = {t.lower() for t in real_content.table("glossary")["term"]}
    used = [
        "Cytokine release syndrome", "ICANS", "ICE score", "Grade", "Severe", "Seizure",
        "Tremor", "Vasopressor", "Tocilizumab", "Steroids", "Interquartile range", "Median",
        "Range", "Low blood counts", "Platelets", "Low antibodies", "Immunoglobulin replacement",
        "Secondary cancer", "Boxed warning", "Parkinsonism", "Guillain-Barré syndrome",
        "HLH-like syndrome", "Stem cell rescue", "Cerebral edema", "Response",
        "Complete response", "Stringent complete response", "Event-free", "Follow-up",
        "Relapse", "Bridging therapy", "Bispecific antibody", "Grading system", "Plasma cell",
        "ASTCT", "Icon array", "Natural frequency",
    ]
    assert [t for t in used if t.lower() not in terms] == []
