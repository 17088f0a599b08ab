"""Real-browser navigation: direct links on a fresh server, the sidebar drawn from the page
registry (sections as headings, one link per page, the open page marked), every page from it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from components import sitemap
from tests.e2e import helpers
from tests.e2e.actions import tab_title
from tests.e2e.server import running_server

TITLES = [p.title for p in sitemap.PAGES]
# The registry as the sidebar should read it, top to bottom: each section's heading, then its
# pages' links.
OUTLINE = [
    item
    for section, pages in sitemap.by_section().items()
    for item in [("heading", section), *(("link", p.title) for p in pages)]
]


@pytest.mark.parametrize("spec", [p for p in sitemap.PAGES if not p.default], ids=lambda p: p.url_path)
def test_direct_link_on_fresh_server_shows_registry_titles(page, spec):
    """P1: the first visitor of a new server arrives by a deep link; the sidebar is still ours."""
    with running_server() as srv:
        helpers.open_page(page, f"{srv.url}/{spec.url_path}")
        nav = helpers.sidebar_nav(page)
        for title in TITLES:
            expect(helpers.sidebar_link(page, title)).to_be_visible()
        expect(nav).not_to_contain_text("is it for me")  # no raw file names
        expect(nav).not_to_contain_text("self assessment")
        expect(helpers.main_heading(page).first).to_be_visible()
        expect(page).to_have_title(tab_title(spec.url_path))
        expect(helpers.sidebar_link(page, spec.title)).to_have_attribute("aria-current", "page")
        helpers.expect_no_exception(page)


def test_every_page_opens_from_the_sidebar(page, server, screenshot_dir):
    """Walk the whole sidebar: on each page the sidebar reads as the registry (sections as
    headings, links in order), only the open page's link is marked aria-current, the tab names
    the page and the aid; no exception, no console error."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    helpers.open_page(page, server.url)
    for spec in sitemap.PAGES:
        helpers.click_sidebar_link(page, spec.title)
        expect(page).to_have_title(tab_title(spec.url_path))
        expect(helpers.sidebar_link(page, spec.title)).to_have_attribute("aria-current", "page")
        assert helpers.current_page_links(page) == [spec.title]
        assert helpers.sidebar_outline(page) == OUTLINE
        expect(helpers.main_heading(page).first).to_be_visible()
        helpers.expect_no_exception(page)
        page.screenshot(path=screenshot_dir / f"{spec.url_path}.png", full_page=True)
    assert errors == []
