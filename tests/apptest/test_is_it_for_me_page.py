"""The 'Is it for me?' page runs for every diagnosis and shows what fits, what does not and why."""

from __future__ import annotations

import pytest

from components import catalog, finder, state

PAGE = "pages/is_it_for_me.py"
CONTENT = catalog.load()
DISEASES = list(CONTENT.table("diseases")["disease_id"])


def shown(at) -> str:
    return " ".join(m.value for m in at.markdown) + " " + " ".join(i.value for i in at.info)


def test_without_a_diagnosis_the_page_asks_for_one(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert at.selectbox(key=state.K_DIAGNOSIS).value is None
    assert any("Choose your cancer above" in i.value for i in at.info)


@pytest.mark.parametrize("disease", DISEASES)
@pytest.mark.parametrize("lines", [None, 0, 2])
def test_page_runs_for_every_diagnosis(make_app, disease, lines):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: disease, state.K_PRIOR_LINES: lines}).run()
    assert not at.exception
    result = finder.find_products(CONTENT, disease, lines)
    assert result.summary in shown(at)
    text = shown(at)
    for fit in (*result.fits, *result.not_fitting):
        assert f"### {fit.brand} ({fit.generic})" in text
        assert fit.reason in text


def test_trial_only_explains_what_it_means(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "other"}).run()
    assert not at.exception
    assert 'What does "clinical trial only" mean?' in shown(at)
    assert not [h for h in at.header if "products may fit" in h.value]


def test_choosing_diagnosis_and_treatments_changes_what_fits(make_app):
    at = make_app(PAGE).run()
    at.selectbox(key=state.K_DIAGNOSIS).set_value("lbcl").run()
    at.selectbox(key=state.K_PRIOR_LINES).set_value(1).run()
    assert not at.exception
    assert "Yescarta and Breyanzi may fit, but that depends on something" in shown(at)
    assert "Approved only after 2 or more earlier treatments." in shown(at)
    at.radio(key="is_it_for_me__about_early_relapse").set_value("yes").run()
    assert "The approval of Yescarta and Breyanzi covers what you told us." in shown(at)
    at.selectbox(key=state.K_PRIOR_LINES).set_value(2).run()
    assert "The approval of Kymriah, Yescarta and Breyanzi covers what you told us." in shown(at)
    assert not at.radio  # no approval after 2 treatments depends on an answer
    at.selectbox(key=state.K_DIAGNOSIS).set_value("myeloma").run()
    assert "Abecma and Carvykti may fit" in shown(at)
    for kind in ("imid", "pi", "cd38"):
        at.checkbox(key=f"is_it_for_me__about_drug_classes__{kind}").check().run()
    at.radio(key="is_it_for_me__about_lenalidomide").set_value("yes").run()
    assert "The approval of Abecma and Carvykti covers what you told us." in shown(at)
    assert at.session_state[state.K_DIAGNOSIS] == "myeloma"


def test_a_no_to_early_relapse_rules_out_yescarta_and_leaves_breyanzi_to_the_transplant(
        make_app):
    """The walk in issue 13, and the answers land in the self-assessment's answers."""
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRIOR_LINES: 1}).run()
    at.radio(key="is_it_for_me__about_early_relapse").set_value("no").run()
    assert "You told us it did not come back that soon." in shown(at)
    assert "It depends on whether a stem cell transplant is not possible" in shown(at)
    at.radio(key="is_it_for_me__about_transplant").set_value("not_possible").run()
    assert "The approval of Breyanzi covers what you told us." in shown(at)
    assert at.session_state[state.K_ANSWERS] == {
        "about_early_relapse": "no", "about_transplant": "not_possible"}


def test_age_moves_kymriah_for_young_adults_with_ALL(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "ball_adult", state.K_PRIOR_LINES: 1}).run()
    assert "Kymriah, Tecartus" not in shown(at)
    at.number_input(key=state.K_AGE).set_value(20).run()
    assert not at.exception
    assert "The approval of Kymriah, Tecartus and Aucatzyl covers what you told us." in shown(at)


def test_stale_shared_values_are_cleaned_without_an_error(make_app):
    """A value left by another page or an old answers file never breaks this page."""
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "gone", state.K_PRIOR_LINES: 9}).run()
    assert not at.exception
    assert at.session_state[state.K_DIAGNOSIS] is None
    assert at.session_state[state.K_PRIOR_LINES] == 4


def test_approvals_table_and_other_cancers_are_shown(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "mcl", state.K_PRIOR_LINES: 2}).run()
    frames = [t.value for t in at.table]  # one two-column table per product: fits a phone
    assert all(list(f.index) == list(finder.SHORT_COLUMNS[1:]) for f in frames)
    assert {f.columns[0] for f in frames} == {"Tecartus (brexucabtagene autoleucel)",
                                             "Breyanzi (lisocabtagene maraleucel)"}
    assert "**Abecma**: Approved for multiple myeloma, not for mantle cell lymphoma." in shown(at)


def test_diagnosis_chosen_here_is_kept_on_the_options_page(make_app):
    at = make_app(PAGE).run()
    at.selectbox(key=state.K_DIAGNOSIS).set_value("fl").run()
    at.switch_page("pages/options.py").run()
    assert not at.exception
    assert at.selectbox(key=state.K_DIAGNOSIS).value == "fl"


def test_age_is_kept_and_used_on_the_other_pages(make_app):
    """A 24-year-old with B-cell ALL sees Kymriah, Tecartus and Aucatzyl on every page."""
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "ball_adult", state.K_PRIOR_LINES: 2}).run()
    at.number_input(key=state.K_AGE).set_value(24).run()
    assert not at.exception
    for page in ("pages/side_effects.py", "pages/outcomes.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert at.session_state[state.K_AGE] == 24
        assert at.selectbox(key=state.K_PRODUCT).options == [
            "Kymriah (tisagenlecleucel)", "Tecartus (brexucabtagene autoleucel)",
            "Aucatzyl (obecabtagene autoleucel)"]
        assert any("You told us you are 24" in c.value for c in at.markdown)
    at.switch_page(PAGE).run()
    assert at.number_input(key=state.K_AGE).value == 24
