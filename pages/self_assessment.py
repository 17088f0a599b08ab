"""Self-assessment: a guided questionnaire, one part at a time, with save and resume.

Shows data/questionnaire.json and data/text/self_assessment__*.md. The widgets live in
components/ui_questionnaire.py; they run as a fragment, so an answer reruns only that part.
"""

import streamlit as st

from components import content as content_mod
from components import questionnaire as qn
from components import ui, ui_questionnaire, ui_values_pair

content = ui.start_page()
try:
    base_q = qn.of(content)
except content_mod.ContentError as exc:
    for problem in exc.problems:
        ui.log.error("content problem: %s", problem)
    st.error(ui.CALM_CONTENT_ERROR, icon=":material/info:")
    st.stop()

st.title("Self-assessment: getting ready to decide")
ui_values_pair.open_from_link(base_q)  # ?part=caregiver_values: the caregiver's own questions
ui.render_text(content, "self_assessment__intro")


@ui.fragment
def questionnaire() -> None:
    ui_questionnaire.render(content, base_q)


questionnaire()
