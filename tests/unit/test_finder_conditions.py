"""The finder uses every answer an approval depends on (issue 13): for each approved use, answers
that fit, answers that do not, and answers that are missing, each with the reason in words."""

from __future__ import annotations

import pytest

from components import catalog, content, finder

CONTENT = catalog.load()
CONDITIONS = finder.conditions(CONTENT)
ROWS = {r["indication_id"]: r for r in CONTENT.rows("indications")}
MULTI = {"about_drug_classes"}  # tick-all-that-apply questions

# What each current FDA label requires beyond the line of therapy and age, as the finder checks
# it ("a;b" both, "a|b" either). Pinned so that a data edit cannot drop a condition silently.
REQUIRES = {
    "yescarta_lbcl_2l": "early_relapse",
    "breyanzi_lbcl_2l": "early_relapse|no_transplant",
    "breyanzi_cll": "had_btk;had_bcl2",
    "breyanzi_mcl": "had_btk",
    "abecma_mm": "had_imid;had_pi;had_cd38",
    "carvykti_mm": "had_pi;had_imid;len_refractory",
}
CONDITIONAL = sorted(REQUIRES)


def test_the_conditions_of_each_approval_are_pinned():
    assert {i: r["requires"] for i, r in ROWS.items() if r["requires"]} == REQUIRES


def all_met() -> dict:
    answers: dict = {}
    for cond in CONDITIONS.values():
        if cond.question_id in MULTI:
            answers.setdefault(cond.question_id, []).append(cond.meets)
        else:
            answers[cond.question_id] = cond.meets
    return answers


def failing(clause: tuple[str, ...]) -> dict:
    """Every condition met except the ones of `clause`, which the answers rule out."""
    answers = all_met()
    for cid in clause:
        cond = CONDITIONS[cid]
        if cond.question_id in MULTI:
            answers[cond.question_id] = [v for v in answers[cond.question_id] if v != cond.meets]
        else:
            answers[cond.question_id] = cond.fails
    return answers


def unknown(clause: tuple[str, ...]) -> dict:
    """Every condition met except the ones of `clause`, which the answers leave open: a
    question not answered, or a box not ticked next to "not sure"."""
    answers = all_met()
    for cid in clause:
        cond = CONDITIONS[cid]
        if cond.question_id in MULTI:
            ticked = [v for v in answers[cond.question_id] if v != cond.meets]
            answers[cond.question_id] = [*dict.fromkeys([*ticked, "not_sure"])]
        else:
            answers.pop(cond.question_id, None)
    return answers


def fit_of(indication_id: str, answers: dict, age: int | None = 40) -> finder.ProductFit:
    """The product's fit, with exactly this approval in range (its least number of lines)."""
    row = ROWS[indication_id]
    result = finder.find_products(
        CONTENT, row["disease_id"], int(row["min_prior_lines"]), age, answers)
    return next(p for p in (*result.fits, *result.not_fitting) if p.product_id == row["product_id"])


@pytest.mark.parametrize("indication_id", sorted(ROWS))
def test_every_approval_fits_when_every_answer_fits(indication_id):
    row = ROWS[indication_id]
    age = 20 if row["max_age"] else 40
    fit = fit_of(indication_id, all_met(), age)
    assert fit.status == finder.APPLIES, fit.reason
    assert indication_id in [i.indication_id for i in fit.indications]


@pytest.mark.parametrize("indication_id", CONDITIONAL)
def test_an_answer_that_rules_out_a_condition_means_it_does_not_fit(indication_id):
    for clause in finder.requirement(REQUIRES[indication_id]):
        fit = fit_of(indication_id, failing(clause))
        assert fit.status == finder.NOT_MET, fit.reason
        for cid in clause:
            assert CONDITIONS[cid].told_not in fit.reason
            assert CONDITIONS[cid].needs in fit.reason


@pytest.mark.parametrize("indication_id", CONDITIONAL)
def test_a_missing_answer_says_which_condition_is_unknown(indication_id):
    clauses = finder.requirement(REQUIRES[indication_id])
    for clause in clauses:
        fit = fit_of(indication_id, unknown(clause))
        assert fit.status == finder.CHECK_CONDITIONS, fit.reason
        for cid in clause:
            assert f"whether {CONDITIONS[cid].needs}" in fit.reason
        others = [c for cl in clauses if cl != clause for c in cl]
        assert not any(CONDITIONS[c].needs in fit.reason for c in others)


@pytest.mark.parametrize("indication_id", sorted(ROWS))
def test_age_outside_the_approval_means_it_does_not_fit(indication_id):
    row = ROWS[indication_id]
    too_old_or_young = int(row["max_age"]) + 1 if row["max_age"] else int(row["min_age"]) - 2
    fit = fit_of(indication_id, all_met(), too_old_or_young)
    assert fit.status == finder.AGE
    assert f"You are {too_old_or_young}" in fit.reason


def test_not_sure_is_unknown_and_an_unticked_box_is_no():
    cond = CONDITIONS["had_btk"]
    assert cond.met({"about_drug_classes": ["btk"]}) is True
    assert cond.met({"about_drug_classes": ["bcl2"]}) is False
    assert cond.met({"about_drug_classes": ["bcl2", "not_sure"]}) is None
    assert cond.met({}) is None
    early = CONDITIONS["early_relapse"]
    assert [early.met({"about_early_relapse": v}) for v in ("yes", "no", "not_sure",
            "does_not_apply")] == [True, False, None, None]


def test_the_walk_from_the_issue_late_relapse_lymphoma():
    """The walk in issue 13: large B-cell lymphoma, one earlier treatment, "came back within
    12 months?" answered No. Yescarta does not fit; Breyanzi depends on the transplant answer."""
    said = {"about_early_relapse": "no"}
    result = finder.find_products(CONTENT, "lbcl", 1, 62, said)
    assert result.applies == ()
    yescarta = next(p for p in result.not_fitting if p.brand == "Yescarta")
    assert "You told us it did not come back that soon." in yescarta.reason
    breyanzi = next(p for p in result.fits if p.brand == "Breyanzi")
    assert breyanzi.status == finder.CHECK_CONDITIONS
    assert "a stem cell transplant is not possible" in breyanzi.reason
    said["about_transplant"] = "not_possible"
    assert finder.find_products(CONTENT, "lbcl", 1, 62, said).applies == ("Breyanzi",)


def test_the_questions_asked_follow_the_cancer_and_the_treatments():
    assert finder.condition_questions(CONTENT, "lbcl", 1) == (
        "about_early_relapse", "about_transplant")
    assert finder.condition_questions(CONTENT, "lbcl", 2) == ()
    assert finder.condition_questions(CONTENT, "myeloma", None) == (
        "about_drug_classes", "about_lenalidomide")
    assert finder.condition_questions(CONTENT, "fl", 3) == ()
    assert finder.condition_questions(CONTENT, None, 1) == ()


def test_an_unknown_condition_in_the_data_is_refused(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(content.DATA_DIR, data)
    path = data / "indications.csv"
    path.write_text(path.read_text().replace("had_btk;had_bcl2", "had_btk;had_magic"))
    with pytest.raises(content.ContentError) as exc:
        catalog.load(data)
    assert any("unknown approval condition 'had_magic'" in str(p) for p in exc.value.problems)
