"""Options side by side: CAR-T and the alternatives for one cancer, with equal weight."""

import streamlit as st

from components import finder, options, state, ui

content = ui.start_page()
st.title("What are my options, side by side?")
ui.render_text(content, "options__intro")

diseases = content.table("diseases").sort_values("order")
names = dict(zip(diseases["disease_id"], diseases["name"], strict=True))
short = dict(zip(diseases["disease_id"], diseases["short_name"], strict=True))
for key, clean in ((state.K_DIAGNOSIS, finder.known_disease), (state.K_PRIOR_LINES, None)):
    value = state.get(key)
    cleaned = clean(content, value) if clean else finder.normalise_lines(value)
    if cleaned != value:
        state.put(key, cleaned)
left, right = st.columns(2)
left.selectbox(
    "Which cancer do you have?", list(names), format_func=names.get, key=state.K_DIAGNOSIS,
    placeholder="Choose your cancer",
)
right.selectbox(
    "How many treatments have you had for it so far?", finder.LINE_CHOICES,
    format_func=finder.lines_label, key=state.K_PRIOR_LINES, placeholder="Not sure yet",
)


@ui.fragment
def option_views(cards: list[options.OptionCard], diagnosis: str) -> None:
    """The three ways to see the options: switching views reruns only this part."""
    by_name = {card.name: card for card in cards}
    view = st.radio(
        "How would you like to see the options?",
        ["One box per option", "Compare two or three", "One question at a time (table)"],
        key="options__view", horizontal=True,
    )
    if view == "One box per option":
        for card in cards:
            with st.container(border=True):
                st.header(card.name)
                st.markdown(options.card_markdown(card, options.BEFORE_NUMBERS))
                for column, key in zip(st.columns(2), options.BENEFIT_HARM, strict=True):
                    column.markdown(options.cell_markdown(card, key))
                st.markdown(options.card_markdown(card, options.AFTER_NUMBERS))
    elif view == "Compare two or three":
        chosen = st.multiselect(
            "Which options do you want to compare?", list(by_name), max_selections=3,
            key=f"options__compare_{diagnosis}", placeholder="Choose two or three options",
        )
        if len(chosen) < 2:
            st.info("Choose two or three options to see them next to each other.")
        else:
            picked = [by_name[name] for name in chosen]
            for key in options.KEYS:
                st.markdown(f"**{options.LABELS[key]}**")
                for column, card in zip(st.columns(len(picked)), picked, strict=True):
                    column.markdown(card.name)
                    column.markdown(card.cells[key])
                note = options.comparability_note(content, picked, key)
                if note:
                    st.markdown(note)
                st.divider()
    else:
        question = st.selectbox(
            "Which question?", options.KEYS, format_func=options.LABELS.get,
            key="options__question",
        )
        st.table(options.question_frame(cards, question).set_index("Option"))
        note = options.comparability_note(content, cards, question)
        if note:
            st.markdown(note)


diagnosis = state.get(state.K_DIAGNOSIS)
age_note = finder.age_group_note(content, diagnosis, state.get(state.K_AGE))
if age_note:
    st.markdown(age_note + " Its numbers are on the pages for side effects and how often it works.")
if diagnosis is None:
    st.info("Choose your cancer above to see the options for it.")
else:
    cards = options.option_grid(content, diagnosis, state.get(state.K_PRIOR_LINES))
    by_name = {card.name: card for card in cards}
    st.markdown(
        f"{len(cards)} options for {short[diagnosis]}: {', '.join(by_name)}. "
        "They are always in this order, which is not a ranking."
    )
    studies = options.head_to_head(content, diagnosis, state.get(state.K_PRIOR_LINES))
    if studies:
        st.header("How did the options compare when tested in the same study?")
        ui.render_text(content, "options__head_to_head")
        for study in studies:
            st.markdown(f"**The {study.study} study**")
            st.markdown(options.head_to_head_caption(study))
            st.table(options.head_to_head_frame(study), hide_index=True)
            for note in study.notes:
                st.markdown(note)
        st.header("What is each option like?")
    option_views(cards, diagnosis)

# Background on checkpoint inhibitors (Hodgkin lymphoma, myeloma studies) is folded away so
# that the page stays on the chosen cancer; open only for "another cancer".
with st.expander("How is a checkpoint inhibitor different from CAR-T?",
                 expanded=diagnosis == "other"):
    ui.render_text(content, "options__checkpoint")
st.header("What does it cost, and where can I get help?")
ui.render_text(content, "options__cost")
ui.render_records(options.price_frame(content), ["Product"])
ui.render_next("options")
