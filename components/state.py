"""Every session_state key the app uses, with its default. Pages use these names, never strings.

Naming: widget keys are `<page>__<field>`; values shared across pages are plain nouns. Answers
live only in this browser session's memory; nothing here is written anywhere.
"""

from __future__ import annotations

import copy
from typing import Any

import streamlit as st

from components import sitemap

# Shared across pages: the person's situation, its one home (read it through
# components/ui_situation.current; the questionnaire's About-me questions are bound to it).
K_DIAGNOSIS = "diagnosis"  # a disease_id from diseases.csv, or None
K_PRIOR_LINES = "prior_lines"  # how many treatments so far (int), or None
K_PRODUCT = "product"  # a product_id from products.csv, or None
K_UNSURE = "unsure"  # ["diagnosis", "prior_lines"]: what the person said "I am not sure" about

# Treatment journey page.
K_JOURNEY_STEP = "journey__step"  # index of the phase shown in the stepper

# Questionnaire answers: {question_id: value}. The single source of truth for the summary.
K_ANSWERS = "answers"

# [journey keys]
K_JOURNEY_ANCHOR = "journey__anchor"  # which planned date the person has (schedule.ANCHORS)
K_JOURNEY_DATE = "journey__date"  # that planned date (datetime.date), or None
# [side-effect and outcome keys]
# [options keys]
# The age the person gave on "Is it for me?" (int), or None. Only in this tab's memory; it
K_AGE = "age"  # decides which B-cell ALL products (age groups) are shown on other pages.
# [questionnaire keys]
K_SA_SECTION = "self_assessment__section"  # index of the self-assessment section shown
K_SA_CHECKED = "self_assessment__checked"  # True once the person asked to see quiz answers
# A caregiver's own answers to "What matters to me" (components/values_pair.py):
# {"on": bool, "name": str, "answers": {question_id: value}}. Saved in the answers file.
K_CAREGIVER_VALUES = "caregiver_values"
# [caregiver keys] The caregiver rota: a list of entries as JSON values (components/rota.py
# to_record), and the travel and lodging figures the person typed (components/stay_cost.py).
K_ROTA = "rota"
K_STAY_COST = "stay_cost"
# [summary keys]
# The person's edits to the questions for the care team: {"text": {id: text}, "removed": [id],
# "added": [[id, text]], "restored": [id]}. Kept while the tab is open, so they survive page
# switches.
K_SUMMARY_EDITS = "summary_question_edits"
# The page (url path) where this tab was told that its earlier session was lost (the server
# it used went away), or None: the notice shows there, once (components/ui_answers.restarted).
K_RESTARTED_ON = "restarted_on"

DEFAULTS: dict[str, Any] = {
    K_DIAGNOSIS: None,
    K_PRIOR_LINES: None,
    K_PRODUCT: None,
    K_UNSURE: [],
    K_JOURNEY_STEP: 0,
    K_ANSWERS: {},
    # [journey defaults]
    K_JOURNEY_ANCHOR: "infusion",
    K_JOURNEY_DATE: None,
    # [side-effect and outcome defaults]
    # [options defaults]
    K_AGE: None,
    # [questionnaire defaults]
    K_SA_SECTION: 0,
    K_SA_CHECKED: False,
    K_CAREGIVER_VALUES: {"on": False, "name": "", "answers": {}},
    # [caregiver defaults]
    K_ROTA: [],
    K_STAY_COST: {},
    # [summary defaults]
    K_SUMMARY_EDITS: {"text": {}, "removed": [], "added": [], "restored": []},
    K_RESTARTED_ON: None,
}

# Keys bound to widgets on more than one page: re-assigned on every run so that Streamlit does
# not drop them when the widget that owns them is not on the current page.
PERSISTENT: tuple[str, ...] = (
    K_DIAGNOSIS,
    K_PRIOR_LINES,
    K_PRODUCT,
    K_JOURNEY_STEP,
    K_JOURNEY_ANCHOR,
    K_JOURNEY_DATE,
    K_AGE,
)


# What the answers file keeps besides the answers: its name in the file -> the session key
# (the values are checked by components/answers_file.CHOICES, which uses the same names).
SAVED_CHOICES: dict[str, str] = {
    "diagnosis": K_DIAGNOSIS,
    "prior_lines": K_PRIOR_LINES,
    "age": K_AGE,
    "product": K_PRODUCT,
    "journey_anchor": K_JOURNEY_ANCHOR,
    "journey_date": K_JOURNEY_DATE,
}
# The caregiver page's parts of the answers file (top-level entries of their own, version 3).
SAVED_CAREGIVER: dict[str, str] = {"rota": K_ROTA, "stay_cost": K_STAY_COST}


# Page-local widget keys that need no default (a search box, say) are named `<page>__<field>`.
WIDGET_PREFIXES: tuple[str, ...] = tuple(f"{p.url_path}__" for p in sitemap.PAGES)


def init_state() -> None:
    """Seed every registered key with its default and keep cross-page widget values alive."""
    for key, default in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = copy.deepcopy(default)
    keep_persistent()


def keep_persistent() -> None:
    """Re-assign the cross-page widget keys (see PERSISTENT), before any widget is drawn.

    Runs at the start of every full run (init_state) and of every fragment-only run
    (ui.fragment): after a fragment run that skipped it, Streamlit dropped those keys at the
    next page switch (seen in the browser: the product chosen on the journey page was gone
    from the summary after pressing "Next step")."""
    for key in PERSISTENT:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def get(key: str) -> Any:
    """Read a registered key (falls back to its default if a test did not seed it)."""
    if key not in DEFAULTS:
        raise KeyError(f"unregistered session key: {key}")
    return st.session_state.get(key, copy.deepcopy(DEFAULTS[key]))


def put(key: str, value: Any) -> None:
    """Write a registered key."""
    if key not in DEFAULTS:
        raise KeyError(f"unregistered session key: {key}")
    st.session_state[key] = value


def answers() -> dict[str, Any]:
    """The questionnaire answers of this session (a live dict)."""
    if K_ANSWERS not in st.session_state:
        st.session_state[K_ANSWERS] = {}
    answers: dict[str, Any] = st.session_state[K_ANSWERS]
    return answers
