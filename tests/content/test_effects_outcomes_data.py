"""Side-effect and outcome rows: in range, sourced, honest about spreads, and checked against
the fact sheet (cart-facts.md and its timing addendum) for the numbers a patient sees first."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from components import risk

SE, OC = "side_effects", "outcomes"
JUNE_2025_PRODUCTS = ("kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti")
# Numbers the fact sheet marks as not for display, and words that must never reach a patient.
FORBIDDEN = re.compile(r"UNVERIFIED|secondary source only|confirm before display", re.I)


def rows(content, table):
    return content.table(table).to_dict("records")


def present(value) -> bool:
    return not risk.is_missing(value)


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
            assert 0 < length <= 60 or row["effect"] == "stay_near", row["row_id"]
        for low, mid, high in (("onset_low", "onset_median_day", "onset_high"),
                               ("duration_low", "duration_median_days", "duration_high")):
            if present(row[low]) and present(row[high]):
                assert row[low] <= row[mid] <= row[high], (row["row_id"], mid)
                assert row["spread"] in ("range", "IQR"), row["row_id"]
        if present(onset) and present(length) and row["effect"] != "stay_near":
            assert onset + length <= 60, f"{row['row_id']}: typical window ends after day 60"


def test_iqr_is_used_exactly_where_the_source_gives_an_iqr(real_content):
    """Labels give ranges; the Lancet CLL table and the Carvykti medical information give IQRs."""
    iqr_sources = {"Siddiqi-Lancet-2023", "JnJ-MI-CRS-2024"}
    for row in rows(real_content, SE):
        if row["spread"]:
            assert (row["spread"] == "IQR") == (row["source_id"] in iqr_sources), row["row_id"]


def test_every_product_has_one_stay_near_row_with_its_source(real_content):
    frame = real_content.table(SE)
    stay = frame[frame["effect"] == "stay_near"].set_index("product_id")
    assert sorted(stay.index) == sorted(real_content.table("products")["product_id"])
    for product in JUNE_2025_PRODUCTS:
        assert stay.loc[product, "duration_median_days"] == 14
        assert stay.loc[product, "source_id"] == "FDA-REMS-2025"
    assert stay.loc["aucatzyl", "duration_median_days"] == 28
    assert "not part of the June 2025 change" in stay.loc["aucatzyl", "note"]


def test_every_approved_use_has_outcome_numbers_or_says_not_reported(real_content):
    covered = set(real_content.table(OC)["indication_id"])
    assert covered == set(real_content.table("indications")["indication_id"])


def test_outcome_rows_say_who_was_counted_and_when(real_content):
    for row in rows(real_content, OC):
        assert row["time_frame"] and row["definition"] and row["data_set"], row["row_id"]
        if row["counted"] == "all enrolled" and not row["main"]:
            assert present(row["n"]), f"{row['row_id']}: say how many joined"


# Spot checks against the fact sheet: (table, row_id, column, value, where it is in the sheet).
FACTS = [
    (SE, "yescarta_lbcl_3l__crs", "any_grade_per_100", 94, "§3 Yescarta ZUMA-1 2017 PI"),
    (SE, "yescarta_lbcl_3l__crs", "grade3_per_100", 13, "§3 Yescarta ZUMA-1 2017 PI"),
    (SE, "yescarta_lbcl_3l__crs", "onset_high", 12, "timing T1 ZUMA-1 range 1-12"),
    (SE, "yescarta_lbcl_3l__neuro", "grade3_per_100", 31, "timing T2 ZUMA-1 2017 PI"),
    (SE, "yescarta_lbcl_3l__neuro", "duration_median_days", 17, "timing T2 ZUMA-1"),
    (SE, "yescarta_lbcl_2l__crs", "any_grade_per_100", 92, "timing T1 ZUMA-7"),
    (SE, "kymriah_ball__crs", "grade3_per_100", 49, "§3 ELIANA 2018 PI"),
    (SE, "kymriah_ball__crs", "onset_high", 51, "timing T1 2018 PI range 1-51"),
    (SE, "kymriah_ball__neuro", "onset_high", 359, "timing T2 2018 PI range 1-359"),
    (SE, "tecartus_mcl__neuro", "duration_high", 454, "timing T2 ZUMA-2 range 2-454"),
    (SE, "tecartus_ball__crs", "onset_median_day", 5, "timing T1 ZUMA-3"),
    (SE, "breyanzi_cll__crs", "any_grade_per_100", 85, "timing T1 Lancet n=117"),
    (SE, "abecma_mm__crs", "onset_median_day", 1, "timing T1 KarMMa PI"),
    (SE, "abecma_mm__crs", "duration_high", 63, "timing T1 KarMMa PI"),
    (SE, "carvykti_mm__crs", "any_grade_per_100", 95, "timing T1 CARTITUDE-1"),
    (SE, "carvykti_mm__crs", "grade3_per_100", 4.1, "timing T1 CARTITUDE-1"),
    (SE, "aucatzyl_ball__icans", "grade3_per_100", 7, "§4 FELIX PI"),
    (OC, "kymriah_ball__cr", "per_100", 83, "§2 ELIANA FDA n=63"),
    (OC, "kymriah_lbcl__resp", "per_100", 52, "§2 JULIET"),
    (OC, "yescarta_lbcl_3l__ongoing", "per_100", 42, "§2 ZUMA-1 at 15.4 months"),
    (OC, "yescarta_lbcl_2l__efs", "per_100", 41, "§2 ZUMA-7 24-month EFS"),
    (OC, "tecartus_mcl__resp", "per_100", 87, "§2 ZUMA-2 FDA label analysis"),
    (OC, "tecartus_ball__cr_all", "per_100", 41, "§2 ZUMA-3, all 71 leukapheresed"),
    (OC, "breyanzi_mzl__cr", "per_100", 62.1, "§2 MZL evaluable"),
    (OC, "abecma_mm__scr", "per_100", 28, "§2 KarMMa FDA sCR"),
    (OC, "carvykti_mm__resp", "per_100", 97.9, "§2 CARTITUDE-1 FDA"),
    (OC, "aucatzyl_ball__cr", "per_100", 42, "§2 FELIX FDA"),
]


@pytest.mark.parametrize(("table", "row_id", "column", "value", "where"), FACTS,
                         ids=[f"{f[1]}.{f[2]}" for f in FACTS])
def test_key_numbers_match_the_fact_sheet(real_content, table, row_id, column, value, where):
    frame = real_content.table(table).set_index("row_id")
    assert frame.loc[row_id, column] == value, where


def test_numbers_not_verified_in_the_fact_sheet_stay_missing(real_content):
    """E.g. ZUMA-7 complete response and Aucatzyl timing are UNVERIFIED: shown 'not reported'."""
    oc = real_content.table(OC).set_index("row_id")
    se = real_content.table(SE).set_index("row_id")
    assert pd.isna(oc.loc["yescarta_lbcl_2l__cr", "per_100"])
    assert pd.isna(se.loc["aucatzyl_ball__crs", "onset_median_day"])
    assert pd.isna(se.loc["kymriah_ball__neuro", "grade3_per_100"])  # 13% is secondary only
    assert pd.isna(se.loc["carvykti_mm__neuro", "any_grade_per_100"])
    assert "kymriah_fl" not in set(real_content.table(SE)["indication_id"])  # PDQ mislabels


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
