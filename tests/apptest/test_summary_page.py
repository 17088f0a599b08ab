"""The Summary page with seeded answers: every section, literal user text, the question editor,
the downloads, and documents (PDF, web page, text) built only when the person presses Download."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import app_test

from components import care_questions, document, questionnaire_file, state
from components import summary as sm
from tests.answer_sets import FULL
from tests.apptest.page_text import visible_text

PAGE = "pages/summary.py"
XSS = "<script>alert(1)</script> <img src=x onerror=alert(1)> **not bold** $5 :smile:"


def texts(at) -> list[str]:
    return [t.value for t in at.text]


@pytest.fixture
def full_app(make_app):
    at = make_app(PAGE, **{state.K_ANSWERS: {**FULL, "questions_for_team": XSS}}).run()
    assert not at.exception
    return at


def question_ids(real_content, answers) -> list[str]:
    q = questionnaire_file.load_questionnaire(real_content)
    return [d.id for d in care_questions.questions_for_doctor(q, sm.prepare_answers(q, answers), real_content)]


def test_every_section_is_shown_with_the_seeded_answers(full_app, real_content):
    model = sm.build_summary(real_content, FULL, dt.date.today())
    assert model.title in [h.value for h in full_app.main.header]  # h2 under the page's h1
    headings = [s.value for s in full_app.main.subheader]
    assert headings == [s.heading for s in model.sections]
    page = visible_text(full_app)
    for expected in ("Zoë Müller", FULL["values_other"], FULL["worries_other"],
                     FULL["ready_caregiver_who"], "Large B-cell lymphoma (including DLBCL)",
                     "Towards CAR-T cell therapy"):
        assert expected in page, expected
    assert "You did not answer this part yet." not in page


def test_what_the_person_typed_is_shown_literally_as_text(full_app):
    """User text goes through st.text: never Markdown, never HTML."""
    assert f"1. {XSS}" in "\n".join(texts(full_app))
    assert not any(XSS in m.value for m in full_app.markdown)


def test_empty_answers_say_so_and_point_to_the_self_assessment(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    empty_notes = [c.value for c in at.markdown if "You did not answer this part yet." in c.value]
    assert len(empty_notes) == 8
    assert any("self-assessment" in i.value for i in at.info)


SUMMARY_DOWNLOADS = ("summary__pdf", "summary__html", "summary__text")


def test_download_buttons_exist_and_are_deferred(full_app):
    """PDF, web page, text and the answers file are all made on Download (a deferred
    callable), never on every run of the page."""
    for key in (*SUMMARY_DOWNLOADS, "summary__download_answers"):
        button = full_app.download_button(key=key)
        assert button.label and not button.disabled
        proto = button.proto
        assert proto.deferred_file_id and not proto.url, key


def test_editing_removing_and_adding_questions_changes_the_summary(full_app, real_content):
    first = question_ids(real_content, {**FULL, "questions_for_team": XSS})[0]
    full_app.text_area(key=f"summary__q_{first}").set_value("Changed question?").run()
    assert "1. Changed question?" in "\n".join(texts(full_app))
    second = question_ids(real_content, {**FULL, "questions_for_team": XSS})[1]
    full_app.checkbox(key=f"summary__keep_{second}").uncheck().run()
    listing = [t for t in texts(full_app) if t.startswith("1. Changed question?")][0]
    assert "How soon would I start?" not in listing
    full_app.text_input(key="summary__new").set_value("My added question?").run()
    full_app.button(key="summary__add").click().run()
    listing = [t for t in texts(full_app) if t.startswith("1. Changed question?")][0]
    # Own questions first: the one typed in the questionnaire, then the one added here.
    assert listing.splitlines()[1] == "2. My added question?"
    assert not full_app.exception


def test_editor_numbers_are_the_summary_numbers(full_app, real_content):
    ids = question_ids(real_content, {**FULL, "questions_for_team": XSS})
    full_app.checkbox(key=f"summary__keep_{ids[1]}").uncheck().run()
    assert full_app.text_area(key=f"summary__q_{ids[0]}").label == "Question 1"
    assert full_app.text_area(key=f"summary__q_{ids[1]}").label == "Question (not on your summary)"
    assert full_app.checkbox(key=f"summary__keep_{ids[1]}").label == "Keep this question on my summary"
    third = full_app.text_area(key=f"summary__q_{ids[2]}")
    assert third.label == "Question 2"
    listing = [t for t in texts(full_app) if t.startswith("1. ")][-1].splitlines()
    assert listing[1] == f"2. {third.value}"
    full_app.text_input(key="summary__new").set_value("Added?").run()
    full_app.button(key="summary__add").click().run()
    added = full_app.session_state[state.K_SUMMARY_EDITS]["added"][0][0]
    assert full_app.text_area(key=f"summary__q_{added}").label == "Question 2"
    assert full_app.text_area(key=f"summary__q_{ids[2]}").label == "Question 3"
    assert not full_app.exception


def test_importance_is_shown_in_words_not_percentages(full_app):
    frames = [t.value for t in full_app.table]
    bars = next(f for f in frames if "What matters to me" in f.columns)
    assert list(bars.columns) == ["What matters to me", "How important"]
    assert "Most important" in set(bars["How important"])


def test_edits_survive_leaving_the_page_and_coming_back(full_app, real_content):
    first = question_ids(real_content, {**FULL, "questions_for_team": XSS})[0]
    full_app.text_area(key=f"summary__q_{first}").set_value("Kept across pages?").run()
    full_app.switch_page("pages/home.py").run()
    full_app.switch_page(PAGE).run()
    assert full_app.text_area(key=f"summary__q_{first}").value == "Kept across pages?"
    assert "1. Kept across pages?" in "\n".join(texts(full_app))


def test_no_document_is_built_while_the_page_runs(make_app, monkeypatch):
    """Reruns and edits never build the PDF, web page or text: only Download does."""
    calls = []
    for kind, build in dict(document.BUILDERS).items():
        monkeypatch.setitem(
            document.BUILDERS, kind, lambda s, b=build, k=kind: calls.append(k) or b(s)
        )
    at = make_app(PAGE, **{state.K_ANSWERS: dict(FULL)}).run()
    at.run()
    at.text_input(key="summary__new").set_value("One more?").run()
    at.button(key="summary__add").click().run()
    at.checkbox(key="summary__at_home").check().run()
    assert not at.exception
    assert calls == []


def test_a_pdf_problem_leaves_a_calm_message_and_the_other_downloads(make_app, monkeypatch):
    monkeypatch.setattr(document, "pdf_problem", lambda: document.INSTALL_HINT)
    at = make_app(PAGE, **{state.K_ANSWERS: dict(FULL)}).run()
    assert not at.exception
    warning = next(w.value for w in at.warning if "PDF cannot be made" in w.value)
    assert "libpango-1.0-0" in warning and "web page and text" in warning
    keys = {b.key for b in at.download_button}
    assert "summary__pdf" not in keys
    assert {"summary__html", "summary__text", "summary__download_answers"} <= keys


class _Capture(MemoryMediaFileStorage):
    """Keeps every file the page offers, so one test can read the downloads back."""

    last: _Capture | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _Capture.last = self


class _Manager(MediaFileManager):
    """The media manager AppTest's mock runtime uses, kept so a test can press Download."""

    last: _Manager | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _Manager.last = self


def test_downloads_hold_the_summary_text_and_answers(make_app, monkeypatch):
    """Canary on Streamlit internals (see toolchain.md §3): each deferred download is run as the
    server runs it on Download (outside the script run, no session state), and read back."""
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _Capture)
    monkeypatch.setattr(app_test, "MediaFileManager", _Manager)
    at = make_app(PAGE, **{state.K_ANSWERS: dict(FULL)}).run()
    day = dt.date.today().isoformat()
    files = {f.filename: f for f in _Capture.last._files_by_id.values()}
    assert f"cart-summary-{day}.pdf" not in files  # nothing built before Download
    assert f"cart-answers-{day}.json" not in files
    for key in (*SUMMARY_DOWNLOADS, "summary__download_answers"):
        _Manager.last.execute_deferred(at.download_button(key=key).proto.deferred_file_id)
    files = {f.filename: f for f in _Capture.last._files_by_id.values()}
    assert files[f"cart-summary-{day}.pdf"].content.startswith(b"%PDF")
    assert files[f"cart-summary-{day}.pdf"].mimetype == "application/pdf"
    html = files[f"cart-summary-{day}.html"].content.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Zoë Müller" in html
    text = files[f"cart-summary-{day}.txt"].content.decode("utf-8")
    assert "Zoë Müller" in text and "not a recommendation" in text
    assert "**" not in text and "\\" not in text  # plain text, as the page says
    answers = files[f"cart-answers-{day}.json"].content
    assert b"cart-decision-aid-answers" in answers and "Zoë Müller".encode() in answers
    assert not at.exception
