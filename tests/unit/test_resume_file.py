"""The answers file: round trip, and every kind of bad file refused with a clear message."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import answers_file, catalog, questionnaire_file
from components import questionnaire as qn

CONTENT = catalog.load()

settings.register_profile(
    "resume", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(scope="module")
def q(real_content) -> qn.Questionnaire:
    return questionnaire_file.load_questionnaire(real_content)


FULL_ANSWERS: dict[str, Any] = {
    "about_who": "both",
    "about_name": "Zoë مريم 李雷 😀 <script>alert('x')</script> **bold** [link](http://x)",
    "about_diagnosis": "myeloma",
    "about_prior_lines": 4,
    "about_treatments": ["chemotherapy", "transplant"],
    "know_collection": "machine",
    "know_wait": "not_sure",
    "value_long_remission": 4,
    "value_low_cost": 0,
    "values_other": "Line one\nLine two\twith a tab \u200f and RTL mark",
    "ready_caregiver": "no",
    "ready_caregiver_who": "Ahmed & Li",
    "worries_list": ["cost", "burden"],
    "questions_for_team": "  keeps spaces  ",
    "decision_sure": "not_sure",
    "decision_role": "together",
    "decision_leaning": "unsure",
}


def envelope(answers: Any, **extra: Any) -> bytes:
    return json.dumps({"format": answers_file.RESUME_FORMAT, "version": 1, "answers": answers, **extra}).encode()


def test_round_trip_keeps_every_answer_exactly(q):
    data = answers_file.to_resume_file(FULL_ANSWERS, q, content_version="1.0.0")
    answers, notes = answers_file.parse_resume_file(data, q, CONTENT, content_version="1.0.0")
    assert answers == FULL_ANSWERS
    assert notes == []


def test_file_is_small_readable_versioned_json(q):
    data = answers_file.to_resume_file(FULL_ANSWERS, q, content_version="1.0.0")
    doc = json.loads(data.decode("utf-8"))
    assert doc["format"] == answers_file.RESUME_FORMAT and doc["version"] == answers_file.RESUME_VERSION
    assert doc["content_version"] == "1.0.0"
    assert "<script>alert('x')</script>" in data.decode("utf-8")  # kept literally, not escaped
    assert len(data) < 4096


def test_saving_leaves_out_invalid_and_unknown_answers(q):
    data = answers_file.to_resume_file({"about_who": "both", "nope": 1, "value_one_time": 99}, q)
    assert json.loads(data)["answers"] == {"about_who": "both"}


def test_a_byte_order_mark_is_accepted(q):
    answers, _ = answers_file.parse_resume_file(b"\xef\xbb\xbf" + envelope({"about_who": "both"}), q, CONTENT)
    assert answers == {"about_who": "both"}


def test_unknown_question_ids_are_reported_not_silently_dropped(q):
    data = envelope({"about_who": "both", "old_question": "x", "<b>weird key</b>": 1})
    answers, notes = answers_file.parse_resume_file(data, q, CONTENT)
    assert answers == {"about_who": "both"}
    assert len(notes) == 2
    assert "'old_question'" in notes[0] and "not loaded" in notes[0]
    assert "<b>" not in notes[1] and "unusual name" in notes[1]


def test_different_content_version_is_noted(q):
    data = envelope({"about_who": "both"}, content_version="0.9.0")
    _, notes = answers_file.parse_resume_file(data, q, CONTENT, content_version="1.0.0")
    assert len(notes) == 1 and "0.9.0" in notes[0]


def test_null_and_empty_answers_count_as_skipped(q):
    answers, _ = answers_file.parse_resume_file(envelope({"about_who": None, "about_name": "", "worries_list": []}), q, CONTENT)
    assert answers == {}


def test_resume_summary_counts_answers():
    assert answers_file.resume_summary({"a": 1}, [], CONTENT) == "Loaded 1 answer from your file."
    assert answers_file.resume_summary({"a": 1, "b": 2}, ["n"], CONTENT).startswith("Loaded 2 answers")


def deep(n: int) -> bytes:
    return b'{"format": "cart-decision-aid-answers", "version": 1, "answers": {"x": ' + b"[" * n + b"]" * n + b"}}"


BAD_FILES = [
    ("empty", b"", "empty"),
    ("too large", b" " * (answers_file.MAX_FILE_BYTES + 1), "too large"),
    ("not utf-8", b"\xff\xfe\x00\x01binary", "not a text file"),
    ("not json", b"{format: nope", "not valid JSON"),
    ("csv", b"question,answer\nabout_who,both\n", "not valid JSON"),
    ("json list", b"[1, 2, 3]", "not saved by this decision aid"),
    ("json string", b'"hello"', "not saved by this decision aid"),
    ("foreign format", json.dumps({"format": "other-app", "version": 1, "answers": {}}).encode(), "not saved by this"),
    ("no format", json.dumps({"version": 1, "answers": {}}).encode(), "not saved by this"),
    ("version as text", envelope({}).replace(b'"version": 1', b'"version": "1"'), "no readable version"),
    ("version true", envelope({}).replace(b'"version": 1', b'"version": true'), "no readable version"),
    ("newer version", envelope({}).replace(b'"version": 1', b'"version": 4'), "newer version"),
    ("old version", envelope({}).replace(b'"version": 1', b'"version": 0'), "cannot read (version 0)"),
    ("float version", envelope({}).replace(b'"version": 1', b'"version": 1.0'), "no readable version"),
    ("extra top-level key", envelope({}, extra="x"), "not laid out like an answers file"),
    ("missing answers", json.dumps({"format": answers_file.RESUME_FORMAT, "version": 1}).encode(), "not laid out"),
    ("answers is a list", envelope([["about_who", "both"]]), "not laid out correctly"),
    ("bad content version", envelope({}, content_version="[x](http://evil)"), "not laid out like"),
    ("duplicate top-level key", b'{"format": "cart-decision-aid-answers", "format": "x", "version": 1, "answers": {}}', "same entry twice"),
    ("duplicate answer", b'{"format": "cart-decision-aid-answers", "version": 1, "answers": {"about_who": "both", "about_who": "patient"}}', "same entry twice"),
    ("NaN", envelope({}).replace(b"{}", b'{"value_one_time": NaN}'), "'NaN'"),
    ("Infinity", envelope({}).replace(b"{}", b'{"value_one_time": Infinity}'), "'Infinity'"),
    ("deep nesting", deep(50), "not laid out like an answers file"),
    ("very deep nesting", deep(20000), "not laid out like an answers file"),
    ("wrong choice", envelope({"about_who": "the cat"}), "'about_who' in this file is not one of the choices"),
    ("choice as number", envelope({"about_who": 1}), "not one of the choices"),
    ("scale out of range", envelope({"value_one_time": 7}), "must be from 0 to 4"),
    ("scale as text", envelope({"value_one_time": "4"}), "must be a whole number"),
    ("scale as bool", envelope({"value_one_time": True}), "must be a whole number"),
    ("huge number", envelope({}).replace(b"{}", b'{"value_one_time": ' + b"9" * 5000 + b"}"), "not valid JSON"),
    ("multi not a list", envelope({"worries_list": "cost"}), "must be a list"),
    ("multi repeats", envelope({"worries_list": ["cost", "cost"]}), "lists a choice twice"),
    ("multi nested", envelope({"worries_list": [["cost"]]}), "not one of the choices"),
    ("text too long", envelope({"about_name": "x" * 81}), "longer than 80 characters"),
    ("text as object", envelope({"about_name": {"first": "x"}}), "must be text"),
    ("lone surrogate", envelope({}).replace(b"{}", b'{"about_name": "\\ud800"}'), "cannot be read"),
    ("too many answers", envelope({f"q{i}": 1 for i in range(answers_file.MAX_ANSWERS + 1)}), "far more answers"),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_every_kind_of_bad_file_gives_a_clear_message(q, name, data, expected):
    with pytest.raises(answers_file.ResumeFileError) as info:
        answers_file.parse_resume_file(data, q, CONTENT)
    assert expected in info.value.message
    assert "Your current answers have not been changed." in info.value.message or name in (
        "NaN",
        "Infinity",
    )


def test_size_is_checked_before_reading():
    answers_file.check_resume_size(answers_file.MAX_FILE_BYTES, CONTENT)
    with pytest.raises(answers_file.ResumeFileError, match="too large"):
        answers_file.check_resume_size(answers_file.MAX_FILE_BYTES + 1, CONTENT)


def test_not_bytes_is_refused(q):
    with pytest.raises(answers_file.ResumeFileError):
        answers_file.parse_resume_file("a string", q, CONTENT)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Property-based fuzzing
# ---------------------------------------------------------------------------------------------


def assert_only_clear_outcomes(q: qn.Questionnaire, data: bytes) -> None:
    """Any input either loads valid answers or raises ResumeFileError; nothing else."""
    try:
        answers, notes = answers_file.parse_resume_file(data, q, CONTENT)
    except answers_file.ResumeFileError as exc:
        assert exc.message
        return
    assert all(isinstance(n, str) for n in notes)
    for key, value in answers.items():
        assert qn.answer_problem(q.question(key), value) is None


@settings(settings.get_profile("resume"))
@given(data=st.binary(max_size=2048))
def test_fuzz_random_bytes(q, data):
    assert_only_clear_outcomes(q, data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(settings.get_profile("resume"))
@given(doc=st.dictionaries(st.sampled_from(["format", "version", "answers", "content_version", "x"]), json_values))
def test_fuzz_random_json_documents(q, doc):
    assert_only_clear_outcomes(q, json.dumps(doc).encode())


@settings(settings.get_profile("resume"))
@given(
    answers=st.dictionaries(
        st.sampled_from(["about_who", "about_prior_lines", "value_one_time", "worries_list", "about_name", "zz"]),
        json_values,
        max_size=6,
    )
)
def test_fuzz_answers_inside_a_valid_envelope(q, answers):
    assert_only_clear_outcomes(q, envelope(answers))


@st.composite
def valid_answers(draw, q: qn.Questionnaire) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for question in q.questions:
        if not draw(st.booleans()):
            continue
        if question.type == "choice":
            out[question.id] = draw(st.sampled_from(question.values))
        elif question.type == "multi":
            out[question.id] = draw(st.lists(st.sampled_from(question.values), min_size=1, unique=True))
        elif question.type == "scale":
            out[question.id] = draw(st.integers(question.scale_min, question.scale_max))
        else:
            text = draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=question.max_length))
            out[question.id] = text
    return out


def test_fuzz_round_trip_of_valid_answers(q):
    @settings(settings.get_profile("resume"))
    @given(answers=valid_answers(q))
    def check(answers):
        parsed, notes = answers_file.parse_resume_file(answers_file.to_resume_file(answers, q), q, CONTENT)
        assert parsed == qn.clean_answers(q, answers)
        assert notes == []

    check()
