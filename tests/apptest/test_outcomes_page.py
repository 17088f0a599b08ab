"""How often it works: runs for every product and use, icon arrays and words follow the choice."""

from __future__ import annotations

import pytest

from components import catalog, state
from tests.apptest.page_text import visible_text
from tests.apptest.pictures import icon_arrays, plotly_charts

PAGE = "pages/outcomes.py"
USES = [
    (r["disease_id"], r["product_id"])
    for r in catalog.load().table("indications").to_dict("records")
]


def charts(at) -> list[dict]:
    """The icon arrays on the page (no other charts here)."""
    assert not plotly_charts(at)
    return icon_arrays(at)


def legend_names(chart: dict) -> list[str]:
    return chart["legend"]


@pytest.mark.parametrize(("diagnosis", "product"), USES, ids=[f"{p}-{d}" for d, p in USES])
def test_page_runs_for_every_product_and_use(make_app, diagnosis, product):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: diagnosis, state.K_PRODUCT: product}).run()
    assert not at.exception, at.exception
    found = charts(at)
    assert found, "every approved use has at least one outcome picture"
    text = visible_text(at)
    for chart in found:
        assert chart["svg"].count("<circle") == 102  # 100 people and the two legend keys
        assert chart["alt"] in text and "out of 100 people" in chart["alt"]
    assert "Source:" in text and "Who was counted:" in text
    assert [e.label for e in at.expander if e.label.endswith("as a table")]


def test_zuma1_shows_response_complete_response_and_still_in_response(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRODUCT: "yescarta"}).run()
    text = visible_text(at)
    assert "82 out of 100 people had a response; 18 out of 100 did not." in text
    assert "54 out of 100 people had a complete response; 46 out of 100 did not." in text
    assert "31 out of 100 people were still in response; 69 out of 100 were not." in text
    assert "Follow-up: 63.1 months (median)" in text
    assert "101 people" in text
    # How sure, in words: the interval and the study design
    assert "a study with one group and no comparison group" in text
    assert "We checked it against its source on December 3, 2026." in text


def test_switching_product_changes_the_icon_arrays(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "myeloma", state.K_PRODUCT: "abecma"}).run()
    before = [legend_names(c) for c in charts(at)]
    at.selectbox(key=state.K_PRODUCT).set_value("carvykti").run()
    assert not at.exception
    after = [legend_names(c) for c in charts(at)]
    # The randomised trials in the approved line (KarMMa-3, CARTITUDE-4), everyone counted.
    assert before == [["Responded (71)", "Did not (29)"], ["Complete response (44)", "Did not (56)"]]
    assert after == [["Responded (85)", "Did not (15)"], ["Complete response (73)", "Did not (27)"],
                     ["Alive (79)", "Had died (21)"]]


def test_counting_everyone_who_joined_is_shown_beside_the_treated_numbers(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "mcl", state.K_PRODUCT: "tecartus"}).run()
    text = visible_text(at)
    assert "Counting all 74 people who joined, including people who never got the infusion" in text
    assert "80 out of 100 people had a response; 20 out of 100 did not" in text


def test_compare_shows_each_product_under_its_own_heading(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "fl", state.K_PRODUCT: "kymriah"}).run()
    at.multiselect(key="outcomes__compare").set_value(["yescarta", "breyanzi"]).run()
    assert not at.exception
    headers = [h.value for h in at.header]
    assert headers[:3] == [
        "Kymriah, ELARA study: how many people responded?",
        "Yescarta, ZUMA-5 study: how many people responded?",
        "Breyanzi, TRANSCEND FL study: how many people responded?",
    ]
    assert len(charts(at)) == 6


def test_explains_why_it_works_for_some_and_not_others(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert "Why does it work for some people and not for others?" in [h.value for h in at.header]
    text = visible_text(at)
    for reason in ("made and given in time", "how fast it grows", "general health"):
        assert reason in text


def test_the_study_that_matches_earlier_treatments_comes_first_and_says_so(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRODUCT: "yescarta",
                           state.K_PRIOR_LINES: 2}).run()
    assert not at.exception
    assert at.header[0].value.startswith("Yescarta, ZUMA-1 study")
    assert any("Matches what you told us (2 earlier treatments)" in m.value for m in at.markdown)
    assert any(c.value.startswith("About a different group") for c in at.markdown)


def test_without_a_number_of_treatments_each_study_says_whom_it_is_about(make_app):
    at = make_app(PAGE, **{state.K_DIAGNOSIS: "lbcl", state.K_PRODUCT: "yescarta"}).run()
    assert not at.exception
    assert at.header[0].value.startswith("Yescarta, ZUMA-7 study")
    about = [c.value for c in at.markdown if c.value.startswith("This study is about people")]
    assert len(about) == 2
