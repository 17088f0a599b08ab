"""The Summary page's parts: the summary on screen (what the person typed shown literally, with
st.text), the editor for the questions for the care team, and the downloads. The page lays them
out (pages/summary.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import streamlit as st

from components import (
    answers_file,
    care_questions,
    caregiver,
    document,
    state,
    summary,
    summary_documents,
    summary_model,
    summary_screen,
    ui,
    ui_answers,
    ui_situation,
)
from components import questionnaire as qn
from components.content import Content
from components.schedule import Plan


def model_for_page(content: Content, answers: Mapping[str, Any], today: dt.date, plan: Plan
                   ) -> tuple[summary_model.Summary, list[care_questions.EditableQuestion]]:
    """The summary from everything in the session, and the rows of the question editor."""
    model, editable = summary.summary_and_questions(
        content, answers, today, state.get(state.K_SUMMARY_EDITS),
        situation=ui_situation.current(content),
        caregiver_values=state.get(state.K_CAREGIVER_VALUES),
    )
    model = caregiver.with_caregiver(  # the rota and the stay's cost (For the caregiver page)
        content, model, state.get(state.K_ROTA), state.get(state.K_STAY_COST), plan,
        st.context.timezone)
    return model, editable


def plan_for_page(content: Content, today: dt.date) -> Plan:
    """The personal plan from the dates given on the journey page."""
    return caregiver.plan_for(content, ui_situation.current(content).product,
                              state.get(state.K_JOURNEY_ANCHOR), state.get(state.K_JOURNEY_DATE),
                              today)


def edit(qid: str) -> None:
    """Copy one question's text box and keep box into the saved edits."""
    text, kept = st.session_state[f"summary__q_{qid}"], st.session_state[f"summary__keep_{qid}"]
    new = care_questions.with_edit(state.get(state.K_SUMMARY_EDITS), qid, text=text, kept=kept)
    state.put(state.K_SUMMARY_EDITS, new)


def add() -> None:
    text = st.session_state["summary__new"]
    st.session_state["summary__cut"] = len(text) > answers_file.MAX_EDIT_LENGTH
    new = care_questions.with_added(state.get(state.K_SUMMARY_EDITS),
                                    text[:answers_file.MAX_EDIT_LENGTH])
    state.put(state.K_SUMMARY_EDITS, new)
    st.session_state["summary__new"] = ""


def render_block(block: summary_model.Block) -> None:
    """One block of the summary. What the person typed goes through st.text: shown literally."""
    title = getattr(block, "title", "")
    if title:
        st.markdown(f"**{summary_screen.escape_markdown_strict(title)}**")
    if isinstance(block, summary_model.Paragraph) and block.kind == "note":
        st.markdown(summary_screen.escape_markdown_strict(block.text))
    elif isinstance(block, summary_model.Paragraph):
        st.text(block.text)
    elif isinstance(block, summary_model.Fields):
        for label, value in block.items:
            left, right = st.columns([2, 3])
            left.markdown(f"**{summary_screen.escape_markdown_strict(label)}**")
            right.text(value)
    elif isinstance(block, summary_model.Bullets):
        st.text(summary_screen.bullet_lines(block))
    elif isinstance(block, summary_model.Bars):  # in the words of the scale, never as a percentage
        st.table(summary_screen.bars_frame(block, markdown=True), border="horizontal")
    elif isinstance(block, summary_model.Table):  # one small table per row: fits a phone
        frame = summary_screen.table_frame(block, markdown=True)
        ui.render_records(frame, [frame.columns[0]])


def render_summary(model: summary_model.Summary) -> None:
    """The whole summary in a box, as the downloads have it (without their extra pages)."""
    with st.container(border=True):
        st.header(model.title)
        st.text("\n".join(f"{label}: {value}" for label, value in model.header))
        st.info(summary_screen.escape_markdown_strict(model.disclaimer), icon=":material/info:")
        for section in model.sections:
            st.subheader(section.heading)
            if section.is_empty:
                st.markdown(summary_screen.escape_markdown_strict(section.empty_note))
            for block in section.blocks:
                render_block(block)
        if model.sources:
            st.markdown(
                summary_screen.escape_markdown_strict("Sources: " + " \u2022 ".join(model.sources))
            )
        st.markdown(summary_screen.escape_markdown_strict(model.numbers_note))
        st.markdown(summary_screen.escape_markdown_strict(model.footer))


def render_question_editor(content: Content, editable: list[care_questions.EditableQuestion]
                           ) -> None:
    """Reword, remove, restore or add questions for the care team."""
    with st.expander(content.words("summary_change_questions"), icon=":material/edit:"):
        ui.render_text(content, "summary__questions_help")
        for n, item in zip(care_questions.question_numbers(editable), editable, strict=True):
            st.session_state.setdefault(f"summary__q_{item.id}", item.text)
            st.session_state.setdefault(f"summary__keep_{item.id}", item.kept)
            st.text_area(f"Question {n}" if n else "Question (not on your summary)",  # same numbers
                         key=f"summary__q_{item.id}", on_change=edit, args=(item.id,),
                         help=item.reason, height="content")
            st.checkbox(
                content.words("summary_keep_question", n=n) if n
                else content.words("summary_keep_this_question"),
                key=f"summary__keep_{item.id}", on_change=edit, args=(item.id,),
            )
        st.text_input(content.words("summary_add_own_question"), key="summary__new",
                      help=f"Up to {answers_file.MAX_EDIT_LENGTH:,} characters.")
        st.button("Add this question", on_click=add, key="summary__add", icon=":material/add:")
        if st.session_state.get("summary__cut"):
            st.warning(content.words("summary_question_cut",
                                     limit=f"{answers_file.MAX_EDIT_LENGTH:,}"))


def _deferred(content: Content, kind: str, doc: summary_model.Summary) -> Any:
    """The download's builder, with the calm words to show should it fail."""
    return document.deferred(kind, doc, content.words("summary_not_made", kind=kind))


def render_downloads(content: Content, q: qn.Questionnaire, model: summary_model.Summary,
                     plan: Plan, today: dt.date, answers: Mapping[str, Any]) -> None:
    """The PDF, web page and text downloads (built on Download only), and the answers file."""
    st.header("Download your summary")
    ui.render_text(content, "summary__downloads")
    names = summary_documents.file_names(today)
    at_home = st.checkbox(content.words("summary_add_home_page"), key="summary__at_home")
    doc = summary_documents.for_documents(content, model, plan=plan, at_home=at_home)
    problem = document.pdf_problem()  # built on Download only: values bound, no session state
    if problem:
        st.warning(content.words("summary_no_pdf", problem=problem))
    else:
        st.download_button("Download the PDF", _deferred(content, "pdf", doc), names["pdf"],
                           document.MIME["pdf"], key="summary__pdf", on_click="ignore",
                           icon=":material/picture_as_pdf:")
    st.download_button("Download as a web page", _deferred(content, "html", doc), names["html"],
                       document.MIME["html"], key="summary__html", on_click="ignore",
                       icon=":material/web:")
    st.download_button("Download as text", _deferred(content, "text", doc), names["text"],
                       document.MIME["text"], key="summary__text", on_click="ignore",
                       icon=":material/description:")
    ui.render_text(content, "answers__keep")
    ui_answers.download_button(content, q, "summary")
    if answers:
        with st.expander("Continue from a saved file", icon=":material/upload_file:"):
            ui.render_text(content, "answers__continue")
            ui_answers.load_box(content, q, "summary")
