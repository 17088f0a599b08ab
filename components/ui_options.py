"""The Options page's parts: the cancer and number-of-treatments pickers, the randomised trials
that tested options side by side, and the three views of the options. The page lays them out
(pages/options.py)."""

from __future__ import annotations

import streamlit as st

from components import charts, options, trials, ui, ui_situation
from components.content import Content


def pickers(content: Content) -> dict[str, str]:
    """Which cancer, and how many treatments so far (shared with other pages); returns the
    cancers' short names."""
    diseases = content.table("diseases").sort_values("order")
    short = dict(zip(diseases["disease_id"], diseases["short_name"], strict=True))
    ui_situation.current(content)  # values set elsewhere, as these pickers offer them
    left, right = st.columns(2)
    ui_situation.cancer_picker(content, left)
    ui_situation.lines_picker(right)
    return short


VIEWS = ["Compare two or three", "One box per option", "One question at a time (table)"]


@ui.fragment
def option_views(content: Content, cards: list[options.OptionCard], diagnosis: str) -> None:
    """The three ways to see the options: switching views reruns only this part."""
    by_name = {card.name: card for card in cards}
    view = st.radio(
        "How would you like to see the options?", VIEWS, key="options__view", horizontal=True,
    )
    if view == "One box per option":
        for card in cards:
            with st.container(border=True):
                st.subheader(card.name)
                st.markdown(ui.cited(options.card_markdown(card, options.BEFORE_NUMBERS), content))
                for column, key in zip(st.columns(2), options.BENEFIT_HARM, strict=True):
                    column.markdown(ui.cited(options.cell_markdown(card, key), content))
                st.markdown(ui.cited(options.card_markdown(card, options.AFTER_NUMBERS), content))
    elif view == "Compare two or three":
        chosen = st.multiselect(
            "Which options do you want to compare?", list(by_name), max_selections=3,
            format_func=lambda name: options.short_names(content)[name],
            default=list(by_name)[:2], key=f"options__compare_{diagnosis}",
            placeholder="Choose two or three options",
            help="We start with the first two in the list. The order is not a ranking.",
        )
        if len(chosen) < 2:
            st.info(content.words("options_compare_pick"))
        else:
            picked = [by_name[name] for name in chosen]
            for label, keys in options.COMPARE_TABS:  # in turn, not tabs: fits a 320 px phone
                with st.expander(label, expanded=True):
                    for key in keys:
                        st.markdown(f"**{options.LABELS[key]}**")
                        for column, card in zip(st.columns(len(picked)), picked, strict=True):
                            column.markdown(card.name)
                            column.markdown(ui.cited(card.cells[key], content))
                        note = options.comparability_note(content, picked, key)
                        if note:
                            st.markdown(note)
                        st.divider()
    else:
        question: str = st.selectbox(
            "Which question?", list(options.KEYS), format_func=lambda k: options.LABELS[k],
            key="options__question",
        ) or options.KEYS[0]
        st.table(options.question_frame(cards, question).set_index("Option"))
        note = options.comparability_note(content, cards, question)
        if note:
            st.markdown(note)


def head_to_head(content: Content, study: trials.HeadToHead) -> None:
    """One randomised trial: who was in it (once), then each result as two groups of 100
    people side by side, with the numbers in words and as a table."""
    st.subheader(f"The {study.study} study")
    st.markdown(ui.cited(trials.head_to_head_caption(study), content))
    if study.pictures:
        for tab, picture in zip(st.tabs([p.label for p in study.pictures]), study.pictures,
                                strict=True):
            with tab:
                st.markdown(f"**{picture.heading}**")
                st.image(
                    charts.icon_arrays_side_by_side(
                        [(a.name, a.per_100, a.had, a.had_not) for a in picture.arms]
                    ),
                    alt=picture.summary,
                )
                st.markdown("\n".join(f"- **{a.name}:** {a.sentence}" for a in picture.arms))
                st.markdown(picture.note)
    for line in trials.worded_results(study):
        st.markdown(line)
    for note in study.notes:
        st.markdown(note)
    with st.expander(f"Show the {study.study} results as a table"):
        st.table(trials.head_to_head_frame(study), hide_index=True)
