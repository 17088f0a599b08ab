"""One whole set of questionnaire answers, as a person might fill it in, shared by the summary,
document, PDF and page tests (get a fresh copy with the `full_answers` fixture)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from components import situation, state

TODAY = dt.date(2026, 11, 25)

FULL: dict[str, object] = {
    "about_who": "both",
    "about_name": "Zoë Müller",
    "about_diagnosis": "lbcl",
    "about_prior_lines": 2,
    "about_early_relapse": "no",
    "about_treatments": ["chemotherapy", "antibody"],
    "know_collection": "machine",
    "know_wait": "day",
    "know_chemo_first": "make_room",
    "know_crs_timing": "not_sure",
    "know_stay_near": "two_weeks",
    "know_caregiver": "yes_two_weeks",
    "know_may_not_work": "not_always",
    "value_long_remission": 4,
    "value_avoid_side_effects": 3,
    "value_less_time_away": 2,
    "value_one_time": 3,
    "value_low_cost": 1,
    "value_family_time": 4,
    "value_work_drive": 0,
    "values_other": "Being at my daughter’s wedding in June.",
    "ready_caregiver": "yes",
    "ready_caregiver_who": "My husband Tom and my sister",
    "ready_lodging": "not_sure",
    "ready_transport": "no",
    "ready_insurance": "yes",
    "ready_money": "not_sure",
    "ready_work": "does_not_apply",
    "ready_dependants": "yes",
    "ready_fertility": "does_not_apply",
    "worries_list": ["side_effects", "cost", "burden"],
    "worries_other": "I’m scared of being confused and not knowing my family.",
    "questions_for_team": "Can I still go to the wedding in June?\n- How soon would I start?\n"
    "Can my sister stay with me in hospital?",
    "decision_sure": "not_sure",
    "decision_understand": "yes",
    "decision_values": "yes",
    "decision_support": "yes",
    "decision_role": "together",
    "decision_leaning": "car_t",
}


def said(session_state: Any) -> dict[str, Any]:
    """Everything a person answered, as the summary and the answers file see it: the answers in
    the session plus the About-me answers its situation gives (their one home)."""
    def get(key: str) -> Any:
        return session_state[key] if key in session_state else state.DEFAULTS[key]

    sit = situation.Situation(diagnosis=get(state.K_DIAGNOSIS),
                              prior_lines=get(state.K_PRIOR_LINES),
                              unsure=frozenset(get(state.K_UNSURE)))
    return situation.answers_with(get(state.K_ANSWERS), sit)
