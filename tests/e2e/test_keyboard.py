"""Keyboard only: answer one part of the self-assessment and reach the summary without a mouse.

Only Tab, Shift+Tab, Space, Enter and the arrow keys are pressed (page.keyboard); the page is
read to know where the focus is, never clicked. Typing the address counts as opening the app.
"""

from __future__ import annotations

from playwright.sync_api import expect

from components import sitemap
from tests.e2e import helpers
from tests.e2e.actions import DIAGNOSIS, SECTIONS, Actions, tab_title, worded

NAME = "Keyboard Kim"


def in_group(label: str):
    return lambda f: f.get("type") == "radio" and f.get("group") == label


def named(tag: str, name: str):
    return lambda f: f.get("tag") == tag and f.get("name") == name


def radio(page, group: str, option: str):
    return helpers.radio_group(page, group).get_by_role("radio", name=option, exact=True)


def test_one_part_and_the_summary_by_keyboard_only(page, server, screenshot_dir):
    keys = page.keyboard
    person = Actions(page, server.url)
    person.open("self_assessment")
    person.expect_part(0)

    # Who is filling this in? Tab into the group; an arrow key moves to the next option, picking
    # it: "a caregiver", so the questions below are worded for a caregiver.
    who = worded().question("about_who")
    helpers.tab_to(page, in_group(who.label))
    keys.press("ArrowDown")
    helpers.wait_idle(page)
    expect(radio(page, who.label, who.options[1].label)).to_be_checked()
    q = worded(who.options[1].value).question

    # A name: type it; Tab leaves the field, which commits it. Shift+Tab comes back to it.
    name_label = q("about_name").label
    helpers.tab_to(page, named("input", name_label))
    keys.type(NAME)
    keys.press("Tab")
    helpers.wait_idle(page)
    helpers.tab_to(page, named("input", name_label), back=True)
    expect(helpers.text_box(page, name_label)).to_have_value(NAME)

    # The cancer: Space picks the option that has the focus (the first).
    diagnosis = q("about_diagnosis")
    helpers.tab_to(page, in_group(diagnosis.label))
    keys.press("Space")
    helpers.wait_idle(page)
    expect(radio(page, diagnosis.label, DIAGNOSIS)).to_be_checked()

    # Treatments so far: two arrow presses from "None yet" reach "2".
    lines = q("about_prior_lines")
    helpers.tab_to(page, in_group(lines.label))
    for _ in range(2):
        keys.press("ArrowRight")
        helpers.wait_idle(page)
    expect(radio(page, lines.label, "2")).to_be_checked()

    # Tick two treatments with Space.
    for option in q("about_treatments").options[:2]:
        helpers.tab_to(page, named("input", option.label))
        keys.press("Space")
        helpers.wait_idle(page)
        expect(helpers.checkbox(page, option.label)).to_be_checked()
    helpers.screenshot(page, screenshot_dir / "keyboard_part1.png")

    # "Next" with Enter through every part, then the link to the summary.
    for index in range(1, len(SECTIONS)):
        if not named("button", "Next")(helpers.focused(page)):
            helpers.tab_to(page, named("button", "Next"))
        keys.press("Enter")
        helpers.wait_idle(page)
        person.expect_part(index)
    helpers.tab_to(page, named("button", "Next: Your summary"))
    keys.press("Enter")
    helpers.wait_idle(page)

    expect(page).to_have_title(tab_title("summary"))
    main = helpers.main_area(page)
    treatments = q("about_treatments").options
    for text in (NAME, "A caregiver, family member or friend", DIAGNOSIS,
                 "2 earlier treatment plans", treatments[0].label, treatments[1].label):
        expect(main).to_contain_text(text)
    helpers.expect_no_exception(page)


def test_the_sidebar_by_keyboard_top_to_bottom(page, server):
    """Tab from the top: the sidebar's page links come one after another in the registry's
    order; Enter on one opens that page, and its link is then the current page."""
    titles = [p.title for p in sitemap.PAGES]
    helpers.open_page(page, server.url)
    reached: list[str] = []
    for _ in range(3 * len(titles)):
        page.keyboard.press("Tab")
        now = helpers.focused(page)
        if now.get("tag") == "a" and now.get("name") in titles:
            reached.append(now["name"])
        if len(reached) == len(titles):
            break
    assert reached == titles

    target = sitemap.page("side_effects")
    helpers.tab_to(page, named("a", target.title), back=True)
    page.keyboard.press("Enter")
    helpers.wait_idle(page)
    expect(page).to_have_title(tab_title(target.url_path))
    expect(helpers.sidebar_link(page, target.title)).to_have_attribute("aria-current", "page")
