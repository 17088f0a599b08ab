"""The summary PDF: what it says (read back with pypdf), any script a person can type, fonts
registered only when needed, line breaking, failures that stay calm, and speed."""

from __future__ import annotations

import io
import re
import statistics
import time
import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from components import pdf
from components import summary as sm
from tests.unit.test_summary import FULL, TODAY

SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Colour emoji newer than Symbola need Debian's fonts-noto-color-emoji (optional).
HAS_COLOUR_EMOJI = "NotoColorEmoji.ttf" in pdf.font_index()
needs_colour_emoji = pytest.mark.skipif(
    not HAS_COLOUR_EMOJI, reason="fonts-noto-color-emoji is not installed"
)


def read(data: bytes) -> str:
    """All text of the PDF, pages joined. pypdf reads a few shaped Indic glyphs (such as a
    vowel sign drawn before its consonant) as stray control codes; those are dropped."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def squash(text: str) -> str:
    """Text without any whitespace: line breaks in the PDF fall anywhere."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def letters(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c).startswith("L"))


def one_field(text: str, **kw) -> sm.Summary:
    """A tiny summary that holds `text` as a field value, a bullet and a table cell."""
    section = sm.Section(
        "s", "Section", (sm.Fields((("Label", text),)), sm.Bullets((text,), numbered=True))
    )
    return sm.Summary("Title", TODAY, (("Name", text),), (section,), "Disclaimer.", "Footer.", **kw)


@pytest.fixture(scope="module")
def full_model(real_content):
    return sm.build_summary(real_content, FULL, TODAY)


@pytest.fixture(scope="module")
def full_pdf(full_model):
    return pdf.summary_pdf(full_model)


def test_pdf_starts_like_a_pdf_and_has_one_or_two_pages(full_pdf):
    assert full_pdf.startswith(b"%PDF-")
    assert 1 <= len(PdfReader(io.BytesIO(full_pdf)).pages) <= 2


@pytest.mark.parametrize("who", ["patient", "caregiver", "both"])
def test_a_fully_answered_summary_fits_on_two_pages(real_content, who):
    """Every section, three worries, three own questions (FULL), worded for each role."""
    assert len(sm.own_questions(FULL["questions_for_team"])) == 3
    assert len(FULL["worries_list"]) == 3
    model = sm.build_summary(real_content, {**FULL, "about_who": who}, TODAY)
    assert [s.key for s in model.sections if s.is_empty] == []
    assert len(PdfReader(io.BytesIO(pdf.summary_pdf(model))).pages) == 2


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
        "last reviewed 3 December 2026",
    ]
    expected += [s.heading for s in full_model.sections]
    for item in expected:
        assert squash(item) in text, item


def test_every_question_for_the_team_is_printed(full_model, full_pdf):
    text = squash(read(full_pdf))
    for question in full_model.section("questions").blocks[0].items:
        assert squash(question) in text


def test_empty_summary_prints_the_empty_notes(real_content):
    text = read(pdf.summary_pdf(sm.build_summary(real_content, {}, TODAY)))
    assert text.count("You did not answer this part yet.") == 8


def test_pdf_metadata_names_the_title_and_language(full_pdf):
    reader = PdfReader(io.BytesIO(full_pdf))
    assert reader.metadata.title == "My CAR-T decision summary"
    assert "/Lang" in reader.trailer["/Root"]


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
        "हिंदी में सवाल: क्या यह दर्दनाक है?",
        "Emoji 😀 👍 ❤ ☕ ⚕",
        pytest.param("Newer emoji 🥰 🫠", marks=needs_colour_emoji),
        "<script>alert(1)</script> <img src=x onerror=alert(1)>",
        "{nb} and {nb}",  # must not be replaced by a page count
        "Long " + "x" * 400,
    ],
)
def test_text_in_any_script_is_printed(text):
    printed = read(pdf.summary_pdf(one_field(text)))
    assert pdf.REPLACEMENT not in printed
    if not pdf.is_rtl(text):
        assert squash(text) in squash(printed)
        return
    # Right to left: pypdf reads a line's end punctuation in visual order (it is drawn at the
    # left), so compare the letters in reading order and that every character is there.
    assert letters(text) in letters(printed)
    assert not Counter(squash(text)) - Counter(squash(printed))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("private \ue000 use", "private \ufffd use"),
        ("bell \x07 and nul \x00", "bell \ufffd and nul \ufffd"),
    ],
)
def test_unprintable_characters_are_replaced_visibly_with_a_note(text, shown):
    printed = read(pdf.summary_pdf(one_field(text)))
    assert squash(shown) in squash(printed)
    assert squash(pdf.MISSING_NOTE) in squash(printed)


def test_invisible_format_characters_and_odd_spaces_do_not_break_anything():
    text = "a\u200bb\ufe0fc\u00a0d\te\u2028f\r\ng\u202eh"
    printed = read(pdf.summary_pdf(one_field(text)))
    assert "a" in printed and "h" in printed


def test_latin_text_registers_only_the_base_fonts():
    plan = pdf.FontPlan()
    plan.clean("Zoë’s “question” — €5 ½ café")
    assert plan.families == {}
    assert not plan.missing


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("中文", "cjk"),
        ("العربية", "arabic"),
        ("עברית", None),  # DejaVu has Hebrew letters and punctuation: one font per line
        ("בְּרֵאשִׁ֖ית", "hebrew"),  # cantillation marks are only in Noto Sans Hebrew
        ("🎲", "symbols"),
        pytest.param("🥰", "emoji", marks=needs_colour_emoji),
    ],
)
def test_fallback_fonts_are_registered_only_for_text_that_needs_them(text, family):
    plan = pdf.FontPlan()
    plan.clean(text)
    assert list(plan.families) == ([family] if family else [])


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("Zoë’s “question” — €5, naïve café, Ελληνικά, Русский", True),
        ("A cup ☕ and ⚕", False),  # in DejaVu, but outside the cut-down copy
        ("q\u0301 needs shaping", False),  # no precomposed letter: shaped
        ("中文", False),
    ],
)
def test_cut_down_base_font_only_when_everything_fits(text, core):
    plan = pdf.FontPlan()
    plan.shaped = pdf.needs_shaping(plan.clean(text))
    assert (plan.core_fonts() is not None) is core


def test_cut_down_and_whole_font_print_the_same_text(full_model, monkeypatch):
    fast = read(pdf.summary_pdf(full_model))
    monkeypatch.setattr(pdf.FontPlan, "core_fonts", lambda self: None)
    assert read(pdf.summary_pdf(full_model)) == fast


def test_other_scripts_find_an_installed_noto_font():
    plan = pdf.FontPlan()
    plan.clean("ภาษาไทย")  # Thai
    assert not plan.missing
    assert all(p.name.startswith("NotoSans") for p in plan.families.values())


def test_missing_base_font_fails_with_install_instructions(tmp_path, full_model):
    with pytest.raises(pdf.FontsMissingError, match="fonts-dejavu-core"):
        pdf.summary_pdf(full_model, font_dirs=(tmp_path,))


def test_cached_pdf_is_reused_for_the_same_key_and_rebuilt_for_a_new_one(full_model):
    first = pdf.cached_summary_pdf(full_model, None, "k1")
    assert first["pdf"].startswith(b"%PDF") and first["error"] == ""
    assert pdf.cached_summary_pdf(full_model, first, "k1") is first
    second = pdf.cached_summary_pdf(full_model, first, "k2")
    assert second is not first and second["key"] == "k2"


@pytest.mark.parametrize(
    ("problem", "message"),
    [(pdf.FontsMissingError(pdf.INSTALL_HINT), "fonts-dejavu-core"), (ValueError("x"), "could not")],
)
def test_cached_pdf_turns_any_failure_into_a_calm_message(full_model, monkeypatch, problem, message):
    def broken(_summary):
        raise problem

    monkeypatch.setattr(pdf, "summary_pdf", broken)
    result = pdf.cached_summary_pdf(full_model, None, "k")
    assert result["pdf"] is None and message in result["error"]


# -- Line breaking ----------------------------------------------------------------------------
def by_chars(text: str) -> float:
    return float(len(text))


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("one two three", 7, ["one two", "three"]),
        ("one\n\ntwo", 10, ["one", "", "two"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("中文中文中文", 4, ["中文中文", "中文"]),
        ("e\u0301e\u0301e\u0301", 2, ["e\u0301", "e\u0301", "e\u0301"]),  # marks stay on their letter
        ("a\u0301\u0302\u0303b", 2, ["a\u0301\u0302\u0303", "b"]),
        ("", 5, [""]),
        ("   ", 5, [""]),
    ],
)
def test_wrap(text, width, lines):
    assert pdf.wrap(text, width, by_chars) == lines


def _bases(line: str) -> list[str]:
    joins = "\u200c\u200d\ufe0f"
    return [c for c in line if unicodedata.category(c) not in pdf._JOINS_PREVIOUS and c not in joins]


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=300), st.integers(1, 40))
def test_wrap_keeps_every_character_and_respects_the_width(text, width):
    """Only spaces at a break go; a line is too wide only if it is one letter and its marks."""
    lines = pdf.wrap(text, width, by_chars)
    assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")
    for line in lines:
        assert len(line) <= width or len(_bases(line)) <= 1


@pytest.mark.parametrize(
    ("text", "shaping", "rtl"),
    [
        ("Hello", False, False),
        ("café", False, False),
        ("中文", False, False),
        ("שלום", True, True),
        ("مرحبا", True, True),
        ("123 مرحبا", True, True),
        ("Hi مرحبا", True, False),
        ("हिंदी", True, False),
        ("e\u0301", True, False),
    ],
)
def test_shaping_and_direction(text, shaping, rtl):
    assert pdf.needs_shaping(text) is shaping
    assert pdf.is_rtl(text) is rtl


# -- No crash and nothing lost, whatever is typed ---------------------------------------------
def _fate_ok(original: str, cleaned: str, plan: pdf.FontPlan) -> bool:
    """Every character was printed, turned into a space or line break, replaced with the
    visible mark (and noted), or was an invisible format character."""
    text = unicodedata.normalize("NFC", original.replace("\r\n", "\n").replace("\r", "\n"))
    kept = [c for c in text if not c.isspace()]
    shown = [c for c in cleaned if not c.isspace()]
    missing = {c for c in kept if c not in shown}
    for c in missing:
        invisible = unicodedata.category(c) == "Cf" or 0xFE00 <= ord(c) <= 0xFE0F or (
            0xE0100 <= ord(c) <= 0xE01EF
        )
        if not invisible and c not in plan.missing:
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=200))
def test_cleaning_never_loses_a_character_silently(text):
    plan = pdf.FontPlan()
    cleaned = plan.clean(text)
    assert _fate_ok(text, cleaned, plan)
    if plan.missing:
        assert pdf.REPLACEMENT in cleaned


@SLOW
@given(st.tuples(*(st.text(st.characters(codec="utf-8"), max_size=120) for _ in range(5))))
def test_random_unicode_in_every_free_text_field_never_raises(real_content, texts):
    fields = ("about_name", "values_other", "ready_caregiver_who", "worries_other",
              "questions_for_team")
    answers = {**FULL, **dict(zip(fields, texts, strict=True))}
    data = pdf.summary_pdf(sm.build_summary(real_content, answers, TODAY))
    assert data.startswith(b"%PDF")


# Scripts written left to right without combining marks: pypdf reads them back exactly.
READABLE_CHARACTERS = (
    "abcXYZ0123 .,?!’“”€£¥§ÀÉÎÕÜßçñøåæœŁłŽžĞğİı"
    "αβγΔΩабвЖЯ"
    "中文字日本語漢字ひらがなカタカナ한국어"
    "😀😃👍❤☕⚕✅★♫"
    "<>&\"'/\\*_#|[]{}"
) + ("🥰🫠" if HAS_COLOUR_EMOJI else "")
READABLE = st.text(st.sampled_from(READABLE_CHARACTERS), min_size=1, max_size=80)


@SLOW
@given(READABLE)
def test_random_text_in_common_scripts_is_printed_exactly(text):
    printed = read(pdf.summary_pdf(one_field(text)))
    assert squash(text) in squash(printed)


# -- Speed ------------------------------------------------------------------------------------
def test_full_latin_summary_builds_well_under_a_second(full_model):
    pdf.summary_pdf(full_model)  # warm the font index and caches
    times = []
    for _ in range(3):
        start = time.perf_counter()
        pdf.summary_pdf(full_model)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.5  # measured ~0.1 s; generous for a busy machine
