"""The situation's home in session state, and the pickers every page uses to change it.

`current(content)` is the one way to read it: typed and normalised (components/situation.py).
The pickers are bound straight to the home's keys, so a choice made on one page is the choice on
every page, in the questionnaire, the summary and the answers file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from components import finder, situation, state, studies
from components.content import Content
from components.situation import Situation

# Field of the situation -> its session key.
KEYS: dict[str, str] = {
    "diagnosis": state.K_DIAGNOSIS,
    "prior_lines": state.K_PRIOR_LINES,
    "product": state.K_PRODUCT,
    "age": state.K_AGE,
    "unsure": state.K_UNSURE,
}
CANCER_LABEL = "Which cancer do you have?"
LINES_LABEL = "How many treatments have you had for it so far?"


def _stored(name: str, sit: Situation) -> Any:
    return sorted(sit.unsure) if name == "unsure" else getattr(sit, name)


def current(content: Content) -> Situation:
    """The situation, typed. A stored value no picker offers (an unknown cancer, 6 earlier
    treatments) is written back as the picker shows it, so it is the same on every page. Call
    it before drawing a picker: Streamlit refuses a change to a widget's key once it is drawn."""
    raw = {name: state.get(key) for name, key in KEYS.items()}
    sit = situation.normalise(content, **raw)
    for name, key in KEYS.items():
        if _stored(name, sit) != raw[name]:
            state.put(key, _stored(name, sit))
    return sit


def update(fields: Mapping[str, Any]) -> None:
    """Change some fields of the situation ({field: value}, as `situation.answered` gives)."""
    for name, value in fields.items():
        state.put(KEYS[name], sorted(value) if name == "unsure" else value)


def unsure() -> list[str]:
    """The fields the person said "I am not sure" about."""
    return list(state.get(state.K_UNSURE))


def cancer_picker(content: Content, where: Any = st) -> str | None:
    """Which cancer (bound to the situation); returns the cancer chosen, or None."""
    names = studies.diagnosis_labels(content)
    choice: str | None = where.selectbox(
        CANCER_LABEL, list(names), format_func=lambda d: names[d], key=state.K_DIAGNOSIS,
        index=None, placeholder="Choose your cancer",
    )
    return choice


def lines_picker(where: Any = st) -> int | None:
    """How many earlier treatments (bound to the situation); returns the count, or None."""
    lines: int | None = where.selectbox(
        LINES_LABEL, finder.LINE_CHOICES, format_func=finder.lines_label,
        key=state.K_PRIOR_LINES, index=None, placeholder="Not sure yet",
    )
    return lines
