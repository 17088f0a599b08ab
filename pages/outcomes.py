"""How often it works: response, complete response and lasting results, out of 100 people."""

import streamlit as st

from components import risk, ui

content = ui.start_page()


def numbers(sets: list, lines: int | None) -> None:
    """Everything that follows the product choice (ui.product_page's fragment)."""
    if sets:
        ui.render_text(content, "outcomes__comparing")
        for ds in sets:
            st.header(f"{ds.label}: how many people responded?")
            ui.render_study_group(content, ds, lines)
            groups = risk.outcome_panels(content, ds)
            if not groups:
                st.markdown(content.words("outcomes_not_reported", product=ds.brand))
            for group in groups:
                ui.render_panel_group(group)
            for line in risk.other_outcomes(content, ds):
                st.markdown(ui.cited(f"- {line}", content))
            with st.expander(f"Show the numbers for {ds.label} as a table"):
                ui.render_records(risk.outcomes_table(content, ds), ["Outcome"])


ui.product_page(content, "outcomes", "How often does it work?", numbers)

st.header("Why does it work for some people and not for others?")
ui.render_text(content, "outcomes__why_differ")

ui.render_next("outcomes")
