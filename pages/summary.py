"""Your summary: what the person said, on screen, with editable questions and three downloads.

Shows data/text/summary__*.md. Everything the person typed is shown with st.text (never as
Markdown or HTML). The PDF is built in memory, and built again only when the summary changes.
"""

import datetime as dt

import streamlit as st

from components import content as content_mod
from components import pdf, sitemap, state, summary, ui
from components import questionnaire as qn

content = ui.start_page()
st.title("Your summary")
ui.render_text(content, "summary__intro")
try:
    q = qn.load_questionnaire(content)
except content_mod.ContentError:
    st.error(ui.CALM_CONTENT_ERROR, icon=":material/info:")
    st.stop()

def edit(qid: str) -> None:
    """Copy one question's text box and keep box into the saved edits."""
    text, kept = st.session_state[f"summary__q_{qid}"], st.session_state[f"summary__keep_{qid}"]
    new = summary.with_edit(state.get(state.K_SUMMARY_EDITS), qid, text=text, kept=kept)
    state.put(state.K_SUMMARY_EDITS, new)


def add() -> None:
    new = summary.with_added(state.get(state.K_SUMMARY_EDITS), st.session_state["summary__new"])
    state.put(state.K_SUMMARY_EDITS, new)
    st.session_state["summary__new"] = ""


def render_block(block: summary.Block) -> None:
    """One block of the summary. What the person typed goes through st.text: shown literally."""
    if getattr(block, "title", ""):
        st.markdown(f"**{summary.escape_markdown_strict(block.title)}**")
    if isinstance(block, summary.Paragraph) and block.kind == "note":
        st.markdown(summary.escape_markdown_strict(block.text))
    elif isinstance(block, summary.Paragraph):
        st.text(block.text)
    elif isinstance(block, summary.Fields):
        for label, value in block.items:
            left, right = st.columns([2, 3])
            left.markdown(f"**{summary.escape_markdown_strict(label)}**")
            right.text(value)
    elif isinstance(block, summary.Bullets):
        st.text(summary.bullet_lines(block))
    elif isinstance(block, summary.Bars):  # in the words of the scale, never as a percentage
        st.table(summary.bars_frame(block, markdown=True), border="horizontal")
    elif isinstance(block, summary.Table):  # one small table per row: fits a phone
        frame = summary.table_frame(block, markdown=True)
        ui.render_records(frame, [frame.columns[0]])


@ui.fragment
def body() -> None:
    """The summary, its questions and downloads: an edit reruns only this part."""
    today, answers, edits = dt.date.today(), state.answers(), state.get(state.K_SUMMARY_EDITS)
    model, editable = summary.summary_and_questions(
        content, answers, today, edits, diagnosis=state.get(state.K_DIAGNOSIS),
        prior_lines=state.get(state.K_PRIOR_LINES), product=state.get(state.K_PRODUCT),
    )  # fmt: skip
    if not answers:
        st.info("You have not done the self-assessment yet, so most parts are still empty.")
        st.page_link(sitemap.page("self_assessment").file, label="Go to the self-assessment")

    with st.container(border=True):
        st.header(model.title)
        st.text("\n".join(f"{label}: {value}" for label, value in model.header))
        st.info(summary.escape_markdown_strict(model.disclaimer), icon=":material/info:")
        for section in model.sections:
            st.subheader(section.heading)
            if section.is_empty:
                st.markdown(summary.escape_markdown_strict(section.empty_note))
            for block in section.blocks:
                render_block(block)
        if model.sources:
            st.markdown(
                summary.escape_markdown_strict("Sources: " + " \u2022 ".join(model.sources))
            )
        st.markdown(summary.escape_markdown_strict(model.numbers_note))
        st.markdown(summary.escape_markdown_strict(model.footer))

    with st.expander("Change the questions for your care team", icon=":material/edit:"):
        ui.render_text(content, "summary__questions_help")
        for n, item in zip(summary.question_numbers(editable), editable, strict=True):
            st.session_state.setdefault(f"summary__q_{item.id}", item.text)
            st.session_state.setdefault(f"summary__keep_{item.id}", item.kept)
            st.text_area(f"Question {n}" if n else "Question (not on your summary)",  # same numbers
                         key=f"summary__q_{item.id}", on_change=edit, args=(item.id,),
                         help=item.reason, height="content")
            st.checkbox(
                f"Keep question {n} on my summary" if n else "Keep this question on my summary",
                key=f"summary__keep_{item.id}", on_change=edit, args=(item.id,),
            )
        st.text_input("Add a question of your own", key="summary__new", max_chars=2000)
        st.button("Add this question", on_click=add, key="summary__add", icon=":material/add:")

    st.header("Download your summary")
    ui.render_text(content, "summary__downloads")
    names = summary.file_names(today)
    cache = pdf.cached_summary_pdf(
        model, state.get(state.K_SUMMARY_PDF), summary.fingerprint(model)
    )
    state.put(state.K_SUMMARY_PDF, cache)
    if cache["pdf"]:
        st.download_button("Download the PDF", cache["pdf"], names["pdf"], "application/pdf",
                           key="summary__pdf", on_click="ignore", icon=":material/picture_as_pdf:")
    else:
        st.warning(f"{cache['error']} You can still download the text version below.")
    st.download_button(
        "Download as text", summary.to_plain_text(model).encode("utf-8"), names["text"],
        "text/plain", key="summary__text", on_click="ignore", icon=":material/description:",
    )
    resume = qn.to_resume_file(answers, q, content_version=content.meta["content_version"])
    st.download_button("Download your answers file", resume, names["answers"], "application/json",
                       key="summary__answers", on_click="ignore", icon=":material/save:")


body()
ui.render_next("summary")
