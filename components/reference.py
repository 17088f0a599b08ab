"""Pure helpers for the Sources and glossary page: searchable glossary, readable source list."""

from __future__ import annotations

import pandas as pd


def glossary_matches(glossary: pd.DataFrame, query: str = "") -> pd.DataFrame:
    """Glossary rows whose term, plain meaning or other names contain `query` (case-insensitive),
    sorted by term."""
    rows = glossary.sort_values("term", key=lambda s: s.str.lower())
    q = (query or "").strip().lower()
    if not q:
        return rows
    hay = (rows["term"] + " " + rows["plain"] + " " + rows["also_called"]).str.lower()
    return rows[hay.str.contains(q, regex=False)]


def glossary_markdown(row: pd.Series) -> str:
    """One glossary entry as a Markdown line, with any other names it goes by."""
    line = f"**{row['term']}**: {row['plain']}"
    if row["also_called"]:
        line += f" *Also called: {row['also_called'].replace(';', ',')}.*"
    return line


def sources_frame(sources: pd.DataFrame) -> pd.DataFrame:
    """The source list as a table for people: short name, title, who published it, year, link."""
    frame = sources.rename(
        columns={
            "source_id": "Short name",
            "title": "Title",
            "issuer": "Published by",
            "year": "Year",
            "kind": "Type",
            "url": "Link",
            "note": "What we used it for",
        }
    )
    cols = ["Short name", "Title", "Published by", "Year", "Type", "What we used it for", "Link"]
    return frame[cols].sort_values("Short name", key=lambda s: s.str.lower())
