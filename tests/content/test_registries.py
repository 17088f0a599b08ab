"""Registry consistency: pages, session keys, text files and sources agree with what exists."""

from __future__ import annotations

import re
from pathlib import Path

from components import content, sitemap, state

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_file_is_registered_and_every_registered_page_exists():
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    registered = {p.file for p in sitemap.PAGES}
    assert on_disk == registered


def test_exactly_one_default_page_and_known_sections():
    assert sum(p.default for p in sitemap.PAGES) == 1
    assert {p.section for p in sitemap.PAGES} <= set(sitemap.SECTIONS)


def test_page_titles_and_url_paths_are_unique():
    assert len({p.title for p in sitemap.PAGES}) == len(sitemap.PAGES)
    assert len({p.url_path for p in sitemap.PAGES}) == len(sitemap.PAGES)


def test_every_session_key_used_in_code_is_registered():
    """Widget keys and session_state lookups must name registered keys (or a state.K_ name)."""
    literal = re.compile(r"""(?:key\s*=\s*|session_state\[\s*)["']([^"']+)["']""")
    streamlit_facing = [ROOT / "components" / "state.py", ROOT / "components" / "ui.py"]
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *streamlit_facing]
    unknown = []
    for path in files:
        for name in literal.findall(path.read_text(encoding="utf-8")):
            if name not in state.DEFAULTS and not name.startswith(tuple(state.WIDGET_PREFIXES)):
                unknown.append(f"{path.name}: {name}")
    assert unknown == []


def test_every_text_file_is_used_by_code():
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]
    )
    unused = []
    for path in (ROOT / "data" / "text").glob("*.md"):
        page, _, section = path.stem.partition("__")
        if path.stem not in code and not (f'"{page}__' in code and section in code):
            unused.append(path.name)
    assert unused == []


def test_every_table_in_data_is_declared():
    declared = {t.file for t in content.TABLES}
    on_disk = {p.name for p in (ROOT / "data").glob("*.csv")}
    assert on_disk == declared
