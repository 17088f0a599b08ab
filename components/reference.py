"""Pure helpers for the Sources and glossary page: searchable glossary, readable source list,
and the glossary words used on any page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

from components import evidence


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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: object) -> str:
    """Text shown literally inside Markdown."""
    """Text shown literally inside Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text or "").strip())


def citation_parts(row: Mapping[str, object]) -> list[tuple[str, str]]:
    """One source as a clinician writes a reference, as (text, link or "") pieces:
    'Neelapu SS, et al.' 'Title.' 'N Engl J Med. 2017;377:2531-44.' 'doi: 10.1056/...'
    'PMID 29226797.' Labels give their revision and DailyMed set id; a copy we read comes last."""
    parts = [(f"{str(row['authors']).strip().rstrip('.')}.", ""),
             (f"{str(row['title']).strip().rstrip('.')}.", "")]
    container = str(row["container"]).strip().rstrip(".")
    revision = row.get("revision")
    if row["kind"] == "label":
        parts.append((f"{container}, revised {revision}." if revision else f"{container}.", ""))
    else:
        year = str(row["year"])
        parts.append((f"{container}." if year in container else f"{container}, {year}.", ""))
        if revision:
            parts.append((f"Updated {revision}.", ""))
    if row.get("doi"):
        parts.append((f"doi: {row['doi']}.", f"https://doi.org/{row['doi']}"))
    if row.get("pmid"):
        parts.append((f"PMID {row['pmid']}.", f"https://pubmed.ncbi.nlm.nih.gov/{row['pmid']}/"))
    if row.get("setid"):
        parts.append((f"DailyMed set id {row['setid']}.",
                      f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={row['setid']}"))
    if not (row.get("doi") or row.get("pmid") or row.get("setid")):
        parts.append((f"{row['url']}", str(row["url"])))
    if row.get("read_via"):
        parts.append((f"Read via: {str(row['read_via']).strip().rstrip('.')}.", ""))
    return parts


def short_citation(row: Mapping[str, object]) -> str:
    """A reference short enough for the summary's source list: who, where, and the one
    identifier a clinician needs to find it ('Neelapu SS, et al. N Engl J Med. 2017;...
    doi: 10.1056/...')."""
    parts = citation_parts(row)
    found = next((text for text, link in parts if link and text != link), "")
    if not found:  # no DOI, PMID or set id: the site (the Sources page has the full title)
        found = f"{evidence.host_of(str(row['url']))}."
    return " ".join(p for p in (parts[0][0], parts[2][0], found) if p)


def citation_markdown(row: Mapping[str, object]) -> str:
    """The reference as Markdown: the short name in bold, identifiers as links."""
    pieces = []
    for text, link in citation_parts(row):
        if link:
            dot = "." if text.endswith(".") else ""
            pieces.append(f"[{_md(text.rstrip('.'))}]({link}){dot}")
        else:
            pieces.append(_md(text))
    return f"**{_md(row['source_id'])}**: " + " ".join(pieces)


def sources_by_kind(rows: Iterable[Mapping[str, object]],
                    headings: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """The source list in groups, in the order of `headings` (kind -> heading), each group
    sorted by short name, as (heading, [citation Markdown])."""
    groups: dict[str, list[Mapping[str, object]]] = {kind: [] for kind in headings}
    for row in rows:
        groups[str(row["kind"])].append(row)
    return [
        (headings[kind], [citation_markdown(r) for r in
                          sorted(items, key=lambda r: str(r["source_id"]).lower())])
        for kind, items in groups.items() if items
    ]


_CITED = re.compile(r"\(Source: ([A-Za-z0-9_.,\- ]+?)(\.?)\)")
SOURCES_PAGE = "sources"  # the Sources page's URL path (sitemap); a link adds ?source=ID


def source_link(source_id: str) -> str:
    """The address of one source on the Sources page, relative to the current page."""
    return f"{SOURCES_PAGE}?source={source_id}"


def link_sources(markdown: str, known: Iterable[str]) -> str:
    """Every "(Source: A, B)" in Markdown with each known id as a link to the Sources page
    (unknown ids stay plain text)."""
    ids = set(known)

    def linked(match: re.Match[str]) -> str:
        parts = [p.strip() for p in match.group(1).split(",")]
        shown = [f"[{p}]({source_link(p)})" if p in ids else p for p in parts]
        return f"(Source: {', '.join(shown)}{match.group(2)})"

    return _CITED.sub(linked, markdown)


def linked_source(rows: Iterable[Mapping[str, object]], source_id: object) -> str | None:
    """The full citation of the source a link asked for (`?source=ID`), or None."""
    for row in rows:
        if row["source_id"] == source_id:
            return f"**{row['source_id']}:** {citation_markdown(row)}"
    return None
