"""The summary's web page download in a real browser: it passes axe-core as a page of its own,
and the optional page for home makes the PDF one page longer with the warning signs on it."""

from __future__ import annotations

import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from components import answers_file
from tests.e2e import helpers
from tests.e2e.actions import CONTENT, QUESTIONNAIRE, Actions
from tests.unit.test_summary import FULL

AXE = Axe()
# Typed text in scripts written right to left and with emoji, as a person might type it.
TYPED = {**FULL, "worries_other": "I had a heart attack in 2024. עברית: מתי? 我想知道 😀",
         "about_name": "Zoë Müller محمد"}  # fmt: skip


@pytest.fixture(scope="module")
def downloads(browser, server, tmp_path_factory):
    """A person loads a full answers file, asks for the page for home, and downloads."""
    folder = tmp_path_factory.mktemp("summary-downloads")
    answers = folder / "answers.json"
    answers.write_bytes(
        answers_file.to_resume_file(TYPED, QUESTIONNAIRE, content_version=CONTENT.meta["content_version"])
    )
    context = browser.new_context(accept_downloads=True)
    try:
        person = Actions(context.new_page(), server.url)
        person.open()
        person.upload_answers(answers)
        person.open_summary()
        plain = person.download_summary(folder / "plain")
        helpers.tick(person.page, "Add a page for home: warning signs and who to call")
        home = {"pdf": person.download("Download the PDF", folder / "home"),
                "html": person.download("Download as a web page", folder / "home")}
    finally:
        context.close()
    return {"plain": plain, "home": home}


@pytest.mark.parametrize("which", ["plain", "home"])
def test_the_web_page_download_passes_axe(downloads, page, which):
    page.goto(downloads[which]["html"].as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("My CAR-T decision summary")
    results = AXE.run(page).response
    problems = [f"{v['id']} ({v['impact']}): {v['help']} {[n['html'][:120] for n in v['nodes']]}"
                for v in results["violations"]]
    assert problems == []
    assert results["passes"], "axe really ran"
    expect(page.get_by_role("table").first).to_be_visible()
    expect(page.get_by_text("I had a heart attack in 2024.").first).to_be_visible()
    home = page.get_by_role("heading", level=2, name="What to do at home: warning signs")
    expect(home).to_have_count(1 if which == "home" else 0)


def test_the_page_for_home_adds_a_page_with_the_warning_signs(downloads):
    plain = pypdf.PdfReader(downloads["plain"]["pdf"])
    home = pypdf.PdfReader(downloads["home"]["pdf"])
    assert len(home.pages) == len(plain.pages) + 1
    last = home.pages[-1].extract_text()
    assert "What to do at home" in last and "24 hours a day" in last
    first = plain.pages[0].extract_text()
    assert "Health worries (please check)" in first and "heart attack" in first
