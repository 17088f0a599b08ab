"""Keeping answers: the answers file's download and "continue from a saved file", shared by
every page, and the reminder that answers live only in this browser window.

The file's contents are built and read by the pure `components/answers_file.py`; this module
only draws the widgets and puts what a file brought back into session state.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import answers_file, situation, state, ui, ui_situation, ui_values_pair
from components import questionnaire as qn
from components.content import Content

# Pages with the full save-and-load box of their own, and the Sources page (nothing to
# choose there); every other page shows the reminder. It is shown whether or not something
# is chosen yet: a choice made in a fragment does not redraw the end of the page.
NO_REMINDER = ("home", "self_assessment", "summary", "sources")
# The pages whose widgets show questionnaire answers, by their widget-key prefix.
QUESTION_PAGES = ("self_assessment__", "is_it_for_me__")
DOWNLOAD = "Download your answers file"
UPLOAD = "Load your answers file"


def _keys(stem: str) -> tuple[str, str]:
    """This page's upload round and message keys (page-local widget state)."""
    return f"{stem}__upload_round", f"{stem}__load_message"


def choices() -> dict[str, Any]:
    """The choices made on other pages, by their names in the answers file."""
    return {name: state.get(key) for name, key in state.SAVED_CHOICES.items()}


def file_bytes(content: Content, q: qn.Questionnaire) -> Callable[[], bytes]:
    """The answers file as a no-argument builder for `st.download_button(data=...)`: the file
    is made only when the person presses Download, not on every run of every page. The builder
    runs outside the script run (no session state there), so what goes in is copied out of
    session state here, as it is when the button is drawn (as the file's bytes were before);
    the About-me answers come from the situation, their home.
    A failure is logged by its kind only, never with what the person entered."""
    kept = copy.deepcopy({
        "answers": situation.answers_with(state.answers(), ui_situation.current(content)),
        "choices": choices(),
        "question_edits": state.get(state.K_SUMMARY_EDITS),
        "caregiver_values": state.get(state.K_CAREGIVER_VALUES),
        "rota_records": state.get(state.K_ROTA), "stay_cost_inputs": state.get(state.K_STAY_COST),
    })
    answers = kept.pop("answers")

    def make() -> bytes:
        try:
            return answers_file.to_file(answers, q, content, **kept)
        except Exception as exc:
            ui.log.error("The answers file could not be made (%s).", type(exc).__name__)
            raise RuntimeError("The answers file could not be made.") from None

    return make


def download_button(content: Content, q: qn.Questionnaire, stem: str) -> None:
    """The answers file's Download button (the same on every page); the file is made on click."""
    st.download_button(
        DOWNLOAD, file_bytes(content, q), file_name=answers_file.file_name(dt.date.today()),
        mime="application/json", key=f"{stem}__download_answers", on_click="ignore",
        icon=":material/download:",
    )


def replace_answers(q: qn.Questionnaire, new: dict[str, Any]) -> None:
    """Swap in a new set of answers; every question widget re-seeds from them on the next run.
    About-me answers bound to the situation go to the situation (none: it stays as it is)."""
    rest, fields = situation.split_answers(new)
    answers = state.answers()
    answers.clear()
    answers.update(rest)
    ui_situation.update(fields)
    for key in list(st.session_state):
        for prefix in QUESTION_PAGES:
            if str(key).startswith(prefix) and str(key)[len(prefix):].split("__")[0] in q.by_id:
                del st.session_state[key]


def apply(q: qn.Questionnaire, loaded: answers_file.Loaded) -> None:
    """Put everything a file brought back into this session; the widgets re-seed from it."""
    replace_answers(q, loaded.answers)
    for name, value in loaded.choices.items():
        state.put(state.SAVED_CHOICES[name], value)
    ui_values_pair.replace(loaded.caregiver_values)
    if loaded.rota is not None:  # a file without a rota (older versions) keeps this one
        state.put(state.K_ROTA, loaded.rota)
    if loaded.stay_cost is not None:
        state.put(state.K_STAY_COST, loaded.stay_cost)
        for key in [k for k in st.session_state if str(k).startswith("caregiver__cost_")]:
            del st.session_state[key]
    edits = loaded.question_edits or state.DEFAULTS[state.K_SUMMARY_EDITS]
    state.put(state.K_SUMMARY_EDITS, {k: list(v) if isinstance(v, list) else dict(v)
                                      for k, v in edits.items()})
    for key in [k for k in st.session_state if str(k).startswith(("summary__q_",
                                                                  "summary__keep_"))]:
        del st.session_state[key]


def _load(content: Content, q: qn.Questionnaire, stem: str, key: str) -> None:
    """Read an uploaded file; on any problem everything on screen stays as it is."""
    round_key, message_key = _keys(stem)
    upload = st.session_state.get(key)
    st.session_state[round_key] = st.session_state.get(round_key, 0) + 1  # a fresh uploader
    if upload is None:
        return
    try:
        answers_file.check_resume_size(upload.size, content)
        loaded = answers_file.read(upload.getvalue(), upload.name, q, content)
    except answers_file.ResumeFileError as exc:
        st.session_state[message_key] = ("error", exc.message, ())
        return
    apply(q, loaded)
    st.session_state[message_key] = ("success", answers_file.loaded_message(loaded),
                                     loaded.notes)


def load_box(content: Content, q: qn.Questionnaire, stem: str) -> None:
    """The uploader and, once, the outcome of the last load on this page."""
    round_key, message_key = _keys(stem)
    upload_key = f"{stem}__upload_{st.session_state.get(round_key, 0)}"
    st.file_uploader(
        UPLOAD, key=upload_key, max_upload_size=1, on_change=_load,
        args=(content, q, stem, upload_key),
    )
    message = st.session_state.pop(message_key, None)
    if message:
        (st.success if message[0] == "success" else st.error)(message[1])
        for note in message[2]:
            st.warning(note, icon=":material/info:")


def continue_box(content: Content, q: qn.Questionnaire, stem: str, heading: bool = True) -> None:
    """ "Continue from a saved file": the words and the uploader."""
    if heading:
        st.header("Continue from a saved file")
    ui.render_text(content, "answers__continue")
    load_box(content, q, stem)


def restarted(stem: str) -> None:
    """A tab whose earlier session is gone (its server replica stopped, and the browser
    reconnected to another one) says so calmly, on the page it was on, with the box to load
    the answers file. Drawn by app.py before the page."""
    stem = stem or "home"
    ctx = get_script_run_ctx()
    shown_on = state.get(state.K_RESTARTED_ON)
    if shown_on is None:
        if ctx is None or not answers_file.earlier_session_lost(
            st.context.headers.get("Sec-Websocket-Protocol"), ctx.session_id
        ):
            return
        state.put(state.K_RESTARTED_ON, stem)
        shown_on = stem
    if shown_on != stem:
        return
    content = ui.load_content()
    with st.container(border=True):
        ui.render_text(content, "answers__restarted")
        load_box(content, qn.of(content), f"{stem}__restarted")


def reminder(content: Content, stem: str) -> None:
    """On pages without their own box: say where answers live and offer the download."""
    if stem in NO_REMINDER:
        return
    q = qn.of(content)
    with st.container(border=True):
        ui.render_text(content, "answers__keep")
        download_button(content, q, stem)
