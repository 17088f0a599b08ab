"""The finder: diagnosis + earlier treatments (+ age) -> products that fit, and why others do not."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from components import catalog, finder

CONTENT = catalog.load()
DISEASES = list(CONTENT.table("diseases")["disease_id"])

# (diagnosis, earlier treatments) -> brands whose approval covers it. From cart-facts.md §1.
CASES: dict[str, dict[int, set[str]]] = {
    "lbcl": {0: set(), 1: {"Yescarta", "Breyanzi"}, 2: {"Kymriah", "Yescarta", "Breyanzi"}},
    "fl": {0: set(), 1: set(), 2: {"Kymriah", "Yescarta", "Breyanzi"}},
    "mcl": {0: set(), 1: {"Tecartus"}, 2: {"Tecartus", "Breyanzi"}},
    "mzl": {0: set(), 1: set(), 2: {"Breyanzi"}},
    "cll": {0: set(), 1: set(), 2: {"Breyanzi"}},
    "ball_young": {0: set(), 1: {"Kymriah"}, 2: {"Kymriah"}},
    "ball_adult": {0: set(), 1: {"Tecartus", "Aucatzyl"}, 2: {"Tecartus", "Aucatzyl"}},
    "myeloma": {0: set(), 1: {"Carvykti"}, 2: {"Abecma", "Carvykti"}},
    "other": {0: set(), 1: set(), 2: set()},
}
TABLE = [(d, lines, brands) for d, by_lines in CASES.items() for lines, brands in by_lines.items()]
# Answers that meet every condition an approval can depend on (approval_conditions.csv).
ALL_MET = {
    "about_early_relapse": "yes",
    "about_transplant": "not_possible",
    "about_drug_classes": ["btk", "bcl2", "imid", "pi", "cd38"],
    "about_lenalidomide": "yes",
}


def test_every_diagnosis_has_cases():
    assert sorted(CASES) == sorted(DISEASES)


@pytest.mark.parametrize(("disease", "lines", "brands"), TABLE)
def test_products_that_fit(disease, lines, brands):
    result = finder.find_products(CONTENT, disease, lines, answers=ALL_MET)
    assert set(result.applies) == brands
    maybe = finder.find_products(CONTENT, disease, lines)  # the same, with no answers
    assert set(maybe.applies) | {p.brand for p in maybe.fits} == brands


@pytest.mark.parametrize(("disease", "lines", "brands"), TABLE)
def test_every_product_lands_in_exactly_one_group_with_a_reason(disease, lines, brands):
    result = finder.find_products(CONTENT, disease, lines)
    groups = [*result.fits, *result.not_fitting, *result.other_cancers]
    assert sorted(p.product_id for p in groups) == sorted(CONTENT.table("products")["product_id"])
    assert all(p.reason.strip() for p in groups)


@pytest.mark.parametrize("disease", DISEASES)
def test_products_that_do_not_fit_say_why_with_the_numbers(disease):
    """With no earlier treatment nothing is approved, and the reason names the rule."""
    result = finder.find_products(CONTENT, disease, 0)
    assert result.applies == ()
    for fit in result.not_fitting:
        if fit.status == finder.NOT_YET:
            assert "or more earlier treatment" in fit.reason
            assert "You told us about 0 earlier treatments" in fit.reason


@pytest.mark.parametrize("disease", [d for d in DISEASES if d != "other"])
def test_unknown_number_of_treatments_lists_approved_products_to_check(disease):
    result = finder.find_products(CONTENT, disease, None)
    assert result.fits, disease
    assert {p.status for p in result.fits} == {finder.CHECK_LINES}
    assert "Tell us how many treatments" in result.summary


def test_other_cancers_are_trial_only():
    result = finder.find_products(CONTENT, "other", 3)
    assert result.trial_only
    assert result.fits == () and result.not_fitting == ()
    assert "only in clinical trials" in result.summary
    reasons = " ".join(p.reason for p in result.other_cancers)
    assert "not for the cancer you chose" in reasons


def test_second_line_approval_does_not_cover_third_line():
    """Yescarta's 2nd-line approval is for exactly one earlier treatment."""
    result = finder.find_products(CONTENT, "lbcl", 2, answers=ALL_MET)
    yescarta = next(p for p in result.fits if p.brand == "Yescarta")
    assert [i.indication_id for i in yescarta.indications] == ["yescarta_lbcl_3l"]


def test_second_line_shows_the_extra_condition():
    result = finder.find_products(CONTENT, "lbcl", 1)
    yescarta = next(p for p in result.fits if p.brand == "Yescarta")
    assert "within 12 months" in yescarta.indications[0].extra_conditions


@pytest.mark.parametrize(
    ("disease", "age", "fits", "age_blocked"),
    [
        ("ball_adult", 20, {"Kymriah", "Tecartus", "Aucatzyl"}, set()),
        ("ball_adult", 30, {"Tecartus", "Aucatzyl"}, {"Kymriah"}),
        ("ball_adult", None, {"Tecartus", "Aucatzyl"}, {"Kymriah"}),
        ("ball_young", 12, {"Kymriah"}, {"Tecartus", "Aucatzyl"}),
        ("ball_young", 22, {"Kymriah", "Tecartus", "Aucatzyl"}, set()),
        ("ball_young", None, {"Kymriah"}, {"Tecartus", "Aucatzyl"}),
        ("lbcl", 16, set(), {"Kymriah", "Yescarta", "Breyanzi"}),
    ],
)
def test_age_decides_between_the_two_ALL_groups(disease, age, fits, age_blocked):
    result = finder.find_products(CONTENT, disease, 2, age, ALL_MET)
    assert set(result.applies) == fits
    assert {p.brand for p in result.not_fitting if p.status == finder.AGE} == age_blocked
    for fit in result.not_fitting:
        if fit.status == finder.AGE:
            assert "age" in fit.reason.lower()


def test_age_reason_names_the_persons_age():
    result = finder.find_products(CONTENT, "ball_adult", 1, 30)
    kymriah = next(p for p in result.not_fitting if p.brand == "Kymriah")
    assert kymriah.reason == "Approved only for this age group: up to age 25. You are 30."


@pytest.mark.parametrize(
    ("disease", "lines", "age"),
    [("nonsense", 1, None), ("lbcl", -1, None), ("lbcl", 11, None), ("lbcl", 1, 130)],
)
def test_impossible_input_raises_a_clear_error(disease, lines, age):
    with pytest.raises(ValueError):
        finder.find_products(CONTENT, disease, lines, age)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2017", "2017"), ("2022-06", "June 2022"), ("2017-08-30", "August 30, 2017"),
     (None, "Date not reported in our sources"), ("", "Date not reported in our sources")],
)
def test_approved_text(value, expected):
    assert finder.approved_text(CONTENT, value) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(18, None, "Adults aged 18 or older"), (None, 25, "Up to age 25"), (1, 25, "Ages 1 to 25"),
     (None, None, "No age limit in our sources"), (12, None, "Aged 12 or older")],
)
def test_age_text(low, high, expected):
    assert finder.age_text(CONTENT, low, high) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (0, 0), (3, 3), (4, 4), (9, 4), (-1, None), (True, None), ("2", None)],
)
def test_normalise_lines(value, expected):
    assert finder.normalise_lines(value) == expected


@pytest.mark.parametrize(("value", "expected"), [(0, "None yet"), (1, "1"), (4, "4 or more")])
def test_lines_label(value, expected):
    assert finder.lines_label(value) == expected


@pytest.mark.parametrize(("value", "expected"), [("lbcl", "lbcl"), ("xyz", None), (None, None)])
def test_known_disease(value, expected):
    assert finder.known_disease(CONTENT, value) == expected


@pytest.mark.parametrize("disease", [d for d in DISEASES if d != "other"])
def test_product_markdown_shows_line_age_date_and_source(disease):
    for fit in finder.find_products(CONTENT, disease, 2).fits:
        text = finder.product_markdown(CONTENT, fit)
        assert fit.brand in text and "**Age:**" in text and "**Approved in the US:**" in text
        assert "(Source: " in text


@pytest.mark.parametrize("disease", [d for d in DISEASES if d != "other"])
def test_indications_table_has_one_row_per_approval(disease):
    frame = finder.indications_frame(CONTENT, disease)
    indications = CONTENT.table("indications")
    assert len(frame) == (indications["disease_id"] == disease).sum()
    assert not frame.isna().any().any()


def test_a_product_with_no_date_says_not_reported():
    indications = CONTENT.table("indications").copy()
    indications.loc[indications["indication_id"] == "yescarta_fl", "approved"] = pd.NA
    changed = dataclasses.replace(CONTENT, tables={**CONTENT.tables, "indications": indications})
    result = finder.find_products(changed, "fl", 2)
    yescarta = next(p for p in result.fits if p.brand == "Yescarta")
    assert yescarta.indications[0].approved_text == "Date not reported in our sources"


def test_finder_reads_the_tables_not_constants():
    """A new approval in indications.csv shows up without code changes."""
    indications = CONTENT.table("indications").copy()
    row = indications[indications["indication_id"] == "breyanzi_mzl"].copy()
    row["indication_id"], row["disease_id"], row["product_id"] = "x", "mzl", "yescarta"
    tables = {**CONTENT.tables, "indications": pd.concat([indications, row], ignore_index=True)}
    changed = dataclasses.replace(CONTENT, tables=tables)
    assert set(finder.find_products(changed, "mzl", 2).applies) == {"Breyanzi", "Yescarta"}


# --- Age-aware product choices for B-cell ALL (user review, item 2) -----------------------
@pytest.mark.parametrize(
    ("disease", "age", "expected"),
    [
        ("ball_adult", 24, {"tecartus_ball", "aucatzyl_ball", "kymriah_ball"}),
        ("ball_young", 24, {"kymriah_ball", "tecartus_ball", "aucatzyl_ball"}),
        ("ball_adult", 30, {"tecartus_ball", "aucatzyl_ball"}),
        ("ball_young", 12, {"kymriah_ball"}),
        ("ball_adult", None, {"tecartus_ball", "aucatzyl_ball"}),
        ("ball_young", None, {"kymriah_ball"}),
        ("lbcl", 24, set(CONTENT.table("indications").query("disease_id == 'lbcl'")
                         ["indication_id"])),
        (None, 24, set()),
    ],
)
def test_age_group_indications(disease, age, expected):
    assert set(finder.age_group_indications(CONTENT, disease, age)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(24, 24), (24.0, 24), ("x", None), (None, None), (-1, None), (121, None),
     (True, None), (float("nan"), None)],
)
def test_normalise_age(value, expected):
    assert finder.normalise_age(value) == expected


def test_age_group_note_names_the_other_groups_products():
    note = finder.age_group_note(CONTENT, "ball_adult", 24)
    assert note is not None and "Kymriah" in note and "24" in note
    assert finder.age_group_note(CONTENT, "ball_adult", 40) is None
    assert finder.age_group_note(CONTENT, "lbcl", 24) is None
