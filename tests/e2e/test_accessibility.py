"""axe-core on every page and every part of the self-assessment, in a real browser.

No serious or critical violation may come from our pages or content. Violations that come from
Streamlit itself are listed, with the reason, in tests/e2e/axe_allowlist.toml; an entry that no
page needs any more fails the walk over every page, so the list stays small. Moderate and minor
findings are reported in the failure message of the parts that fail, not enforced.
Each state that is checked is also saved as a screenshot in tests/e2e/screenshots/.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from components import sitemap
from tests.e2e import helpers
from tests.e2e.actions import SECTIONS, Actions

ALLOWLIST_FILE = Path(__file__).with_name("axe_allowlist.toml")
ALLOWLIST = tomllib.loads(ALLOWLIST_FILE.read_text(encoding="utf-8"))["allow"]
BLOCKING = {"serious", "critical"}
AXE = Axe()


@dataclass
class Audit:
    """axe results for the states a test visits: what is not allowed, and what the list used."""

    page: Page
    problems: list[str] = field(default_factory=list)
    used: set[int] = field(default_factory=set)

    def allowed(self, rule: str, node: dict) -> bool:
        target = node["target"][-1]
        if not isinstance(target, str):  # inside a shadow root or frame: never ours to allow
            return False
        for n, entry in enumerate(ALLOWLIST):
            if entry["rule"] == rule and helpers.element_within(self.page, target, entry["where"]):
                self.used.add(n)
                return True
        return False

    def check(self, where: str) -> None:
        """Run axe on the page once it has settled; remember violations not on the allowlist.

        During a rerun Streamlit fades the previous elements (data-stale="true"), which axe
        would report as low contrast: wait until the run is over and nothing is stale.
        """
        helpers.wait_idle(self.page)
        self.page.wait_for_function(
            "() => !document.querySelector('[data-stale=\"true\"]')", timeout=15_000
        )
        for v in AXE.run(self.page).response["violations"]:
            if v["impact"] not in BLOCKING:
                continue
            for node in v["nodes"]:
                if not self.allowed(v["id"], node):
                    self.problems.append(
                        f"{where}: {v['id']} ({v['impact']}) {v['help']}\n    {node['html'][:300]}"
                        f"\n    {node.get('failureSummary', '')}"
                    )


def test_allowlist_entries_are_complete():
    for entry in ALLOWLIST:
        assert set(entry) == {"rule", "where", "reason"}, entry
        assert entry["rule"] and entry["where"] and len(entry["reason"]) > 40, entry


def test_every_page_as_first_opened(page, server):
    """A new visitor: every page in its empty state. Also proves each allowlist entry is needed."""
    audit = Audit(page)
    helpers.open_page(page, server.url)
    for spec in sitemap.PAGES:
        helpers.click_sidebar_link(page, spec.title)
        helpers.expect_no_exception(page)
        audit.check(spec.url_path)
    assert audit.problems == [], "\n".join(audit.problems)
    unused = [ALLOWLIST[n]["rule"] for n in range(len(ALLOWLIST)) if n not in audit.used]
    assert unused == [], f"allowlist entries no page needs any more: {unused}"


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
    assert audit.problems == [], "\n".join(audit.problems)


def test_every_part_of_the_self_assessment_and_the_summary(page, server, screenshot_dir):
    """Each part answered (so its feedback shows), then the filled-in summary."""
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
    assert audit.problems == [], "\n".join(audit.problems)


@pytest.mark.parametrize("width", [390])
def test_a_phone_sized_screen(browser, server, width):
    """On a phone the sidebar folds away; the home and self-assessment pages still pass."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        audit = Audit(page)
        for stem in ("", "self_assessment"):
            helpers.open_page(page, f"{server.url}/{stem}")
            audit.check(f"/{stem} at {width}px")
        assert audit.problems == [], "\n".join(audit.problems)
    finally:
        context.close()
