"""Side effects page: runs for every product and use, charts follow the choice, words say it too."""

from __future__ import annotations

import json

import pytest

from components import catalog, state
from tests.apptest.page_text import visible_text
from tests.apptest.pictures import icon_arrays, plotly_charts

PAGE = "pages/side_effects.py"
USES = [
    (r["disease_id"], r["product_id"])
    for r in catalog.load().table("indications").to_dict("records")
]


def charts(at) -> list[dict]:
    """Every chart on the page as {"alt", ...}: the timeline (Plotly), then the icon arrays."""
    return plotly_charts(at) + icon_arrays(at)


def test_yescarta_shows_a_timeline_and_icon_arrays_with_both_framings(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRODUCT: "yescarta"}).run()
    assert not at.exception
    timeline = plotly_charts(at)[0]["spec"]
    labels = timeline["data"][0]["y"]
    assert "CRS<br>Yescarta · ZUMA-1" in labels
    assert "Start days: range (first to last person)" in [
        t["name"].replace("<br>", " ") for t in timeline["data"]
    ]
    text = visible_text(at)
    assert "13 out of 100 people had severe CRS (grade 3 or higher); 87 out of 100 did not." in text
    assert "ZUMA-1 study, 108 people" in text and "Lee 2014" in text
    assert "not directly" in text.lower()  # trials graded differently
    pictures = icon_arrays(at)
    assert len(pictures) >= 6
    severe = [p for p in pictures if p["legend"] == ["Had it (13)", "Did not (87)"]]
    assert severe and severe[0]["alt"].startswith("13 out of 100 people had severe CRS")


def test_switching_product_changes_the_charts(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRODUCT: "yescarta"}).run()
    before = charts(at)
    at.selectbox(key=state.K_PRODUCT).set_value("kymriah").run()
    assert not at.exception
    after = charts(at)
    assert [c.get("spec", c.get("svg")) for c in after] != [
        c.get("spec", c.get("svg")) for c in before
    ]
    assert all("Kymriah" in label for label in after[0]["spec"]["data"][0]["y"])
    assert "Penn" in visible_text(at)


def test_compare_adds_the_other_product_to_the_same_timeline(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "myeloma", state.K_PRODUCT: "abecma"}).run()
    at.multiselect(key="side_effects__compare").set_value(["carvykti"]).run()
    assert not at.exception
    labels = charts(at)[0]["spec"]["data"][0]["y"]
    assert {label.split("<br>")[1] for label in labels} == {"Abecma · KarMMa", "Carvykti · CARTITUDE-1"}
    text = visible_text(at)
    assert "middle half of people (interquartile range)" in json.dumps(
        charts(at)[0]["spec"]
    ).replace("<br>", " ")
    assert "1 of the 97 people in CARTITUDE-1 died of CRS." in text


def test_every_chart_has_a_table_alternative(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRODUCT: "breyanzi"}).run()
    labels = [e.label for e in at.expander]
    assert "Show the timeline as a table" in labels
    assert "Show every number for Breyanzi, TRANSFORM study as a table" in labels
    assert len(at.table) >= 1


def test_deaths_from_side_effects_are_shown_plainly(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "ball_adult", state.K_PRODUCT: "tecartus"}).run()
    assert "5 out of 100 people died of a side effect; 95 out of 100 did not" in visible_text(at)


def test_missing_numbers_say_not_reported(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "mzl", state.K_PRODUCT: "breyanzi"}).run()
    assert not at.exception
    text = visible_text(at)
    assert "so we show no numbers" in text
    assert "do not report when these side effects start" in text


def test_a_product_that_does_not_fit_the_diagnosis_is_kept_and_explained(make_app):
    """Chosen on the journey page, then the cancer changed: never dropped silently."""
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "myeloma", state.K_PRODUCT: "yescarta"}).run()
    assert not at.exception
    assert at.selectbox(key=state.K_PRODUCT).value == "yescarta"
    assert at.session_state[state.K_PRODUCT] == "yescarta"
    assert any(w.value.startswith("You chose Yescarta earlier. It is not approved for multiple "
                                  "myeloma") for w in at.warning)
    at.switch_page("pages/summary.py").run()
    assert at.session_state[state.K_PRODUCT] == "yescarta"  # still there for the summary


def test_the_only_product_for_a_diagnosis_is_chosen_for_you(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "ball_young"}).run()
    assert at.selectbox(key=state.K_PRODUCT).value == "kymriah"
    assert at.session_state[state.K_PRODUCT] == "kymriah"


def test_no_approved_product_and_no_choice_still_show_the_symptom_guide(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "other"}).run()
    assert "No CAR-T product is approved for this cancer" in visible_text(at)
    at = make_app(PAGE).run()
    text = visible_text(at)
    assert not charts(at)
    assert "38 °C (100.4 °F)" in text and "Call 911" in text
    assert "What do the grades of CRS and ICANS mean?" in [h.value for h in at.header]


@pytest.mark.parametrize(("product", "disease", "shown"),
                         [("yescarta", "lbcl", False), ("abecma", "myeloma", True)])
def test_numbers_below_are_promised_only_when_they_follow(make_app, product, disease, shown):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: disease, state.K_PRODUCT: product}).run()
    assert not at.exception
    assert ("are listed for your product below" in visible_text(at)) is shown


def test_side_effects_put_the_matching_study_first(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRODUCT: "yescarta",
                           state.K_PRIOR_LINES: 1}).run()
    assert not at.exception
    assert at.main.subheader[0].value == "Yescarta, ZUMA-7 study"
    assert "Matches what you told us (1 earlier treatment)" in visible_text(at)
