"""The summary PDF (WeasyPrint, PDF/UA-1): what it says (read back with pypdf), how it is tagged
(read with pikepdf: structure tree, MarkInfo, language, title, headings and tables in document
order), any script a person can type, two pages for a full set of answers, failures that stay
calm. Its speed is measured by scripts/bench_pdf.py, not asserted here."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from components import care_questions, document, summary_documents, summary_model
from components import summary as sm
from tests.answer_sets import FULL, TODAY
from tests.html_reading import tags_in_order

SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADINGS_AND_TABLES = ("H1", "H2", "H3", "Table")


def read(data: bytes) -> str:
    """All text of the PDF, pages joined (control codes pypdf reads from shaped glyphs dropped)."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def squash(text: str) -> str:
    """Text without any whitespace: line breaks in the PDF fall anywhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def letters(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c).startswith("L"))


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def one_field(text: str) -> summary_model.Summary:
    """A tiny summary that holds `text` in the header, as a field value and as a list item."""
    section = summary_model.Section(
        "s", "Section", (summary_model.Fields((("Label", text),)), summary_model.Bullets((text,), numbered=True))
    )
    return summary_model.Summary("Title", TODAY, (("Name", text),), (section,), "Disclaimer.", "Footer.")


def structure_tags(data: bytes) -> list[str]:
    """The structure tree's element types, depth first, in document order."""
    found: list[str] = []

    def walk(element: pikepdf.Dictionary) -> None:
        if "/S" in element:
            found.append(str(element.S)[1:])
        kids = element.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        walk(pdf.Root.StructTreeRoot)
    return found


@pytest.fixture(scope="module")
def full_model(real_content):
    return sm.build_summary(real_content, FULL, TODAY)


@pytest.fixture(scope="module")
def full_pdf(full_model):
    return document.summary_pdf(full_model)


# -- Tagged PDF/UA-1 ----------------------------------------------------------------------------
def test_pdf_is_tagged_with_language_and_the_title_shown_in_the_window(full_pdf):
    with pikepdf.open(io.BytesIO(full_pdf)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == "My CAR-T decision summary"
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "My CAR-T decision summary"
        assert meta["pdfuaid:part"] == "1"


def test_headings_and_tables_are_tagged_in_the_order_of_the_document(full_model, full_pdf):
    tags = structure_tags(full_pdf)
    shown = [t for t in tags if t in HEADINGS_AND_TABLES]
    html = [t.capitalize() if t == "table" else t.upper()
            for t in tags_in_order(document.summary_html(full_model), ("h1", "h2", "h3", "table"))]
    assert shown == html
    assert shown[0] == "H1" and shown.count("H1") == 1
    assert shown.count("H2") == len(full_model.sections) + 1  # + Sources
    assert {"TH", "TD", "TR", "L", "LI"} <= set(tags)


def test_headings_are_read_in_the_order_of_the_summary(full_model, full_pdf):
    text, at = squash(read(full_pdf)), 0
    for section in full_model.sections:  # each heading is found after the one before it
        at = text.index(squash(section.heading), at) + 1


# -- Length -------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["patient", "caregiver", "both"])
def test_a_fully_answered_summary_fits_on_two_pages(real_content, who):
    """Every section, three worries, three own questions (FULL), worded for each role."""
    assert len(care_questions.own_questions(FULL["questions_for_team"])) == 3
    assert len(FULL["worries_list"]) == 3
    model = sm.build_summary(real_content, {**FULL, "about_who": who}, TODAY)
    assert [s.key for s in model.sections if s.is_empty] == []
    assert pages(document.summary_pdf(model)) == 2


def test_dates_still_fit_and_the_page_for_home_is_a_page_of_its_own(real_content, full_model):
    from components import schedule

    plan = schedule.make_plan(real_content, "yescarta", "infusion", TODAY.replace(day=28), TODAY)
    dated = summary_documents.for_documents(real_content, full_model, plan=plan, at_home=False)
    assert pages(document.summary_pdf(dated)) == 2
    home = summary_documents.for_documents(real_content, full_model, plan=plan, at_home=True)
    data = document.summary_pdf(home)
    assert pages(data) == 3
    last = PdfReader(io.BytesIO(data)).pages[-1].extract_text()
    assert last.lstrip().startswith(home.sections[-1].heading)
    assert "24 hours a day" in last


# -- What it says ---------------------------------------------------------------------------
def test_importance_is_in_words_never_a_percentage(full_pdf):
    text = read(full_pdf)
    assert "%" not in text
    assert "Most important" in text and "Very important" in text


def test_footer_is_honest_about_sources_and_the_policy_is_printed_once(real_content, full_pdf):
    text = squash(read(full_pdf))
    assert squash("FDA labels, FDA reviews and the main studies") not in text
    assert text.count(squash(real_content.meta["numbers_policy"])) == 1


def test_pdf_holds_the_answers_own_questions_and_disclaimer(full_model, full_pdf):
    text = squash(read(full_pdf))
    expected = [
        "Zoë Müller",
        "Can I still go to the wedding in June?",
        "How soon would I start?",
        FULL["values_other"],
        FULL["worries_other"],
        FULL["ready_caregiver_who"],
        full_model.disclaimer,
        "it is not a recommendation",
        "last reviewed December 3, 2026",
        "Page 1 of 2",
    ]
    expected += [s.heading for s in full_model.sections]
    for item in expected:
        assert squash(item) in text, item


def test_every_question_for_the_team_is_printed(full_model, full_pdf):
    text = squash(read(full_pdf))
    for question in full_model.section("questions").blocks[0].items:
        assert squash(question) in text


def test_empty_summary_prints_the_empty_notes(real_content):
    text = read(document.summary_pdf(sm.build_summary(real_content, {}, TODAY)))
    assert text.count("You did not answer this part yet.") == 8  # all but the decision


# -- Any script a person can type -----------------------------------------------------------
RTL = re.compile("[\u0590-\u08ff]")


@pytest.mark.parametrize(
    "text",
    [
        "Zoë, François, Łukasz, Ærø, Ğül",
        "“Curly quotes” – dashes — and € 2,000 … ‘ok’",
        "我想知道副作用会持续多久？",
        "日本語のテキストとカタカナ",
        "한국어 질문이 있어요",
        "Ελληνικά και Русский текст",
        "هل يمكنني العودة إلى العمل بعد العلاج؟",
        "עברית: מתי אפשר לחזור הביתה?",
        "Emoji 😀 👍 ❤ ☕ ⚕ 🥰 🫠",
        "<script>alert(1)</script> <img src=x onerror=alert(1)>",
        "{{ 7*7 }} {% raw %} &amp; &lt;b&gt;",  # template syntax and entities stay literal
        "Long " + "x" * 400,
    ],
)
def test_text_in_any_script_is_printed(text):
    printed = read(document.summary_pdf(one_field(text)))
    assert "\ufffd" not in printed
    if not RTL.search(text):
        assert squash(text) in squash(printed)
        return
    # Right to left: pypdf reads a line's end punctuation in visual order (it is drawn at the
    # left), so compare the letters in reading order and that every character is there.
    assert letters(text) in letters(printed)
    assert not Counter(squash(text)) - Counter(squash(printed))


def test_indic_text_keeps_every_character():
    """pypdf reads a vowel sign drawn before its consonant in drawing order: compare the
    characters, not their order."""
    text = "हिंदी में सवाल: क्या यह दर्दनाक है?"
    printed = read(document.summary_pdf(one_field(text)))
    assert not Counter(squash(text)) - Counter(squash(printed))


def test_control_characters_are_replaced_visibly():
    printed = read(document.summary_pdf(one_field("bell \x07 and nul \x00 end")))
    assert squash("bell \ufffd and nul \ufffd end") in squash(printed)


def test_invisible_format_characters_and_odd_spaces_do_not_break_anything():
    text = "a\u200bb\ufe0fc\u00a0d\te\u2028f\r\ng\u202eh\ud800i"
    printed = read(document.summary_pdf(one_field(text)))
    assert "a" in printed and "i" in printed


@SLOW
@given(st.tuples(*(st.text(st.characters(codec="utf-8"), max_size=120) for _ in range(5))))
def test_random_unicode_in_every_free_text_field_never_raises(real_content, texts):
    fields = ("about_name", "values_other", "ready_caregiver_who", "worries_other",
              "questions_for_team")
    answers = {**FULL, **dict(zip(fields, texts, strict=True))}
    data = document.summary_pdf(sm.build_summary(real_content, answers, TODAY))
    assert data.startswith(b"%PDF")


READABLE_CHARACTERS = (
    "abcXYZ0123 .,?!’“”€£¥§ÀÉÎÕÜßçñøåæœŁłŽžĞğİı"
    "αβγΔΩабвЖЯ"
    "中文字日本語漢字ひらがなカタカナ한국어"
    "😀😃👍❤☕⚕✅★♫🥰🫠"
    "<>&\"'/\\*_#|[]{}%"
)
READABLE = st.text(st.sampled_from(READABLE_CHARACTERS), min_size=1, max_size=80)


@SLOW
@given(READABLE)
def test_random_text_in_common_scripts_is_printed_exactly(text):
    printed = read(document.summary_pdf(one_field(text)))
    assert squash(text) in squash(printed)


# -- Built on Download, calm when it fails ----------------------------------------------------
def test_deferred_builders_make_each_format_only_when_called(full_model, monkeypatch,
                                                            real_content):
    calls = []
    for kind, build in dict(document.BUILDERS).items():
        monkeypatch.setitem(
            document.BUILDERS, kind, lambda s, b=build, k=kind: calls.append(k) or b(s)
        )
    makers = {kind: document.deferred(kind, full_model,
                                      real_content.words("summary_not_made", kind=kind))
              for kind in ("pdf", "html", "text")}
    assert calls == []
    assert makers["pdf"]().startswith(b"%PDF-")
    assert makers["html"]().startswith(b"<!DOCTYPE html>")
    assert makers["text"]() == summary_model.to_plain_text(full_model).encode("utf-8")
    assert calls == ["pdf", "html", "text"]


def test_a_failing_build_raises_a_calm_error_and_logs_no_typed_text(monkeypatch, caplog,
                                                                    real_content):
    typed = "Zq-private-words"

    def broken(summary):
        raise ValueError(f"engine trouble near {typed}")

    monkeypatch.setitem(document.BUILDERS, "pdf", broken)
    with caplog.at_level(logging.ERROR), pytest.raises(document.DocumentError) as raised:
        document.deferred("pdf", one_field(typed),
                          real_content.words("summary_not_made", kind="pdf"))()
    assert str(raised.value) == "The pdf summary could not be made."
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert "ValueError" in caplog.text and typed not in caplog.text


def test_pdf_problem_is_empty_here_and_names_the_packages_when_pango_is_missing(monkeypatch):
    assert document.pdf_problem() == ""

    def missing():
        raise document.DocumentError(document.INSTALL_HINT)

    monkeypatch.setattr(document, "_weasyprint", missing)
    assert "libpango-1.0-0" in document.pdf_problem()
