"""Independent fact check: the numbers a patient sees first, pinned to the fact sheet.

Each row says which value a cell must hold, which source_id it must cite, and where that
value is in /work/shared/reference/cart-facts.md (§n) or its newer addendum
cart-facts-timing.md (T1 = CRS timing table, T2 = neurotoxicity table, T3 = open items).
A future edit that changes one of these numbers without changing its source (or the other way
round) fails here, loudly. If the fact sheet changes, update the row and say why.
"""

from __future__ import annotations

import pandas as pd
import pytest

from components import risk

SE, OC, ON, PT, IND, PR = (
    "side_effects", "outcomes", "option_numbers", "product_timing", "indications", "prices"
)
KEYS = {SE: "row_id", OC: "row_id", ON: "number_id", IND: "indication_id", PR: "price_id"}

# (table, row key, column, expected value, expected source_id, where in the fact sheet)
FACTS: list[tuple[str, str, str, object, str, str]] = [
    # --- Side effects page: CRS and neurologic events -------------------------------------
    (SE, "kymriah_ball__crs", "any_grade_per_100", 79, "FDA-Kymriah-PI-2018", "§3 ELIANA n=68"),
    (SE, "kymriah_ball__crs", "grade3_per_100", 49, "FDA-Kymriah-PI-2018", "§3 ELIANA Penn"),
    (SE, "kymriah_lbcl__crs", "any_grade_per_100", 74, "FDA-Kymriah-PI-2018", "§3 JULIET n=106"),
    (SE, "kymriah_lbcl__neuro", "grade3_per_100", 12, "JULIET-eviQ", "§4 JULIET G3/4"),
    (SE, "yescarta_lbcl_3l__crs", "grade3_per_100", 13, "FDA-Yescarta-PI-2017", "§3 ZUMA-1"),
    (SE, "yescarta_lbcl_3l__neuro", "any_grade_per_100", 87, "ISI-Yescarta-2018", "T2 ZUMA-1"),
    (SE, "yescarta_lbcl_3l__neuro", "grade3_per_100", 31, "ISI-Yescarta-2018", "T2 ZUMA-1"),
    (SE, "yescarta_lbcl_2l__crs", "any_grade_per_100", 92, "Yescarta-HCP-2L", "T1 ZUMA-7"),
    (SE, "yescarta_lbcl_2l__crs", "grade3_per_100", 7, "Yescarta-HCP-2L", "T1 ZUMA-7 n=168"),
    (SE, "yescarta_lbcl_2l__neuro", "grade3_per_100", 21, "PDQ-AggBcell", "§4 ZUMA-7 G3/4"),
    (SE, "yescarta_fl__crs", "grade3_per_100", 8, "Yescarta-HCP-FL", "§3 ZUMA-5 G3"),
    (SE, "tecartus_mcl__crs", "any_grade_per_100", 91, "Tecartus-HCP-ISI", "T1 ZUMA-2 n=82"),
    (SE, "tecartus_mcl__neuro", "grade3_per_100", 37, "Tecartus-HCP-MCL-AE", "T2 ZUMA-2"),
    (SE, "tecartus_ball__crs", "grade3_per_100", 26, "Tecartus-HCP-ISI", "T1 ZUMA-3 n=78"),
    (SE, "tecartus_ball__neuro", "grade3_per_100", 35, "FDA-AppSum-Tecartus-ALL", "§4 ZUMA-3"),
    (SE, "tecartus_ball__serious", "died_per_100", 5, "FDA-AppSum-Tecartus-ALL", "§5 fatal 5%"),
    (SE, "breyanzi_lbcl_3l__crs", "any_grade_per_100", 42, "TRANSCEND-Summary", "§3 TRANSCEND"),
    (SE, "breyanzi_lbcl_3l__neuro", "grade3_per_100", 10, "TRANSCEND-Summary", "§4 TRANSCEND"),
    (SE, "breyanzi_cll__crs", "any_grade_per_100", 85, "Siddiqi-Lancet-2023", "T1 CLL n=117"),
    (SE, "breyanzi_cll__neuro", "grade3_per_100", 19, "Siddiqi-Lancet-2023", "T2 18% G3 + 1% G4"),
    (SE, "abecma_mm__crs", "grade3_per_100", 9, "Abecma-HCP-Safety", "T1 KarMMa PI n=127"),
    (SE, "abecma_mm__neuro", "grade3_per_100", 3, "KarMMa-NEJM-2021", "§4 KarMMa NEJM"),
    (SE, "abecma_mm__cytopenia", "grade3_per_100", 2, "FDA-AppSum-Abecma", "§5 stem-cell rescue"),
    (SE, "carvykti_mm__crs", "any_grade_per_100", 95, "JnJ-MI-CRS-2024", "T1 CARTITUDE-1"),
    (SE, "carvykti_mm__crs", "onset_median_day", 7, "JnJ-MI-CRS-2024", "T1 7 days (IQR 5-8)"),
    (SE, "carvykti_mm__neuro", "grade3_per_100", 11, "FDA-AppSum-Carvykti", "§4 CARTITUDE-1"),
    (SE, "carvykti_mm__mnt", "any_grade_per_100", 5, "Cohen-BCJ-2022", "T2 MNT 5%"),
    (SE, "aucatzyl_ball__crs", "any_grade_per_100", 75, "ASCOPost-Aucatzyl-2024", "§3 FELIX"),
    (SE, "aucatzyl_ball__neuro", "any_grade_per_100", 64, "ASCOPost-Aucatzyl-2024", "§4 NT 64%"),
    (SE, "aucatzyl_ball__icans", "grade3_per_100", 7, "ASCOPost-Aucatzyl-2024", "§4 ICANS 7%"),
    # --- How often it works ----------------------------------------------------------------
    (OC, "kymriah_ball__cr", "per_100", 83, "FDA-Kymriah-PR-2017", "§2 ELIANA FDA n=63"),
    (OC, "kymriah_lbcl__cr", "per_100", 40, "JULIET-NEJM-2019", "§2 JULIET n=93"),
    (OC, "kymriah_fl__resp", "per_100", 86, "FDA-Kymriah-FL-2022", "§2 ELARA n=90"),
    (OC, "kymriah_fl__cr_all", "per_100", 67, "FDA-Kymriah-FL-2022", "§2 ELARA all 98"),
    (OC, "yescarta_lbcl_2l__resp", "per_100", 83, "ZUMA-7-Summary", "§2 ZUMA-7 n=180"),
    (OC, "yescarta_lbcl_2l__efs", "per_100", 41, "ZUMA-7-Summary", "§2 24-month EFS"),
    (OC, "yescarta_lbcl_3l__cr", "per_100", 54, "ZUMA-1-NEJM-2017", "§2 ZUMA-1 n=101"),
    (OC, "tecartus_mcl__resp", "per_100", 87, "FDA-Tecartus-MCL-2020", "§2 ZUMA-2 FDA n=60"),
    (OC, "tecartus_mcl__resp_all", "per_100", 80, "FDA-Tecartus-MCL-2020", "§2 all 74"),
    (OC, "tecartus_ball__cr", "per_100", 52, "FDA-AppSum-Tecartus-ALL", "§2 ZUMA-3 of 54"),
    (OC, "breyanzi_lbcl_2l__cr", "per_100", 74, "TRANSFORM-Blood-2023", "§2 TRANSFORM"),
    (OC, "breyanzi_lbcl_3l__resp", "per_100", 73, "TRANSCEND-Summary", "§2 TRANSCEND n=256"),
    (OC, "breyanzi_cll__resp", "per_100", 45, "FDA-Breyanzi-CLL-2024", "§2 CLL"),
    (OC, "breyanzi_fl__cr", "per_100", 94, "PDQ-Indolent", "§2 TRANSCEND FL"),
    (OC, "breyanzi_mcl__resp", "per_100", 85.3, "FDA-Breyanzi-MCL-2024", "§2 MCL n=68"),
    (OC, "breyanzi_mzl__resp_all", "per_100", 84.4, "FDA-Breyanzi-MZL-2025", "§2 MZL ITT 77"),
    (OC, "abecma_mm__resp", "per_100", 72, "FDA-AppSum-Abecma", "§2 KarMMa FDA n=100"),
    (OC, "carvykti_mm__scr", "per_100", 78.4, "FDA-AppSum-Carvykti", "§2 sCR at 18 months"),
    (OC, "aucatzyl_ball__cr", "per_100", 42, "ASCOPost-Aucatzyl-2024", "§2 FELIX n=65"),
    # --- Options side by side ----------------------------------------------------------------
    (ON, "lbcl_cart_zuma7_resp", "per_100", 83, "PDQ-AggBcell", "§2 ZUMA-7"),
    (ON, "lbcl_auto_zuma7_resp", "per_100", 50, "PDQ-AggBcell", "§2 ZUMA-7 standard care"),
    (ON, "lbcl_cart_zuma7_crs", "per_100", 7, "Yescarta-HCP-2L", "T1/T3 ZUMA-7 G>=3 7%"),
    (ON, "lbcl_auto_never", "per_100", 53, "PDQ-AggBcell", "§9 53-64% never transplanted"),
    (ON, "lbcl_auto_never", "per_100_high", 64, "PDQ-AggBcell", "§9"),
    (ON, "lbcl_cart_no_infusion", "per_100_high", 30, "Frontiers-2021-Mfg", "§6a JULIET 30%"),
    # Same trial, same measures, both groups (ZUMA-7, TRANSFORM), and PARMA for later relapse
    (ON, "lbcl_cart_zuma7_efs", "per_100", 41, "ZUMA-7-Summary", "§2 ZUMA-7 24-month EFS"),
    (ON, "lbcl_auto_zuma7_efs", "per_100", 16, "ZUMA-7-Summary", "§2 ZUMA-7 24-month EFS"),
    (ON, "lbcl_cart_zuma7_os", "per_100", 54.6, "PDQ-AggBcell", "§2 ZUMA-7 4-year OS"),
    (ON, "lbcl_auto_zuma7_os", "per_100", 46.0, "PDQ-AggBcell", "§2 ZUMA-7 4-year OS"),
    (ON, "lbcl_cart_transform_cr", "per_100", 74, "TRANSFORM-Blood-2023", "§2 TRANSFORM CR"),
    (ON, "lbcl_auto_transform_cr", "per_100", 43, "TRANSFORM-Blood-2023", "§2 TRANSFORM CR"),
    (ON, "lbcl_cart_transform_pfs", "per_100", 51, "TRANSFORM-3yr", "§2 36-month PFS"),
    (ON, "lbcl_auto_transform_pfs", "per_100", 26.5, "TRANSFORM-3yr", "§2 36-month PFS"),
    (ON, "lbcl_cart_transform_os", "per_100", 63, "TRANSFORM-3yr", "§2 36-month OS"),
    (ON, "lbcl_auto_transform_os", "per_100", 52, "TRANSFORM-3yr", "§2 36-month OS"),
    (ON, "lbcl_cart_transform_crs", "per_100", 1, "TRANSFORM-Blood-2023", "§3 TRANSFORM G3"),
    (ON, "lbcl_cart_transform_nt", "per_100", 4, "TRANSFORM-Blood-2023", "§4 TRANSFORM G3"),
    (ON, "lbcl_auto_parma_efs", "per_100", 46, "PDQ-AggBcell", "§9 PARMA 5-year EFS"),
    (ON, "lbcl_chemo_parma_efs", "per_100", 12, "PDQ-AggBcell", "§9 PARMA 5-year EFS"),
    (ON, "lbcl_auto_parma_os", "per_100", 53, "PDQ-AggBcell", "§9 PARMA 5-year OS"),
    (ON, "lbcl_chemo_parma_os", "per_100", 32, "PDQ-AggBcell", "§9 PARMA 5-year OS"),
    (ON, "mcl_cart_zuma2_nt", "per_100", 37, "FDA-Tecartus-MCL-2020", "§4 label n=82"),
    (ON, "cll_cart_crs", "per_100", 9, "FDA-Breyanzi-CLL-2024", "§3 CLL n=89"),
    (ON, "balladult_cart_tecartus_itt", "per_100", 41, "FDA-AppSum-Tecartus-ALL", "§2 all 71"),
    (ON, "balladult_bisp_blina_resp", "per_100", 43.9, "PDQ-AdultALL", "§9 blinatumomab"),
    (ON, "mm_cart_c4_pfs", "per_100", 75.9, "PDQ-Myeloma", "§2 CARTITUDE-4 12-month PFS"),
    (ON, "mm_chemo_c4_pfs", "per_100", 48.6, "PDQ-Myeloma", "§2 comparison arm"),
    (ON, "mm_cart_karmma3_resp", "per_100", 71, "PDQ-Myeloma", "§2 KarMMa-3"),
    (ON, "mm_chemo_karmma3_resp", "per_100", 42, "PDQ-Myeloma", "§2 KarMMa-3 standard"),
    # --- Is it for me? (approvals, lines, ages) ---------------------------------------------
    (IND, "kymriah_ball", "approved", "2017-08-30", "Novartis-HCP-ALL-Efficacy", "§1"),
    (IND, "kymriah_ball", "max_age", 25, "Novartis-HCP-ALL-Efficacy", "§1 up to 25 years"),
    (IND, "yescarta_lbcl_2l", "approved", "2022-04-01", "FDA-Yescarta-2L-2022", "§1"),
    (IND, "tecartus_mcl", "approved", "2020-07-24", "FDA-Tecartus-MCL-2020", "§1"),
    (IND, "breyanzi_cll", "min_prior_lines", 2, "FDA-Breyanzi-CLL-2024", "§1 >=2 lines"),
    (IND, "breyanzi_mzl", "approved", "2025-12-04", "FDA-Breyanzi-MZL-2025", "§1"),
    (IND, "abecma_mm", "min_prior_lines", 2, "IMF-2024-Approvals", "§1 since 2024 >=2"),
    (IND, "carvykti_mm", "min_prior_lines", 1, "IMF-2024-Approvals", "§1 since 2024 >=1"),
    (IND, "aucatzyl_ball", "approved", "2024-11-08", "BigMoleculeWatch-Aucatzyl", "§1"),
    # --- Options: list prices -----------------------------------------------------------------
    (PR, "yescarta", "price_usd", 373000, "Citeline-Yescarta-2017", "§7"),
    (PR, "carvykti", "price_usd", 465000, "Fierce-Carvykti-2022", "§7 Feb 2022"),
    (PR, "aucatzyl", "price_usd", 525000, "BPD-Aucatzyl-2024", "§7"),
]


def _cell(content, table: str, key: str, column: str):
    frame = content.table(table).set_index(KEYS[table])
    assert key in frame.index, f"{table}.csv has no row '{key}'"
    return frame.loc[key, column], frame.loc[key, "source_id"]


@pytest.mark.parametrize(
    ("table", "key", "column", "value", "source_id", "where"),
    FACTS,
    ids=[f"{f[0]}:{f[1]}.{f[2]}" for f in FACTS],
)
def test_patient_facing_number_matches_fact_sheet_and_source(
    real_content, table, key, column, value, source_id, where
):
    shown, cited = _cell(real_content, table, key, column)
    assert not risk.is_missing(shown), f"{key}.{column} is missing ({where})"
    if isinstance(value, str):
        assert str(shown) == value, where
    else:
        assert float(shown) == pytest.approx(float(value)), where
    assert cited == source_id, f"{key} cites {cited}, fact sheet says {source_id} ({where})"


# (product_id or "" for the general row, measure, value, low, high, source_id, where)
TIMING = [
    ("", "daily_monitoring_days", 7, None, None, "FDA-REMS-2025", "§6c at least 1 week"),
    ("", "monitoring_days", 14, None, None, "FDA-REMS-2025", "§6c at least 2 weeks"),
    ("", "stay_nearby_days", 14, None, None, "PharmExec-BMS-2025", "§6c 4 -> 2 weeks"),
    ("", "no_driving_days", 14, None, None, "PharmExec-BMS-2025", "§6c 8 -> 2 weeks"),
    ("yescarta", "manufacturing_days", 14, None, None, "Kite-TAT-2024", "§6a 16 -> 14 days"),
    ("kymriah", "vein_to_vein_days", 48.4, None, None, "V2V-MetaAnalysis", "§6a"),
    ("breyanzi", "vein_to_vein_days", 35.9, None, None, "V2V-MetaAnalysis", "§6a"),
    ("tecartus", "manufacturing_days", 15, None, None, "LymphomaHub-ZUMA2", "§6a"),
    ("carvykti", "daily_monitoring_days", 7, None, None, "JnJ-MI-Monitoring-2025", "T3"),
    ("carvykti", "stay_nearby_days", 14, None, None, "JnJ-MI-Monitoring-2025", "T3"),
    ("carvykti", "manufacturing_days", None, 28, 35, "Carvykti-Pt-Process", "T3 4-5 weeks"),
    ("breyanzi", "ld_gap_days", None, 2, 7, "FDA-Breyanzi-MCL-2024", "§6b 2-7 days"),
    ("aucatzyl", "second_dose_day", 9, 7, 11, "Aucatzyl-Dosing", "§6a day 1 and day 10 +-2"),
    ("aucatzyl", "stay_nearby_days", 28, None, None, "OncoLink-Aucatzyl-2024", "§6c 4 weeks"),
    ("aucatzyl", "no_driving_days", 56, None, None, "OncoLink-Aucatzyl-2024", "§6c 8 weeks"),
]


@pytest.mark.parametrize(
    ("product", "measure", "value", "low", "high", "source_id", "where"),
    TIMING,
    ids=[f"{t[0] or 'general'}.{t[1]}" for t in TIMING],
)
def test_journey_timing_matches_fact_sheet(
    real_content, product, measure, value, low, high, source_id, where
):
    frame = real_content.table(PT)
    pid = frame["product_id"].fillna("")
    match = frame[(pid == product) & (frame["measure"] == measure)]
    assert len(match) == 1, f"one {product or 'general'} {measure} row expected"
    row = match.iloc[0]
    for column, expected in (("value", value), ("low", low), ("high", high)):
        if expected is None:
            assert risk.is_missing(row[column]), (column, where)
        else:
            assert float(row[column]) == pytest.approx(expected), (column, where)
    assert row["source_id"] == source_id, where


def test_unverified_items_stay_unshown(real_content):
    """Fact sheet §11 / addendum 'Still UNVERIFIED': these must stay missing."""
    timing = real_content.table(PT)
    pid = timing["product_id"].fillna("")
    # Carvykti driving advice after June 2025 is UNVERIFIED (T3).
    assert timing[(pid == "carvykti") & (timing["measure"] == "no_driving_days")].empty
    # Aucatzyl post-2025 monitoring and every myeloma/Aucatzyl trial vein-to-vein median.
    assert timing[(pid == "aucatzyl") & (timing["measure"] == "daily_monitoring_days")].empty
    for product in ("abecma", "aucatzyl"):
        assert timing[(pid == product) & (timing["measure"] == "vein_to_vein_days")].empty
    ind = real_content.table(IND).set_index("indication_id")
    assert risk.is_missing(ind.loc["yescarta_fl", "approved"])  # FL date UNVERIFIED
    assert str(ind.loc["breyanzi_lbcl_3l", "approved"]) == "2021"  # exact day UNVERIFIED
    prices = real_content.table(PR)
    assert not set(prices["product_id"]) & {"tecartus", "breyanzi"}  # prices UNVERIFIED
    assert 555300 not in set(prices["price_usd"])  # Carvykti later price, low-quality source
    se = real_content.table(SE).set_index("row_id")
    assert se.loc["carvykti_mm__crs", "spread"] == "IQR"
    assert se.loc["breyanzi_cll__crs", "spread"] == "IQR"
    assert risk.is_missing(se.loc["breyanzi_lbcl_3l__crs", "onset_median_day"])  # EU only
    assert risk.is_missing(se.loc["yescarta_lbcl_2l__neuro", "any_grade_per_100"])


def test_conflicting_numbers_are_disclosed_where_shown(real_content):
    """Fact sheet §10 conflicts: where one side is shown, the note names the other."""
    se = real_content.table(SE).set_index("row_id")
    assert "31 in 100" in se.loc["tecartus_mcl__neuro", "note"]  # conflict 5
    assert "5 in 100" in se.loc["abecma_mm__crs", "note"]  # conflict 7
    assert "4 in 100" in se.loc["abecma_mm__neuro", "note"]  # conflict 7
    assert "83 in 100" in se.loc["breyanzi_cll__crs", "note"]  # addendum conflict 3
    assert "58 in 100" in se.loc["kymriah_lbcl__crs", "note"]  # conflict 12
    on = real_content.table(ON).set_index("number_id")
    assert "31 in 100" in on.loc["mcl_cart_zuma2_nt", "population"]
    assert "74 in 100" in on.loc["lbcl_cart_juliet_crsany", "population"]


def test_same_number_on_two_pages_agrees(real_content):
    """ZUMA-7 severe CRS is shown on Side effects and on Options: the same value and source."""
    se = real_content.table(SE).set_index("row_id").loc["yescarta_lbcl_2l__crs"]
    on = real_content.table(ON).set_index("number_id").loc["lbcl_cart_zuma7_crs"]
    assert se["grade3_per_100"] == on["per_100"]
    assert se["source_id"] == on["source_id"]


def test_stay_near_and_driving_advice_is_dated_and_hedged(real_content):
    """June 2025 rules carry their date and the 'centre may ask for longer' caveat."""
    se = real_content.table(SE)
    stay = se[se["effect"] == "stay_near"].set_index("product_id")
    for product in ("kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti"):
        assert "June 2025" in stay.loc[product, "data_set"]
        assert "longer" in stay.loc[product, "note"]
    assert "not part of the June 2025 change" in stay.loc["aucatzyl", "note"]
    text = real_content.text("journey__stay_nearby")
    assert "June 26, 2025" in text and "Carvykti" in text and "Aucatzyl was not part" in text
    assert "longer" in text


def test_knowledge_answers_are_the_right_ones(real_content):
    doc = real_content.documents["questionnaire"]
    questions = {
        q["id"]: q
        for s in doc.get("sections", [])
        for q in s["questions"]
        if "correct" in q
    }
    expected = {
        "know_collection": "machine",
        "know_wait": "weeks",
        "know_chemo_first": "make_room",
        "know_crs_timing": "first_weeks",
        "know_stay_near": "two_weeks",
        "know_caregiver": "yes_two_weeks",
        "know_may_not_work": "not_always",
        "know_lifelong_checks": "for_life",
    }
    assert {k: q["correct"] for k, q in questions.items()} == expected
    # The 475-patient study covered three CD19 products only: say so.
    assert "Yescarta, Kymriah or Breyanzi" in questions["know_crs_timing"]["explanation"]
    assert "Aucatzyl" in questions["know_stay_near"]["explanation"]


def test_outcome_denominators_are_stated(real_content):
    """'Everyone who joined' and 'people who got the infusion' are never mixed up."""
    oc = real_content.table(OC).set_index("row_id")
    for row_id in ("kymriah_fl__resp_all", "tecartus_mcl__resp_all", "tecartus_ball__cr_all",
                   "breyanzi_mzl__resp_all", "yescarta_lbcl_2l__resp"):
        assert oc.loc[row_id, "counted"] == "all enrolled", row_id
    for row_id in ("kymriah_ball__cr", "yescarta_lbcl_3l__resp", "tecartus_mcl__resp",
                   "breyanzi_mzl__resp", "carvykti_mm__resp", "aucatzyl_ball__cr"):
        assert oc.loc[row_id, "counted"] == "infused", row_id
    assert pd.api.types.is_numeric_dtype(oc["per_100"])
