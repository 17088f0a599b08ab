"""Treatment journey: a stepper through the steps, a timeline in days from the infusion (day 0),
and a personal plan with a calendar download. Shows data/journey.csv, data/product_timing.csv
and data/text/journey__*.md; the parts are drawn by components/ui_journey.py."""

import streamlit as st

from components import journey, ui, ui_journey

content = ui.start_page()
steps = journey.phases(content)

st.title("Treatment journey: what happens, step by step")
ui.render_text(content, "journey__intro")
product = ui_journey.product_picker(content)
name = journey.brand(content, product)
ui_journey.stepper(content, steps, product, name)
ui_journey.timeline(content, product, name)
ui_journey.calendar(content, product)
ui_journey.caregiver_part(content, product, name)
ui.render_next("journey")
