"""Two people's values side by side (issue 15, item 3): the rule for "close" and "far apart",
the comparison, the things to talk about (never a verdict), the summary's part, typed names
kept literally, and the answers file's version 3 (versions 1 and 2 still load, with a note)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil

import pytest

from components import answers_file as af
from components import catalog, document, questionnaire_file, scoring, summary_model
from components import content as content_mod
from components import questionnaire as qn
from components import summary as sm
from components import values_pair as vp

CONTENT = catalog.load()
Q = questionnaire_file.load_questionnaire(CONTENT)
WORDS = vp.words(CONTENT)
TODAY = dt.date(2026, 12, 3)
NAME = "Ben *bold* <b>x</b> {name}"  # Markdown, HTML and a template field: all stay literal
PATIENT = {"about_who": "patient", "about_name": "Zoë <i>", "value_long_remission": 4,
           "value_avoid_side_effects": 1, "value_family_time": 3}
PART = {"on": True, "name": NAME,
        "answers": {"value_long_remission": 2, "value_avoid_side_effects": 2,
                    "value_low_cost": 4, "values_other": "My job <script>"}}
# Words that would judge or steer; none may appear in what the view says.
VERDICT_WORDS = ("should", "wrong answer is", "better", "best", "recommend you", "right choice",
                 "agree with", "winner", "must")


def scale() -> qn.Question:
    return Q.question("value_long_remission")


def choice() -> qn.Question:
    return Q.question("decision_leaning")


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "expected"), [
    (4, 4, ("same", 0)),
    (4, 3, ("close", 1)),
    (3, 4, ("close", 1)),
    (4, 2, ("far", 2)),
    (0, 4, ("far", 4)),
    (None, 3, ("only_caregiver", None)),
    (2, None, ("only_patient", None)),
    (9, 3, ("only_caregiver", None)),   # not a point on the scale: counts as not given
    (True, 1, ("only_caregiver", None)),  # JSON true is never the point 1
])
def test_scale_answers_two_steps_apart_or_more_are_far_apart(a, b, expected):
    assert vp.closeness(scale(), a, b) == expected


def test_far_apart_starts_at_two_steps():
    assert vp.FAR_APART == 2


def test_two_different_choices_are_far_apart():
    question = choice()
    first, second = question.values[:2]
    assert vp.closeness(question, first, first) == ("same", None)
    assert vp.closeness(question, first, second) == ("far", None)


def test_a_question_neither_answered_has_no_closeness():
    with pytest.raises(ValueError):
        vp.closeness(scale(), None, None)


def test_compare_keeps_the_questionnaire_order_and_skips_what_nobody_rated():
    rows = vp.compare(Q, PATIENT, PART["answers"])
    order = [qq.id for qq in scoring.value_questions(Q)]
    assert [r.question_id for r in rows] == [
        q for q in order if q in PATIENT or q in PART["answers"]]
    by_id = {r.question_id: r for r in rows}
    assert by_id["value_long_remission"].status == "far"
    assert by_id["value_long_remission"].patient_said == "Most important"
    assert by_id["value_avoid_side_effects"].status == "close"
    assert by_id["value_low_cost"].status == "only_caregiver"
    assert by_id["value_family_time"].status == "only_patient"
    assert "values_other" not in by_id  # free text is shown, never compared


# --- who is who -------------------------------------------------------------------------------


def test_typed_names_are_used_exactly_as_typed():
    patient, caregiver = vp.people(CONTENT, PATIENT, PART)
    assert patient.start == "Zoë <i>" and caregiver.start == NAME
    assert NAME in caregiver.label and "Zoë <i>" in patient.label


def test_without_names_each_person_is_named_by_their_role():
    patient, caregiver = vp.people(CONTENT, {}, {"on": True, "name": "  "})
    assert (patient.label, caregiver.label) == (WORDS["who"]["patient"], WORDS["who"]["caregiver"])
    assert caregiver.mid == WORDS["who"]["caregiver_mid"]


def test_answers_a_caregiver_gave_for_the_patient_are_marked_so():
    patient, _ = vp.people(CONTENT, {"about_who": "caregiver"}, PART)
    assert patient.label == WORDS["who"]["patient_by_caregiver"]


# --- the view's words -------------------------------------------------------------------------


def test_the_table_heads_each_column_with_who_said_it():
    patient, caregiver = vp.people(CONTENT, PATIENT, PART)
    columns, rows = vp.view_table(CONTENT, vp.compare(Q, PATIENT, PART["answers"]), patient,
                                  caregiver)
    assert columns[1] == patient.label and columns[2] == caregiver.label
    assert all(len(r) == len(columns) for r in rows)
    first = rows[0]
    assert first[:3] == ("A long remission", "Most important", "Quite important")
    assert first[3] == vp.fill(WORDS["view"]["far"], steps="2")
    assert WORDS["view"]["not_rated"] in rows[-1]


def test_each_difference_becomes_something_to_talk_about_never_a_verdict():
    patient, caregiver = vp.people(CONTENT, PATIENT, PART)
    points = vp.talk_points(CONTENT, vp.compare(Q, PATIENT, PART["answers"]), patient, caregiver)
    assert len(points) == 3  # far apart; only the caregiver rated; only the patient rated
    assert "Zoë <i>" in points[0] and NAME in points[0] and "together and with your care team" in points[0]
    assert "did not rate it" in points[1] and "did not rate it" in points[2]
    for point in points:
        assert not any(word in point.lower() for word in VERDICT_WORDS), point


def test_close_answers_say_so_in_one_line():
    close = {"value_long_remission": 3, "value_avoid_side_effects": 1}
    patient, caregiver = vp.people(CONTENT, PATIENT, PART)
    rows = vp.compare(Q, close, {"value_long_remission": 4, "value_avoid_side_effects": 1})
    assert vp.talk_points(CONTENT, rows, patient, caregiver) == [WORDS["view"]["talk_none"]]


def test_no_wording_of_the_view_judges_or_steers():
    text = json.dumps(WORDS, ensure_ascii=False).lower()
    assert not any(word in text for word in VERDICT_WORDS)


def test_the_caregivers_questions_are_the_same_questions_in_their_own_words():
    own = vp.caregiver_questions(Q, CONTENT)
    values = Q.section("values").questions
    assert [x.id for x in own] == [x.id for x in values]
    for mine, theirs in zip(own, values, strict=True):
        assert mine.type == theirs.type and mine.scale_labels == theirs.scale_labels
        assert mine.label != theirs.label


# --- the summary ------------------------------------------------------------------------------


@pytest.mark.parametrize("part", [None, {}, {**PART, "on": False}, {**PART, "answers": {}},
                                  {**PART, "answers": {"value_long_remission": 99}}])
def test_no_section_unless_ticked_and_answered(part):
    assert vp.summary_sections(CONTENT, Q, PATIENT, part) == ()


def summary(part=PART) -> summary_model.Summary:
    return sm.build_summary(CONTENT, PATIENT, TODAY, caregiver_values=part)


def test_the_summary_shows_both_sets_each_marked_with_who_said_it():
    model = summary()
    keys = [s.key for s in model.sections]
    assert keys.index("values_pair") == keys.index("values") + 1
    section = model.section("values_pair")
    assert section.heading == WORDS["summary"]["heading"]
    table = next(b for b in section.blocks if isinstance(b, summary_model.Table))
    assert "Zoë <i>" in table.columns[1] and NAME in table.columns[2]
    fields = next(b for b in section.blocks if isinstance(b, summary_model.Fields))
    assert fields.items[0][1] == "My job <script>"
    talk = next(b for b in section.blocks if isinstance(b, summary_model.Bullets))
    assert talk.title == WORDS["summary"]["talk_title"] and len(talk.items) == 3


def test_without_a_caregiver_the_summary_is_as_before():
    assert summary(None) == sm.build_summary(CONTENT, PATIENT, TODAY)
    assert "values_pair" not in [s.key for s in summary(None).sections]


def test_typed_names_stay_literal_in_the_text_and_the_web_page():
    model = summary()
    text = summary_model.to_plain_text(model)
    assert NAME in text and "My job <script>" in text
    html = document.summary_html(model)
    assert "Ben *bold* &lt;b&gt;x&lt;/b&gt; {name}" in html
    assert "<script>" not in html and "<b>x</b>" not in html


# --- the answers file -------------------------------------------------------------------------


def saved(part=PART) -> bytes:
    return af.to_file(PATIENT, Q, CONTENT, caregiver_values=part)


def test_version_3_keeps_the_caregivers_answers_and_reads_them_back():
    doc = json.loads(saved())
    assert doc["version"] == af.RESUME_VERSION == 3
    assert doc[vp.FILE_PART] == {"on": True, "name": NAME, "answers": PART["answers"]}
    loaded = af.read(saved(), "cart-answers-2026-12-03.json", Q, CONTENT)
    assert loaded.caregiver_values == doc[vp.FILE_PART]
    assert loaded.answers == PATIENT and loaded.notes == ()
    assert WORDS["file"]["loaded"] in af.loaded_message(loaded)


def test_nothing_entered_writes_no_caregiver_part():
    assert vp.FILE_PART not in json.loads(saved(vp.empty_part()))
    assert vp.FILE_PART not in json.loads(saved(None))


@pytest.mark.parametrize("version", [1, 2])
def test_older_files_still_load_and_say_they_have_no_caregiver_answers(version):
    old = json.dumps({"format": af.RESUME_FORMAT, "version": version, "answers": PATIENT})
    loaded = af.read(old.encode(), "cart-answers-2026-11-20.json", Q, CONTENT)
    assert loaded.answers == PATIENT
    assert loaded.caregiver_values is None
    assert WORDS["file"]["old_version"] in loaded.notes


@pytest.mark.parametrize("part", [
    "yes", [], {"on": "yes"}, {"name": 7}, {"answers": []}, {"other": 1},
    {"name": "x" * 81},
])
def test_a_caregiver_part_that_cannot_be_read_is_left_out_with_a_note(part):
    doc = json.loads(saved())
    doc[vp.FILE_PART] = part
    loaded = af.read(json.dumps(doc).encode(), "a.json", Q, CONTENT)
    assert loaded.caregiver_values == vp.empty_part()
    assert loaded.answers == PATIENT  # the rest still loads
    assert WORDS["file"]["unreadable"] in loaded.notes


def test_a_caregiver_answer_that_cannot_be_used_is_left_out_with_a_note():
    doc = json.loads(saved())
    doc[vp.FILE_PART]["answers"].update({"value_one_time": 12, "know_wait": "day"})
    loaded = af.read(json.dumps(doc).encode(), "a.json", Q, CONTENT)
    assert loaded.caregiver_values["answers"] == PART["answers"]
    assert loaded.notes == (WORDS["file"]["left_out"],)


# --- the wording in data/ ---------------------------------------------------------------------


def broken(**changes) -> list[str]:
    doc = json.loads(json.dumps(CONTENT.documents[vp.DOCUMENT]))
    for path, value in changes.items():
        group, key = path.split("__")
        if value is None:
            del doc[group][key]
        else:
            doc[group][key] = value
    content = dataclasses.replace(CONTENT, documents={**CONTENT.documents, vp.DOCUMENT: doc})
    return [str(p) for p in vp.validate_values_pair(content)]


def test_the_shipped_wording_is_valid():
    assert broken() == []


@pytest.mark.parametrize(("changes", "expected"), [
    ({"view__far": None}, "'view.far' is missing"),
    ({"view__far": "Far apart by {stepz}"}, "'view.far' uses a {placeholder}"),
    ({"view__far": "Far apart by {steps!r}"}, "'view.far' uses a {placeholder}"),
    ({"view__talk_none": "<b>Close</b>"}, "contains HTML"),
    ({"questions__value_one_time": None}, "'value_one_time' of the values part has no caregiver"),
    ({"questions__know_wait": {"label": "x"}}, "'know_wait' is not a question of the values part"),
    ({"questions__value_one_time": {"label": "A treatment given once, rather than treatment that goes on and on"}},
     "must differ from the patient's"),
    ({"questions__value_low_cost": {"label": "Keeping the cost under 5 dollars"}}, "needs a source"),
])
def test_broken_wording_is_named(changes, expected):
    problems = broken(**changes)
    assert any(expected in p for p in problems), problems


def test_a_broken_wording_file_fails_closed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(content_mod.DATA_DIR, data)
    doc = json.loads((data / vp.FILE).read_text(encoding="utf-8"))
    del doc["view"]["talk_far"]
    (data / vp.FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(content_mod.ContentError) as info:
        catalog.load(data)
    assert any("values_pair.json: 'view.talk_far' is missing" in str(p)
               for p in info.value.problems)


def test_the_wording_is_checked_once_at_load_not_on_every_use(monkeypatch):
    """`words` hands back the loaded document: it neither checks it again nor rebuilds the
    questionnaire (catalog.load did both, once)."""
    def no(*_args, **_kwargs):
        raise AssertionError("checked again")

    monkeypatch.setattr(vp, "validate_values_pair", no)
    monkeypatch.setattr(questionnaire_file, "load_questionnaire", no)
    assert vp.words(CONTENT) is CONTENT.documents[vp.DOCUMENT]
    assert vp.name_limit(CONTENT) == WORDS["caregiver_part"].get("name_max_length",
                                                                 vp.DEFAULT_NAME_LENGTH)
    assert vp.summary_sections(CONTENT, Q, PATIENT, PART)
