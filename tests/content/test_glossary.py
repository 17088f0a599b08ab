"""Every medical word a patient meets is explained in the glossary, and the glossary has no
terms nobody uses."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from components import catalog
from tests.content import readability

CONTENT = catalog.load()

# Words that look medical. If any appears in patient text, the glossary must explain it.
MEDICAL_WORDS = (
    "leukapheresis",
    "apheresis",
    "lymphodepleting",
    "lymphodepletion",
    "chemotherapy",
    "cytokine",
    "neurotoxicity",
    "ICANS",
    "CRS",
    "tocilizumab",
    "steroids",
    "immunoglobulin",
    "hypogammaglobulinemia",
    "cytopenia",
    "remission",
    "refractory",
    "relapse",
    "autologous",
    "allogeneic",
    "transplant",
    "bispecific",
    "checkpoint",
    "parkinsonism",
    "HLH",
    "boxed warning",
    "accelerated approval",
    "bridging",
    "infusion",
    "lymphoma",
    "leukemia",
    "myeloma",
    "BCMA",
    "CD19",
    "median",
    "vein-to-vein",
    "clinical trial",
    "supportive care",
    "watchful waiting",
    "ICE",
    "grade",
)


def all_patient_text() -> str:
    parts = [text for _, text in readability.text_blocks(CONTENT)]
    parts += list(CONTENT.texts.values())
    for frame in CONTENT.tables.values():
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
                parts += [str(v) for v in frame[column] if isinstance(v, str)]
    return "\n".join(parts)


TEXT = all_patient_text()
GLOSSARY = CONTENT.table("glossary")
NAMES = {
    name.strip().lower()
    for _, row in GLOSSARY.iterrows()
    for name in [row["term"], *row["also_called"].split(";")]
    if name.strip()
}


def mentioned(word: str, text: str) -> bool:
    pattern = rf"(?<![\w-]){re.escape(word)}(?:s|es)?(?![\w-])"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


@pytest.mark.parametrize("word", MEDICAL_WORDS)
def test_medical_word_used_in_text_is_in_glossary(word):
    if not mentioned(word, TEXT.replace("\n", " ")):
        pytest.skip(f"'{word}' is not used")
    assert any(mentioned(word, name) or word.lower() == name for name in NAMES), (
        f"'{word}' is used in patient text but not explained in data/glossary.csv"
    )


@pytest.mark.parametrize("term", sorted(GLOSSARY["term"]))
def test_glossary_term_is_used_somewhere(term):
    row = GLOSSARY[GLOSSARY["term"] == term].iloc[0]
    names = [term, *[n for n in row["also_called"].split(";") if n.strip()]]
    other_text = TEXT.replace(row["plain"], "")
    assert any(mentioned(n.strip(), other_text) for n in names), f"'{term}' is never used"
