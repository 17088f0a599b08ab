"""Side effects: when they happen, how often, what to watch for at home, and what comes later."""

import streamlit as st

from components import charts, effect_timeline, frequencies, risk, ui

content = ui.start_page()


def numbers(sets: list, lines: int | None) -> None:
    """Everything that follows the product choice (ui.product_page's fragment)."""
    if sets:
        st.header("When do side effects usually start, and how long do they last?")
        ui.render_text(content, "side_effects__timeline_help")
        timeline = effect_timeline.timeline_frame(content, sets)
        stay = effect_timeline.stay_near(content, [ds.product_id for ds in sets])
        summary = effect_timeline.timeline_summary(content, timeline, stay)
        if timeline.empty:
            st.markdown(summary)
        else:
            fig = charts.side_effect_timeline(content, timeline, stay)
            ui.render_chart(fig, summary, "side_effects__timeline")
        for line in effect_timeline.stay_near_notes(stay):
            st.markdown(ui.cited(line, content))
        with st.expander("Show the timeline as a table"):
            ui.render_records(
                effect_timeline.timeline_table(content, sets), ["Side effect", "Product and study"]
            )

        st.header("How many people had CRS or problems with the brain and nerves?")
        ui.render_text(content, "side_effects__comparing")
        for ds in sets:
            st.subheader(ds.label)
            ui.render_study_group(content, ds, lines)
            groups = risk.effect_panels(content, ds)
            if not groups:
                st.markdown(content.words("no_effect_numbers"))
            for group in groups:
                st.markdown(f"**{frequencies.capitalise(group.heading)}**")
                ui.render_panel_group(group)
            for line in risk.death_sentences(content, ds):
                st.markdown(ui.cited(f"- {line}", content))
            with st.expander(f"Show every number for {ds.label} as a table"):
                ui.render_records(risk.effects_table(content, ds), ["Side effect"])

    st.header("What should I watch for at home, and what should I do?")
    ui.render_text(content, "side_effects__symptoms")
    st.error(content.text("side_effects__emergency"), icon=":material/emergency:")

    st.header("What do the grades of CRS and ICANS mean?")
    ui.render_text(content, "side_effects__grades")
    st.subheader("Why does the team keep asking me questions and to write a sentence?")
    ui.render_text(content, "side_effects__ice")

    st.header("What can happen in the months after?")
    ui.render_text(content, "side_effects__long_term")
    pointer = risk.later_effects_pointer(content, sets)
    if pointer:
        st.markdown(pointer)
    for ds in sets:
        later = risk.later_effects(content, ds)
        if later:
            st.markdown(f"**In {ds.label}:**\n\n" + "\n".join(f"- {line}" for line in later))


ui.product_page(content, "side_effects", "Side effects: what can happen, and when?", numbers)
ui.render_next("side_effects")
