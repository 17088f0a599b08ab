"""The evidence rules and the words for how sure and how fresh a number is."""

from __future__ import annotations

import datetime as dt

import pytest

from components import evidence

PAPER = {
    "source_id": "ZUMA-1-NEJM-2017", "kind": "trial_paper", "doi": "10.1056/NEJMoa1707447",
    "pmid": "29226797", "setid": None, "revision": None,
    "url": "https://doi.org/10.1056/NEJMoa1707447",
}
LABEL = {
    "source_id": "PI-Yescarta", "kind": "label", "doi": None, "pmid": None,
    "setid": "9b70606e-b99c-4272-a0f1-b5523cce0c59", "revision": "2025-06",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=9b70606e-b99c-4272-a0f1-b5523cce0c59",
}
WORDS = {
    "interval": "Best {value}; between {low} and {high}.",
    "design_randomised": "Randomised.",
    "design_single_group": "One group.",
    "design_observational": "Records.",
    "design_meta_analysis": "Pooled.",
    "checked": "Checked on {date}.",
    "stale": "Last checked on {date}, over {months} months ago. It may be out of date.",
}


def test_canonical_sources_pass():
    assert evidence.source_problems(PAPER) == []
    assert evidence.source_problems(LABEL) == []


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        ({"url": "https://fda.einnews.com/pr_news/1"}, "url", "copy or an aggregator"),
        ({"url": "https://www.drugs.com/dosage/abecma.html"}, "url", "copy or an aggregator"),
        ({"url": "http://doi.org/10.1/x"}, "url", "https"),
        ({"url": "https://www.nejm.org/doi/full/10.1056/x"}, "url", "a trial_paper lives on"),
        ({"doi": None, "pmid": None}, "doi", "needs its DOI or PMID"),
        ({"doi": "NEJMoa1707447"}, "doi", "is not a DOI"),
        ({"pmid": "PMC123"}, "pmid", "is not a PubMed id"),
    ],
)
def test_a_paper_must_be_cited_by_its_original(change, column, words):
    found = evidence.source_problems({**PAPER, **change})
    assert any(col == column and words in msg for col, msg in found), found


@pytest.mark.parametrize(
    ("change", "column"),
    [({"setid": None}, "setid"), ({"revision": None}, "revision"), ({"setid": "abc"}, "setid"),
     ({"url": "https://www.yescarta.com/pi.pdf"}, "url")],
)
def test_a_label_needs_its_set_id_revision_and_dailymed_or_fda_address(change, column):
    assert column in {col for col, _ in evidence.source_problems({**LABEL, **change})}


ROW = {
    "source_id": "ZUMA-1-NEJM-2017", "measure_id": "response", "per_100": 82.0, "n": 101,
    "ci_low": 73.0, "ci_high": 89.0, "grading": None, "checked": dt.date(2026, 12, 3),
    "design": "single-group",
}
KINDS = {"ZUMA-1-NEJM-2017": "trial_paper", "Kite-Web": "maker", "News": "news"}


def test_a_complete_row_passes():
    assert evidence.row_evidence_problems("option_numbers", ROW, KINDS) == []


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        ({"source_id": "Kite-Web"}, "source_id", "a maker source cannot carry"),
        ({"source_id": "News"}, "source_id", "a news source cannot carry"),
        ({"ci_low": 85.0}, "ci_low", "does not hold the number"),
        ({"ci_high": None}, "ci_low", "both ends"),
        ({"checked": dt.date.today() + dt.timedelta(days=2)}, "checked", "in the future"),
        ({"n": None}, "n", "how many people"),
    ],
)
def test_a_row_that_breaks_a_rule_is_named(change, column, words):
    found = evidence.row_evidence_problems("option_numbers", {**ROW, **change}, KINDS)
    assert any(col == column and words in msg for col, msg in found), found


def test_graded_measures_need_their_grading_system():
    crs = {**ROW, "measure_id": "crs_severe", "ci_low": None, "ci_high": None}
    found = evidence.row_evidence_problems("option_numbers", crs, KINDS, frozenset({"crs_severe"}))
    assert [c for c, _ in found] == ["grading"]
    assert evidence.row_evidence_problems(
        "option_numbers", {**crs, "grading": "ASTCT 2019"}, KINDS, frozenset({"crs_severe"})
    ) == []
    effect = {"source_id": "ZUMA-1-NEJM-2017", "effect": "neuro", "grading": None, "n": 108,
              "any_grade_per_100": 87.0, "grade3_per_100": 31.0, "design": "single-group"}
    assert [c for c, _ in evidence.row_evidence_problems("side_effects", effect, KINDS)] == [
        "grading"]


def test_side_effect_intervals_belong_to_their_own_number():
    row = {"source_id": "ZUMA-1-NEJM-2017", "effect": "infection", "any_grade_per_100": 40.0,
           "n": 111,
           "grade3_per_100": 10.0, "any_grade_ci_low": 30.0, "any_grade_ci_high": 50.0,
           "grade3_ci_low": 12.0, "grade3_ci_high": 20.0, "design": "single-group"}
    found = evidence.row_evidence_problems("side_effects", row, KINDS)
    assert [c for c, _ in found] == ["grade3_ci_low"]


def test_interval_in_plain_words_rounds_to_whole_people():
    assert evidence.interval_sentence(WORDS, 52.4, 41.4, 62.5) == "Best 52; between 41 and 63."
    assert evidence.interval_sentence(WORDS, 52.4, None, None) == ""


@pytest.mark.parametrize(
    ("checked", "today", "stale"),
    [
        (dt.date(2026, 12, 3), dt.date(2026, 12, 3), False),
        (dt.date(2026, 12, 3), dt.date(2027, 6, 3), False),
        (dt.date(2026, 12, 3), dt.date(2027, 6, 4), True),
        (dt.date(2026, 8, 31), dt.date(2027, 2, 28), False),
        (dt.date(2026, 8, 31), dt.date(2027, 3, 1), True),
        (None, dt.date(2026, 12, 3), True),
    ],
)
def test_a_check_older_than_the_review_interval_is_stale(checked, today, stale):
    assert evidence.is_stale(checked, today, 6) is stale


def test_freshness_sentence_says_out_of_date_by_itself():
    checked = dt.date(2026, 12, 3)
    assert evidence.freshness_sentence(WORDS, checked, dt.date(2027, 1, 1), 6) == (
        "Checked on December 3, 2026."
    )
    late = evidence.freshness_sentence(WORDS, checked, dt.date(2027, 7, 1), 6)
    assert "may be out of date" in late and "December 3, 2026" in late


def test_a_row_with_no_number_needs_no_count():
    warning = {"source_id": "ZUMA-1-NEJM-2017", "effect": "enterocolitis", "n": None,
               "any_grade_per_100": None, "grade3_per_100": None, "design": "single-group"}
    assert evidence.row_evidence_problems("side_effects", warning, KINDS) == []


def test_design_words_come_from_the_wording_table():
    assert evidence.design_sentence(WORDS, "single-group") == "One group."
    assert evidence.design_sentence(WORDS, "randomised") == "Randomised."
