"""Privacy and safety in a real browser (issue items 8.1 to 8.3).

8.1 Nothing kept: a unique marker typed into every free-text field ends up in no file under the
    project or the temp folder (except the downloads this test saved itself), in nothing the
    server printed, and in no URL.
8.2 Nothing executed: markup typed into every free-text field, or loaded from an answers file,
    never runs (no dialog opens) and shows literally on the summary, in the text, the PDF and
    the web page (also when that page is opened in the browser).
8.3 Sessions isolated: two people using the app at the same time never see each other's answers.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Page, expect

from components import answers_file, sitemap
from components import questionnaire as qn
from tests.e2e import helpers
from tests.e2e.actions import CONTENT, FREE_TEXT, QUESTIONNAIRE, Actions
from tests.e2e.server import ROOT

MARKER = "Zq" + secrets.token_hex(6)  # letters and digits only: the same in every encoding
PAYLOADS = ("<img src=x onerror=alert(1)>", "<script>alert(2)</script>")
HOSTILE = " ".join(PAYLOADS)
FREE_TEXT_ONLY = ("text", "long_text")


def flat(text: str) -> str:
    """Whitespace folded to single spaces (PDF text extraction breaks lines where it wraps)."""
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    """The PDF's text with no whitespace at all: the PDF wraps lines wherever a line may break
    (also after the "/" in "</script>"), and extraction turns each wrap into a line break."""
    return "".join("\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def squash(text: str) -> str:
    """Text with no whitespace, to compare with `pdf_text`."""
    return "".join(text.split())


def html_text(path: Path) -> str:
    """The text of the downloaded web page, as a reader sees it (tags gone, entities decoded)."""
    source = path.read_text(encoding="utf-8")
    body = source[source.index("<body>"):]
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def files_containing(roots: Iterable[Path], needle: str, since: float, skip: Path) -> list[Path]:
    """Regular files under `roots` changed since `since` whose bytes contain `needle`.

    Only files written after the marker existed can hold it, so older ones are not read.
    `skip` (this test's own download folder) is left out. UTF-8 and UTF-16 are both searched.
    """
    forms = (needle.encode("utf-8"), needle.encode("utf-16-le"))
    found = []
    for root in roots:
        for folder, dirs, names in os.walk(root):
            if Path(folder) == skip or skip in Path(folder).parents:
                dirs.clear()
                continue
            for name in names:
                path = Path(folder, name)
                try:
                    info = path.lstat()
                    if not stat.S_ISREG(info.st_mode) or max(info.st_mtime, info.st_ctime) < since:
                        continue
                    data = path.read_bytes()
                except OSError:  # vanished or unreadable (another process's file)
                    continue
                if any(form in data for form in forms):
                    found.append(path)
    return found


@dataclass
class Watched:
    """A browser tab whose dialogs and every requested or visited URL are recorded."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, context) -> Watched:
        page = context.new_page()
        watched = cls(page)
        page.on("dialog", lambda d: (watched.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: watched.urls.append(r.url))
        page.on("framenavigated", lambda f: watched.urls.append(f.url))
        return watched

    def what_ran(self) -> list[str]:
        """Signs that typed markup ran or became an element (none is the only good answer)."""
        signs = [f"a dialog opened: {m}" for m in self.dialogs]
        if self.page.locator('img[src="x"]').count():
            signs.append("an <img src=x> element is on the page")
        if self.page.evaluate("() => [...document.scripts].some((s) => s.text.includes('alert'))"):
            signs.append("a <script> element with alert() is on the page")
        return signs


@pytest.fixture(scope="module")
def typed_session(browser, server, tmp_path_factory):
    """One person types the marker and both payloads into every free-text field, completes the
    flow, and downloads the summary. Yields what was recorded; deletes the downloads after."""
    since = time.time() - 1
    downloads = tmp_path_factory.mktemp("privacy-downloads")
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    tab = Watched.open(context)
    person = Actions(tab.page, server.url)
    person.open()
    person.choose_diagnosis()
    person.search_glossary(f"{MARKER} {HOSTILE}")
    typed = person.answer_questionnaire(f"{MARKER} {HOSTILE}")
    person.open_summary()
    person.edit_question(2, f"{MARKER} {HOSTILE} edited question")  # 1 is the person's own
    person.add_own_question(f"{MARKER} {HOSTILE} own question")
    files = person.download_summary(downloads)
    seen = {
        "summary": helpers.main_area(tab.page).inner_text(),
        "ran": tab.what_ran(),
        "query": tab.page.evaluate("() => location.search"),
        "urls": [*tab.urls, tab.page.url],
    }
    context.close()  # the checks below look at what is left once the tab is closed
    yield {"typed": typed, "files": files, "since": since, "downloads": downloads,
           "log": server.log, **seen}  # fmt: skip
    shutil.rmtree(downloads, ignore_errors=True)


# --- 8.1 Nothing kept ---


def test_the_marker_reached_every_free_text_field_and_the_downloads(typed_session):
    """The premise of the checks below: the marker really went in and came out."""
    assert set(typed_session["typed"]) == {q.id for q in FREE_TEXT}
    assert all(MARKER in v for v in typed_session["typed"].values())
    for path in typed_session["files"].values():
        assert files_containing([path.parent], MARKER, 0, skip=Path("/nonexistent")), path.name


def test_no_file_in_the_project_or_temp_folder_holds_the_marker(typed_session):
    roots = [ROOT, Path(tempfile.gettempdir())]
    found = files_containing(roots, MARKER, typed_session["since"], skip=typed_session["downloads"])
    assert found == []


def test_the_server_printed_nothing_that_was_typed(typed_session):
    log = typed_session["log"]()
    assert "Streamlit" in log  # the log is really there
    assert MARKER not in log
    for payload in PAYLOADS:
        assert payload not in log


def test_nothing_typed_is_put_in_a_url(typed_session):
    urls = typed_session["urls"]
    assert len(urls) > 5  # page loads, scripts, media: the recording works
    assert [u for u in urls if MARKER in u or "alert" in u] == []
    assert typed_session["query"] == ""


# --- 8.2 Nothing executed ---


def test_typed_markup_never_runs(typed_session):
    assert typed_session["ran"] == []


def test_typed_markup_shows_literally_on_the_summary(typed_session):
    summary = flat(typed_session["summary"])
    values = [*typed_session["typed"].values(), f"{HOSTILE} edited question"]
    values.append(f"{HOSTILE} own question")
    assert [v for v in values if flat(v) not in summary] == []


def expect_literal_in_text_download(path: Path, values: Iterable[str]) -> None:
    text = flat(path.read_text(encoding="utf-8"))
    missing = [v for v in values if flat(v) not in text]
    assert missing == [], (
        "The text download does not hold these exactly as typed (a person opening the .txt "
        f"file would see something else, e.g. Markdown backslashes):\n{missing}\n"
        f"--- start of the file:\n{text[:400]}"
    )


def test_typed_markup_is_literal_in_the_text_download(typed_session):
    values = [*typed_session["typed"].values(), f"{HOSTILE} own question"]
    expect_literal_in_text_download(typed_session["files"]["text"], values)


def test_typed_markup_is_literal_in_the_pdf(typed_session):
    text = pdf_text(typed_session["files"]["pdf"])
    for qid, value in typed_session["typed"].items():
        assert squash(value) in text, qid
    assert squash(f"{HOSTILE} own question") in text


def test_typed_markup_is_escaped_in_the_web_page_download(typed_session):
    path = typed_session["files"]["html"]
    source = path.read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in source  # only ever as &lt;...&gt;
    text = html_text(path)
    for qid, value in typed_session["typed"].items():
        assert flat(value) in text, qid
    assert f"{HOSTILE} own question" in text


def test_the_web_page_download_runs_nothing_when_opened(typed_session, browser):
    context = browser.new_context(java_script_enabled=True)
    try:
        tab = Watched.open(context)
        tab.page.goto(typed_session["files"]["html"].as_uri())
        expect(tab.page.get_by_role("heading", level=1)).to_have_text("My CAR-T decision summary")
        assert tab.what_ran() == []
        assert f"{HOSTILE} own question" in flat(tab.page.locator("body").inner_text())
    finally:
        context.close()


def test_markup_in_an_uploaded_answers_file_never_runs(browser, server, tmp_path):
    answers = {q.id: f"{HOSTILE} {q.id}"[: q.max_length or None] for q in FREE_TEXT}
    path = tmp_path / "answers.json"
    path.write_bytes(
        answers_file.to_resume_file(answers, QUESTIONNAIRE, content_version=CONTENT.meta["content_version"])
    )
    context = browser.new_context(accept_downloads=True)
    try:
        tab = Watched.open(context)
        person = Actions(tab.page, server.url)
        person.open()
        person.upload_answers(path)
        person.open_summary()
        main = helpers.main_area(tab.page)
        for value in answers.values():
            expect(main).to_contain_text(value)
        files = person.download_summary(tmp_path)
        assert tab.what_ran() == []
        pdf, page = pdf_text(files["pdf"]), html_text(files["html"])
        for qid, value in answers.items():
            assert squash(value) in pdf, qid
            assert flat(value) in page, qid
        expect_literal_in_text_download(files["text"], answers.values())
    finally:
        context.close()


# --- 8.3 Sessions isolated ---


def test_two_people_at_the_same_time_never_see_each_others_answers(browser, server, tmp_path):
    markers = {"ann": "Ann" + secrets.token_hex(5), "bob": "Bob" + secrets.token_hex(5)}
    choices = {
        "ann": {},
        "bob": {"diagnosis": "Multiple myeloma", "lines": "4 or more",
                "product": "Abecma (idecabtagene vicleucel)"},
    }  # fmt: skip
    contexts = {who: browser.new_context(accept_downloads=True) for who in markers}
    try:
        people = {
            who: Actions(contexts[who].new_page(), server.url, **choices[who]) for who in markers
        }
        # Step by step, turn about: both sessions are open and changing at once.
        for step in ("open", "choose_diagnosis", "choose_product"):
            for person in people.values():
                getattr(person, step)()
        for person in people.values():
            person.go("self_assessment")
        for index in range(len(QUESTIONNAIRE.sections)):
            for who, person in people.items():
                person.answer_part(index, markers[who], FREE_TEXT_ONLY)
                if index < len(QUESTIONNAIRE.sections) - 1:
                    helpers.click_button(person.page, "Next")

        for spec in sitemap.PAGES:
            for who, person in people.items():
                other = next(m for w, m in markers.items() if w != who)
                person.go(spec.url_path)
                text = helpers.body_text(person.page)
                assert other not in text, (who, spec.url_path)
                if spec.url_path == "summary":
                    assert markers[who] in text
        for who, person in people.items():
            other = next(m for w, m in markers.items() if w != who)
            (tmp_path / who).mkdir()
            person.open_summary()
            files = person.download_summary(tmp_path / who)
            texts = {
                "pdf": pdf_text(files["pdf"]),
                "html": files["html"].read_text(encoding="utf-8"),
                "text": files["text"].read_text(encoding="utf-8"),
                "answers": files["answers"].read_text(encoding="utf-8"),
            }
            for kind, text in texts.items():
                assert markers[who] in text, (who, kind)
                assert other not in text, (who, kind)
            saved = json.loads(texts["answers"])["answers"]
            assert all(markers[who] in saved[q.id] for q in FREE_TEXT)
            assert saved[qn.ABOUT_DIAGNOSIS] == {"ann": "lbcl", "bob": "myeloma"}[who]
    finally:
        for context in contexts.values():
            context.close()
