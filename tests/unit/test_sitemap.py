"""The page registry's pure helpers: the browser tab's title."""

from __future__ import annotations

import pytest

from components import sitemap


@pytest.mark.parametrize(
    ("page_title", "aid_name", "expected"),
    [
        ("Side effects", "CAR-T decision aid", "Side effects · CAR-T decision aid"),
        ("Is it for me?", "CAR-T decision aid", "Is it for me? · CAR-T decision aid"),
        ("Home", None, "Home"),  # content could not be loaded: the page's title alone
        ("Home", "", "Home"),
    ],
)
def test_tab_title_names_the_page_then_the_aid(page_title, aid_name, expected):
    assert sitemap.tab_title(page_title, aid_name) == expected


def test_tab_titles_are_unique_and_start_with_the_page_title():
    titles = [sitemap.tab_title(p.title, "CAR-T decision aid") for p in sitemap.PAGES]
    assert len(set(titles)) == len(titles)
    assert all(t.startswith(p.title) for t, p in zip(titles, sitemap.PAGES, strict=True))
