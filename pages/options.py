"""Options side by side: CAR-T and the alternatives for one cancer, with equal weight. The parts
are drawn by components/ui_options.py."""

import streamlit as st

from components import finder, options, trials, ui, ui_options, ui_situation

content = ui.start_page()
st.title("What are my options, side by side?")
ui.render_text(content, "options__intro")
short = ui_options.pickers(content)

situation = ui_situation.current(content)
diagnosis = situation.diagnosis
age_note = finder.age_group_note(content, diagnosis, situation.age)
if age_note:
    st.markdown(content.words("options_age_note_more", note=age_note))
studies = (trials.head_to_head(content, diagnosis, situation.prior_lines)
           if diagnosis is not None else [])
st.markdown(options.jump_list(bool(studies), diagnosis is not None))
if diagnosis is None:
    st.info(content.words("options_choose_cancer"))
else:
    cards = options.option_grid(content, diagnosis, situation.prior_lines)
    st.markdown(content.words("options_listed", count=len(cards), cancer=short[diagnosis],
                              names=", ".join(c.name for c in cards)))
    if studies:
        st.header("How did the options compare when tested in the same study?",
                  anchor="same-study")
        ui.render_text(content, "options__head_to_head")
        for study in studies:
            ui_options.head_to_head(content, study)
    st.header("What is each option like?", anchor="each-option")
    ui_options.option_views(content, cards, diagnosis)

# Background on checkpoint inhibitors (Hodgkin lymphoma, myeloma studies) is folded away so
# that the page stays on the chosen cancer; open only for "another cancer".
with st.expander("How is a checkpoint inhibitor different from CAR-T?",
                 expanded=diagnosis == "other"):
    ui.render_text(content, "options__checkpoint")
st.header("What does it cost, and where can I get help?", anchor="cost-and-help")
ui.render_text(content, "options__cost")
ui.render_records(options.price_frame(content, diagnosis), ["Product"])
ui.render_next("options")
