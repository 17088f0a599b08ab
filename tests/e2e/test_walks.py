"""The three walks of issue 13, in a real browser, as a person meets them (laptop and phone):
the finder uses every answer, Next brings the new part's title into view with keyboard focus,
nothing typed or chosen is lost silently, and the wrong file gets a plain sentence."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from components import answers_file, journey, state
from tests.e2e import helpers
from tests.e2e.actions import CONTENT, QUESTIONNAIRE, Actions

PHONE = {"width": 390, "height": 844}
TITLE_AT_TOP = """(text) => {
    const h = [...document.querySelectorAll("h2, h3")].find((e) => e.textContent.includes(text));
    if (!h) return {found: false};
    const box = h.getBoundingClientRect();
    return {top: box.top, inView: box.top >= 0 && box.bottom <= window.innerHeight,
            focused: document.activeElement === h};
}"""


def title_position(page: Page, text: str) -> dict:
    """Where the heading with `text` is, once the move after the run has happened."""
    with contextlib.suppress(PlaywrightTimeout):  # the assertions after say what is wrong
        page.wait_for_function(f"(text) => ({TITLE_AT_TOP})(text).focused", arg=text,
                               timeout=5_000)
    return page.evaluate(TITLE_AT_TOP, text)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["laptop", "phone"])
def test_next_brings_the_new_part_to_the_top_with_focus(page, server, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    person = Actions(page, server.url)
    person.open("self_assessment")
    sections = QUESTIONNAIRE.sections
    for index in (1, 2):
        helpers.button(page, "Next").scroll_into_view_if_needed()
        helpers.click_button(page, "Next")
        person.expect_part(index)
        where = title_position(page, sections[index].heading)
        assert where["inView"] and where["top"] < 200, where
        assert where["focused"], where
    helpers.click_button(page, "Back")
    assert title_position(page, sections[1].heading)["focused"]


def test_next_step_on_the_journey_brings_the_step_into_view(page, server):
    person = Actions(page, server.url)
    person.open("journey")
    steps = [p.question for p in journey.phases(CONTENT)]
    helpers.button(page, "Next step").scroll_into_view_if_needed()
    helpers.click_button(page, "Next step")
    where = title_position(page, steps[1])
    assert where["inView"] and where["focused"], where


def test_the_finder_uses_the_early_relapse_and_transplant_answers(page, server):
    """62, large B-cell lymphoma, one treatment, came back later than 12 months."""
    person = Actions(page, server.url)
    person.open("is_it_for_me")
    helpers.select_option(page, "Which cancer do you have?", "Large B-cell lymphoma (including DLBCL)")
    helpers.select_option(page, "How many treatments have you had for it so far?", "1")
    main = helpers.main_area(page)
    expect(main).to_contain_text("Yescarta and Breyanzi may fit")
    relapse = QUESTIONNAIRE.question("about_early_relapse").label
    helpers.choose_radio(page, relapse, "No")
    expect(main).to_contain_text("You told us it did not come back that soon.")
    expect(main).to_contain_text("It depends on whether a stem cell transplant is not possible")
    transplant = QUESTIONNAIRE.question("about_transplant").label
    helpers.choose_radio(page, transplant,
                         "No, a transplant is not possible because of other health problems or age")
    expect(main).to_contain_text("The approval of Breyanzi covers what you told us.")
    # The same answers reach the summary: Yescarta's second-line approval is not listed.
    person.go("summary")
    expect(main).to_contain_text("Breyanzi: After one earlier treatment.")
    expect(main).not_to_contain_text("Yescarta: After one earlier treatment.")


def test_a_saved_file_brings_back_everything_in_a_new_window(browser, server, tmp_path):
    """Choices on other pages, the planned date and an edited question come back."""
    day = dt.date.today() + dt.timedelta(days=40)
    data = answers_file.to_file(
        {"about_who": "caregiver", "about_diagnosis": "myeloma", "about_prior_lines": 2},
        QUESTIONNAIRE, CONTENT,
        choices={"diagnosis": "myeloma", "prior_lines": 2, "product": "carvykti",
                 "journey_anchor": "infusion", "journey_date": day},
        question_edits={"text": {}, "removed": [], "added": [["added_1", "Who drives me home?"]]},
    )
    path = tmp_path / answers_file.file_name(dt.date.today())
    path.write_bytes(data)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        person = Actions(page, server.url)
        person.open()
        helpers.open_expander(page, "Coming back? Continue from a saved file")
        helpers.upload(page, "Load your answers file", path)
        expect(helpers.alerts(page).filter(has_text="Loaded 3 answers, 5 choices from other "
                                           "pages and your questions for the care team")
               ).to_be_visible()
        person.go("journey")
        expect(helpers.widget_by_key(page, state.K_PRODUCT).get_by_role("combobox")).to_have_value(
            "Carvykti (ciltacabtagene autoleucel)")
        expect(helpers.main_area(page)).to_contain_text(str(day.year))
        person.go("summary")
        expect(helpers.main_area(page)).to_contain_text("Who drives me home?")
        # The wrong file (the summary's text version) is named in a plain sentence.
        text = helpers.download(page, "Download as text", tmp_path)
        helpers.open_expander(page, "Continue from a saved file")
        helpers.upload(page, "Load your answers file", text)
        expect(helpers.alerts(page).filter(has_text="This is your summary, not your answers file")
               ).to_be_visible()
        expect(helpers.main_area(page)).to_contain_text("Who drives me home?")  # nothing lost
    finally:
        context.close()


def test_a_long_paste_keeps_what_fits_and_says_so(page, server):
    person = Actions(page, server.url)
    person.open("self_assessment")
    name = QUESTIONNAIRE.question("about_name")
    box = helpers.text_box(page, name.label)
    box.fill("N" * 138)
    box.press("Tab")
    helpers.wait_idle(page)
    expect(box).to_have_value("N" * name.max_length)
    expect(helpers.alerts(page).filter(has_text="We kept the first 80")).to_be_visible()


def test_a_page_with_choices_says_where_they_live(page, server):
    person = Actions(page, server.url)
    person.open("side_effects")
    main = helpers.main_area(page)
    expect(main).to_contain_text("kept only in this browser window")
    expect(helpers.button(page, "Download your answers file")).to_be_visible()
