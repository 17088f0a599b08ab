"""The answers file brings back everything a person entered or chose (issue 13), reads files
from the earlier version with a note, and names the wrong file in a plain sentence."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from components import answers_file as af
from components import catalog, questionnaire_file

CONTENT = catalog.load()
Q = questionnaire_file.load_questionnaire(CONTENT)
ANSWERS = {"about_who": "caregiver", "about_name": "Zoë <b>", "about_diagnosis": "myeloma"}
CHOICES = {
    "diagnosis": "myeloma", "prior_lines": 2, "age": 70, "product": "carvykti",
    "journey_anchor": "collection", "journey_date": dt.date(2027, 2, 3),
}
EDITS = {"text": {"ask_1": "My own words"}, "removed": ["ask_2"], "added": [["added_1", "Mine?"]]}


def saved(**extra) -> bytes:
    return af.to_file(ANSWERS, Q, CONTENT, choices=CHOICES, question_edits=EDITS, **extra)


def test_everything_comes_back():
    loaded = af.read(saved(), "cart-answers-2026-12-03.json", Q, CONTENT)
    assert loaded.answers == ANSWERS
    assert loaded.choices == CHOICES
    assert loaded.question_edits == EDITS
    assert loaded.notes == ()
    assert af.loaded_message(loaded) == (
        "Loaded 3 answers, 6 choices from other pages and your questions for the care team "
        "from your file.")


def test_the_file_is_readable_json_with_dates_as_text():
    doc = json.loads(saved())
    assert doc["version"] == af.RESUME_VERSION == 3
    assert doc["choices"]["journey_date"] == "2027-02-03"
    assert "Zoë <b>" in saved().decode("utf-8")


def test_nothing_chosen_writes_no_empty_parts():
    doc = json.loads(af.to_file({}, Q, CONTENT, choices={"product": None},
                                question_edits={"text": {}, "removed": [], "added": []}))
    assert "choices" not in doc or doc["choices"] == {}
    assert "question_edits" not in doc


def test_a_file_from_version_1_loads_its_answers_and_says_what_it_lacked():
    old = json.dumps({"format": af.RESUME_FORMAT, "version": 1, "answers": ANSWERS}).encode()
    loaded = af.read(old, "cart-answers-2026-11-20.json", Q, CONTENT)
    assert loaded.answers == ANSWERS and loaded.choices == {}
    assert loaded.question_edits is None
    assert any("earlier version of the aid" in n and "CAR-T product" in n for n in loaded.notes)


@pytest.mark.parametrize(("name", "value"), [
    ("product", "unknown_product"), ("age", 400), ("age", "70"), ("journey_date", "03/02/2027"),
    ("journey_date", "2027-02-31"), ("diagnosis", "flu"), ("journey_anchor", "tomorrow"),
])
def test_a_choice_that_cannot_be_used_is_left_out_with_a_note(name, value):
    doc = json.loads(saved())
    doc["choices"][name] = value
    loaded = af.read(json.dumps(doc).encode(), "a.json", Q, CONTENT)
    assert name not in loaded.choices
    assert loaded.answers == ANSWERS  # the rest still loads
    assert any(CONTENT.words(af.CHOICES[name][0]) in n for n in loaded.notes)


@pytest.mark.parametrize("edits", [
    "text", {"text": {"a": 1}}, {"text": {}, "removed": "x"}, {"added": [["only id"]]},
    {"text": {"a": "x" * (af.MAX_EDIT_LENGTH + 1)}}, {"other": {}},
])
def test_edits_that_cannot_be_read_are_left_out_with_a_note(edits):
    doc = json.loads(saved())
    doc["question_edits"] = edits
    loaded = af.read(json.dumps(doc).encode(), "a.json", Q, CONTENT)
    assert loaded.question_edits is None
    assert any("questions for your care team could not be read" in n for n in loaded.notes)


def test_unknown_choices_are_reported():
    doc = json.loads(saved())
    doc["choices"]["<b>pet</b>"] = "cat"
    loaded = af.read(json.dumps(doc).encode(), "a.json", Q, CONTENT)
    assert any("unusual name" in n for n in loaded.notes)


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("cart-summary-2026-12-03.txt", b"My CAR-T decision summary\n===", "This is your summary"),
    ("summary.pdf", b"%PDF-1.7 ...", "This is your summary"),
    ("whatever", b"%PDF-1.4", "This is your summary"),
    ("car-t-plan-infusion-2027-01-05.ics", b"BEGIN:VCALENDAR\r\n", "This is your calendar file"),
    ("notes.txt", b"hello", "not valid JSON"),
])
def test_the_wrong_file_gets_a_plain_sentence_naming_the_right_one(name, data, expected):
    with pytest.raises(af.ResumeFileError) as info:
        af.read(data, name, Q, CONTENT)
    message = info.value.message
    assert expected in message
    assert "\u201ccart-answers-\u201d" in message
    assert "Your current answers have not been changed." in message


# -- Version 3: the caregiver rota and the travel and lodging figures (issue 15) ---------------
ROTA = [
    {"name": "Ann <b>*x*</b>", "first": "2027-03-08", "last": "2027-03-22", "part": "day"},
    {"name": "Bob", "first": "2027-03-08", "last": "2027-03-15", "part": "times",
     "start": "22:00", "end": "06:00", "note": "keys; under the mat"},
]
COSTS = {"people": 2, "lodging_low": 100, "lodging_high": 150.5, "mode": "car"}


def test_the_rota_and_the_figures_come_back_as_typed():
    data = saved(rota_records=ROTA, stay_cost_inputs=COSTS)
    assert "Ann <b>*x*</b>" in data.decode("utf-8")
    loaded = af.read(data, "cart-answers-2026-12-03.json", Q, CONTENT)
    assert loaded.rota == ROTA and loaded.stay_cost == COSTS and loaded.notes == ()
    assert "the caregiver rota and your travel and lodging figures" in af.loaded_message(loaded)


def test_nothing_on_the_caregiver_page_writes_no_caregiver_parts():
    doc = json.loads(saved(rota_records=[], stay_cost_inputs={}))
    assert "rota" not in doc and "stay_cost" not in doc


def test_a_file_from_version_2_loads_and_says_it_has_no_rota():
    doc = json.loads(saved())
    doc["version"] = 2
    loaded = af.read(json.dumps(doc).encode(), "cart-answers-2026-12-01.json", Q, CONTENT)
    assert loaded.choices == CHOICES and loaded.rota is None and loaded.stay_cost is None
    assert any("no caregiver rota" in n for n in loaded.notes)


def test_a_version_1_note_names_the_rota_too():
    old = json.dumps({"format": af.RESUME_FORMAT, "version": 1, "answers": ANSWERS}).encode()
    loaded = af.read(old, "cart-answers-2026-11-20.json", Q, CONTENT)
    assert any("caregiver rota" in n for n in loaded.notes)


def test_rota_lines_and_figures_that_cannot_be_used_are_left_out_with_a_note():
    doc = json.loads(saved(rota_records=ROTA, stay_cost_inputs=COSTS))
    doc["rota"].append({"name": "Cy", "first": "2027-03-09", "last": "2027-03-01", "part": "day"})
    doc["stay_cost"]["people"] = -3
    loaded = af.read(json.dumps(doc).encode(), "cart-answers-2026-12-03.json", Q, CONTENT)
    assert loaded.rota == ROTA
    assert loaded.stay_cost == {k: v for k, v in COSTS.items() if k != "people"}
    assert any("1 line of the caregiver rota" in n for n in loaded.notes)
    assert any("travel and lodging figures" in n for n in loaded.notes)
