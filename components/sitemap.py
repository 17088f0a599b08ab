"""The page registry: every page of the app, its title, icon and sidebar section, in order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class PageSpec:
    """One page of the app. `file` is relative to the project root."""

    file: str
    title: str
    icon: str
    section: str
    default: bool = False

    @property
    def url_path(self) -> str:
        """The URL path Streamlit gives the page: the file stem (we never override it)."""
        return PurePosixPath(self.file).stem


SECTIONS: tuple[str, ...] = ("Start", "Learn", "Decide", "About")

PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/home.py", "Home", ":material/home:", "Start", default=True),
    PageSpec("pages/is_it_for_me.py", "Is it for me?", ":material/person_search:", "Learn"),
    PageSpec("pages/journey.py", "Treatment journey", ":material/route:", "Learn"),
    PageSpec("pages/side_effects.py", "Side effects", ":material/monitor_heart:", "Learn"),
    PageSpec("pages/outcomes.py", "How often it works", ":material/insights:", "Learn"),
    PageSpec("pages/options.py", "Options side by side", ":material/compare_arrows:", "Learn"),
    PageSpec("pages/caregiver.py", "For the caregiver", ":material/volunteer_activism:", "Decide"),
    PageSpec("pages/self_assessment.py", "Self-assessment", ":material/checklist:", "Decide"),
    PageSpec("pages/summary.py", "Your summary", ":material/summarize:", "Decide"),
    PageSpec("pages/sources.py", "Sources and glossary", ":material/menu_book:", "About"),
)


def page(stem: str) -> PageSpec:
    """Return the page whose file stem is `stem` (e.g. "journey")."""
    for spec in PAGES:
        if spec.url_path == stem:
            return spec
    raise KeyError(stem)


def next_page(stem: str) -> PageSpec | None:
    """The page after `stem` in reading order, or None for the last page."""
    stems = [p.url_path for p in PAGES]
    i = stems.index(stem)
    return PAGES[i + 1] if i + 1 < len(PAGES) else None


def tab_title(page_title: str, aid_name: str | None) -> str:
    """The browser tab's title: the page, then the aid ("Side effects · CAR-T decision aid").

    Without an aid name (content that could not be loaded) the page's title alone."""
    return f"{page_title} · {aid_name}" if aid_name else page_title


def by_section() -> dict[str, list[PageSpec]]:
    """Pages grouped by section, sections in their fixed order."""
    return {s: [p for p in PAGES if p.section == s] for s in SECTIONS}
