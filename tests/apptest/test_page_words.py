"""'Words used on this page': every page but Sources ends with the glossary words it uses."""

from __future__ import annotations

import pytest

from components import sitemap, ui

WITH_WORDS = ["pages/home.py", "pages/journey.py", "pages/side_effects.py"]


def words_expander(at):
    return [e for e in at.expander if e.label == ui.PAGE_WORDS_TITLE]


@pytest.mark.parametrize("page", WITH_WORDS)
def test_page_ends_with_its_glossary_words(make_app, page):
    at = make_app(page).run()
    assert not at.exception
    (expander,) = words_expander(at)
    text = "\n".join(m.value for m in expander.markdown)
    assert "**CAR-T cell therapy**:" in text
    assert any("sources" in link.proto.page for link in expander.get("page_link"))


def test_journey_words_include_those_explained_in_bold(make_app):
    at = make_app("pages/journey.py").run()
    assert not at.exception
    text = "\n".join(m.value for m in words_expander(at)[0].markdown)
    for term in ("Leukapheresis", "Vein-to-vein time", "Caregiver", "Split dose"):
        assert f"**{term}**:" in text


def test_no_words_expander_on_the_sources_page(make_app):
    at = make_app(sitemap.page("sources").file).run()
    assert not at.exception
    assert not words_expander(at)
