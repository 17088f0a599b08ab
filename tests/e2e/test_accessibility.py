"""Accessibility in a real browser, on every page and every state the tests open.

Each state is checked at a laptop width (1280 CSS px) and a phone width (390 CSS px):
- axe-core: no serious or critical violation and no heading-order finding, with no allowlist;
- every button's and link's accessible name (Chromium's accessibility tree) equals its visible
  label (icons drawn as text ligatures, such as "arrow_forward", are not part of either);
- reflow (WCAG 1.4.10 and 1.4.4): at 320 CSS px, and at 640 CSS px (a 1280 px window at 200%
  zoom), the page does not scroll sideways, no part of it (table or chart) needs sideways
  scrolling, and no text is cut off at the edge.
Each state that is checked is also saved as a screenshot in tests/e2e/screenshots/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from components import sitemap
from tests.e2e import helpers
from tests.e2e.actions import SECTIONS, Actions

BLOCKING_IMPACTS = {"serious", "critical"}
BLOCKING_RULES = {"heading-order"}  # moderate, but it breaks navigating by headings
LAPTOP, PHONE = 1280, 390
REFLOW_WIDTHS = (320, 640)  # WCAG 1.4.10 at 320 px; a 1280 px window zoomed to 200 %
AXE = Axe()


@dataclass
class Audit:
    """Everything wrong in the states a test visits, collected so one failure lists them all."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def check(self, where: str) -> None:
        """Check the state on screen at every width, then put the laptop width back."""
        self.axe(f"{where} at {LAPTOP}px")
        self.names(where)
        for width in (PHONE, *REFLOW_WIDTHS):
            helpers.set_width(self.page, width)
            if width == PHONE:
                self.axe(f"{where} at {PHONE}px")
            else:
                self.problems += [f"{where} at {width}px: {p}" for p in helpers.reflow_problems(self.page)]
        helpers.set_width(self.page, LAPTOP)

    def axe(self, where: str) -> None:
        """Run axe once the page has settled; remember every blocking violation."""
        helpers.settle(self.page)
        for v in AXE.run(self.page).response["violations"]:
            if v["impact"] not in BLOCKING_IMPACTS and v["id"] not in BLOCKING_RULES:
                continue
            for node in v["nodes"]:
                self.problems.append(
                    f"{where}: {v['id']} ({v['impact']}) {v['help']}\n    {node['html'][:300]}"
                    f"\n    {node.get('failureSummary', '')}"
                )

    def names(self, where: str) -> None:
        """Every button and link is named by exactly what it shows."""
        for role, name, shown in helpers.controls_named(self.page):
            if shown and name != shown:
                self.problems.append(f"{where}: {role} shows {shown!r} but is named {name!r}")
            if not shown and (not name or "_" in name):  # icon only: a real name, not a ligature
                self.problems.append(f"{where}: {role} with no text is named {name!r}")

    def assert_clean(self) -> None:
        assert self.problems == [], "\n".join(self.problems)


def test_every_page_as_first_opened(page, server):
    """A new visitor: every page in its empty state, reached through the sidebar."""
    audit = Audit(page)
    helpers.open_page(page, server.url)
    for spec in sitemap.PAGES:
        helpers.click_sidebar_link(page, spec.title)
        helpers.expect_no_exception(page)
        audit.check(spec.url_path)
    audit.assert_clean()


def test_every_page_with_a_diagnosis_and_product_and_expanders_open(page, server, screenshot_dir):
    """With a cancer and a product chosen, the pages show their charts and tables: check those,
    with every expander opened so the tables inside are checked too."""
    audit = Audit(page)
    person = Actions(page, server.url)
    person.open()
    person.choose_diagnosis()
    person.choose_product()
    for spec in sitemap.PAGES:
        person.go(spec.url_path)
        helpers.open_all_expanders(page)
        audit.check(f"{spec.url_path} (chosen, expanders open)")
        helpers.screenshot(page, screenshot_dir / f"{spec.url_path}__chosen.png")
    audit.assert_clean()


def test_every_part_of_the_self_assessment_and_the_summary(page, server, screenshot_dir):
    """Each part empty and answered (so its feedback shows), then the filled-in summary."""
    audit = Audit(page)
    person = Actions(page, server.url)
    person.open()
    person.go("self_assessment")
    for index, section in enumerate(SECTIONS):
        audit.check(f"self-assessment part {index + 1} ({section.id}), empty")
        person.answer_part(index, "Axe check")
        if section.id == "knowledge":
            helpers.click_button(page, "Check my answers")
        audit.check(f"self-assessment part {index + 1} ({section.id}), answered")
        helpers.screenshot(page, screenshot_dir / f"self_assessment__{section.id}.png")
        if index < len(SECTIONS) - 1:
            helpers.click_button(page, "Next")
    person.open_summary()
    helpers.open_all_expanders(page)
    audit.check("summary, filled in")
    helpers.screenshot(page, screenshot_dir / "summary__filled.png")
    helpers.set_width(page, PHONE)
    helpers.screenshot(page, screenshot_dir / f"summary__filled_{PHONE}px.png")
    audit.assert_clean()


def test_the_checks_find_what_they_look_for(page, server):
    """The name and reflow checks are not blind: a page made to break them is caught."""
    helpers.open_page(page, server.url)
    page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const link = document.createElement("a");
            link.href = "#"; link.setAttribute("aria-label", "Somewhere else");
            link.textContent = "Next";
            const wide = document.createElement("div");
            wide.style.overflowX = "auto";
            wide.innerHTML = '<p style="width: 900px">A very wide row</p>';
            main.prepend(link, wide);
        }"""
    )
    audit = Audit(page)
    audit.names("broken on purpose")
    helpers.set_width(page, 320)
    reflow = helpers.reflow_problems(page)
    assert any("named 'Somewhere else'" in p for p in audit.problems), audit.problems
    assert any("A very wide row" in p for p in reflow), reflow
