"""For the caregiver: what they will do and for how long, what to watch for at home (and later),
the rota with every gap in round-the-clock cover, the travel and lodging estimate, and where to
get help. Shows data/text/caregiver__*.md, data/wording.csv and the journey's timing."""

import datetime as dt

import streamlit as st

from components import caregiver, journey, rota, state, ui, ui_caregiver, ui_situation

content = ui.start_page()
product = ui_situation.current(content).product
name = journey.brand(content, product)

st.title("For the caregiver")
ui.render_text(content, "caregiver__intro")

st.header("What will I have to do?")
ui.render_text(content, "journey__caregiver")

st.header("For how long?")
plan = caregiver.plan_for(content, product, state.get(state.K_JOURNEY_ANCHOR),
                          state.get(state.K_JOURNEY_DATE), dt.date.today())
window = rota.window_from_plan(plan)
if window is not None:
    st.markdown(caregiver.window_words(content, window))
else:
    st.page_link("pages/journey.py", label="Pick your dates",
                 icon=":material/route:")
ui.caregiver_numbers(
    content, product, content.words("caregiver_numbers_title", product=name),
    content.words("caregiver_choose_product"),
)

st.header("What do I watch for at home, and what do I do?")
ui.render_text(content, "caregiver__watch")
ui.render_text(content, "caregiver__later")
if product in (None, "carvykti"):
    ui.render_text(content, "caregiver__later_carvykti")
st.page_link("pages/side_effects.py", label="More on side effects",
             icon=":material/monitor_heart:")


@ui.fragment
def rota_part() -> None:
    """The rota: a line added or removed reruns only this part."""
    st.header("Who is there on each day and night?")
    ui.render_text(content, "caregiver__rota")
    view = caregiver.rota_view(content, state.get(state.K_ROTA), plan, st.context.timezone)
    ui_caregiver.rota_form(content, view.window)
    ui_caregiver.rota_list(content, view)
    ui_caregiver.rota_result(content, view)


rota_part()


@ui.fragment
def cost_part() -> None:
    """The travel and lodging estimate: a changed figure reruns only this part."""
    st.header("What might the stay near the centre cost?")
    ui.render_text(content, "caregiver__cost")
    ui.render_text(content, "caregiver__cost_example")
    values = ui_caregiver.cost_inputs(content)
    ui_caregiver.cost_result(content, values, window)
    ui.render_text(content, "caregiver__cost_help")


cost_part()

st.header("Where can I get help?")
ui.render_text(content, "caregiver__help")
st.page_link("pages/summary.py", label="Go to your summary",
             icon=":material/summarize:")
ui.render_next("caregiver")
