"""The self-assessment's widgets: one part at a time, with save and resume.

The answers dict in session state is the single source of truth. Widgets are page-local
(`self_assessment__<question id>`): Streamlit drops them when they are not on screen, so each
one is re-seeded from the answers before it is drawn and copies its value back on change.
`render(content, base_q)` draws everything below the page's title; the page runs it as a
fragment, so answering a question reruns only this part of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from components import (
    options,
    questionnaire_file,
    scoring,
    sitemap,
    situation,
    state,
    ui,
    ui_answers,
    ui_situation,
    ui_values_pair,
)
from components import questionnaire as qn
from components.content import Content

P = "self_assessment__"
K_MESSAGE, K_CONFIRM, K_JUMP = f"{P}message", f"{P}confirm", f"{P}jump"
K_MOVES = f"{P}moves"  # how often the person moved to another part (see ui.bring_into_view)
FINDER = "is_it_for_me__"  # the finder asks the questions that approvals depend on


def wkey(question: qn.Question, value: object = None, prefix: str = P) -> str:
    """A question's widget key on a page (`prefix` is the page's `<page>__`)."""
    return prefix + question.id + ("" if value is None else f"__{value}")


def changed(question: qn.Question, prefix: str = P) -> None:
    """Copy a widget's value into the answers, or into the situation for the About-me
    questions bound to it (situation.BOUND)."""
    value: Any
    if question.type == "multi":
        value = [v for v in question.values if st.session_state.get(wkey(question, v, prefix))]
    else:
        value = st.session_state.get(wkey(question, prefix=prefix))
    if question.type in ("text", "long_text") and isinstance(value, str):
        value, note = qn.fit_text(ui.load_content(), question, value)
        st.session_state[wkey(question, prefix=prefix)] = value
        st.session_state[wkey(question, "cut", prefix)] = note
    if question.id in situation.BOUND:
        ui_situation.update(situation.answered(ui_situation.unsure(), question.id, value))
        return
    qn.set_answer(state.answers(), question, None if value == qn.SKIP else value)


def go_to(index: int) -> None:
    """Show another part; its top comes into view on the next run."""
    state.put(state.K_SA_SECTION, index)
    st.session_state[K_MOVES] = st.session_state.get(K_MOVES, 0) + 1


def start_over(q: qn.Questionnaire) -> None:
    ui_answers.replace_answers(q, {})
    ui_values_pair.replace(None)
    st.session_state[K_MESSAGE] = ("reset", "success", "Your answers were cleared.", [])
    state.put(state.K_SA_SECTION, 0)
    state.put(state.K_SA_CHECKED, False)
    st.session_state[K_CONFIRM] = False


def show_message(place: str) -> None:
    """The outcome of loading a file or starting over, shown once, where it happened."""
    message = st.session_state.get(K_MESSAGE)
    if not message or message[0] != place:
        return
    del st.session_state[K_MESSAGE]
    (st.success if message[1] == "success" else st.error)(message[2])
    for note in message[3]:
        st.warning(note, icon=":material/info:")


def render_question(question: qn.Question, answers: dict[str, Any], prefix: str = P,
                    on_change: Callable[[qn.Question, str], None] | None = None) -> None:
    """Draw one question with a native, labelled widget seeded from the answers (the widget
    key starts with `prefix`, the page's own `<page>__`). A question bound to the situation is
    seeded on every run: another page may have changed it."""
    key, value = wkey(question, prefix=prefix), answers.get(question.id)
    if question.id in situation.BOUND:
        st.session_state[key] = value if question.option_label(value) else None
    common: dict[str, Any] = {"help": question.help or None, "on_change": changed,
                              "args": (question, prefix)}
    if on_change is not None:  # on_change(question, prefix) copies a change back elsewhere:
        common["on_change"] = on_change  # a caregiver's own values (ui_values_pair._changed)
    if question.type == "multi":
        st.markdown(f"**{question.label}**")
        for v in question.values:
            st.session_state.setdefault(wkey(question, v, prefix), v in (value or []))
            st.checkbox(question.option_label(v), key=wkey(question, v, prefix), **common)
    elif question.type == "scale":
        st.session_state.setdefault(key, qn.SKIP if value is None else value)
        st.select_slider(
            question.label,
            qn.scale_stops(question),
            key=key,
            format_func=lambda s: qn.scale_stop_label(question, s),
            **common,
        )
    elif question.type == "choice":
        st.session_state.setdefault(key, value if question.option_label(value) else None)
        st.radio(
            question.label,
            question.values,
            index=None,
            key=key,
            horizontal=all(len(o.label) <= 30 for o in question.options),
            format_func=question.option_label,
            **common,
        )
    else:
        st.session_state.setdefault(key, value or "")
        common["help"] = " ".join(filter(None, [
            question.help, f"Up to {question.max_length:,} characters."]))
        box = st.text_input if question.type == "text" else st.text_area
        # No max_chars: the browser would refuse a longer paste whole; `changed` cuts it.
        box(question.label, key=key, **common)
        if note := st.session_state.get(wkey(question, "cut", prefix)):
            st.warning(note, icon=":material/content_cut:")


def render_knowledge_feedback(result: scoring.KnowledgeResult) -> None:
    if result.status == "correct":
        st.success(scoring.knowledge_feedback_text(result), icon=":material/check_circle:")
    else:
        st.info(scoring.knowledge_feedback_text(result), icon=":material/lightbulb:")
    st.page_link(
        result.learn_more_file,
        label=f"Read more: {result.learn_more_title}",
        icon=":material/arrow_forward:",
    )


def render_values_view(content: Content, q: qn.Questionnaire, answers: dict[str, Any],
                       disease: str | None) -> None:
    st.subheader("How do the options line up with what matters to me?")
    ids = options.options_for(content, disease) if disease else []
    if not ids:
        ids = list(questionnaire_file.option_labels(content))
        st.markdown(content.words("values_view_choose_cancer"))
    if not scoring.important_values(q, answers):
        st.info(content.words("values_view_rate_first"))
        return
    ui.render_text(content, "self_assessment__values_view")
    st.markdown(scoring.important_values_text(content, q, answers))
    labels = questionnaire_file.option_labels(content)
    rows = scoring.values_alignment(q, answers, ids, content.table("option_values"))
    st.markdown(content.words("values_view_intro"))
    ui.render_records(scoring.alignment_table(rows, labels), ["Option"])
    with st.expander("Read the table as sentences, with the reasons"):
        for row in rows:
            st.markdown(scoring.alignment_summary(row, labels[row.option_id]))
            ui.render_records(scoring.alignment_details(row), ["What you rated"])


def render_part_extras(
    content: Content, q: qn.Questionnaire, answers: dict[str, Any], section: qn.Section,
    checked: bool, disease: str | None,
) -> None:
    """What each part shows after its questions."""
    if section.id == "knowledge" and not checked:
        st.button(
            "Check my answers",
            key=f"{P}check",
            type="primary",
            on_click=state.put,
            args=(state.K_SA_CHECKED, True),
        )
    elif section.id == "knowledge":
        score = scoring.knowledge_score(q, answers)
        st.markdown(content.words("knowledge_score", correct=score.correct, total=score.total))
    elif section.id == "values":
        render_values_view(content, q, answers, disease)
        ui_values_pair.render(content, q, answers)  # a caregiver's own answers, side by side
    elif section.id == "readiness" and (gaps := scoring.readiness_gaps(q, answers)):
        st.subheader("What still needs to be sorted out?")
        st.markdown("\n".join(f"- {scoring.gap_text(g)}" for g in gaps))
    elif section.id == "worries" and (asks := scoring.worry_questions(q, answers)):
        st.subheader("Questions your summary will suggest")
        st.markdown("\n".join(f"- {ask}" for _, ask in asks))
    elif section.id == "decision":
        if flags := [f for f in scoring.sure_flags(q, answers) if f.flagged]:
            st.subheader("What might help?")
        for flag in flags:
            st.info(flag.message, icon=":material/lightbulb:")
        if scoring.decision_ready(q, answers):
            st.success(content.words("decision_all_yes"))


def render_part(content: Content, q: qn.Questionnaire, answers: dict[str, Any],
                sit: situation.Situation) -> int:
    """Progress, the part picker and the current part's questions; returns the part's index."""
    index = min(max(int(state.get(state.K_SA_SECTION)), 0), len(q.sections) - 1)
    section, last = q.sections[index], len(q.sections) - 1
    checked = bool(section.id == "knowledge" and state.get(state.K_SA_CHECKED))
    with st.container(key=f"{P}part_{section.id}"):
        st.progress((index + 1) / (last + 1),
                    text=f"Part {index + 1} of {last + 1}: {section.title}")
        st.session_state[K_JUMP] = index
        st.selectbox(
            "Go to a part",
            range(last + 1),
            key=K_JUMP,
            format_func=lambda i: f"Part {i + 1}: {q.sections[i].title}",
            on_change=lambda: go_to(st.session_state[K_JUMP]),
        )
        st.header(section.heading, divider="gray", anchor="this-part")
        ui.bring_into_view(f"{P}part_{section.id}", st.session_state.get(K_MOVES, 0))
        if section.optional:
            st.markdown("This part is optional.")
        ui.render_text(content, f"self_assessment__{section.id}")
        results = {r.question_id: r for r in scoring.knowledge_results(q, answers)}
        diagnosis = sit.diagnosis
        shown = situation.answers_with(answers, sit)
        ends = qn.scale_ends_notes(content, section.questions)
        for question in section.questions:
            if not question.asked_for(diagnosis):
                continue
            if question.id in ends:
                st.markdown(ends[question.id])
            render_question(question, shown)
            if checked:
                render_knowledge_feedback(results[question.id])
        render_part_extras(content, q, answers, section, checked, diagnosis)
    return index


def render_back_next(index: int, last: int) -> None:
    st.divider()
    back, nxt = st.columns(2)
    back.button(
        "Back",
        key=f"{P}back",
        icon=":material/arrow_back:",
        disabled=index == 0,
        on_click=go_to,
        args=(index - 1,),
        width="stretch",
    )
    if index < last:
        nxt.button(
            "Next",
            key=f"{P}next",
            icon=":material/arrow_forward:",
            type="primary",
            on_click=go_to,
            args=(index + 1,),
            width="stretch",
        )
    else:
        summary = sitemap.page("summary")
        if nxt.button(f"Next: {summary.title}", key=f"{P}to_summary", type="primary",
                      icon=":material/arrow_forward:", width="stretch"):
            st.switch_page(summary.file)
    st.markdown("[Go to the start of this part](#this-part)")


def render_save_and_load(content: Content, q: qn.Questionnaire) -> None:
    with st.expander("Save your answers or continue later", icon=":material/save:"):
        ui.render_text(content, "self_assessment__save")
        ui_answers.download_button(content, q, "self_assessment")
        ui_answers.load_box(content, q, "self_assessment")


def render_start_over(content: Content, q: qn.Questionnaire) -> None:
    if not st.session_state.get(K_CONFIRM):
        st.button(
            "Start over",
            key=f"{P}start_over",
            icon=":material/restart_alt:",
            on_click=st.session_state.__setitem__,
            args=(K_CONFIRM, True),
        )
    else:
        st.warning(content.words("start_over_warning"))
        yes, no = st.columns(2)
        yes.button("Yes, clear my answers", key=f"{P}confirm_yes", on_click=start_over, args=(q,))
        no.button(
            "No, keep my answers",
            key=f"{P}confirm_no",
            on_click=st.session_state.__setitem__,
            args=(K_CONFIRM, False),
        )
    show_message("reset")


def render(content: Content, base_q: qn.Questionnaire) -> None:
    """Everything below the page title. The wording follows who fills it in (a caregiver gets
    their own), so it is worked out again on every run from the current answers."""
    answers = state.answers()
    q = qn.worded_for(base_q, answers.get(qn.ABOUT_WHO))
    index = render_part(content, q, answers, ui_situation.current(content))
    render_back_next(index, len(q.sections) - 1)
    render_save_and_load(content, base_q)
    render_start_over(content, q)
