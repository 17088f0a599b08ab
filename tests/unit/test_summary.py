"""The summary model: built from seeded answers (full, empty, partial), the questions for the
care team, the person's edits, and the Markdown / text rendering."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import (
    care_questions,
    catalog,
    questionnaire_file,
    scoring,
    situation,
    summary_documents,
    summary_model,
    summary_screen,
)
from components import summary as sm
from tests.answer_sets import FULL, TODAY

SECTION_KEYS = (
    "glance", "situation", "decision", "values", "knowledge", "practical", "worries", "ready",
    "questions",
)
FREE_TEXT = ("about_name", "values_other", "ready_caregiver_who", "worries_other",
             "questions_for_team")


@pytest.fixture(scope="module")
def q(real_content):
    return questionnaire_file.load_questionnaire(real_content)


@pytest.fixture(scope="module")
def full(real_content):
    return sm.build_summary(real_content, FULL, TODAY)


@pytest.fixture(scope="module")
def empty(real_content):
    return sm.build_summary(real_content, {}, TODAY)


def section_text(section: summary_model.Section) -> str:
    return summary_model.section_plain(section)


def unescape(markdown: str) -> str:
    """Markdown backslash escapes undone (they only apply before ASCII punctuation)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


# -- Building ---------------------------------------------------------------------------------
def test_sections_are_in_the_agreed_order(full, empty):
    assert tuple(s.key for s in full.sections) == SECTION_KEYS
    assert tuple(s.key for s in empty.sections) == SECTION_KEYS


def test_full_answers_fill_every_section(full):
    assert [s.key for s in full.sections if s.is_empty] == []


def test_header_has_date_name_and_who_filled_it_in(full):
    assert dict(full.header) == {
        "Date": "November 25, 2026",
        "Name": "Zoë Müller",
        "Filled in by": "The patient and a caregiver together",
    }


def test_empty_answers_say_so_in_every_section_but_the_decision(empty):
    """Sections with no answers say so instead of vanishing; the decision is content."""
    for section in empty.sections:
        if section.key == "decision":
            assert not section.is_empty
            continue
        assert section.is_empty, section.key
        assert "You did not answer this part yet." in section_text(section)


def test_empty_header_has_no_name_row_and_says_who_is_not_answered(empty):
    header = dict(empty.header)
    assert "Name" not in header
    assert header["Filled in by"] == "Not answered"


@pytest.mark.parametrize(
    ("answers", "filled", "still_empty"),
    [
        ({"value_low_cost": 3}, {"values"}, {"knowledge", "practical", "worries", "ready"}),
        ({"know_wait": "weeks"}, {"knowledge"}, {"values", "practical", "glance"}),
        ({"ready_caregiver": "no"}, {"practical"}, {"worries", "questions"} - {"questions"}),
        ({"worries_other": "Money"}, {"worries"}, {"values", "knowledge"}),
        ({"decision_role": "doctor"}, {"glance"}, {"ready"}),
        ({"decision_leaning": "unsure"}, {"glance"}, {"ready"}),
        ({"about_diagnosis": "fl"}, {"situation"}, {"values"}),
    ],
)
def test_partial_answers_fill_only_their_sections(real_content, answers, filled, still_empty):
    model = sm.build_summary(real_content, answers, TODAY)
    empty_keys = {s.key for s in model.sections if s.is_empty}
    assert not (filled & empty_keys)
    assert still_empty <= empty_keys


def test_glance_shows_what_the_clinic_reads_first(full):
    """Page 1 in 30 seconds: cancer, earlier treatments, relapse, leaning, role, what is open,
    the person's own top questions (in their order)."""
    fields = dict(full.section("glance").blocks[0].items)
    assert list(fields)[:5] == [
        "Cancer", "Earlier treatments", "Early or late relapse", "Which way I am leaning",
        "How I want to decide",
    ]
    assert fields["Cancer"] == "Large B-cell lymphoma (including DLBCL)"
    assert fields["Earlier treatments"] == (
        "2 earlier treatment plans (lines of therapy): Chemotherapy, Antibody or other immune drugs"
    )
    assert fields["Early or late relapse"] == "Late: not within 12 months"
    assert fields["Which way I am leaning"] == (
        "Towards CAR-T cell therapy (this can change at any time)"
    )
    assert fields["How I want to decide"] == "I want my doctor and me to decide together"
    assert fields["Not sorted out yet"].splitlines() == [
        "I feel settled about the choice: not sure",
        "3 practical things (see \u2018Is my life ready for it?\u2019)",
    ]
    assert fields["My own top questions"].splitlines() == care_questions.own_questions(
        FULL["questions_for_team"]
    )[: sm.TOP_OWN_QUESTIONS]
    assert "Health worries (please check)" not in fields  # FULL's worry names no illness


def test_glance_says_what_is_not_answered(real_content):
    model = sm.build_summary(real_content, {"decision_leaning": "car_t"}, TODAY)
    fields = dict(model.section("glance").blocks[0].items)
    assert fields["Cancer"] == fields["How I want to decide"] == sm.NOT_ANSWERED
    assert fields["Which way I am leaning"].startswith("Towards CAR-T cell therapy")
    assert "My own top questions" not in fields
    assert sm.build_summary(real_content, {}, TODAY).section("glance").is_empty


def test_a_health_problem_typed_as_a_worry_is_lifted_to_the_top(real_content):
    worry = "I am scared of the hospital. I had a heart attack in March! And my cat."
    model = sm.build_summary(real_content, {**FULL, "worries_other": worry}, TODAY)
    fields = dict(model.section("glance").blocks[0].items)
    assert fields["Health worries (please check)"] == "I had a heart attack in March!"
    assert worry in section_text(model.section("worries"))  # still in full where it was typed


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("My HEART races.", ["My HEART races."]),
        ("Kidneys\nfine otherwise", ["Kidneys"]),
        ("I live in Heartford.", []),  # whole words only
        ("", []),
        ("我有糖尿病", []),  # the word list is English; nothing is guessed
    ],
)
def test_health_worries(real_content, text, found):
    assert sm.health_worries(real_content, text) == found


def test_the_situation_gives_the_about_me_answers(real_content):
    sit = situation.normalise(real_content, diagnosis="mcl", prior_lines=7, product="tecartus")
    model = sm.build_summary(real_content, {}, TODAY, situation=sit)
    glance = dict(model.section("glance").blocks[0].items)
    assert glance["Cancer"] == "Mantle cell lymphoma"
    assert glance["Earlier treatments"].startswith("4 or more")
    fields = dict(model.section("situation").blocks[0].items)
    assert fields["CAR-T product I looked at"] == "Tecartus (brexucabtagene autoleucel)"


def test_options_that_apply_follow_the_diagnosis(real_content, full):
    """Listed once: in the values table when there is one (with a note), else as a list."""
    from components import options

    names = questionnaire_file.option_labels(real_content)
    expected = tuple(names[o] for o in options.options_for(real_content, "lbcl"))
    table = next(b for b in full.section("values").blocks if isinstance(b, summary_model.Table))
    assert tuple(r[0] for r in table.rows) == expected
    note = full.section("decision").blocks[1]
    assert note.kind == "note" and f"The {len(expected)} options" in note.text
    unrated = sm.build_summary(real_content, {"about_diagnosis": "lbcl"}, TODAY)
    assert unrated.section("decision").blocks[1].items == expected


def test_without_a_diagnosis_the_options_are_explained_not_guessed(empty):
    text = section_text(empty.section("decision"))
    assert "depends on the kind of cancer" in text


def test_values_are_ranked_with_bars_and_a_values_to_options_table(full):
    bars, other, table, note = full.section("values").blocks
    assert [b.label for b in bars.items][:2] == ["A long remission", "Time with family"]
    assert bars.items[0].value == bars.items[0].maximum == 4
    assert bars.items[-1].value == 0 and bars.items[-1].text == "Not important"
    assert dict(other.items) == {"Something else that matters to me": FULL["values_other"]}
    assert table.columns == ("Option", "Usually fits", "Usually works against")
    assert table.rows[0][0] == "CAR-T cell therapy"
    assert "not a recommendation" in note.text


def test_values_table_needs_a_diagnosis(real_content):
    model = sm.build_summary(real_content, {"value_low_cost": 4}, TODAY)
    assert not any(isinstance(b, summary_model.Table) for b in model.section("values").blocks)


def test_knowledge_reports_score_and_topics_to_review(full):
    score, topics = full.section("knowledge").blocks
    assert score.text.startswith("5 of 8 answers matched")
    assert len(topics.items) == 3  # one wrong, one not sure, one skipped
    assert any("My answer: About a day." in t for t in topics.items)
    assert any("I was not sure." in t for t in topics.items)


def test_practical_readiness_lists_tasks_here_and_questions_once_with_the_questions(full, q):
    """A gap that is a question is listed once, with the questions for the care team."""
    blocks = full.section("practical").blocks
    assert blocks[0].text == "Sorted out: 3 of the 6 practical things I answered."
    assert dict(blocks[1].items) == {"Caregivers named": "My husband Tom and my sister"}
    tasks = blocks[2].items
    assert len(tasks) == 1 and tasks[0].startswith("To do: Plan rides")
    assert "(I answered: No.)" in tasks[0]
    assert blocks[3].text == "2 more practical things are in my questions for the care team."
    questions = full.section("questions").blocks[0].items
    practical = section_text(full.section("practical"))
    for qid in ("ready_lodging", "ready_money"):
        gap_question = q.question(qid).gap_text
        assert gap_question in questions
        assert gap_question[:40] not in practical


def test_worries_and_readiness_with_role_and_leaning_once_in_the_glance(full):
    worries = section_text(full.section("worries"))
    assert "The cost" in worries and "not knowing my family" in worries
    ready = dict(full.section("ready").blocks[0].items)
    assert ready["I feel settled about the choice"] == "Not sure"
    assert ready["I have enough support"] == "Yes"
    glance = dict(full.section("glance").blocks[0].items)
    assert glance["How I want to decide"].startswith("I want my doctor and me")
    assert glance["Which way I am leaning"].startswith("Towards CAR-T cell therapy")
    text = summary_model.to_plain_text(full)
    assert text.count("I want my doctor and me to decide together") == 1  # one fact, one place
    assert text.count("Towards CAR-T cell therapy") == 1


def test_summary_states_it_is_not_a_recommendation(full):
    assert "does not recommend any choice" in full.disclaimer
    assert "it is not a recommendation" in full.footer
    assert "last reviewed December 3, 2026" in full.footer


def test_where_the_numbers_come_from_is_the_aids_own_policy(real_content, full):
    """No claim that every fact is from FDA labels and main studies: the meta policy instead."""
    assert "FDA labels, FDA reviews and the main studies" not in full.footer
    assert full.numbers_note.endswith(real_content.meta["numbers_policy"])
    assert real_content.meta["numbers_policy"] in summary_model.to_plain_text(full)


def test_cited_sources_are_listed(full):
    assert any(s.startswith("V2V-MetaAnalysis:") for s in full.sources)


def test_text_answers_are_never_dropped_even_over_the_limit(real_content):
    long = "x" * 5000
    model = sm.build_summary(real_content, {"worries_other": long}, TODAY)
    assert long in summary_model.to_plain_text(model)


# -- Questions for the care team --------------------------------------------------------------
def texts(items) -> list[str]:
    return [i.text for i in items]


def test_own_questions_come_first_one_per_line_without_list_markers(q, real_content):
    found = texts(care_questions.questions_for_doctor(q, FULL, real_content))
    assert found[:2] == ["Can I still go to the wedding in June?", "How soon would I start?"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("One?\nTwo?", ["One?", "Two?"]),
        ("  - One?\n* Two?\n• Three?", ["One?", "Two?", "Three?"]),
        ("1. One?\n2) Two?\n\n\n", ["One?", "Two?"]),
        ("-1 is a number?", ["-1 is a number?"]),
        ("<script>alert(1)</script>", ["<script>alert(1)</script>"]),
        ("", []),
    ],
)
def test_own_questions_split(typed, expected):
    assert care_questions.own_questions(typed) == expected


def test_questions_come_from_gaps_worries_and_unknowns_in_priority_order(q, real_content):
    items = care_questions.questions_for_doctor(q, FULL, real_content)
    assert [i.priority for i in items] == sorted(i.priority for i in items)
    found = texts(items)
    worry = q.question("worries_list").options[0].suggestion
    assert worry in found
    # The knowledge topics are listed once, in their section; one question points there.
    assert real_content.words(care_questions.UNKNOWN_QUESTIONS["knowledge"]) in found
    assert q.question("know_wait").label not in found
    assert real_content.words(care_questions.UNKNOWN_QUESTIONS["sure"]) in found
    assert real_content.words(care_questions.UNKNOWN_QUESTIONS["tasks"]) in found
    assert not any(t.startswith("Ask the team:") for t in found)


@pytest.mark.parametrize(
    ("qid", "key"),
    [("about_diagnosis", "diagnosis"), ("about_prior_lines", "prior_lines"),
     ("about_early_relapse", "early_relapse")],
)
def test_unknown_situation_becomes_a_question(q, qid, key, real_content):
    found = texts(care_questions.questions_for_doctor(q, {qid: "not_sure"}, real_content))
    assert found == [real_content.words(care_questions.UNKNOWN_QUESTIONS[key])]


def test_knowledge_question_only_when_something_was_wrong_or_not_sure(q, real_content):
    assert texts(care_questions.questions_for_doctor(q, {"know_wait": "weeks"}, real_content)) == []
    assert texts(care_questions.questions_for_doctor(q, {"know_wait": "day"}, real_content)) == [
        real_content.words(care_questions.UNKNOWN_QUESTIONS["knowledge"])
    ]


def test_no_answers_no_questions(q, real_content):
    assert care_questions.questions_for_doctor(q, {}, real_content) == []


def test_questions_of_only_punctuation_or_emoji_are_kept(q, real_content):
    found = texts(care_questions.questions_for_doctor(q, {"questions_for_team": "<\n???\n😀\n😀"}, real_content))
    assert found == ["<", "???", "😀"]


def test_duplicates_are_dropped_keeping_the_first(q, real_content):
    worry = q.question("worries_list").options[0].suggestion
    answers = {"questions_for_team": worry.upper() + "!!", "worries_list": ["side_effects"]}
    found = texts(care_questions.questions_for_doctor(q, answers, real_content))
    assert found == [worry.upper() + "!!"]


def test_question_ids_are_stable_and_unique(q, real_content):
    first = [i.id for i in care_questions.questions_for_doctor(q, FULL, real_content)]
    assert first == [i.id for i in care_questions.questions_for_doctor(q, dict(FULL), real_content)]
    assert len(set(first)) == len(first)
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in first)


@pytest.mark.parametrize(
    ("suggestion", "expected"),
    [
        ("Ask the team: How far?", "How far?"),
        ("Ask your care team: How far?", "How far?"),
        ("Ask the social worker: What help is there?", "What help is there? (For the social worker.)"),
        ("Plan your rides.", "Plan your rides."),
    ],
)
def test_gap_suggestions_become_questions(suggestion, expected):
    gap = scoring.Gap("x", "label", "No", "question", suggestion, "")
    assert care_questions._gap_question(gap) == expected


# -- Edits ------------------------------------------------------------------------------------
GEN = [care_questions.DoctorQuestion("a", "First?", "r", 10), care_questions.DoctorQuestion("b", "Second?", "r", 20)]


def test_no_edits_keep_the_generated_list():
    assert care_questions.final_questions(GEN, None) == ["First?", "Second?"]
    assert care_questions.final_questions(GEN, care_questions.empty_edits()) == ["First?", "Second?"]


def test_edit_remove_restore_and_add():
    """Own questions first: typed in the questionnaire ("First?"), then added, then generated."""
    edits = care_questions.with_edit(None, "a", text="First, changed?")
    assert care_questions.final_questions(GEN, edits) == ["First, changed?", "Second?"]
    edits = care_questions.with_edit(edits, "b", kept=False)
    assert care_questions.final_questions(GEN, edits) == ["First, changed?"]
    edits = care_questions.with_edit(edits, "b", kept=True)
    edits = care_questions.with_added(edits, "  My own?  ")
    edits = care_questions.with_added(edits, "   ")
    assert care_questions.final_questions(GEN, edits) == ["First, changed?", "My own?", "Second?"]
    rows = care_questions.editable_questions(GEN, edits)
    assert [r.added for r in rows] == [False, True, False]


def test_the_list_fits_a_clinic_visit_own_questions_first_then_the_most_important(q, real_content):
    """All own questions; then the aid's suggestions up to MAX_SUGGESTED, most important first;
    the rest are offered unticked and can be ticked back on."""
    generated = care_questions.questions_for_doctor(q, FULL, real_content)
    own = [g for g in generated if g.own]
    suggested = [g for g in generated if not g.own]
    assert len(suggested) > care_questions.MAX_SUGGESTED  # FULL has more than fit
    assert [g.priority for g in suggested] == sorted(g.priority for g in suggested)
    final = care_questions.final_questions(generated, None)
    assert final == [g.text for g in own] + [g.text for g in suggested[: care_questions.MAX_SUGGESTED]]
    rows = care_questions.editable_questions(generated, None)
    assert [r.kept for r in rows] == [True] * (len(own) + care_questions.MAX_SUGGESTED) + [False] * (
        len(suggested) - care_questions.MAX_SUGGESTED
    )
    extra = suggested[care_questions.MAX_SUGGESTED]
    edits = care_questions.with_edit(None, extra.id, kept=True)
    assert care_questions.final_questions(generated, edits)[-1] == extra.text
    edits = care_questions.with_edit(edits, extra.id, kept=False)
    assert extra.text not in care_questions.final_questions(generated, edits)
    assert edits["restored"] == []


def test_edits_saved_before_restored_existed_still_work(q, real_content):
    generated = care_questions.questions_for_doctor(q, FULL, real_content)
    old = {"text": {}, "removed": [generated[0].id], "added": []}
    assert generated[0].text not in care_questions.final_questions(generated, old)
    assert care_questions.with_edit(old, generated[0].id, kept=True)["restored"] == [generated[0].id]


def test_added_questions_come_before_every_generated_one(real_content, q):
    generated = care_questions.questions_for_doctor(q, FULL, real_content)
    edits = care_questions.with_added(care_questions.with_added(None, "Added one?"), "Added two?")
    final = care_questions.final_questions(generated, edits)
    own = care_questions.own_questions(FULL["questions_for_team"])
    assert final[: len(own) + 2] == [*own, "Added one?", "Added two?"]
    model, _ = sm.summary_and_questions(real_content, FULL, TODAY, edits)
    assert list(model.section("questions").blocks[0].items[: len(own) + 2]) == final[: len(own) + 2]


def test_editor_and_summary_share_one_numbering():
    gen = [*GEN, care_questions.DoctorQuestion("c", "Third?", "r", 30)]
    edits = care_questions.with_added(care_questions.with_edit(None, "b", kept=False), "Mine?")
    edits = care_questions.with_added(edits, "first?")  # a repeat of "First?": not listed twice
    rows = care_questions.editable_questions(gen, edits)
    numbers = care_questions.question_numbers(rows)
    assert [(r.text, n) for r, n in zip(rows, numbers, strict=True)] == [
        ("First?", 1), ("Mine?", 2), ("first?", None), ("Second?", None), ("Third?", 3)
    ]
    final = care_questions.final_questions(gen, edits)
    assert all(final[n - 1] == r.text for r, n in zip(rows, numbers, strict=True) if n)


def test_blank_or_duplicate_edits_do_not_reach_the_summary():
    edits = care_questions.with_edit(None, "a", text="  ")
    edits = care_questions.with_added(edits, "second?")
    assert care_questions.final_questions(GEN, edits) == ["second?"]  # the person's own wording comes first


def test_edits_do_not_change_the_dict_they_were_given():
    edits = care_questions.empty_edits()
    care_questions.with_edit(edits, "a", text="x", kept=False)
    care_questions.with_added(edits, "y")
    assert edits == care_questions.empty_edits()


def test_edits_to_questions_that_are_no_longer_generated_are_ignored():
    edits = care_questions.with_edit(None, "gone", text="Old?")
    assert care_questions.final_questions(GEN, edits) == ["First?", "Second?"]


def test_edited_questions_go_into_the_summary(real_content):
    model = sm.build_summary(real_content, FULL, TODAY, ["Only this one?"])
    assert model.section("questions").blocks[0].items == ("Only this one?",)


def test_page_helper_builds_summary_and_editor_rows(real_content, q):
    edits = care_questions.with_edit(None, care_questions.questions_for_doctor(q, FULL, real_content)[0].id, kept=False)
    model, rows = sm.summary_and_questions(real_content, FULL, TODAY, edits)
    assert rows[0].kept is False
    assert model.section("questions").blocks[0].items[0] == "How soon would I start?"


# -- Markdown ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
        ("*bold* and _it_", r"\*bold\* and \_it\_"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("- not a list", r"\- not a list"),
        ("a | b", r"a \| b"),
        ("[link](http://x)", r"\[link\](http://x)"),
        ("C:\\path", r"C:\\path"),
        ("Zoë — 5 € “quoted”", "Zoë — 5 € “quoted”"),
        ("", ""),
    ],
)
def test_escape_markdown(text, escaped):
    assert summary_screen.escape_markdown(text) == escaped


def test_strict_escape_also_covers_streamlit_maths_and_codes():
    assert summary_screen.escape_markdown_strict("$5 :smile:") == r"\$5 \:smile\:"


def test_file_names_carry_the_date():
    names = summary_documents.file_names(TODAY)
    assert names == {
        "pdf": "cart-summary-2026-11-25.pdf",
        "html": "cart-summary-2026-11-25.html",
        "text": "cart-summary-2026-11-25.txt",
        "answers": "cart-answers-2026-11-25.json",
    }


def test_frames_for_the_screen_use_words_not_percentages():
    bars = summary_model.Bars((summary_model.Bar("A", 3, 4, "Very important"),))
    assert summary_screen.bars_frame(bars).to_dict("records") == [
        {"What matters to me": "A", "How important": "Very important"}
    ]
    frame = summary_screen.table_frame(summary_model.Table(("A", "B"), (("<b>", ":x:"), ("short",))), markdown=True)
    assert frame.values.tolist() == [[r"\<b\>", r"\:x\:"], ["short", ""]]


# -- Any text a person can type ---------------------------------------------------------------
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=200)
CONTENT = catalog.load()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.tuples(*(ANY_TEXT for _ in FREE_TEXT)))
def test_random_unicode_in_every_free_text_field_is_kept(texts):
    answers = {**FULL, **dict(zip(FREE_TEXT, texts, strict=True))}
    model = sm.build_summary(CONTENT, answers, TODAY)
    text = summary_model.to_plain_text(model)
    plain = repr(model)
    for key, text in zip(FREE_TEXT, texts, strict=True):
        if key == "questions_for_team":
            pieces = care_questions.own_questions(text)
        else:
            pieces = [text] if text.strip() else []
        for piece in pieces:
            assert repr(piece)[1:-1] in plain
            normal = piece.replace("\r\n", "\n").replace("\r", "\n")
            for line in normal.split("\n"):
                assert line.strip() in text


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_escaping_is_reversible(text):
    text = text.replace("\r", "")
    assert unescape(summary_screen.escape_markdown(text)) == text


# -- CAR-T products approved for what the person told us ----------------------------------------
def approved(model: summary_model.Summary) -> summary_model.Bullets | None:
    blocks = model.section("situation").blocks
    return next((b for b in blocks if isinstance(b, summary_model.Bullets)), None)


@pytest.mark.parametrize(
    ("answers", "title", "starts"),
    [
        ({"about_diagnosis": "lbcl", "about_prior_lines": 2}, sm.APPROVED_TITLE,
         ["Kymriah: After two or more", "Yescarta: After two or more", "Breyanzi: After two or more"]),
        ({"about_diagnosis": "lbcl", "about_prior_lines": 1}, sm.APPROVED_TITLE,
         ["Yescarta: After one earlier treatment. The lymphoma did not respond",
          "Breyanzi: After one earlier treatment"]),
        ({"about_diagnosis": "myeloma", "about_prior_lines": 0}, sm.APPROVED_TITLE,
         ["None of the approvals covers what I told the aid. Ask the care team."]),
        ({"about_diagnosis": "other", "about_prior_lines": 3}, sm.APPROVED_TITLE,
         ["None: for this kind of cancer, CAR-T is only given in clinical trials"]),
        ({"about_diagnosis": "mcl", "about_prior_lines": "not_sure"},
         "CAR-T products approved for this kind of cancer (number of earlier treatments not given)",
         ["Tecartus: The lymphoma did not respond", "Breyanzi: After two or more"]),
    ],
)
def test_approved_products_for_what_the_person_said(real_content, answers, title, starts):
    block = approved(sm.build_summary(real_content, answers, TODAY))
    assert block.title == title
    assert len(block.items) == len(starts)
    for item, start in zip(block.items, starts, strict=True):
        assert item.startswith(start), item
    words = " ".join(block.items).lower()
    assert not any(w in words for w in ("recommend", "best", "should"))


def test_approved_products_cite_their_sources(real_content):
    model = sm.build_summary(real_content, {"about_diagnosis": "lbcl", "about_prior_lines": 1}, TODAY)
    assert "(Source: PI-Yescarta)" in approved(model).items[0]
    assert any(s.startswith("PI-Yescarta: Kite Pharma") for s in model.sources)


def test_no_products_line_without_a_diagnosis(real_content):
    assert approved(sm.build_summary(real_content, {"about_prior_lines": 1}, TODAY)) is None


# -- Wording for a caregiver --------------------------------------------------------------------
def test_caregiver_gets_caregiver_wording_in_tasks_and_questions(real_content):
    answers = {**FULL, "about_who": "caregiver"}
    model = sm.build_summary(real_content, answers, TODAY)
    practical = section_text(model.section("practical"))
    assert "when the patient should not drive" in practical
    questions = model.section("questions").blocks[0].items
    assert "What will I need to do as the caregiver, and what support is there for me?" in questions
    assert any("How close to the centre do we need to stay" in x for x in questions)
    _, rows = sm.summary_and_questions(real_content, answers, TODAY, None)  # the editor too
    assert "What will I need to do as the caregiver, and what support is there for me?" in [
        r.text for r in rows
    ]
    patient = sm.build_summary(real_content, {**FULL, "about_who": "patient"}, TODAY)
    assert "when you should not drive" in section_text(patient.section("practical"))


# -- Plain text download ----------------------------------------------------------------------
def test_plain_text_has_no_markup_and_keeps_typed_text_exactly(real_content):
    typed = "<b>*not bold*</b> # 1. x | y_z"
    answers = {**FULL, "worries_other": typed, "questions_for_team": typed}
    text = summary_model.to_plain_text(sm.build_summary(real_content, answers, TODAY))
    assert typed in text and "1. " + typed in text
    assert "**" not in text.replace(typed, "") and "\\" not in text
    assert text.startswith("My CAR-T decision summary\n=====")
    for heading in ("What is my situation?", "What do I want to ask my care team?", "Sources"):
        assert f"\n{heading}\n---" in text
    assert "- A long remission: Most important" in text
    assert "%" not in text


# -- What only the downloads carry: planned dates and the page for home -----------------------
def plan_for(real_content, anchor="infusion", day=dt.date(2026, 12, 20)):
    from components import schedule

    return schedule.make_plan(real_content, "yescarta", anchor, day, TODAY)


def test_planned_dates_follow_the_situation_in_the_documents(real_content, full):
    doc = summary_documents.for_documents(real_content, full, plan=plan_for(real_content), at_home=False)
    keys = [s.key for s in doc.sections]
    assert keys[keys.index("situation") + 1] == "dates"
    table = doc.section("dates").blocks[0]
    assert table.columns == ("Step", "Dates", "How sure")
    infusion = next(r for r in table.rows if r[2] == "planned")
    assert infusion[0] == "Infusion (day 0)" and infusion[1] == "Sunday, December 20, 2026"  # dates.long_date
    plan = plan_for(real_content)
    assert len(table.rows) == len([r for r in plan.rows if r.key in summary_documents.KEY_DATES]) < len(plan.rows)
    assert [r[0] for r in table.rows][-1] == "No driving"
    assert [s.key for s in full.sections] == [k for k in keys if k != "dates"]  # screen unchanged


@pytest.mark.parametrize(("anchor", "day"), [("today", None), ("infusion", None),
                                             ("infusion", dt.date(2020, 1, 1))])
def test_no_dates_part_without_a_usable_planned_date(real_content, full, anchor, day):
    plan = plan_for(real_content, anchor, day)
    assert summary_documents.dates_section(real_content, plan) is None
    doc = summary_documents.for_documents(real_content, full, plan=plan, at_home=False)
    assert doc.sections == full.sections


def test_the_page_for_home_has_warning_signs_what_to_do_and_blanks(real_content, full):
    doc = summary_documents.for_documents(real_content, full, plan=None, at_home=True)
    home = doc.sections[-1]
    assert home.key == "at_home" and home.heading.startswith("What to do at home")
    lists = [b for b in home.blocks if isinstance(b, summary_model.Bullets)]
    assert lists[0].title.startswith("Call your CAR-T team at once")
    assert any("fever of 38" in item for item in lists[0].items)
    assert lists[1].title.startswith("Call 911")
    blanks = next(b for b in home.blocks if isinstance(b, summary_model.Fields))
    assert blanks.items[0] == ("CAR-T team, 24 hours a day", "")
    assert all(value == "" for _, value in blanks.items)
    assert "*" not in "\n".join(summary_model.block_plain(b) for b in home.blocks)  # no Markdown left
    assert summary_documents.for_documents(real_content, full, plan=None, at_home=False) == full


def test_the_editor_help_names_the_same_number_of_suggestions_as_the_code(real_content):
    words = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
    help_text = real_content.text("summary__questions_help")
    assert f"our {words[care_questions.MAX_SUGGESTED]} most important questions" in help_text
