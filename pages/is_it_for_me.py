"""Is it for me? Which approved CAR-T products fit a cancer and a number of earlier treatments."""

import streamlit as st

from components import finder, state, ui, ui_questionnaire, ui_situation
from components import questionnaire as qn

content = ui.start_page()
base_q = qn.of(content)
st.title("Is CAR-T approved for my cancer?")
ui.render_text(content, "is_it_for_me__intro")


def product_boxes(heading: str, fits: tuple[finder.ProductFit, ...], when_none: str) -> None:
    """One heading, then a box per product (or why there is none)."""
    st.header(heading)
    if not fits:
        st.write(content.words(when_none))
    for fit in fits:
        with st.container(border=True):
            st.markdown(ui.cited(finder.product_markdown(content, fit), content))


@ui.fragment
def finder_part() -> None:
    """The questions and what fits: an answer reruns only this part of the page."""
    ui_situation.current(content)  # values set elsewhere, as these pickers offer them
    diagnosis = ui_situation.cancer_picker(content)
    left, right = st.columns(2)
    lines = ui_situation.lines_picker(left)
    age = right.number_input(
        "Your age (optional)", min_value=0, max_value=120, step=1,
        key=state.K_AGE, placeholder="Leave blank if you prefer",
        help=content.words("finder_age_help"),
    )
    with st.expander("What counts as a treatment?"):
        ui.render_text(content, "is_it_for_me__lines")

    answers = state.answers()
    if asked := finder.condition_questions(content, diagnosis, lines):
        q = qn.worded_for(base_q, answers.get(qn.ABOUT_WHO))
        with st.container(border=True):
            ui.render_text(content, "is_it_for_me__conditions")
            for qid in asked:
                ui_questionnaire.render_question(q.question(qid), answers, ui_questionnaire.FINDER)
    if diagnosis is None:
        st.info(content.words("finder_choose_cancer"))
    else:
        result = finder.find_products(content, diagnosis, lines, age, answers)
        st.info(result.summary, icon=":material/info:")
        if result.trial_only:
            ui.render_text(content, "is_it_for_me__trial_only")
        else:
            product_boxes("Which CAR-T products may fit my situation?", result.fits,
                          "finder_none_fit")
            product_boxes("Which CAR-T products do not fit, and why?", result.not_fitting,
                          "finder_all_fit")
            with st.expander("See every approval for this cancer as a table"):
                ui.render_records(finder.indications_frame(content, diagnosis), ["Product"])
                st.markdown(content.words("finder_table_more"))
        with st.expander("Products approved only for other cancers"):
            st.markdown("\n".join(f"- **{p.brand}**: {p.reason}" for p in result.other_cancers))
        if not result.trial_only:
            ui.render_text(content, "is_it_for_me__next")
        st.page_link(
            "pages/options.py", label="Options side by side",
            icon=":material/compare_arrows:",
        )


finder_part()
ui.render_next("is_it_for_me")
