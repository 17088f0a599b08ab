"""Real browser: the Options page as a person meets it, on a laptop and on a phone (390 px).

Choose a cancer: the page opens in the compare view; the jump list at the top reaches costs and
help; each same-study result is two groups of 100 people side by side, with words under them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from components import catalog, options, trials
from tests.e2e import helpers

CONTENT = catalog.load()
PHONE = {"width": 390, "height": 844}


def open_options(page, server, phone: bool) -> None:
    """Open the page (on a phone by its link: the sidebar starts folded away)."""
    if phone:
        helpers.open_page(page, f"{server.url}/options")
    else:
        helpers.open_page(page, server.url)
        helpers.click_sidebar_link(page, "Options side by side")
    helpers.select_option(page, "Which cancer do you have?", "Multiple myeloma")


@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_choosing_myeloma_opens_the_compare_view_with_pictures_and_a_jump_list(
    page, server, screenshot_dir, width
):
    """The compare view is open, the pictures sit side by side with their words, and the
    jump list takes the person down to costs and help."""
    if width == "phone":
        page.set_viewport_size(PHONE)
    open_options(page, server, phone=width == "phone")
    main = helpers.main_area(page)

    view = helpers.radio_group(page, "How would you like to see the options?")
    expect(view.get_by_role("radio", name="Compare two or three", exact=True)).to_be_checked()
    names = [c.name for c in options.option_grid(CONTENT, "myeloma")]
    short = options.short_names(CONTENT)  # the chips show the short names
    for name in names[:2]:
        expect(helpers.widget_by_key(page, "options__compare_myeloma")).to_contain_text(short[name])

    # The CARTITUDE-4 study: who was in it once, then a tab per result with two pictures.
    study = {s.study: s for s in trials.head_to_head(CONTENT, "myeloma", None)}["CARTITUDE-4"]
    expect(main.get_by_text("Who was in the study: 419 adults in CARTITUDE-4")).to_be_visible()
    shrank = next(p for p in study.pictures if p.label == "Cancer shrank")
    page.get_by_role("tab", name="Cancer shrank").first.click()
    picture = main.get_by_role("img", name=shrank.summary)
    expect(picture).to_be_visible()
    box = picture.bounding_box()
    assert box is not None and box["width"] <= page.viewport_size["width"]
    # Both groups' numbers in words under the picture.
    for arm in shrank.arms:
        expect(main.get_by_text(arm.sentence).first).to_be_visible()
    # The compare view: benefits and harms of the two options, in their own open group.
    expect(helpers.expander(page, "Benefits and harms")).to_have_attribute("open", "")
    expect(main.get_by_text("How many people did well? (out of 100)")).to_be_visible()
    expect(main.locator("em:visible", has_text="Who was in it:").first).to_be_visible()
    helpers.screenshot(page, screenshot_dir / f"options_myeloma_{width}.png")

    # The jump list reaches costs and help.
    jump = main.get_by_role("link", name="Costs and where to get help")
    expect(jump).to_be_visible()
    jump.click()
    heading = page.get_by_role("heading", name="What does it cost, and where can I get help?")
    expect(heading).to_be_in_viewport()
    helpers.expect_no_exception(page)


def test_the_jump_list_reaches_every_section(page, server):
    """Each link of the jump list brings its heading into view."""
    open_options(page, server, phone=False)
    main = helpers.main_area(page)
    headings = {
        "Results from the same study":
            "How did the options compare when tested in the same study?",
        "What each option is like": "What is each option like?",
        "Costs and where to get help": "What does it cost, and where can I get help?",
    }
    for link, heading in headings.items():
        main.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", name=heading)).to_be_in_viewport()
        main.get_by_role("heading", level=1).scroll_into_view_if_needed()
