"""The Treatment journey page's parts: the product picker, the stepper, the timeline, the
personal dates with the calendar file, and how long a caregiver is needed. The page lays them out
(pages/journey.py)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import journey, journey_chart, schedule, state, studies, ui, ui_situation
from components.content import Content
from components.journey import Phase


def product_picker(content: Content) -> str | None:
    """The product (optional): those approved for the cancer chosen on another page, and one
    already chosen stays, with a note when it does not fit that cancer."""
    # Only the products approved for the cancer chosen on another page; one already chosen stays.
    sit = ui_situation.current(content)
    diagnosis, age = sit.diagnosis, sit.age
    offered, _ = studies.product_choice(content, diagnosis, sit.product, age)
    product = st.selectbox(
        content.words("journey_product_label"),
        options=offered,
        format_func=lambda p: studies.product_option_label(content, diagnosis, p, age),
        index=None,
        key=state.K_PRODUCT,
        placeholder=content.words("journey_no_product"),
        help=content.words("journey_product_help"),
    )
    if diagnosis:
        disease_name = studies.diagnosis_labels(content)[diagnosis]
        st.markdown(content.words("journey_showing_products", cancer=disease_name))
    note = studies.product_note(content, diagnosis, product, age, "product_not_for_cancer_journey")
    if note:
        st.warning(note, icon=":material/info:")
    return product


def go_to_step(step: int) -> None:
    """Show another step; its top comes into view on the next run (ui.bring_into_view)."""
    state.put(state.K_JOURNEY_STEP, step)
    st.session_state["journey__moves"] = st.session_state.get("journey__moves", 0) + 1


@ui.fragment
def stepper(content: Content, steps: list[Phase], product: str | None, name: str) -> None:
    """One step at a time: Previous / Next rerun only this part of the page."""
    step = journey.clamp_step(state.get(state.K_JOURNEY_STEP), len(steps))
    state.put(state.K_JOURNEY_STEP, step)
    st.header(content.words("journey_steps_heading"))
    phase = steps[step]
    with st.container(key="journey__step_top"):
        st.progress((step + 1) / len(steps), text=content.words(
            "journey_step_of", n=step + 1, total=len(steps), title=phase.title))
        st.subheader(phase.question)
        ui.bring_into_view("journey__step_top", st.session_state.get("journey__moves", 0))
    ui.render_text(content, phase.text_name)
    facts = journey.phase_facts(content, phase.phase_id, product)
    if facts:
        with st.container(border=True):
            numbers_for = content.words("journey_numbers_for", product=name)
            st.markdown(f"**{numbers_for}**")
            st.markdown(ui.cited("\n".join(fact.markdown() for fact in facts), content))
            if product is None:
                st.markdown(content.words("journey_choose_product"))
    back, forward = st.columns(2)
    back.button(
        content.words("journey_previous"), key="journey__prev", icon=":material/arrow_back:",
        width="stretch",
        disabled=step == 0, on_click=go_to_step, args=(step - 1,),
    )
    forward.button(
        content.words("journey_next"), key="journey__next", icon=":material/arrow_forward:",
        width="stretch",
        disabled=step == len(steps) - 1, on_click=go_to_step, args=(step + 1,),
    )
    st.selectbox(
        content.words("journey_go_to_step"),
        options=range(len(steps)),
        format_func=lambda i: content.words("journey_step", n=i + 1, title=steps[i].title),
        key=state.K_JOURNEY_STEP,
    )




def timeline(content: Content, product: str | None, name: str) -> None:
    """The whole journey, day by day: a chart, its summary in words and a table."""
    st.header(content.words("journey_timeline_heading"))
    ui.render_text(content, "journey__timeline")
    spans = journey.timeline(content, product)
    st.plotly_chart(
        journey_chart.timeline_figure(content, spans, name),
        key="journey__chart",
        config={"displayModeBar": False},
        theme=None,
        width="stretch",
        alt=content.words("journey_timeline_alt", product=name),
    )
    st.markdown(journey.timeline_summary(content, spans, name))
    with st.expander(content.words("journey_timeline_table")):
        ui.render_records(journey.timeline_frame(spans), ["Step"])


@ui.fragment
def calendar(content: Content, product: str | None) -> None:
    """The personal dates and the calendar file: a date change reruns only this part."""
    st.header(content.words("journey_dates_heading"))
    ui.render_text(content, "journey__calendar")
    anchor = st.radio(
        content.words("journey_anchor_label"), options=list(schedule.ANCHORS),
        format_func=lambda anchor: content.words(schedule.ANCHORS[anchor]),
        key=state.K_JOURNEY_ANCHOR,
    )
    picked = None
    if anchor != "today":
        picked = st.date_input(
            content.words("journey_date_infusion" if anchor == "infusion"
                          else "journey_date_collection"),
            key=state.K_JOURNEY_DATE, format=schedule.DATE_INPUT_FORMAT,
            help=content.words("journey_date_help"),
        )
    today = dt.date.today()
    plan = schedule.make_plan(content, product, anchor, picked, today)
    if not plan.ok:
        (st.info if plan.problem == content.words(schedule.PICK_DATE) else st.warning)(
            plan.problem, icon=":material/event_busy:"
        )
    else:
        st.markdown("  \n".join(schedule.key_dates(content, plan)))
        st.table(schedule.plan_frame(plan, today), hide_index=True, border="horizontal")
        if plan.not_reported:
            st.markdown("\n".join(f"- {line}" for line in plan.not_reported))
        st.download_button(
            content.words("journey_download"),
            data=schedule.calendar_ics(content, plan, dt.datetime.now(dt.UTC), today),
            file_name=schedule.calendar_file_name(plan),
            mime="text/calendar",
            key="journey__download",
            icon=":material/calendar_month:",
            on_click="ignore",
        )
        ui.render_text(content, "journey__calendar_help")
        with st.expander(content.words("journey_calendar_contents")):
            st.markdown(schedule.calendar_list(content, plan, today))
        st.markdown(schedule.calendar_reminder(content))




def caregiver_part(content: Content, product: str | None, name: str) -> None:
    """What the caregiver will do, and for how long (the product's numbers)."""
    st.header(content.words("journey_caregiver_heading"))
    ui.render_text(content, "journey__caregiver")
    st.page_link(
        "pages/side_effects.py", label=content.words("journey_warning_signs"),
        icon=":material/monitor_heart:",
    )
    ui.caregiver_numbers(
        content, product,
        content.words("journey_caregiver_numbers", product=name),
        content.words("journey_choose_product_top"),
    )
