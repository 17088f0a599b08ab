"""Glossary words on a page: which entries a page's texts name, by term or other name."""

from __future__ import annotations

import pandas as pd
import pytest

from components import reference

GLOSSARY = pd.DataFrame(
    [
        ("CAR-T cell therapy", "A treatment.", "CAR T; chimeric antigen receptor T-cell therapy"),
        ("T cell", "A white blood cell.", "T lymphocyte"),
        ("Cytokine release syndrome", "Fever and low blood pressure.", "CRS"),
        ("Prescribing information", "The official label.", "label; PI"),
        ("Seizure", "A fit.", ""),
        ("Relapse", "The cancer comes back.", "relapsed"),
        ("Vein-to-vein time", "Collection to infusion.", ""),
        ("Range", "Lowest to highest.", ""),
    ],
    columns=["term", "plain", "also_called"],
)


def found(*texts: str) -> list[str]:
    return list(reference.terms_in(GLOSSARY, texts)["term"])


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Nothing medical here."], []),
        ([""], []),
        ([], []),
        (["Your **T cells** are collected."], ["T cell"]),  # plural, bold
        (["Some people get CRS."], ["Cytokine release syndrome"]),  # other name
        (["crs is not an acronym here; neither is pick or spinal."], []),  # acronyms: capitals
        (["Ask for the PI."], ["Prescribing information"]),
        (["The label says so."], ["Prescribing information"]),
        (["CAR T works like this."], ["CAR-T cell therapy"]),
        (["CAR-T works like this."], ["CAR-T cell therapy"]),  # hyphen or space: same name
        (["The vein to vein time is long."], ["Vein-to-vein time"]),
        (["A SEIZURE can happen."], ["Seizure"]),  # ordinary words ignore case
        (["Seizures can happen."], ["Seizure"]),
        (["It relapsed twice."], ["Relapse"]),
        (["Orange juice and arrangements."], []),  # never inside another word
        (["The range was wide.", "Then a seizure."], ["Range", "Seizure"]),  # texts joined
        (["Seizure, T cell, CRS"], ["Cytokine release syndrome", "Seizure", "T cell"]),  # sorted
    ],
)
def test_terms_in(texts, expected):
    assert found(*texts) == expected


def test_terms_in_keeps_the_glossary_columns_and_a_fresh_index():
    rows = reference.terms_in(GLOSSARY, ["Seizures and CRS."])
    assert list(rows.columns) == list(GLOSSARY.columns)
    assert list(rows.index) == [0, 1]
    assert reference.terms_in(GLOSSARY.iloc[0:0], ["CRS"]).empty


@pytest.mark.parametrize(
    ("name", "acronym"),
    [("CRS", True), ("PI", True), ("CD19", True), ("IEC-HS", True), ("T cell", False),
     ("Seizure", False), ("CAR T", False), ("A", False)],
)
def test_is_acronym(name, acronym):
    assert reference.is_acronym(name) is acronym


def test_page_texts_are_the_pages_own_files_in_order():
    texts = {"journey__b": "B", "journey__a": "A", "journeys__x": "X", "home__a": "H"}
    assert reference.page_texts(texts, "journey") == ["A", "B"]
    assert reference.page_texts(texts, "nothing") == []


def test_the_journey_page_lists_the_words_it_explains(real_content):
    """The shipped pages: the journey page lists the words it explains in bold."""
    words = set(
        reference.terms_in(
            real_content.table("glossary"), reference.page_texts(real_content.texts, "journey")
        )["term"]
    )
    assert {"Leukapheresis", "Caregiver", "Vein-to-vein time", "Split dose"} <= words


# --- Sources written as a clinician cites them -------------------------------------------------
PAPER = {
    "source_id": "ZUMA-1-NEJM-2017", "kind": "trial_paper", "authors": "Neelapu SS, et al.",
    "title": "Axicabtagene ciloleucel CAR T-cell therapy in refractory large B-cell lymphoma",
    "container": "N Engl J Med. 2017;377(26):2531-2544", "year": 2017, "revision": None,
    "doi": "10.1056/NEJMoa1707447", "pmid": "29226797", "setid": None,
    "url": "https://doi.org/10.1056/NEJMoa1707447", "read_via": "PubMed abstract",
}
LABEL = {
    "source_id": "PI-Yescarta", "kind": "label", "authors": "Kite Pharma, Inc.",
    "title": "YESCARTA prescribing information", "container": "US prescribing information",
    "year": 2026, "revision": "2026-07", "doi": None, "pmid": None,
    "setid": "9b70606e-b99c-4272-a0f1-b5523cce0c59",
    "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=9b70606e-b99c-4272-a0f1-b5523cce0c59",
    "read_via": None,
}


def test_a_paper_is_cited_with_its_doi_and_pmid_as_links():
    text = reference.citation_markdown(PAPER)
    assert text.startswith("**ZUMA-1-NEJM-2017**: Neelapu SS, et al. Axicabtagene")
    assert "N Engl J Med. 2017;377(26):2531-2544." in text
    assert "[doi: 10.1056/NEJMoa1707447](https://doi.org/10.1056/NEJMoa1707447)." in text
    assert "[PMID 29226797](https://pubmed.ncbi.nlm.nih.gov/29226797/)." in text
    assert text.endswith("Read via: PubMed abstract.")


def test_a_label_is_cited_with_its_revision_and_dailymed_set_id():
    text = reference.citation_markdown(LABEL)
    assert "US prescribing information, revised 2026-07." in text
    assert "(https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=9b70606e" in text
    assert reference.short_citation(LABEL) == (
        "Kite Pharma, Inc. US prescribing information, revised 2026-07. "
        "DailyMed set id 9b70606e-b99c-4272-a0f1-b5523cce0c59."
    )


def test_a_page_without_identifier_is_cited_by_its_site_in_the_summary():
    notice = {**LABEL, "kind": "fda_notice", "setid": None, "revision": None,
              "container": "FDA news release", "url": "https://www.fda.gov/news/x"}
    assert reference.short_citation(notice).endswith("FDA news release, 2026. fda.gov.")


def test_markdown_characters_in_a_title_stay_literal():
    text = reference.citation_markdown({**PAPER, "title": "CAR-T *and* [links]"})
    assert r"CAR-T \*and\* \[links\]." in text


def test_sources_are_grouped_by_kind_in_the_given_order():
    groups = reference.sources_by_kind([PAPER, LABEL], {"label": "Labels", "trial_paper": "Papers",
                                                        "news": "News"})
    assert [heading for heading, _ in groups] == ["Labels", "Papers"]


def test_source_codes_become_links_to_the_sources_page():
    text = "About 7 in 100 (Source: PI-Yescarta). Two (Source: PI-Kymriah, Nope-1.) End."
    linked = reference.link_sources(text, {"PI-Yescarta", "PI-Kymriah"})
    assert "(Source: [PI-Yescarta](sources?source=PI-Yescarta))" in linked
    assert "(Source: [PI-Kymriah](sources?source=PI-Kymriah), Nope-1.)" in linked
    assert reference.link_sources("No codes here.", {"X"}) == "No codes here."


def test_a_link_shows_that_source_first(real_content):
    rows = real_content.rows("sources")
    first = rows[0]
    shown = reference.linked_source(rows, first["source_id"])
    assert shown.startswith(f"**{first['source_id']}:**")
    assert reference.linked_source(rows, "<script>") is None
    assert reference.linked_source(rows, None) is None
