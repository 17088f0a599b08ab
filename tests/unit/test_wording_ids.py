"""Wording ids the code looks up through a table (not as a literal `words("id")`, which
tests/content/test_registries.py checks) all exist in data/wording.csv."""

from __future__ import annotations

import pytest

from components import (
    answers_file,
    care_questions,
    caregiver,
    finder,
    journey,
    risk,
    rota,
    schedule,
)

LOOKED_UP = sorted({
    *care_questions.UNKNOWN_QUESTIONS.values(),
    *risk.EFFECT_PHRASES.values(),
    *(did for _, did, _, _ in risk.OUTCOMES.values()),
    *risk.COUNTED.values(),
    *risk.DEATH_CAUSES.values(),
    "options_not_reported_one",
    "options_not_reported_lines",
    *schedule.ANCHORS.values(), *schedule.HOW.values(), *schedule.CALENDAR_NAMES.values(),
    schedule.PICK_DATE, schedule.DRIVE_AGAIN, *rota.PARTS.values(),
    *finder.APPROVAL_WORDS.values(), *(label for label, _ in answers_file.CHOICES.values()),
    *(missing for _, _, missing in journey.SUMMARY_LANDMARKS if missing),
    caregiver.ROTA_HEADING, caregiver.COST_HEADING,
})


@pytest.mark.parametrize("wording_id", LOOKED_UP)
def test_wording_looked_up_through_a_table_exists(real_content, wording_id):
    assert wording_id in {r["wording_id"] for r in real_content.rows("wording")}


def test_every_effect_has_a_name_in_a_sentence():
    assert set(risk.EFFECT_PHRASES) == set(risk.EFFECTS)

