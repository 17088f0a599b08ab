"""Is it for me? Which approved CAR-T products fit a cancer and a number of earlier treatments."""

import streamlit as st

from components import finder, state, ui, ui_questionnaire
from components import questionnaire as qn

content = ui.start_page()
base_q = qn.of(content)
st.title("Is CAR-T approved for my cancer?")
ui.render_text(content, "is_it_for_me__intro")


@ui.fragment
def finder_part() -> None:
    """The questions and what fits: an answer reruns only this part of the page."""
    diseases = content.table("diseases").sort_values("order")
    names = dict(zip(diseases["disease_id"], diseases["name"], strict=True))
    # Values set on other pages (or by a resumed answers file) must be ones these selectors offer.
    for key, clean in ((state.K_DIAGNOSIS, finder.known_disease), (state.K_PRIOR_LINES, None)):
        value = state.get(key)
        cleaned = clean(content, value) if clean else finder.normalise_lines(value)
        if cleaned != value:
            state.put(key, cleaned)
    if finder.normalise_age(state.get(state.K_AGE)) != state.get(state.K_AGE):
        state.put(state.K_AGE, finder.normalise_age(state.get(state.K_AGE)))

    st.selectbox(
        "Which cancer do you have?", list(names), format_func=names.get, key=state.K_DIAGNOSIS,
        placeholder="Choose your cancer",
    )
    left, right = st.columns(2)
    left.selectbox(
        "How many treatments have you had for it so far?", finder.LINE_CHOICES,
        format_func=finder.lines_label, key=state.K_PRIOR_LINES, placeholder="Not sure yet",
    )
    age = right.number_input(
        "Your age (optional)", min_value=0, max_value=120, step=1,
        key=state.K_AGE, placeholder="Leave blank if you prefer",
        help="Some products are approved only for some ages. Your age is kept only while this "
        "tab is open, so other pages can show the products for your age. It is not saved.",
    )
    with st.expander("What counts as a treatment?"):
        ui.render_text(content, "is_it_for_me__lines")

    diagnosis, lines = state.get(state.K_DIAGNOSIS), state.get(state.K_PRIOR_LINES)
    answers = state.answers()
    if asked := finder.condition_questions(content, diagnosis, lines):
        q = qn.worded_for(base_q, answers.get(qn.ABOUT_WHO))
        with st.container(border=True):
            ui.render_text(content, "is_it_for_me__conditions")
            for qid in asked:
                ui_questionnaire.render_question(q.question(qid), answers, ui_questionnaire.FINDER)
    if diagnosis is None:
        st.info("Choose your cancer above to see which CAR-T products are approved for it.")
    else:
        result = finder.find_products(content, diagnosis, lines, age, answers)
        st.info(result.summary, icon=":material/info:")
        if result.trial_only:
            ui.render_text(content, "is_it_for_me__trial_only")
        else:
            for heading, none, fits in (
                ("Which CAR-T products may fit my situation?",
                 "None yet, from what you told us. See the reasons below.", result.fits),
                ("Which CAR-T products do not fit, and why?",
                 "Every product approved for this cancer fits what you told us.",
                 result.not_fitting),
            ):
                st.header(heading)
                if not fits:
                    st.write(none)
                for fit in fits:
                    with st.container(border=True):
                        st.markdown(ui.cited(finder.product_markdown(fit), content))
            with st.expander("See every approval for this cancer as a table"):
                ui.render_records(finder.indications_frame(content, diagnosis), ["Product"])
                st.markdown(
                    "Other conditions, approval dates, the main study and sources are in each "
                    "product's box above."
                )
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
