"""Every registered page runs through app.py without an exception and shows its title."""

from __future__ import annotations

import pytest

from components import sitemap, ui

PAGES = [p.file for p in sitemap.PAGES]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(make_app, page):
    at = make_app(page).run()
    assert not at.exception, at.exception
    assert at.title, "every page has a title"


@pytest.mark.parametrize("page", PAGES)
def test_disclaimer_is_on_every_page(make_app, page):
    at = make_app(page).run()
    assert any(ui.DISCLAIMER in c.value for c in at.sidebar.markdown)


def test_home_states_the_decision_and_that_it_does_not_recommend(make_app):
    at = make_app().run()
    text = " ".join(m.value for m in at.markdown)
    assert "Should I go ahead with CAR-T cell therapy, or with another option?" in text
    assert "does not recommend any choice" in text


def test_glossary_filter_narrows_the_list(make_app):
    at = make_app("pages/sources.py").run()

    def entries():
        # The glossary is the last block of the page (after the sources, in its own tab).
        return at.main.markdown[-1].value.split("\n\n")

    before = len(entries())
    at.text_input(key="sources__glossary_filter").input("cytokine").run()
    assert any("Cytokine release syndrome" in e for e in entries())
    assert 0 < len(entries()) < before


def test_broken_content_shows_one_calm_message_and_no_numbers(make_app, monkeypatch, tmp_path):
    """A damaged data folder must never show a traceback or any number."""
    from components import content

    (tmp_path / "data").mkdir()
    monkeypatch.setattr(content, "DATA_DIR", tmp_path / "data")
    for page in PAGES:
        at = make_app(page).run()
        assert not at.exception
        assert [e.value for e in at.error] == [ui.CALM_CONTENT_ERROR]
        shown = " ".join(m.value for m in at.markdown)
        assert not any(ch.isdigit() for ch in shown), page
