"""The aid's content, ready to use: every file loaded and checked, every module's cross-file
rules run, and the questionnaire built once and kept on the content (`content.questionnaire`).

Pure (no Streamlit). The validators are listed here, in one place, and passed to the loader:
nothing registers itself by being imported.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from components import content as content_mod
from components import (
    evidence,
    finder,
    journey,
    options,
    questionnaire_file,
    risk,
    values_pair,
)
from components.content import Content

VALIDATORS: tuple[content_mod.Validator, ...] = (
    evidence.validate,
    finder.validate,
    journey.validate_journey,
    risk.validate,
    options.validate_options,
    questionnaire_file.validate_questionnaire,
    values_pair.validate_values_pair,
)


def load(data_dir: str | Path = content_mod.DATA_DIR) -> Content:
    """Everything in data/, validated, with the questionnaire built; raises
    `content.ContentError` listing every problem found."""
    content = content_mod.load_content(data_dir, VALIDATORS)
    q = questionnaire_file.load_questionnaire(content)
    return dataclasses.replace(content, questionnaire=q)
