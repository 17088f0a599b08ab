"""The Self-assessment page: every part with seeded and with widget-set answers, answers that
survive navigation, Start over, and save / resume with good and bad files."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from components import answers_file, catalog, options, questionnaire_file, state
from components import questionnaire as qn
from tests.answer_sets import said
from tests.apptest.page_text import visible_text

PAGE = "pages/self_assessment.py"
P = "self_assessment__"


@pytest.fixture(scope="module")
def q() -> qn.Questionnaire:
    return questionnaire_file.load_questionnaire(catalog.load())


# A second whole answer set, on purpose unlike tests/answer_sets.py: the patient fills it in,
# every question is answered (also about_transplant and know_lifelong_checks), practical gaps
# are open, and the name mixes scripts, an emoji and markup.
FULL: dict[str, Any] = {
    "about_who": "patient",
    "about_name": "Zoë 李 مريم 😀 <script>alert(1)</script>",
    "about_diagnosis": "lbcl",
    "about_prior_lines": 2,
    "about_early_relapse": "not_sure",
    "about_transplant": "not_sure",
    "about_treatments": ["chemotherapy", "antibody"],
    "know_collection": "machine",
    "know_wait": "day",
    "know_chemo_first": "make_room",
    "know_crs_timing": "not_sure",
    "know_stay_near": "two_weeks",
    "know_caregiver": "yes_two_weeks",
    "know_may_not_work": "not_always",
    "know_lifelong_checks": "for_life",
    "value_long_remission": 4,
    "value_avoid_side_effects": 3,
    "value_less_time_away": 1,
    "value_one_time": 2,
    "value_low_cost": 0,
    "value_family_time": 4,
    "value_work_drive": 2,
    "values_other": "My daughter's wedding in June.",
    "ready_caregiver": "no",
    "ready_caregiver_who": "My sister Ana",
    "ready_lodging": "not_sure",
    "ready_transport": "yes",
    "ready_insurance": "yes",
    "ready_money": "no",
    "ready_work": "does_not_apply",
    "ready_dependants": "yes",
    "ready_fertility": "does_not_apply",
    "worries_list": ["side_effects", "cost"],
    "worries_other": "Being a burden.",
    "questions_for_team": "Can I go home at weekends?",
    "decision_sure": "not_sure",
    "decision_understand": "yes",
    "decision_values": "yes",
    "decision_support": "no",
    "decision_role": "together",
    "decision_leaning": "unsure",
}


def seeded(make_app, answers: dict | None = None, **more):
    return make_app(PAGE, answers=copy.deepcopy(answers if answers is not None else {}), **more)


def go_to_part(at, index: int):
    at.selectbox(key=f"{P}jump").set_value(index).run()
    assert not at.exception, at.exception
    assert at.session_state[state.K_SA_SECTION] == index
    return at


def widget_value(at, question: qn.Question) -> Any:
    """What the widget for `question` shows, in answer form (None when empty)."""
    key = P + question.id
    if question.type == "choice":
        return at.radio(key=key).value
    if question.type == "scale":
        value = at.select_slider(key=key).value
        return None if value == qn.SKIP else value
    if question.type == "multi":
        ticked = [v for v in question.values if at.checkbox(key=f"{key}__{v}").value]
        return ticked or None
    box = at.text_input(key=key) if question.type == "text" else at.text_area(key=key)
    return box.value or None


def test_every_part_shows_seeded_answers(make_app, q):
    at = seeded(make_app, FULL, **{state.K_DIAGNOSIS: "lbcl", state.K_PRIOR_LINES: 2}).run()
    assert not at.exception
    for index, section in enumerate(q.sections):
        go_to_part(at, index)
        assert at.header[0].value == section.heading
        assert at.get("progress")[0].proto.text == f"Part {index + 1} of 6: {section.title}"
        for question in section.questions:
            if question.asked_for("lbcl"):  # drug questions are asked only for some cancers
                assert widget_value(at, question) == FULL.get(question.id), question.id
    assert said(at.session_state) == FULL


def test_complete_every_part_with_widgets(make_app, q):
    at = seeded(make_app).run()
    for index, section in enumerate(q.sections):
        assert at.header[0].value == section.heading
        for question in (qq for qq in section.questions if qq.asked_for("lbcl")):
            value, key = FULL[question.id], P + question.id
            if question.type == "choice":
                at.radio(key=key).set_value(value)
            elif question.type == "scale":
                at.select_slider(key=key).set_value(value)
            elif question.type == "multi":
                for v in value:
                    at.checkbox(key=f"{key}__{v}").check()
            elif question.type == "text":
                at.text_input(key=key).input(value)
            else:
                at.text_area(key=key).input(value)
            at.run()
            assert not at.exception, at.exception
        if index < len(q.sections) - 1:
            at.button(key=f"{P}next").click().run()
    assert said(at.session_state) == FULL
    assert at.session_state[state.K_DIAGNOSIS] == "lbcl"
    assert at.session_state[state.K_PRIOR_LINES] == 2


def test_answers_survive_navigating_away_and_back(make_app, q):
    at = seeded(make_app).run()
    at.radio(key=f"{P}about_who").set_value("caregiver").run()
    at.text_input(key=f"{P}about_name").input("Sam <b>").run()
    at.checkbox(key=f"{P}about_treatments__car_t").check().run()
    go_to_part(at, 2)
    at.select_slider(key=f"{P}value_one_time").set_value(3).run()
    before = copy.deepcopy(at.session_state["answers"])

    at.switch_page("pages/home.py").run()
    assert not at.exception
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.session_state["answers"] == before
    assert at.session_state[state.K_SA_SECTION] == 2
    assert at.select_slider(key=f"{P}value_one_time").value == 3
    go_to_part(at, 0)
    assert at.radio(key=f"{P}about_who").value == "caregiver"
    assert at.text_input(key=f"{P}about_name").value == "Sam <b>"
    assert at.checkbox(key=f"{P}about_treatments__car_t").value is True


def test_back_and_next_keep_answers(make_app):
    at = seeded(make_app).run()
    assert at.button(key=f"{P}back").disabled
    at.radio(key=f"{P}about_who").set_value("both").run()
    at.button(key=f"{P}next").click().run()
    at.radio(key=f"{P}know_wait").set_value("weeks").run()
    at.button(key=f"{P}back").click().run()
    assert at.radio(key=f"{P}about_who").value == "both"
    at.button(key=f"{P}next").click().run()
    assert at.radio(key=f"{P}know_wait").value == "weeks"


def test_about_me_fills_in_and_updates_the_shared_diagnosis(make_app):
    at = seeded(make_app, **{state.K_DIAGNOSIS: "myeloma", state.K_PRIOR_LINES: 6}).run()
    assert at.radio(key=f"{P}about_diagnosis").value == "myeloma"
    assert at.radio(key=f"{P}about_prior_lines").value == 4  # "4 or more"
    at.radio(key=f"{P}about_diagnosis").set_value("fl").run()
    at.radio(key=f"{P}about_prior_lines").set_value(1).run()
    assert at.session_state[state.K_DIAGNOSIS] == "fl"
    assert at.session_state[state.K_PRIOR_LINES] == 1
    at.radio(key=f"{P}about_diagnosis").set_value("not_sure").run()
    assert at.session_state[state.K_DIAGNOSIS] is None
    assert at.session_state[state.K_UNSURE] == ["diagnosis"]
    assert at.radio(key=f"{P}about_diagnosis").value == "not_sure"  # kept, not emptied
    assert said(at.session_state)["about_diagnosis"] == "not_sure"


def test_a_cancer_chosen_on_another_page_replaces_not_sure(make_app):
    """One home: Options changes the cancer, About me and the summary show it at once."""
    at = seeded(make_app, {"about_diagnosis": "not_sure"}).run()
    assert at.radio(key=f"{P}about_diagnosis").value == "not_sure"
    at.switch_page("pages/options.py").run()
    at.selectbox(key=state.K_DIAGNOSIS).set_value("mcl").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.radio(key=f"{P}about_diagnosis").value == "mcl"
    assert said(at.session_state)["about_diagnosis"] == "mcl"
    at.switch_page("pages/summary.py").run()
    assert "Mantle cell lymphoma" in visible_text(at)


def test_knowledge_check_shows_what_was_right_with_links(make_app, q):
    at = seeded(make_app, FULL)
    at.session_state[state.K_SA_SECTION] = 1
    at.run()
    assert not at.success and not at.info
    at.button(key=f"{P}check").click().run()
    assert not at.exception
    n = len(q.section("knowledge").questions)
    assert len(at.success) + len(at.info) == n
    assert len(at.success) == 6
    assert f"You got **6 of {n}** right." in visible_text(at)
    assert any("(Source: FDA-REMS-2025)" in s.value for s in at.success)
    links = at.main.get("page_link")
    assert len(links) == n
    assert {link.proto.page for link in links} == {"journey", "side_effects", "outcomes"}


def test_values_view_keeps_every_option_and_says_it_is_not_a_recommendation(make_app):
    at = seeded(make_app, FULL, **{state.K_DIAGNOSIS: "lbcl"})
    at.session_state[state.K_SA_SECTION] = 2
    at.run()
    assert not at.exception
    assert "It is not a recommendation" in visible_text(at)
    fits = ["Usually fits", "Depends", "Usually works against"]
    overview = [t.value for t in at.table if list(t.value.index) == fits]  # one per option
    labels = questionnaire_file.option_labels(catalog.load())
    expected = [labels[o] for o in options.options_for(catalog.load(), "lbcl")]
    assert [f.columns[0] for f in overview] == expected  # the options' own order, never sorted
    # The text alternative, one sentence per option, in words.
    assert "CAR-T cell therapy. Usually fits: a long remission" in visible_text(at)
    assert "It shows what you rated \u201cVery important\u201d or \u201cMost important\u201d." in visible_text(at)


def test_values_view_has_no_points_or_totals(make_app):
    """Nothing that reads like a score or a ranking: no points column, no totals, no signs."""
    at = seeded(make_app, FULL, **{state.K_DIAGNOSIS: "lbcl"})
    at.session_state[state.K_SA_SECTION] = 2
    at.run()
    text = visible_text(at)
    assert not re.search(r"\b(points?|totals?|score)\b", text, re.IGNORECASE)
    for table in at.table:
        frame = table.value
        headers = [*frame.columns, *frame.index]  # one table per option: its rows are named
        assert not any(re.search(r"\bpoints?\b", str(h), re.IGNORECASE) for h in headers)
        cells = " ".join(str(v) for v in frame.to_numpy().ravel())
        cells = re.sub(r"\(Source: [^)]*\)", "", cells)  # a source's name may hold a year
        assert not any(ch.isdigit() for ch in cells), cells
        assert "+" not in cells


def test_values_view_asks_for_a_rating_first(make_app):
    at = seeded(make_app, {"value_low_cost": 0})
    at.session_state[state.K_SA_SECTION] = 2
    at.run()
    assert any("Rate at least one thing" in i.value for i in at.info)
    assert not at.table


def test_readiness_gaps_and_decision_flags_are_shown(make_app):
    at = seeded(make_app, FULL)
    at.session_state[state.K_SA_SECTION] = 3
    at.run()
    text = visible_text(at)
    assert "**To do:** Find one or more people" in text
    assert "**Ask your team:** What help is there with the cost" in text
    go_to_part(at, 4)
    assert "Which side effects are most likely for me" in visible_text(at)
    go_to_part(at, 5)
    assert len(at.info) == 2  # not sure about the choice; not enough support
    last = at.button(key=f"{P}to_summary")  # the last step is the same blue button as Next
    assert last.proto.type == "primary" and last.label == "Next: Your summary"


def test_free_text_is_kept_literally(make_app):
    text = "<script>alert('x')</script> **not bold** مرحبا 你好 🎉"
    at = seeded(make_app)
    at.session_state[state.K_SA_SECTION] = 4
    at.run()
    at.text_area(key=f"{P}questions_for_team").input(text).run()
    assert at.session_state["answers"]["questions_for_team"] == text


def test_resume_from_a_file_replaces_answers_and_updates_widgets(make_app, q):
    at = seeded(make_app, {"about_who": "patient", "know_wait": "day"}).run()
    data = answers_file.to_resume_file(FULL, q, content_version="1.0.0")
    at.file_uploader(key=f"{P}upload_0").set_value(("answers.json", data, "application/json")).run()
    assert not at.exception
    assert said(at.session_state) == FULL
    assert at.session_state[state.K_DIAGNOSIS] == "lbcl"
    assert any(f"Loaded {len(FULL)} answers" in s.value for s in at.success)
    assert at.text_input(key=f"{P}about_name").value == FULL["about_name"]
    go_to_part(at, 1)
    assert at.radio(key=f"{P}know_wait").value == "day"


def test_resume_reports_unknown_question_ids(make_app):
    at = seeded(make_app).run()
    data = json.dumps(
        {"format": answers_file.RESUME_FORMAT, "version": 1, "answers": {"about_who": "both", "old_q": 1}}
    ).encode()
    at.file_uploader(key=f"{P}upload_0").set_value(("a.json", data, "application/json")).run()
    assert at.session_state["answers"] == {"about_who": "both"}
    assert any("'old_q'" in w.value for w in at.warning)


BAD = [
    ("not json", b"{not json", "not valid JSON"),
    ("foreign", json.dumps({"format": "x", "version": 1, "answers": {}}).encode(), "not saved by this"),
    ("newer", json.dumps({"format": answers_file.RESUME_FORMAT, "version": 9, "answers": {}}).encode(), "newer version"),
    ("oversized", b" " * (answers_file.MAX_FILE_BYTES + 10), "too large"),
    ("bad value", json.dumps({"format": answers_file.RESUME_FORMAT, "version": 1, "answers": {"about_who": 3}}).encode(), "about_who"),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_leaves_the_answers_untouched(make_app, name, data, expected):
    at = seeded(make_app, FULL, **{state.K_DIAGNOSIS: "lbcl"}).run()
    at.file_uploader(key=f"{P}upload_0").set_value(("bad.json", data, "application/json")).run()
    assert not at.exception
    assert said(at.session_state) == FULL
    assert at.session_state[state.K_DIAGNOSIS] == "lbcl"
    assert len(at.error) == 1 and expected in at.error[0].value
    assert "not been changed" in at.error[0].value
    assert at.radio(key=f"{P}about_who").value == "patient"
    # A fresh uploader is offered, so the same file can be tried again after fixing it.
    assert at.file_uploader(key=f"{P}upload_1") is not None


def test_start_over_asks_first_and_then_clears(make_app):
    at = seeded(make_app, FULL, **{state.K_DIAGNOSIS: "lbcl"})
    at.session_state[state.K_SA_SECTION] = 3
    at.run()
    at.button(key=f"{P}start_over").click().run()
    assert any("cannot be undone" in w.value for w in at.warning)
    at.button(key=f"{P}confirm_no").click().run()
    assert said(at.session_state) == FULL
    at.button(key=f"{P}start_over").click().run()
    at.button(key=f"{P}confirm_yes").click().run()
    assert not at.exception
    # Only the diagnosis and line count (shared with other pages) come back; the rest is gone.
    assert said(at.session_state) == {"about_diagnosis": "lbcl", "about_prior_lines": 2}
    assert at.session_state[state.K_SA_SECTION] == 0
    assert [m.value for m in at.success] == ["Your answers were cleared."]
    assert at.radio(key=f"{P}about_who").value is None
    assert at.text_input(key=f"{P}about_name").value == ""


def test_caregiver_gets_questions_worded_for_them(make_app):
    at = seeded(make_app, {"about_who": "caregiver"})
    at.session_state[state.K_SA_SECTION] = 3
    at.run()
    assert not at.exception
    assert at.text_input(key=f"{P}ready_caregiver_who").label.startswith(
        "Who else can share the caregiving?"
    )
    assert "without the patient driving" in at.radio(key=f"{P}ready_transport").label
    at.radio(key=f"{P}ready_transport").set_value("no").run()
    assert "when the patient should not drive" in visible_text(at)
    go_to_part(at, 0)
    at.radio(key=f"{P}about_who").set_value("patient").run()
    go_to_part(at, 3)
    assert "without driving yourself" in at.radio(key=f"{P}ready_transport").label
    assert at.session_state["answers"]["ready_transport"] == "no"  # the answer is kept


def test_download_button_offers_the_answers_file(make_app):
    at = seeded(make_app, FULL).run()
    button = at.get("download_button")[0]
    assert button.proto.label == "Download your answers file"


def test_answers_file_has_the_same_dated_name_as_on_the_summary(make_app, monkeypatch):
    """Canary on Streamlit internals (see toolchain.md §3): the file name the browser gets."""
    import datetime as dt

    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    stores: list[MemoryMediaFileStorage] = []
    managers: list[MediaFileManager] = []

    class Capture(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            stores.append(self)

    class Manager(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Capture)
    monkeypatch.setattr(app_test, "MediaFileManager", Manager)
    at = seeded(make_app, FULL).run()
    button = at.download_button(key="self_assessment__download_answers")
    assert button.proto.deferred_file_id and not button.proto.url  # made on Download only
    assert not [f for f in stores[-1]._files_by_id.values() if f.filename.endswith(".json")]
    managers[-1].execute_deferred(button.proto.deferred_file_id)  # as the server does on click
    names = {f.filename for f in stores[-1]._files_by_id.values()}
    today = dt.date.today()
    assert answers_file.answers_file_name(today) in names
    assert f"cart-answers-{today.isoformat()}.json" in names


def test_the_upload_limits_are_said_in_our_own_words(make_app):
    """Streamlit's hint in the uploader ("Limit 1MB per file • JSON") is cut short on a 320 px
    screen, so the text above it says the same limits; they must stay the uploader's own."""
    at = seeded(make_app).run()
    uploader = at.get("file_uploader")[0].proto
    # Any file may be chosen: the aid names a wrong one (the summary, say) in a plain sentence.
    assert list(uploader.type) == [] and uploader.max_upload_size_mb == 1
    said = "It is the .json file you saved, and it must be smaller than one megabyte (MB)."
    assert said in visible_text(at)
