"""Entry point: page config, session state, navigation from the page registry, shared frame."""

import streamlit as st

from components import state, ui, ui_answers

st.set_page_config(
    page_icon="🩺",
    layout="centered",
    initial_sidebar_state="auto",
)
state.init_state()
page = st.navigation(ui.navigation_pages(), position="hidden")
with ui.frame():
    ui.set_tab_title(page.title)
    ui.render_sidebar(page.url_path)
    ui_answers.restarted(page.url_path)
    page.run()
