"""Temporary page: replaced by the page's real content in this session."""

import streamlit as st

from components import ui

content = ui.start_page()
st.title("outcomes")
ui.render_next("outcomes")
