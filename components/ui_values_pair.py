"""Two people's values on the self-assessment: the invitation, the caregiver's own questions and
the side-by-side view, drawn at the end of the "What matters to me" part.

The caregiver's part lives in `state.K_CAREGIVER_VALUES` (see components/values_pair.py for its
shape and for every rule and word). Widgets are page-local (`self_assessment__cg_*`): each is
seeded from that part before it is drawn and copies its value back on change, as the
questionnaire's own widgets do. A direct link, /self_assessment?part=caregiver_values
(values_pair.LINK_QUERY), opens the values part with the caregiver's questions in view.

The caregiver's questions are drawn by the questionnaire's own `render_question`, with this
part's prefix and `_changed`. ui_questionnaire and this module import each other (it draws
this part); each uses the other's functions only when they run, never at import.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components import questionnaire as qn
from components import state, ui, ui_questionnaire, values_pair
from components.content import Content
from components.summary_screen import escape_markdown_strict as literal

P = "self_assessment__cg_"  # every widget key of the caregiver's part starts with this
K_ON, K_NAME, K_NAME_CUT = f"{P}_on", f"{P}_name", f"{P}_name_cut"
K_MOVES = f"{P}_moves"  # how often a direct link asked to bring the caregiver's part into view
CONTAINER = "self_assessment__caregiver_values"
NAME_ID = "caregiver_name"


def part() -> dict[str, Any]:
    """The caregiver's part of this session (a live dict, always in its usual shape)."""
    current: dict[str, Any] | Any = state.get(state.K_CAREGIVER_VALUES)
    if not isinstance(current, dict) or set(current) != set(values_pair.PART_KEYS):
        fixed = values_pair.empty_part()
        if isinstance(current, dict):
            fixed.update({k: v for k, v in current.items() if k in values_pair.PART_KEYS})
        current = fixed
    if not isinstance(current.get("answers"), dict):
        current["answers"] = {}
    state.put(state.K_CAREGIVER_VALUES, current)
    live: dict[str, Any] = current
    return live


def reset_widgets() -> None:
    """Forget the caregiver's widgets, so they re-seed from the part on the next run."""
    for key in [k for k in st.session_state if str(k).startswith(P) and k != K_MOVES]:
        del st.session_state[key]


def replace(new: dict[str, Any] | None) -> None:
    """Swap in another caregiver's part (from a file, or empty to start over)."""
    state.put(state.K_CAREGIVER_VALUES, new or values_pair.empty_part())
    reset_widgets()


def open_from_link(q: qn.Questionnaire) -> None:
    """On a direct link (?part=caregiver_values): show the values part, tick the caregiver's
    box and bring their questions into view. Runs once per link: the parameter is removed."""
    if st.query_params.get(values_pair.LINK_PARAM) != values_pair.LINK_VALUE:
        return
    del st.query_params[values_pair.LINK_PARAM]
    state.put(state.K_SA_SECTION, [s.id for s in q.sections].index("values"))
    part()["on"] = True
    st.session_state.pop(K_ON, None)
    st.session_state[K_MOVES] = st.session_state.get(K_MOVES, 0) + 1


def _wkey(question: qn.Question, value: object = None) -> str:
    """A caregiver's widget key, as `ui_questionnaire.wkey(question, value, P)` makes it for
    `render_question` (spelt out here, so tests/content/test_registries.py can read it)."""
    return P + question.id + ("" if value is None else f"__{value}")


def _changed(question: qn.Question, _prefix: str = P) -> None:
    """Copy a caregiver's widget into their part (`render_question` calls it with P)."""
    value = st.session_state.get(_wkey(question))
    if question.type in ("text", "long_text") and isinstance(value, str):
        value, note = qn.fit_text(ui.load_content(), question, value)
        st.session_state[_wkey(question)] = value
        st.session_state[_wkey(question, "cut")] = note
    answers = part()["answers"]
    if value is None or value == qn.SKIP or value == "":
        answers.pop(question.id, None)
    elif qn.answer_problem(question, value) is None:
        answers[question.id] = value


def _name_changed(question: qn.Question) -> None:
    value, note = qn.fit_text(ui.load_content(), question, st.session_state.get(K_NAME) or "")
    st.session_state[K_NAME], st.session_state[K_NAME_CUT] = value, note
    part()["name"] = value


def _on_changed() -> None:
    part()["on"] = bool(st.session_state.get(K_ON))


def _name_box(content: Content, current: dict[str, Any]) -> None:
    said = values_pair.words(content)["caregiver_part"]
    question = qn.Question(NAME_ID, "values", "text", said["name_label"], said["name_help"],
                           max_length=values_pair.name_limit(content))
    st.session_state.setdefault(K_NAME, current.get("name") or "")
    st.text_input(question.label, key=K_NAME, help=question.help, on_change=_name_changed,
                  args=(question,))
    if note := st.session_state.get(K_NAME_CUT):
        st.warning(note, icon=":material/content_cut:")


def render_view(content: Content, q: qn.Questionnaire, answers: dict[str, Any],
                current: dict[str, Any]) -> None:
    """Both people's answers side by side (one small table per question, so it fits a phone
    and reads in order with a screen reader), then the things to talk about."""
    view = values_pair.words(content)["view"]
    st.subheader(view["heading"])
    caregiver_answers = values_pair.clean_answers(q, current["answers"])
    rows = values_pair.compare(q, answers, caregiver_answers)
    if not any(row.both for row in rows):
        st.info(view["empty"], icon=":material/info:")
        return
    st.markdown(view["text"])
    patient, caregiver = values_pair.people(content, answers, current)
    columns, body = values_pair.view_table(content, rows, patient, caregiver)
    frame = pd.DataFrame([[literal(c) for c in row] for row in body],
                         columns=[literal(c) for c in columns], dtype=object)
    ui.render_records(frame, [frame.columns[0]])
    points = values_pair.talk_points(content, rows, patient, caregiver)
    st.markdown(f"**{literal(view['talk_heading'])}**")
    st.markdown("\n".join(f"- {literal(p)}" for p in points))
    st.markdown(view["reminder"])


def render(content: Content, q: qn.Questionnaire, answers: dict[str, Any]) -> None:
    """The invitation; when ticked, the caregiver's questions and the side-by-side view."""
    text = values_pair.words(content)
    current = part()
    with st.container(key=CONTAINER):
        invite = text["invite"]
        st.subheader(invite["heading"])
        ui.bring_into_view(CONTAINER, st.session_state.get(K_MOVES, 0))
        st.markdown(invite["text"])
        st.session_state.setdefault(K_ON, bool(current["on"]))
        st.checkbox(invite["label"], key=K_ON, help=invite["help"], on_change=_on_changed)
        if not current["on"]:
            return
        said = text["caregiver_part"]
        st.subheader(said["heading"])
        st.markdown(said["text"])
        _name_box(content, current)
        questions = values_pair.caregiver_questions(q, content)
        ends = qn.scale_ends_notes(content, questions)
        for question in questions:
            if question.id in ends:
                st.markdown(ends[question.id])
            ui_questionnaire.render_question(question, current["answers"], prefix=P,
                                            on_change=_changed)
        render_view(content, q, answers, current)
