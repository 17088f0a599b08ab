"""Home: what CAR-T is, the decision this aid helps with, how to use it, privacy."""

import streamlit as st

from components import questionnaire as qn
from components import ui, ui_answers

content = ui.start_page()

st.title("CAR-T cell therapy: a guide to help you decide")
st.info(ui.DISCLAIMER, icon=":material/info:")
with st.expander("Coming back? Continue from a saved file", icon=":material/upload_file:"):
    ui_answers.continue_box(content, qn.of(content), "home", heading=False)
for section in ("what_is_cart", "the_decision", "how_to_use", "privacy"):
    ui.render_text(content, f"home__{section}")

ui.render_next("home")
