"""The summary as an HTML document (the HTML download and the source of the PDF): language,
title, one h1, headings that do not skip a level, real tables with header cells, typed text
escaped and marked dir="auto", page numbers for print."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components import document, summary_model
from components import summary as sm
from tests.answer_sets import FULL, TODAY
from tests.html_reading import parse

TYPED = "<script>alert(1)</script> {{ 7*7 }} & \"quotes\" 'x' עברית"


@pytest.fixture(scope="module")
def full_model(real_content):
    answers = {**FULL, "worries_other": TYPED, "about_name": TYPED}
    return sm.build_summary(real_content, answers, TODAY)


@pytest.fixture(scope="module")
def full_html(full_model):
    return document.summary_html(full_model)


def test_document_has_language_title_and_one_h1(full_html, full_model):
    doc = parse(full_html)
    assert full_html.startswith("<!DOCTYPE html>")
    assert doc.tags[0] == ("html", {"lang": "en"})
    assert "".join(doc.text_in["title"]) == full_model.title
    assert [t for t, _ in doc.tags].count("h1") == 1
    assert "".join(doc.text_in["h1"]) == full_model.title


def test_headings_follow_the_summary_and_never_skip_a_level(full_html, full_model):
    doc = parse(full_html)
    levels = [int(t[1]) for t, _ in doc.tags if t in ("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert doc.text_in["h2"] == [s.heading for s in full_model.sections] + ["Sources"]


def test_every_header_cell_has_a_scope_and_every_grid_has_a_header_row(full_html):
    doc = parse(full_html)
    cells = [attrs for tag, attrs in doc.tags if tag == "th"]
    assert cells and all(a.get("scope") in ("row", "col") for a in cells)
    assert [t for t, _ in doc.tags].count("thead") == sum(
        1 for t, a in doc.tags if t == "table" and a.get("class") == "grid"
    )


def test_typed_text_is_escaped_shown_literally_and_marked_for_its_direction(full_html):
    doc = parse(full_html)
    assert "script" not in [t for t, _ in doc.tags]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in full_html
    text = "".join(doc.text)
    assert TYPED in text  # the literal string, including the template syntax, not 49
    cells = [a for t, a in doc.tags if t == "td" and a.get("dir") == "auto"]
    assert cells, "typed values carry dir=auto"


def test_print_stylesheet_numbers_the_pages(full_html):
    assert 'counter(page) " of " counter(pages)' in full_html
    assert "@page" in full_html


def test_empty_parts_say_so(real_content):
    html = document.summary_html(sm.build_summary(real_content, {}, TODAY))
    assert html.count("You did not answer this part yet.") == 8  # all but the decision


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=200))
def test_any_typed_text_comes_back_as_text(text):
    """What the parser reads back is what was typed (control characters shown as U+FFFD)."""
    model = summary_model.Summary("T", TODAY, (("Name", text),), (), "D.", "F.")
    doc = parse(document.summary_html(model))
    expected = document._clean(text)
    cell = [t for t, a in doc.tags if t == "td"]
    assert cell == ["td"]
    shown = "".join(doc.text_in.get("td", []))
    assert shown.replace("\n", "") == expected.replace("\n", "")
