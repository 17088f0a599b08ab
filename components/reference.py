"""Pure helpers for the Sources and glossary page: searchable glossary, readable source list,
and the glossary words used on any page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

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


def names_of(term: str, also_called: object = "") -> list[str]:
    """A glossary entry's term and its other names ("also_called", split at ";")."""
    others = str(also_called or "").split(";") if isinstance(also_called, str) else []
    return [n.strip() for n in [str(term), *others] if n.strip()]


ACRONYM = re.compile(r"[A-Z0-9][A-Z0-9-]*[A-Z0-9]")


def is_acronym(name: str) -> bool:
    """ "CRS", "PI", "CD19", "IEC-HS": one word in capitals and digits."""
    return ACRONYM.fullmatch(name.strip()) is not None


@lru_cache(maxsize=1024)
def name_pattern(name: str) -> re.Pattern[str]:
    """How a glossary name is found in text: as whole words, with an optional plural ending,
    a hyphen or space matching either ("CAR T" finds "CAR-T"). Acronyms ("CRS", "PI") are
    matched as written, against the text as written, so "PI" is not found in "pick"; other
    names are lower-cased and matched against the lower-cased text (faster than IGNORECASE)."""
    spelled = name.strip() if is_acronym(name) else name.strip().lower()
    words = [re.escape(w) for w in re.split(r"[-\s]+", spelled) if w]
    body = r"[-\s]+".join(words)
    return re.compile(rf"(?<!\w){body}(?:e?s)?(?!\w)")


def _named_in(name: str, text: str, lower: str) -> bool:
    """Whether one glossary name is in the text; a plain substring test on its first word
    first, because most names are not on a given page and regex searches are slow."""
    haystack = text if is_acronym(name) else lower
    first = re.split(r"[-\s]+", name.strip() if haystack is text else name.strip().lower())[0]
    return first in haystack and name_pattern(name).search(haystack) is not None


def terms_in(glossary: pd.DataFrame, texts: Iterable[str]) -> pd.DataFrame:
    """The glossary entries whose term or any other name appears in `texts`, sorted by term."""
    text = "\n".join(texts)
    if not text.strip() or glossary.empty:
        return glossary.iloc[0:0]
    lower = text.lower()
    also = glossary["also_called"] if "also_called" in glossary else [""] * len(glossary)
    found = [
        any(_named_in(name, text, lower) for name in names_of(term, others))
        for term, others in zip(glossary["term"], also, strict=True)
    ]
    rows = glossary[found]
    return rows.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)


def page_texts(texts: Mapping[str, str], stem: str) -> list[str]:
    """The prose of one page: every data/text/<stem>__*.md, in name order."""
    return [texts[name] for name in sorted(texts) if name.startswith(f"{stem}__")]


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
