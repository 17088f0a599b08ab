"""Temporary page: replaced by the page's real content in this session."""

import streamlit as st

from components import ui

content = ui.start_page()
st.title("side_effects")
ui.render_next("side_effects")
