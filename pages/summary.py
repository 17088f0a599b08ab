"""Your summary: what the person said, on screen, with editable questions and four downloads.

Shows data/text/summary__*.md. Everything the person typed is shown with st.text (never as
Markdown or HTML). The PDF, web page and text downloads are built in memory only when the person
presses their Download button (components/document.py). The parts are drawn by
components/ui_summary.py.
"""

import datetime as dt

import streamlit as st

from components import content as content_mod
from components import questionnaire as qn
from components import sitemap, state, ui, ui_answers, ui_summary

content = ui.start_page()
st.title("Your summary")
ui.render_text(content, "summary__intro")
try:
    q = qn.of(content)
except content_mod.ContentError:
    st.error(ui.CALM_CONTENT_ERROR, icon=":material/info:")
    st.stop()


@ui.fragment
def body() -> None:
    """The summary, its questions and downloads: an edit reruns only this part."""
    today, answers = dt.date.today(), state.answers()
    plan = ui_summary.plan_for_page(content, today)
    model, editable = ui_summary.model_for_page(content, answers, today, plan)
    if not answers:
        st.info(content.text("summary__empty"), icon=":material/info:")
        st.page_link(sitemap.page("self_assessment").file, label="Go to the self-assessment")
        ui_answers.continue_box(content, q, "summary")
    ui_summary.render_summary(model)
    ui_summary.render_question_editor(content, editable)
    ui_summary.render_downloads(content, q, model, plan, today, answers)


body()
ui.render_next("summary")
