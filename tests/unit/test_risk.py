"""Icon layout, and the rows the Side effects and How often it works pages pick and word
(the wording of numbers is tested in test_frequencies.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from components import catalog, effect_timeline, frequencies, risk, studies

MISSING = [None, pd.NA, float("nan"), ""]


@pytest.mark.parametrize("per_100", [0, 0.4, 0.8, 13, 50, 87.6, 99.6, 100])
def test_icon_grid_places_100_people_with_the_affected_first(per_100):
    grid = risk.icon_grid(per_100)
    assert len(grid) == 100
    assert len({(c, r) for c, r, _ in grid}) == 100
    assert {c for c, _, _ in grid} == set(range(10)) == {r for _, r, _ in grid}
    flags = [a for _, _, a in sorted(grid, key=lambda g: (g[1], g[0]))]
    affected = frequencies.people_out_of_100(per_100)
    assert flags == [True] * affected + [False] * (100 - affected)


@pytest.mark.parametrize(
    ("low", "high", "kind", "unit", "text"),
    [
        (1, 12, "range", "day", "day 1 to day 12, range (first to last person)"),
        (5, 8, "IQR", "day", "day 5 to day 8, middle half of people (interquartile range)"),
        (3, 6, "IQR", "days", "3 to 6 days, middle half of people (interquartile range)"),
        (None, 12, "range", "day", "not reported"),
    ],
)
def test_spread_text_names_range_and_iqr_honestly(real_content, low, high, kind, unit, text):
    assert effect_timeline.spread_text(real_content, low, high, kind, unit) == text


# --- choosing rows --------------------------------------------------------------------------


def test_products_for_a_diagnosis_follow_the_indications(real_content):
    assert studies.products_for(real_content, "myeloma") == ["abecma", "carvykti"]
    assert studies.products_for(real_content, "other") == []
    assert studies.products_for(real_content, None) == list(
        real_content.table("products")["product_id"]
    )


@pytest.mark.parametrize(
    ("disease", "product", "expected"),
    [
        ("myeloma", "carvykti", "carvykti"),
        ("myeloma", "yescarta", "yescarta"),  # does not fit: kept, and the page says why
        ("ball_young", None, "kymriah"),  # the only product for this diagnosis
        (None, "yescarta", "yescarta"),
        (None, "nonsense", None),
    ],
)
def test_a_chosen_product_is_never_dropped(real_content, disease, product, expected):
    offered, chosen = studies.product_choice(real_content, disease, product)
    assert chosen == expected
    assert chosen is None or chosen in offered


def test_a_product_that_does_not_fit_the_cancer_is_offered_last_and_explained(real_content):
    offered, chosen = studies.product_choice(real_content, "myeloma", "yescarta")
    assert offered == ["abecma", "carvykti", "yescarta"] and chosen == "yescarta"
    note = studies.product_note(real_content, "myeloma", "yescarta")
    assert note.startswith("You chose Yescarta earlier. It is not approved for multiple myeloma")
    assert "We kept your choice" in note
    assert studies.product_option_label(real_content, "myeloma", "yescarta").endswith(
        "(not approved for this cancer)")
    assert studies.product_note(real_content, "myeloma", "carvykti") is None
    assert studies.product_note(real_content, None, "yescarta") is None


def test_compare_options_offer_the_other_products_only_once_both_are_chosen(real_content):
    choices = studies.products_for(real_content, "lbcl")
    assert studies.compare_options(choices, "yescarta", "lbcl") == ["kymriah", "breyanzi"]
    assert studies.compare_options(choices, None, "lbcl") == []
    assert studies.compare_options(choices, "yescarta", None) == []


def test_data_sets_are_named_by_the_study_behind_the_numbers(real_content):
    sets = studies.data_sets(real_content, "side_effects", ["yescarta"], "lbcl")
    assert [(d.indication_id, d.label) for d in sets] == [
        ("yescarta_lbcl_2l", "Yescarta, ZUMA-7 study"),
        ("yescarta_lbcl_3l", "Yescarta, ZUMA-1 study"),
    ]
    assert studies.data_sets(real_content, "outcomes", [None], "lbcl") == []


def _one(content, indication, table="side_effects"):
    return next(
        d
        for d in studies.data_sets(content, table, studies.products_for(content, None), None)
        if d.indication_id == indication
    )


def test_effect_panels_give_any_grade_and_severe_with_both_framings(real_content):
    groups = risk.effect_panels(real_content, _one(real_content, "yescarta_lbcl_3l"))
    assert [g.heading for g in groups] == [
        "cytokine release syndrome (CRS)",
        "neurologic events (problems with the brain and nerves)",
    ]
    crs = groups[0]
    assert [p.per_100 for p in crs.panels] == [94, 13]
    assert crs.panels[1].sentence == (
        "13 out of 100 people had severe CRS (grade 3 or higher); 87 out of 100 did not."
    )
    assert "ZUMA-1 study, 108 people" in crs.caption
    assert "Lee 2014" in crs.caption and "Source: PI-Yescarta-2017" in crs.caption
    assert "a study with one group and no comparison group" in crs.caption
    assert "We checked it against its source on December 3, 2026." in crs.caption
    assert groups[1].panels[0].sentence.startswith("87 out of 100 people had neurologic events")


def test_missing_rates_stay_missing_in_panels(real_content):
    groups = risk.effect_panels(real_content, _one(real_content, "aucatzyl_ball"))
    crs = groups[0]
    assert crs.panels[0].per_100 == 75
    ds = _one(real_content, "kymriah_ball")
    neuro = risk.effect_panels(real_content, ds)[1]
    assert neuro.panels[1].per_100 is None
    assert neuro.panels[1].sentence.endswith("not reported.")


def test_a_check_past_the_review_interval_says_may_be_out_of_date(real_content, monkeypatch):
    from components import evidence

    ds = _one(real_content, "yescarta_lbcl_3l")
    assert "may be out of date" not in risk.effect_panels(real_content, ds)[0].caption
    monkeypatch.setattr(evidence, "today", lambda: dt.date(2027, 12, 3))
    caption = risk.effect_panels(real_content, ds)[0].caption
    assert "We last checked it on December 3, 2026, more than 6 months ago." in caption
    assert "may be out of date" in caption
    outcome = risk.outcome_panels(real_content, _one(real_content, "yescarta_lbcl_3l", "outcomes"))
    assert "may be out of date" in outcome[0].caption


def test_intervals_are_said_in_plain_words_under_the_picture(real_content):
    ds = _one(real_content, "kymriah_lbcl", "outcomes")
    panel = risk.outcome_panels(real_content, ds)[0].panels[0]
    assert panel.per_100 == 52
    assert "Our best estimate is 52 out of 100. The true number could be between 41 and 62." in (
        panel.detail)


def test_deaths_are_said_plainly(real_content):
    lines = risk.death_sentences(real_content, _one(real_content, "abecma_mm"))
    assert lines[0] == (
        "30 of the 254 people in KarMMa-3 (12 out of 100) died of any cause (first 6 months "
        "after joining the study). (Source: KarMMa-3-Blood-2024)"
    )
    assert ("1 of the 127 people in KarMMa (about 1 out of 100) died of CRS. "
            "(Source: FDA-Review-Abecma-CCR-2022)") in lines
    tecartus = risk.death_sentences(real_content, _one(real_content, "tecartus_ball"))
    assert tecartus == [
        "In ZUMA-3, 5 out of 100 people died of a side effect; 95 out of 100 did not. "
        "(Source: FDA-AppSum-Tecartus-ALL)"
    ]


def test_timeline_frame_holds_only_rows_with_a_start_and_a_length(real_content):
    sets = studies.data_sets(real_content, "side_effects", ["carvykti"], "myeloma")
    frame = effect_timeline.timeline_frame(real_content, sets)
    assert list(frame["effect"]) == ["CRS"]
    row = frame.iloc[0]
    assert (row["onset"], row["end"], row["low"], row["high"], row["spread"]) == (7, 11, 5, 8, "IQR")


def test_stay_near_uses_the_june_2025_change_and_aucatzyl_keeps_its_own_advice(real_content):
    stay = effect_timeline.stay_near(real_content, ["tecartus", "aucatzyl"])
    assert dict(zip(stay["product"], stay["days"], strict=True)) == {"Tecartus": 14, "Aucatzyl": 28}
    notes = effect_timeline.stay_near_notes(stay)
    assert any("Source: FDA-REMS-2025" in n for n in notes)
    assert any("Aucatzyl" in n and "Source: OncoLink-Aucatzyl-2024" in n for n in notes)


def test_timeline_summary_is_one_sentence_with_the_stay_near_day(real_content):
    sets = studies.data_sets(real_content, "side_effects", ["yescarta"], "lbcl")
    text = effect_timeline.timeline_summary(
        real_content, effect_timeline.timeline_frame(real_content, sets), effect_timeline.stay_near(real_content, ["yescarta"])
    )
    assert text.count(". ") == 1 and text.endswith(".")
    assert "CRS with Yescarta (ZUMA-1) usually started around day 2 and lasted about 7 days" in text
    assert "until at least day 14 (Yescarta)" in text


def test_tables_say_not_reported_for_every_gap(real_content):
    ds = _one(real_content, "yescarta_lbcl_2l")
    table = effect_timeline.timeline_table(real_content, [ds])
    assert table.loc[0, "Usually starts (median)"].startswith("day 3 (day 1 to day 10, range")
    assert table.loc[1, "Usually starts (median)"] == "not reported"
    effects = risk.effects_table(real_content, ds)
    assert effects.loc[0, "Deaths"] == "not reported"
    assert "grading: Lee 2014" in effects.loc[0, "Study"]
    assert "randomised trial" in effects.loc[0, "How sure"]
    assert not effects.isna().any().any()


def test_outcome_panels_group_numbers_that_share_who_and_when(real_content):
    ds = _one(real_content, "yescarta_lbcl_3l", "outcomes")
    groups = risk.outcome_panels(real_content, ds)
    assert [[p.title for p in g.panels] for g in groups] == [
        ["Response", "Complete response"],
        ["Still in response"],
    ]
    assert groups[1].panels[0].sentence == (
        "31 out of 100 people were still in response; 69 out of 100 were not."
    )
    assert "Follow-up: 63.1 months (median)" in groups[1].caption
    assert "people who got the infusion" in groups[0].caption


def test_outcomes_counted_for_everyone_who_joined_become_sentences(real_content):
    ds = _one(real_content, "tecartus_ball", "outcomes")
    assert risk.other_outcomes(real_content, ds) == [
        "Counting all 71 people who joined, including people who never got the infusion: "
        "41 out of 100 people had a complete response; 59 out of 100 did not. Our best "
        "estimate is 41 out of 100. The true number could be between 29 and 53. "
        "(Source: FDA-AppSum-Tecartus-ALL)"
    ]


# --- cross-file validation ------------------------------------------------------------------


def _with(content, table, row_id, **changes):
    frame = content.table(table).copy()
    for column, value in changes.items():
        frame.loc[frame["row_id"] == row_id, column] = value
    return dataclasses.replace(content, tables={**content.tables, table: frame})


@pytest.mark.parametrize(
    ("table", "row_id", "changes", "message"),
    [
        ("side_effects", "abecma_mm__crs", {"product_id": "carvykti"}, "does not match abecma_mm"),
        ("outcomes", "kymriah_fl__cr", {"trial": "JULIET"}, "main rows of kymriah_fl come from"),
        ("side_effects", "abecma_mm__crs", {"spread": ""}, "range or an IQR"),
        ("side_effects", "abecma_mm__crs", {"severe_meaning": ""}, "what 'severe' means"),
        ("side_effects", "carvykti_mm__mnt", {"indication_id": ""}, "which approved use"),
        ("outcomes", "aucatzyl_ball__cr", {"main": False}, "aucatzyl_ball has no row with main"),
    ],
)
def test_validate_names_each_kind_of_mistake(real_content, table, row_id, changes, message):
    problems = [str(p) for p in risk.validate(_with(real_content, table, row_id, **changes))]
    assert any(message in p for p in problems), problems


# --- Age-aware product choices for B-cell ALL (user review, item 2) -----------------------
_C = catalog.load()


@pytest.mark.parametrize(
    ("disease", "age", "expected"),
    [
        ("ball_adult", 24, ["kymriah", "tecartus", "aucatzyl"]),
        ("ball_young", 24, ["kymriah", "tecartus", "aucatzyl"]),
        ("ball_adult", 40, ["tecartus", "aucatzyl"]),
        ("ball_young", None, ["kymriah"]),
    ],
)
def test_products_for_all_follow_the_age(disease, age, expected):
    order = list(_C.table("products")["product_id"])
    assert studies.products_for(_C, disease, age) == sorted(expected, key=order.index)


def test_data_sets_for_a_24_year_old_with_ALL_include_both_age_groups():
    sets = studies.data_sets(_C, "outcomes", ["kymriah", "tecartus"], "ball_adult", 24)
    assert [(d.product_id, d.disease_id) for d in sets] == [
        ("kymriah", "ball_young"), ("tecartus", "ball_adult")]
    assert studies.data_sets(_C, "outcomes", ["kymriah"], "ball_adult", 40) == []
    assert studies.fits(_C, "ball_adult", "kymriah", 24)
    assert not studies.fits(_C, "ball_adult", "kymriah", None)


# --- Sentences that promise numbers only when numbers follow (user review, item 3) ----------
@pytest.mark.parametrize(
    ("product", "disease", "expected"),
    [("yescarta", "lbcl", None),
     ("abecma", "myeloma", "Numbers for low blood counts and HLH-like syndrome are listed "
      "for your product below.")],
)
def test_later_effects_pointer_only_when_numbers_follow(product, disease, expected):
    sets = studies.data_sets(_C, "side_effects", [product], disease)
    assert risk.later_effects_pointer(_C, sets) == expected
    assert risk.later_effects_pointer(_C, []) is None


def test_no_prose_promises_numbers_below():
    assert "listed for your product below" not in _C.text("side_effects__long_term")


# --- The study that matches the person's earlier treatments comes first (item 4) -----------
@pytest.mark.parametrize(
    ("lines", "first_trial", "matches"),
    [(1, "ZUMA-7", True), (2, "ZUMA-1", True), (3, "ZUMA-1", True), (None, "ZUMA-7", False)],
)
def test_matching_study_first_and_labelled(lines, first_trial, matches):
    sets = studies.data_sets(_C, "outcomes", ["yescarta"], "lbcl")
    ordered = studies.order_by_lines(_C, sets, lines)
    assert ordered[0].trial == first_trial
    found, words = studies.study_group(_C, ordered[0], lines)
    assert found is matches
    if matches:
        assert words.startswith(f"Matches what you told us ({lines} earlier treatment")
    else:
        assert words.startswith("This study is about people with large B-cell lymphoma")
    if lines is not None:
        other = studies.study_group(_C, ordered[-1], lines)
        assert other[0] is False and other[1].startswith("About a different group")


def test_follow_up_median_is_explained_in_plain_words():
    sets = studies.data_sets(_C, "outcomes", ["yescarta"], "lbcl")
    captions = [g.caption for ds in sets for g in risk.outcome_panels(_C, ds)]
    assert any("The median is the middle value" in c for c in captions)


def test_shipped_rows_pass_the_cross_file_checks(real_content):
    assert risk.validate(real_content) == []
