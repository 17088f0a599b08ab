"""Two people's values on the Self-assessment and the Summary (issue 15, item 3): the patient's
flow is unchanged without a caregiver; ticked, the caregiver answers in their own words, sees
both sets side by side with things to talk about; a direct link opens it; the answers file and
Start over carry it; typed names stay literal."""

from __future__ import annotations

import copy

from components import answers_file as af
from components import catalog, questionnaire_file, state
from components import ui_values_pair as uvp
from components import values_pair as vp

CONTENT = catalog.load()
Q = questionnaire_file.load_questionnaire(CONTENT)
WORDS = vp.words(CONTENT)
PAGE = "pages/self_assessment.py"
VALUES = [s.id for s in Q.sections].index("values")
PATIENT = {"about_who": "patient", "about_name": "Zoë", "value_long_remission": 4,
           "value_avoid_side_effects": 1}
NAME = "Ben **not bold** <b>x</b>"
PART = {"on": True, "name": NAME,
        "answers": {"value_long_remission": 2, "value_avoid_side_effects": 2}}


def open_values(make_app, answers=None, part=None, **seed):
    seed = {state.K_ANSWERS: copy.deepcopy(answers or {}), state.K_SA_SECTION: VALUES, **seed}
    if part is not None:
        seed[state.K_CAREGIVER_VALUES] = copy.deepcopy(part)
    at = make_app(PAGE, **seed).run()
    assert not at.exception, at.exception
    return at


def everything(at) -> str:
    parts = [m.value for m in at.markdown]
    for kind in ("info", "warning", "subheader", "header"):
        parts += [e.value for e in getattr(at, kind)]
    for table in at.table:
        frame = table.value
        parts += [str(c) for c in frame.columns] + [str(i) for i in frame.index]
        parts += [str(v) for v in frame.to_numpy().ravel()]
    return "\n".join(parts)


def test_without_a_caregiver_only_the_invitation_is_added(make_app):
    at = open_values(make_app, PATIENT)
    assert [s.value for s in at.subheader][-1] == WORDS["invite"]["heading"]
    assert at.checkbox(key=uvp.K_ON).value is False
    assert not any(str(s.key).startswith(uvp.P) for s in at.select_slider)
    assert WORDS["caregiver_part"]["heading"] not in everything(at)
    assert at.session_state[state.K_CAREGIVER_VALUES] == vp.empty_part()


def test_the_caregiver_answers_in_their_own_words_and_both_sets_show_side_by_side(make_app):
    at = open_values(make_app, PATIENT)
    at.checkbox(key=uvp.K_ON).check().run()
    labels = [s.label for s in at.select_slider]
    for question in vp.caregiver_questions(Q, CONTENT):
        if question.type == "scale":
            assert question.label in labels
    assert WORDS["view"]["empty"] in everything(at)  # nothing to compare yet
    at.text_input(key=uvp.K_NAME).input(NAME).run()
    at.select_slider(key=uvp.P + "value_long_remission").set_value(2).run()
    at.select_slider(key=uvp.P + "value_avoid_side_effects").set_value(2).run()
    at.text_area(key=uvp.P + "values_other").input("My job").run()
    assert not at.exception
    assert at.session_state[state.K_CAREGIVER_VALUES] == {
        "on": True, "name": NAME,
        "answers": {"value_long_remission": 2, "value_avoid_side_effects": 2,
                    "values_other": "My job"}}
    assert at.session_state[state.K_ANSWERS] == PATIENT  # the patient's answers are untouched
    text = everything(at)
    assert WORDS["view"]["heading"] in [s.value for s in at.subheader]
    assert "Far apart (2 steps)" in text and "Close (one step apart)" in text
    assert r"Ben \*\*not bold\*\* \<b\>x\</b\>" in text
    assert "Talk about what matters most to each of you" in text


def test_a_caregiver_paste_longer_than_the_box_keeps_what_fits_and_says_so(make_app):
    """The caregiver's questions are the questionnaire's own widgets (render_question): a
    too-long paste is cut to the limit, with the same note, and only the part keeps it."""
    question = next(qq for qq in Q.section("values").questions if qq.id == "values_other")
    at = open_values(make_app, PATIENT, part=PART)
    at.text_area(key=uvp.P + "values_other").input("x" * (question.max_length + 50)).run()
    assert not at.exception
    kept = at.session_state[state.K_CAREGIVER_VALUES]["answers"]["values_other"]
    assert kept == "x" * question.max_length
    assert any(w.value.startswith("This box holds up to") for w in at.warning)
    assert "values_other" not in at.session_state[state.K_ANSWERS]


def test_unticking_hides_the_caregiver_part_but_keeps_what_was_entered(make_app):
    at = open_values(make_app, PATIENT, PART)
    assert at.checkbox(key=uvp.K_ON).value is True
    at.checkbox(key=uvp.K_ON).uncheck().run()
    assert WORDS["caregiver_part"]["heading"] not in everything(at)
    assert at.session_state[state.K_CAREGIVER_VALUES]["answers"] == PART["answers"]
    at.switch_page("pages/summary.py").run()
    assert WORDS["summary"]["heading"] not in [s.value for s in at.subheader]


def test_a_direct_link_opens_the_caregivers_questions(make_app):
    at = make_app(PAGE)
    at.query_params[vp.LINK_PARAM] = vp.LINK_VALUE
    at.run()
    assert not at.exception
    assert at.session_state[state.K_SA_SECTION] == VALUES
    assert at.session_state[state.K_CAREGIVER_VALUES]["on"] is True
    assert WORDS["caregiver_part"]["heading"] in [s.value for s in at.subheader]
    assert vp.LINK_PARAM not in at.query_params  # once: moving on does not jump back


def test_the_summary_shows_both_sets_marked_with_who_said_them(make_app):
    at = make_app("pages/summary.py", **{state.K_ANSWERS: dict(PATIENT),
                                          state.K_CAREGIVER_VALUES: copy.deepcopy(PART)}).run()
    assert not at.exception
    assert WORDS["summary"]["heading"] in [s.value for s in at.subheader]
    headers = [str(c) for t in at.table for c in t.value.columns]
    assert "Close or far apart" not in headers  # one small table per row: names are row labels
    rows = [str(i) for t in at.table for i in t.value.index]
    assert "Zoë (the patient)" in rows
    assert any(r.startswith(r"Ben \*\*not bold\*\*") for r in rows)


def test_the_answers_file_brings_the_caregivers_answers_back(make_app):
    data = af.to_file(PATIENT, Q, CONTENT, caregiver_values=PART)
    at = open_values(make_app)
    at.file_uploader(key="self_assessment__upload_0").set_value(
        ("cart-answers.json", data, "application/json")).run()
    assert not at.exception
    assert at.session_state[state.K_CAREGIVER_VALUES] == PART
    assert WORDS["file"]["loaded"] in at.success[0].value
    assert at.select_slider(key=uvp.P + "value_long_remission").value == 2
    assert at.text_input(key=uvp.K_NAME).value == NAME


def test_an_older_file_says_it_has_no_caregiver_answers(make_app):
    old = af.to_file(PATIENT, Q, CONTENT).replace(b'"version": 3', b'"version": 2')
    at = open_values(make_app, part=PART)
    at.file_uploader(key="self_assessment__upload_0").set_value(
        ("cart-answers.json", old, "application/json")).run()
    assert WORDS["file"]["old_version"] in [w.value for w in at.warning]
    assert at.session_state[state.K_CAREGIVER_VALUES] == vp.empty_part()


def test_start_over_clears_the_caregivers_answers_too(make_app):
    at = open_values(make_app, PATIENT, PART)
    at.button(key="self_assessment__start_over").click().run()
    at.button(key="self_assessment__confirm_yes").click().run()
    assert at.session_state[state.K_CAREGIVER_VALUES] == vp.empty_part()
