"""The 'Options side by side' page runs for every diagnosis, and the grid follows the choice."""

from __future__ import annotations

import pytest

from components import catalog, frequencies, options, state, trials
from tests.apptest.page_text import visible_text
from tests.apptest.pictures import icon_arrays

PAGE = "pages/options.py"
CONTENT = catalog.load()
DISEASES = list(CONTENT.table("diseases")["disease_id"])
TYPES = CONTENT.table("option_types").set_index("option_id")


def names_for(disease: str) -> list[str]:
    return [TYPES.loc[o, "name"] for o in options.options_for(CONTENT, disease)]


def answer_table(at):
    """The one-question table (other tables, like head-to-head results, may come before it)."""
    return next(t.value for t in at.table if "Answer" in t.value.columns)


def test_without_a_diagnosis_the_page_asks_for_one(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert any("Choose your cancer above" in i.value for i in at.info)
    # Background on checkpoint inhibitors is folded away (user review): an expander, not a header.
    assert "How is a checkpoint inhibitor different from CAR-T?" in [e.label for e in at.expander]


@pytest.mark.parametrize("disease", DISEASES)
def test_one_box_per_option_for_every_diagnosis(make_app, disease):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: disease, "options__view": "One box per option"}).run()
    assert not at.exception
    studies = [f"The {s.study} study" for s in trials.head_to_head(CONTENT, disease, None)]
    assert [s.value for s in at.subheader] == studies + names_for(disease)
    body = visible_text(at)
    for _, label in options.ASPECTS:
        assert body.count(f"**{label}**") == len(names_for(disease))


@pytest.mark.parametrize("disease", DISEASES)
def test_table_view_has_one_row_per_option(make_app, disease):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: disease, "options__view":
                           "One question at a time (table)"}).run()
    assert not at.exception
    at.selectbox(key="options__question").set_value("harm").run()
    grid = answer_table(at)
    assert list(grid.index) == names_for(disease)
    assert grid["Answer"].str.len().gt(0).all()


def test_choosing_a_diagnosis_changes_the_table(make_app):
    at = make_app(PAGE, **{"options__view": "One question at a time (table)"}).run()
    at.selectbox(key=state.K_DIAGNOSIS).set_value("lbcl").run()
    lbcl = answer_table(at)
    at.selectbox(key=state.K_DIAGNOSIS).set_value("myeloma").run()
    assert not at.exception
    myeloma = answer_table(at)
    assert list(lbcl.index) == names_for("lbcl")
    assert list(myeloma.index) == names_for("myeloma")
    assert not lbcl.equals(myeloma)


def test_numbers_follow_the_number_of_earlier_treatments(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRIOR_LINES: 1}).run()
    assert "**Yescarta (ZUMA-7 study).** *Who was in it:* 359 adults" in visible_text(at)
    assert "- 83 out of 100 people had their lymphoma shrink" in visible_text(at)
    assert "ZUMA-1 study" not in visible_text(at)
    at.selectbox(key=state.K_PRIOR_LINES).set_value(2).run()
    assert not at.exception
    assert "**Yescarta (ZUMA-1 study).** *Who was in it:*" in visible_text(at)
    assert "- 82 out of 100" in visible_text(at)
    assert "ZUMA-7 study)" not in visible_text(at)


def test_compare_view_puts_chosen_options_next_to_each_other(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "myeloma", "options__view":
                           "Compare two or three"}).run()
    at.multiselect(key="options__compare_myeloma").set_value(["CAR-T cell therapy"]).run()
    assert any("Choose two or three options" in i.value for i in at.info)
    at.multiselect(key="options__compare_myeloma").set_value(
        ["CAR-T cell therapy", "Not deciding yet"]).run()
    assert not at.exception
    body = visible_text(at)
    assert body.count("**What is it?**") == 1
    assert "Taking more time to learn" in body
    assert [c.value for c in at.markdown].count("Not deciding yet") == len(options.ASPECTS)


def test_cost_section_shows_prices_with_dates_and_not_reported(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl"}).run()
    prices = {  # one two-column table per product
        t.value.columns[0]: t.value.iloc[:, 0] for t in at.table
        if "List price (US dollars)" in t.value.index
    }
    assert prices["Yescarta"]["List price (US dollars)"] == "$373,000"
    assert prices["Breyanzi"]["List price (US dollars)"] == "Not reported in our sources"
    assert "We do not list phone numbers or web links here" in visible_text(at)


def test_stale_shared_values_are_cleaned_without_an_error(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: 42, state.K_PRIOR_LINES: -3}).run()
    assert not at.exception
    assert at.session_state[state.K_DIAGNOSIS] is None
    assert at.session_state[state.K_PRIOR_LINES] is None


def test_early_relapse_lbcl_shows_car_t_and_transplant_with_the_same_measures(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRIOR_LINES: 1}).run()
    assert not at.exception
    assert "How did the options compare when tested in the same study?" in [
        h.value for h in at.header]
    tables = [t.value for t in at.table if "What was measured, and when" in t.value.columns]
    assert len(tables) == 3  # ZUMA-7, TRANSFORM, PARMA (later relapse)
    zuma7 = tables[0]
    assert list(zuma7.columns)[1:] == ["CAR-T cell therapy",
                                      "Stem cell transplant with your own cells (autologous)",
                                      "Could the difference be chance?"]
    assert zuma7.iloc[2, 3].startswith("Statistically significant")
    assert zuma7.iloc[2, 1].endswith("about 45 out of 100 had died.")
    assert zuma7.iloc[2, 2] == (
        "46 out of 100 people were alive (overall survival); 54 out of 100 had died.")
    body = visible_text(at)
    harms = body.split("**How many people had serious problems? (out of 100)**")
    assert all("never reached the transplant" not in h.split("**What are the main")[0]
               for h in harms[1:])
    assert "never reached the transplant" in body


def test_head_to_head_is_not_shown_after_two_or_more_treatments(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRIOR_LINES: 2}).run()
    assert not at.exception
    assert "How did the options compare when tested in the same study?" not in [
        h.value for h in at.header]


# --- Shorter page: compare view first, a jump list, pictures for the same-study results ------
def test_choosing_a_cancer_opens_the_compare_view_with_the_first_two_options(make_app):
    at = make_app(PAGE).run()
    at.selectbox(key=state.K_DIAGNOSIS).set_value("myeloma").run()
    assert not at.exception
    assert at.radio(key="options__view").value == "Compare two or three"
    assert at.multiselect(key="options__compare_myeloma").value == names_for("myeloma")[:2]
    # No box per option: the options are not subheaders.
    assert not set(names_for("myeloma")) & {s.value for s in at.subheader}
    assert visible_text(at).count("**What is it?**") == 1
    # The questions sit in three tabs, every question once.
    labels = [e.label for e in at.expander]
    groups = [label for label, _ in options.COMPARE_TABS]
    assert labels[labels.index(groups[0]):][:3] == groups  # in turn, each open
    for key in options.KEYS:
        assert visible_text(at).count(f"**{options.LABELS[key]}**") == 1


def test_jump_list_links_to_headers_that_exist(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl"}).run()
    jump = next(m.value for m in at.markdown if m.value.startswith("**On this page:**"))
    anchors = {h.proto.anchor for h in at.header}
    for anchor, _ in options.SECTIONS:
        assert f"(#{anchor})" in jump
        assert anchor in anchors
    assert "[Costs and where to get help](#cost-and-help)" in jump


def test_jump_list_without_a_cancer_still_offers_costs_and_help(make_app):
    at = make_app(PAGE).run()
    jump = next(m.value for m in at.markdown if m.value.startswith("**On this page:**"))
    assert jump == "**On this page:** [Costs and where to get help](#cost-and-help)"


def test_same_study_results_are_pictures_with_words_and_a_table(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "myeloma"}).run()
    studies = trials.head_to_head(CONTENT, "myeloma", None)
    pictures = [p for s in studies for p in s.pictures]
    assert [t.label for t in at.tabs] == [p.label for p in pictures]
    images = icon_arrays(at)
    assert [i["alt"] for i in images] == [p.summary for p in pictures]
    for image, picture in zip(images, pictures, strict=True):
        for arm in picture.arms:
            assert arm.name.split()[0] in image["legend"][0] or arm.name in " ".join(
                image["legend"])
            count = frequencies.people_out_of_100(arm.per_100)
            assert f"{arm.had} ({count})" in image["legend"]
    body = visible_text(at)
    for picture in pictures:
        for arm in picture.arms:
            assert f"- **{arm.name}:** {arm.sentence}" in body
    # Who was in the study: once per study, in its caption.
    captions = [m.value for m in at.markdown if m.value.startswith("Who was in the study:")]
    assert len(captions) == len(studies)
    tables = [t.value for t in at.table if "What was measured, and when" in t.value.columns]
    assert len(tables) == len(studies)


def test_myeloma_page_shows_only_myeloma_products_and_prices(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "myeloma", "options__view": "One box per option"}
                  ).run()
    checkpoint = CONTENT.text("options__checkpoint")[:30]
    boxes = visible_text(at).split("**What is it?**", 1)[1].split(checkpoint)[0]
    for word in ("lymphoma", "Aucatzyl", "Yescarta", "Breyanzi"):
        assert word not in boxes, word
    priced = {t.value.columns[0] for t in at.table if "List price (US dollars)" in t.value.index}
    assert priced == {"Abecma", "Carvykti"}  # one small table per product
