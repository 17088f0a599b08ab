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
