"""The questionnaire: loading and validation, the answers model, and every kind of scoring."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pandas as pd
import pytest

from components import answers_file, catalog, content, options, questionnaire_file, scoring, sitemap
from components import questionnaire as qn


@pytest.fixture(scope="module")
def q(real_content) -> qn.Questionnaire:
    return questionnaire_file.load_questionnaire(real_content)


def with_doc(base: content.Content, edit) -> content.Content:
    """A copy of the content whose questionnaire document has been changed by `edit(doc)`."""
    doc = copy.deepcopy(base.documents["questionnaire"])
    edit(doc)
    return dataclasses.replace(base, documents={**base.documents, "questionnaire": doc})


def with_option_values(base: content.Content, frame: pd.DataFrame) -> content.Content:
    return dataclasses.replace(base, tables={**base.tables, "option_values": frame})


def question_raw(doc: dict, qid: str) -> dict:
    for section in doc["sections"]:
        for raw in section["questions"]:
            if raw["id"] == qid:
                return raw
    raise KeyError(qid)


def section_raw(doc: dict, sid: str) -> dict:
    return next(s for s in doc["sections"] if s["id"] == sid)


# ---------------------------------------------------------------------------------------------
# The shipped questionnaire
# ---------------------------------------------------------------------------------------------


def test_shipped_questionnaire_has_the_six_sections_in_order(q):
    assert [s.id for s in q.sections] == list(qn.SECTION_IDS)
    assert q.section("about_me").optional
    assert all(s.title and s.heading.endswith("?") for s in q.sections)


def test_shipped_questionnaire_has_6_to_8_knowledge_items_and_sliders(q):
    assert 6 <= len(q.section("knowledge").questions) <= 8
    assert 6 <= len(scoring.value_questions(q)) <= 8
    assert any(x.type == "long_text" for x in q.section("values").questions)


@pytest.mark.parametrize(
    ("qid", "correct_words", "source_id"),
    [
        ("know_collection", "machine", "BMS-ExploreCT-Before"),
        ("know_wait", "few weeks", "V2V-MetaAnalysis"),
        ("know_chemo_first", "room to grow", ""),
        ("know_crs_timing", "within 2 weeks", "BloodAdv-2024-Monitoring"),
        ("know_stay_near", "At least 2 weeks", "FDA-REMS-2025"),
        ("know_caregiver", "at least the first 2 weeks", "BMS-ExploreCT-After"),
        ("know_may_not_work", "does not respond", ""),
        ("know_lifelong_checks", "rest of your life", "FDA-TCell-2024"),
    ],
)
def test_knowledge_answers_match_the_fact_sheet(q, real_content, qid, correct_words, source_id):
    """The right answers are the clinical facts, and numbers are cited to a known source."""
    question = q.question(qid)
    assert correct_words in question.option_label(question.correct)
    assert question.source_id == source_id
    if source_id:
        assert source_id in real_content.source_ids()
    assert qn.NOT_SURE in question.values


def test_the_decision_items_cover_the_four_domains_and_do_not_claim_to_be_sure(q, real_content):
    assert sorted(x.domain for x in q.section("decision").questions if x.domain) == sorted(
        qn.SURE_DOMAINS
    )
    text = real_content.text("self_assessment__decision")
    assert "not** a validated test" in text
    wording = " ".join(x.label for x in q.section("decision").questions)
    assert "SURE" not in wording


def test_diagnosis_options_come_from_diseases_plus_not_sure(q, real_content):
    diseases = list(real_content.table("diseases").sort_values("order")["disease_id"])
    assert list(q.question(qn.ABOUT_DIAGNOSIS).values) == [*diseases, qn.NOT_SURE]


def test_option_values_cover_every_option_and_value(real_content, q):
    frame = real_content.table("option_values")
    pairs = set(zip(frame["option_id"], frame["value_id"], strict=True))
    values = {x.id for x in scoring.value_questions(q)}
    assert pairs == {(o, v) for o in qn.ALL_OPTION_IDS for v in values}


# ---------------------------------------------------------------------------------------------
# Validation: each kind of damage is named
# ---------------------------------------------------------------------------------------------


def _set(path: tuple, value: Any):
    def edit(doc):
        target = question_raw(doc, path[0]) if len(path) == 2 else doc
        target[path[-1]] = value

    return edit


def _drop_option(qid: str, value: str):
    def edit(doc):
        raw = question_raw(doc, qid)
        raw["options"] = [o for o in raw["options"] if o["value"] != value]

    return edit


def _keep_scales(n: int):
    def edit(doc):
        sec = section_raw(doc, "values")
        scales = [x for x in sec["questions"] if x["type"] == "scale"]
        others = [x for x in sec["questions"] if x["type"] != "scale"]
        sec["questions"] = scales[:n] + others

    return edit


def _duplicate_question(doc):
    section_raw(doc, "worries")["questions"].append(copy.deepcopy(question_raw(doc, "about_who")))


def _swap_sections(doc):
    doc["sections"][0], doc["sections"][1] = doc["sections"][1], doc["sections"][0]


def _remove_question(qid: str):
    def edit(doc):
        for sec in doc["sections"]:
            sec["questions"] = [x for x in sec["questions"] if x["id"] != qid]

    return edit


DAMAGE = [
    ("wrong format", _set(("format",), "something-else"), "'format' must be"),
    ("sections out of order", _swap_sections, "'sections' must be, in order"),
    ("version not a number", _set(("version",), "1"), "'version' must be a whole number"),
    ("duplicate id", _duplicate_question, "question id 'about_who' is used twice"),
    ("bad id", _set(("about_who", "id"), "About Who"), "must be lower_snake_case"),
    ("unknown type", _set(("about_who", "type"), "dropdown"), "'type' must be one of"),
    ("no options", _set(("about_who", "options"), []), "a choice question needs options"),
    (
        "bool option value",
        _set(("about_who", "options"), [{"value": True, "label": "Yes"}]),
        "needs a text or whole-number 'value'",
    ),
    (
        "duplicate option values",
        _set(("about_who", "options"), [{"value": "a", "label": "A"}, {"value": "a", "label": "B"}]),
        "option values must be unique",
    ),
    ("correct not an option", _set(("know_wait", "correct"), "decade"), "'correct' must be one of"),
    ("correct is not sure", _set(("know_wait", "correct"), "not_sure"), "'correct' must be one of"),
    ("no not-sure option", _drop_option("know_wait", "not_sure"), 'needs a "not_sure" option'),
    ("no explanation", _set(("know_wait", "explanation"), ""), "'explanation' is missing"),
    ("unknown page", _set(("know_wait", "learn_more"), "nowhere"), "'learn_more' must name a page"),
    ("unknown source", _set(("know_wait", "source_id"), "NOPE-1"), "unknown source 'NOPE-1'"),
    ("number without source", _set(("know_wait", "source_id"), ""), "needs a 'source_id'"),
    ("readiness without gap", _set(("ready_insurance", "gap_text"), ""), "needs 'gap_kind'"),
    (
        "ready value not an option",
        _set(("ready_insurance", "ready_values"), ["maybe"]),
        "'ready_values' must be some of its options",
    ),
    (
        "worry without suggestion",
        _set(("worries_list", "options"), [{"value": "x", "label": "X"}]),
        "needs a 'suggestion'",
    ),
    ("bad domain", _set(("decision_sure", "domain"), "mood"), "'domain' must be one of"),
    ("missing domain", _set(("decision_sure", "domain"), ""), "one question per domain"),
    ("scale labels", _set(("value_one_time", "scale_labels"), ["only"]), "at least 2 labels"),
    ("too few sliders", _keep_scales(5), "needs 6 to 8 scale questions"),
    ("missing key question", _remove_question("about_name"), "question 'about_name' is missing"),
    ("text too long allowed", _set(("about_name", "max_length"), 0), "'max_length' must be"),
    ("options_from unknown", _set(("about_diagnosis", "options_from"), "cities"), "'options_from'"),
]


@pytest.mark.parametrize(("name", "edit", "expected"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_each_kind_of_damage_is_named(real_content, name, edit, expected):
    problems = [str(p) for p in questionnaire_file.validate_questionnaire(with_doc(real_content, edit))]
    assert any(expected in p for p in problems), problems
    with pytest.raises(content.ContentError):
        questionnaire_file.load_questionnaire(with_doc(real_content, edit))


def test_missing_questionnaire_document_is_named(real_content):
    damaged = dataclasses.replace(real_content, documents={})
    assert [str(p) for p in questionnaire_file.validate_questionnaire(damaged)] == [
        "questionnaire.json: file is missing"
    ]


def test_a_broken_questionnaire_file_fails_the_whole_content_load(tmp_path):
    """End to end: a damaged data/questionnaire.json stops content loading with its name."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(content.DATA_DIR, data)
    path = data / "questionnaire.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"correct": "machine"', '"correct": "x"'))
    with pytest.raises(content.ContentError) as info:
        catalog.load(data)
    assert any("know_collection" in str(p) for p in info.value.problems)


def _ov_rows(real_content) -> list[dict]:
    return real_content.table("option_values").to_dict("records")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda rows: rows[1:], "no row for option 'car_t' and 'value_long_remission'"),
        (lambda rows: rows + [rows[0]], "duplicate pair"),
        (lambda rows: [{**rows[0], "option_id": "magic"}] + rows[1:], "unknown option 'magic'"),
        (
            lambda rows: [{**rows[0], "value_id": "value_x"}] + rows[1:],
            "'value_x' is not a values question",
        ),
        (
            lambda rows: [{**rows[0], "reason": "Works for 9 in 10.", "source_id": ""}] + rows[1:],
            "the reason states a number; cite a source",
        ),
    ],
    ids=["missing pair", "duplicate", "unknown option", "unknown value", "uncited number"],
)
def test_option_values_problems_are_named(real_content, change, expected):
    frame = pd.DataFrame(change(_ov_rows(real_content)))
    problems = [str(p) for p in questionnaire_file.validate_questionnaire(with_option_values(real_content, frame))]
    assert any(expected in p for p in problems), problems


# ---------------------------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qid", "value", "ok"),
    [
        ("about_who", "both", True),
        ("about_who", "nobody", False),
        ("about_who", ["both"], False),
        ("about_prior_lines", 2, True),
        ("about_prior_lines", "2", False),
        ("about_prior_lines", True, False),  # JSON true is not the option 1
        ("about_prior_lines", "not_sure", True),
        ("about_treatments", ["chemotherapy", "car_t"], True),
        ("about_treatments", "chemotherapy", False),
        ("about_treatments", ["chemotherapy", "chemotherapy"], False),
        ("about_treatments", ["lasers"], False),
        ("about_name", "مريم 李雷 😀 <script>alert(1)</script>", True),
        ("about_name", "x" * 81, False),
        ("about_name", 5, False),
        ("about_name", "bad \ud800 surrogate", False),
        ("value_one_time", 0, True),
        ("value_one_time", 4, True),
        ("value_one_time", 5, False),
        ("value_one_time", -1, False),
        ("value_one_time", 2.0, False),
        ("value_one_time", False, False),
        ("values_other", "a" * 2000, True),
        ("values_other", "a" * 2001, False),
    ],
)
def test_answer_problem_accepts_only_valid_answers(q, qid, value, ok):
    assert (qn.answer_problem(q.question(qid), value) is None) is ok


def test_set_answer_records_and_empty_values_remove(q):
    answers: dict[str, Any] = {}
    qn.set_answer(answers, q.question("about_name"), "Sam")
    qn.set_answer(answers, q.question("about_treatments"), ("chemotherapy",))
    assert answers == {"about_name": "Sam", "about_treatments": ["chemotherapy"]}
    qn.set_answer(answers, q.question("about_name"), "")
    qn.set_answer(answers, q.question("about_treatments"), [])
    assert answers == {}
    with pytest.raises(ValueError, match="about_who"):
        qn.set_answer(answers, q.question("about_who"), "nobody")


def test_clean_answers_keeps_valid_known_answers_in_questionnaire_order(q):
    dirty = {"value_one_time": 9, "zzz": 1, "about_name": "", "about_who": "both", "leaning": "x"}
    assert qn.clean_answers(q, dirty) == {"about_who": "both"}


def test_scale_stops_start_with_not_rated(q):
    question = q.question("value_one_time")
    stops = qn.scale_stops(question)
    assert stops[0] == qn.SKIP and stops[1:] == [0, 1, 2, 3, 4]
    assert [qn.scale_stop_label(question, s) for s in stops][:2] == ["Not rated", "Not important"]


def test_scale_ends_name_both_ends_and_the_not_rated_stop(real_content, q):
    """Every scale says its ends in words (its slider shows them only under a pointer)."""
    scales = [question for question in q.questions if question.type == "scale"]
    assert scales
    for question in scales:
        stops = [qn.scale_stop_label(question, s) for s in qn.scale_stops(question)]
        assert qn.scale_ends_text(real_content, question) == (
            f"Each slider goes from **{stops[1]}** to **{stops[-1]}**, or leave it at "
            f"**{stops[0]}**."
        )
    assert qn.scale_ends_text(real_content, q.question("value_one_time")) == (
        "Each slider goes from **Not important** to **Most important**, or leave it at "
        "**Not rated**."
    )


def test_scale_ends_are_said_once_before_each_run_of_alike_sliders(real_content, q):
    values = q.section("values").questions
    scales = [question for question in values if question.type == "scale"]
    notes = qn.scale_ends_notes(real_content, values)
    assert notes == {scales[0].id: qn.scale_ends_text(real_content, scales[0])}  # they all share their ends
    other = dataclasses.replace(scales[1], scale_labels=("Low", "Mid", "High"))
    mixed = [scales[0], other, scales[2], values[-1]]
    assert list(qn.scale_ends_notes(real_content, mixed)) == [scales[0].id, other.id, scales[2].id]
    assert qn.scale_ends_notes(real_content, [values[-1]]) == {}  # no slider, nothing to say


# ---------------------------------------------------------------------------------------------
# Knowledge
# ---------------------------------------------------------------------------------------------


def all_correct(q) -> dict[str, Any]:
    return {x.id: x.correct for x in q.section("knowledge").questions}


def test_all_correct_scores_full_marks(q):
    score = scoring.knowledge_score(q, all_correct(q))
    assert (score.correct, score.total, score.to_review) == (len(all_correct(q)), len(all_correct(q)), 0)


def test_knowledge_results_mark_each_status_and_point_to_a_page(q):
    answers = all_correct(q) | {
        "know_wait": "day",
        "know_collection": "not_sure",
    }
    del answers["know_lifelong_checks"]
    results = {r.question_id: r for r in scoring.knowledge_results(q, answers)}
    assert results["know_wait"].status == "incorrect"
    assert results["know_wait"].answer_label == "About a day"
    assert "few weeks" in results["know_wait"].correct_label
    assert results["know_collection"].status == "not_sure"
    assert results["know_lifelong_checks"].status == "skipped"
    assert results["know_stay_near"].status == "correct"
    stems = {p.file for p in sitemap.PAGES}
    assert all(r.learn_more_file in stems for r in results.values())
    score = scoring.knowledge_score(q, answers)
    assert (score.incorrect, score.not_sure, score.skipped) == (1, 1, 1)
    assert score.to_review == 3


@pytest.mark.parametrize(
    ("status", "lead"),
    [("correct", "**Right.**"), ("incorrect", "**Not quite.** The answer is"), ("skipped", "**The answer is**")],
)
def test_knowledge_feedback_text_says_what_was_right_and_cites(q, status, lead):
    result = dataclasses.replace(
        next(r for r in scoring.knowledge_results(q, {}) if r.question_id == "know_stay_near"),
        status=status,
    )
    text = scoring.knowledge_feedback_text(result)
    assert text.startswith(lead)
    assert text.endswith("(Source: FDA-REMS-2025)")
    if status != "correct":
        assert "*At least 2 weeks*" in text


# ---------------------------------------------------------------------------------------------
# Readiness gaps, decision readiness, worries
# ---------------------------------------------------------------------------------------------


def test_every_no_or_not_sure_becomes_a_next_step_in_order(q):
    answers = {
        "ready_caregiver": "no",
        "ready_caregiver_who": "My sister",
        "ready_lodging": "yes",
        "ready_transport": "not_sure",
        "ready_work": "does_not_apply",
        "ready_fertility": "not_sure",
    }
    gaps = scoring.readiness_gaps(q, answers)
    assert [g.question_id for g in gaps] == ["ready_caregiver", "ready_transport", "ready_fertility"]
    assert [g.answer_label for g in gaps] == ["No", "Not sure", "Not sure"]
    assert [g.kind for g in gaps] == ["task", "task", "question"]
    assert all(g.suggestion for g in gaps)
    assert scoring.gap_text(gaps[0]).startswith("**To do:** Find one or more people")
    assert scoring.gap_text(gaps[0]).endswith("(Source: BMS-ExploreCT-After)")
    assert scoring.gap_text(gaps[2]).startswith("**Ask your team:** How could")


def test_no_gaps_when_ready_or_skipped(q):
    everything_yes = {
        x.id: "yes" for x in q.section("readiness").questions if x.type == "choice"
    }
    assert scoring.readiness_gaps(q, everything_yes) == []
    assert scoring.readiness_gaps(q, {}) == []


@pytest.mark.parametrize(
    ("answers", "flagged", "ready"),
    [
        ({"decision_sure": "yes", "decision_understand": "yes", "decision_values": "yes", "decision_support": "yes"}, [], True),
        ({"decision_sure": "no", "decision_understand": "yes", "decision_values": "yes", "decision_support": "yes"}, ["sure"], False),
        ({"decision_sure": "yes", "decision_understand": "not_sure", "decision_support": "no"}, ["understand", "support"], False),
        ({"decision_sure": "yes"}, [], None),
        ({}, [], None),
    ],
    ids=["all yes", "one no", "mixed", "partial", "none"],
)
def test_sure_flags_and_decision_ready(q, answers, flagged, ready):
    flags = scoring.sure_flags(q, answers)
    assert [f.domain for f in flags] == list(qn.SURE_DOMAINS)
    assert [f.domain for f in flags if f.flagged] == flagged
    assert all(f.message for f in flags if f.flagged)
    assert all(not f.message for f in flags if not f.flagged)
    assert scoring.decision_ready(q, answers) is ready


def test_worry_questions_follow_the_ticked_worries(q):
    asks = scoring.worry_questions(q, {"worries_list": ["cost", "side_effects"]})
    assert [w for w, _ in asks] == ["The cost", "Serious side effects"]
    assert all(a.endswith("?") for _, a in asks)
    assert scoring.worry_questions(q, {}) == []


# ---------------------------------------------------------------------------------------------
# Values and the values-to-options view
# ---------------------------------------------------------------------------------------------


def test_ranked_values_most_important_first_ties_in_questionnaire_order(q):
    answers = {"value_low_cost": 4, "value_one_time": 2, "value_long_remission": 2, "value_work_drive": 0}
    ranked = scoring.ranked_values(q, answers)
    assert [r.value_id for r in ranked] == [
        "value_low_cost",
        "value_long_remission",
        "value_one_time",
        "value_work_drive",
    ]
    assert ranked[0].importance_label == "Most important"


TOY = pd.DataFrame(
    [
        ("a", "value_long_remission", "fits", "Good.", ""),
        ("a", "value_one_time", "works against", "Ongoing.", ""),
        ("a", "value_low_cost", "depends", "Insurance.", ""),
        ("b", "value_long_remission", "works against", "No.", ""),
        ("b", "value_one_time", "fits", "Once.", "SRC-1"),
        ("b", "value_low_cost", "fits", "Cheap.", ""),
    ],
    columns=["option_id", "value_id", "fit", "reason", "source_id"],
)


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        # Only the top two steps of the scale ("Very important", "Most important") ...
        ({"value_long_remission": 4, "value_one_time": 1, "value_low_cost": 3},
         ["value_long_remission", "value_low_cost"]),
        # ... or, if nothing is rated that high, everything above "Not important".
        ({"value_long_remission": 2, "value_one_time": 1, "value_low_cost": 2},
         ["value_long_remission", "value_low_cost", "value_one_time"]),
        ({"value_long_remission": 0}, []),
        ({}, []),
    ],
)
def test_important_values_are_the_top_of_the_scale(q, answers, shown):
    assert [r.value_id for r in scoring.important_values(q, answers)] == shown


def test_important_values_text_names_the_scale_words(real_content, q):
    assert scoring.important_values_text(real_content, q, {"value_low_cost": 4}) == (
        "It shows what you rated \u201cVery important\u201d or \u201cMost important\u201d."
    )
    assert scoring.important_values_text(real_content, q, {"value_low_cost": 1}, "I") == (
        "It shows what I rated as at least \u201cA little important\u201d."
    )
    assert scoring.important_values_text(real_content, q, {}) == ""


ALIGN = {"value_long_remission": 4, "value_one_time": 3, "value_low_cost": 4}


def test_alignment_is_words_only_in_the_order_given(q):
    """No points and no totals: an option that "fits" more is never moved up."""
    rows = scoring.values_alignment(q, ALIGN, ["a", "b", "missing"], TOY)
    assert [r.option_id for r in rows] == ["a", "b", "missing"]
    assert rows[2].fits == ()
    assert not hasattr(rows[0], "score") and not hasattr(rows[0].fits[0], "points")
    assert not hasattr(qn, "FIT_POINTS")
    b = rows[1]
    assert [f.short for f in b.by_fit("fits")] == ["Low cost to my family", "A one-time treatment"]
    assert [f.short for f in b.by_fit("works against")] == ["A long remission"]
    table = scoring.alignment_table(rows, {"a": "Option A", "b": "Option B"})
    assert list(table.columns) == ["Option", "Usually fits", "Depends", "Usually works against"]
    assert list(table["Option"]) == ["Option A", "Option B", "missing"]
    assert table.iloc[0].tolist() == [
        "Option A", "A long remission", "Low cost to my family", "A one-time treatment"
    ]
    assert table.iloc[2]["Usually fits"] == "\u2013"
    assert not any(ch.isdigit() or ch == "+" for ch in table.to_string(index=False))


def test_alignment_details_and_sentences_explain_in_words(q):
    rows = scoring.values_alignment(q, ALIGN, ["a", "b", "missing"], TOY)
    detail = scoring.alignment_details(rows[1])
    assert list(detail.columns) == [
        "What you rated", "How important to you", "How this option usually fits it", "Why"
    ]
    assert list(detail["How important to you"]) == ["Most important", "Most important", "Very important"]
    assert list(detail["How this option usually fits it"]) == [
        "Usually works against", "Usually fits", "Usually fits"
    ]
    assert list(detail["Why"])[2] == "Once. (Source: SRC-1)"
    assert scoring.alignment_summary(rows[0], "Option A") == (
        "Option A. Usually fits: a long remission. Depends: low cost to my family. "
        "Usually works against: a one-time treatment."
    )
    assert scoring.alignment_summary(rows[2], "Missing") == (
        "Missing. Usually fits: none of them. Depends: none of them. "
        "Usually works against: none of them."
    )


@pytest.mark.parametrize("disease_id", ["lbcl", "fl", "mcl", "cll", "ball_adult", "myeloma", "other"])
def test_real_alignment_covers_every_option_for_each_diagnosis(q, real_content, disease_id):
    ids = options.options_for(real_content, disease_id)
    answers = {x.id: 3 for x in scoring.value_questions(q)}
    rows = scoring.values_alignment(q, answers, ids, real_content.table("option_values"))
    assert [r.option_id for r in rows] == ids
    assert all(len(r.fits) == len(scoring.value_questions(q)) for r in rows)
    table = scoring.alignment_table(rows, questionnaire_file.option_labels(real_content))
    assert list(table["Option"]) == [questionnaire_file.option_labels(real_content)[o] for o in ids]


def test_option_labels_come_from_the_options_table(real_content):
    labels = questionnaire_file.option_labels(real_content)
    assert set(qn.ALL_OPTION_IDS) <= set(labels)
    assert labels["car_t"] == "CAR-T cell therapy"


# ---------------------------------------------------------------------------------------------
# About me: the early relapse question; the answers file name
# ---------------------------------------------------------------------------------------------


def test_early_relapse_question_is_neutral_and_optional(q, real_content):
    question = q.question(qn.ABOUT_EARLY_RELAPSE)
    assert question.section == "about_me" and question.type == "choice"
    assert "within 12 months" in question.label
    assert question.values == ("yes", "no", "not_sure", "does_not_apply")
    assert question.source_id in real_content.source_ids()


def test_answers_file_name_carries_the_date():
    import datetime as dt

    assert answers_file.answers_file_name(dt.date(2026, 11, 25)) == "cart-answers-2026-11-25.json"


# ---------------------------------------------------------------------------------------------
# Wording for a caregiver
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["patient", "both", None, "nonsense"])
def test_patient_wording_unless_a_caregiver_fills_it_in(q, who):
    assert qn.worded_for(q, who) is q


@pytest.mark.parametrize(
    ("qid", "field", "words"),
    [
        ("ready_caregiver_who", "label", "Who else can share the caregiving?"),
        ("ready_transport", "label", "without the patient driving"),
        ("ready_transport", "gap_text", "when the patient should not drive"),
        ("ready_caregiver", "gap_text", "staying with the patient"),
        ("ready_insurance", "gap_text", "the patient's insurance"),
        ("about_prior_lines", "label", "has the patient had"),
    ],
)
def test_caregiver_wording(q, qid, field, words):
    worded = qn.worded_for(q, qn.CAREGIVER)
    assert words in getattr(worded.question(qid), field)
    assert words not in getattr(q.question(qid), field)


def test_caregiver_wording_keeps_ids_values_and_reaches_gaps_and_worries(q):
    worded = qn.worded_for(q, qn.CAREGIVER)
    assert [x.id for x in worded.questions] == [x.id for x in q.questions]
    assert [x.values for x in worded.questions] == [x.values for x in q.questions]
    gaps = scoring.readiness_gaps(worded, {"ready_transport": "no"})
    assert "the patient should not drive" in gaps[0].suggestion
    asks = dict(scoring.worry_questions(worded, {"worries_list": ["burden"]}))
    assert asks == {"The burden on my family or caregiver":
                    "What will I need to do as the caregiver, and what support is there for me?"}


@pytest.mark.parametrize(
    ("caregiver", "expected"),
    [
        ({"colour": "red"}, "'caregiver' must be an object with only"),
        ("text", "'caregiver' must be an object with only"),
        ({"suggestions": {"nope": "x"}}, "caregiver 'suggestions' must be keyed by option values"),
        ({"suggestions": {"cost": ""}}, "caregiver suggestion 'cost' is empty"),
        ({"label": 3}, "'label' must be text"),
        ({"gap_text": "Stay 5 days."}, "needs a 'source_id'"),
    ],
)
def test_bad_caregiver_wording_is_named(real_content, caregiver, expected):
    qid = "worries_list" if "suggestions" in str(caregiver) else "ready_money"

    def edit(doc):
        question_raw(doc, qid)["caregiver"] = caregiver

    problems = [str(p) for p in questionnaire_file.validate_questionnaire(with_doc(real_content, edit))]
    assert any(expected in p for p in problems), problems


def test_caregiver_wording_reaches_every_part_that_asks_about_the_patient(real_content):
    """Issue 13: the caregiver's words stopped after Parts 1 and 4."""
    q = questionnaire_file.load_questionnaire(real_content)
    carer = qn.worded_for(q, qn.CAREGIVER)
    for section in q.sections:
        reworded = [x.id for x in section.questions
                    if carer.question(x.id).label != q.question(x.id).label]
        assert reworded, section.id
    assert carer.question("decision_leaning").label == "Which way is the patient leaning right now?"


def test_the_shipped_questionnaire_passes_its_checks(real_content):
    assert questionnaire_file.validate_questionnaire(real_content) == []
    assert qn.of(real_content) is real_content.questionnaire  # built once, at load


@pytest.mark.parametrize("qid", qn.CODE_QUESTION_IDS)
def test_every_question_the_code_reads_must_be_in_the_file(real_content, qid):
    """Renaming a question the summary reads must fail at load, not drop an answer silently."""
    problems = questionnaire_file.validate_questionnaire(with_doc(real_content, _remove_question(qid)))
    assert any(f"question '{qid}' is missing" in str(p) for p in problems), problems
