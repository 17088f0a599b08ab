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
        "Which CAR-T product? (optional)",
        options=offered,
        format_func=lambda p: studies.product_option_label(content, diagnosis, p, age),
        index=None,
        key=state.K_PRODUCT,
        placeholder="No product chosen: show the general picture",
        help="Times differ between products. Your care team can tell you which one you may get.",
    )
    if diagnosis:
        disease_name = studies.diagnosis_labels(content)[diagnosis]
        st.markdown(f"Showing the products approved for {disease_name}. "
                    "You can change the cancer on the page \"Is it for me?\".")
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
    st.header("What happens at each step?")
    phase = steps[step]
    with st.container(key="journey__step_top"):
        st.progress((step + 1) / len(steps), text=f"Step {step + 1} of {len(steps)}: {phase.title}")
        st.subheader(phase.question)
        ui.bring_into_view("journey__step_top", st.session_state.get("journey__moves", 0))
    ui.render_text(content, phase.text_name)
    facts = journey.phase_facts(content, phase.phase_id, product)
    if facts:
        with st.container(border=True):
            st.markdown(f"**The numbers we found for {name}**")
            st.markdown(ui.cited("\n".join(fact.markdown() for fact in facts), content))
            if product is None:
                st.markdown("Choose a product above to see its own numbers.")
    back, forward = st.columns(2)
    back.button(
        "Previous step", key="journey__prev", icon=":material/arrow_back:", width="stretch",
        disabled=step == 0, on_click=go_to_step, args=(step - 1,),
    )
    forward.button(
        "Next step", key="journey__next", icon=":material/arrow_forward:", width="stretch",
        disabled=step == len(steps) - 1, on_click=go_to_step, args=(step + 1,),
    )
    st.selectbox(
        "Or go straight to a step",
        options=range(len(steps)),
        format_func=lambda i: f"Step {i + 1}: {steps[i].title}",
        key=state.K_JOURNEY_STEP,
    )




def timeline(content: Content, product: str | None, name: str) -> None:
    """The whole journey, day by day: a chart, its summary in words and a table."""
    st.header("How does the whole journey look, day by day?")
    ui.render_text(content, "journey__timeline")
    spans = journey.timeline(content, product)
    st.plotly_chart(
        journey_chart.timeline_figure(spans, name),
        key="journey__chart",
        config={"displayModeBar": False},
        theme=None,
        width="stretch",
        alt=f"Timeline of the CAR-T journey for {name}, in days from the infusion. "
        "The same facts are in the text and the table below the chart.",
    )
    st.markdown(journey.timeline_summary(spans, name))
    with st.expander("Show the timeline as a table"):
        ui.render_records(journey.timeline_frame(spans), ["Step"])


@ui.fragment
def calendar(content: Content, product: str | None) -> None:
    """The personal dates and the calendar file: a date change reruns only this part."""
    st.header("Which dates should I plan around?")
    ui.render_text(content, "journey__calendar")
    anchor = st.radio(
        "Which date do you have?", options=list(schedule.ANCHORS), format_func=schedule.ANCHORS.get,
        key=state.K_JOURNEY_ANCHOR,
    )
    picked = None
    if anchor != "today":
        picked = st.date_input(
            f"Your planned {'infusion' if anchor == 'infusion' else 'cell collection'} date",
            key=state.K_JOURNEY_DATE, format=schedule.DATE_INPUT_FORMAT,
            help="Type the month, day and year (for example 03/01/2027), then click or tap "
            "outside the box. Or pick a day in the calendar.",
        )
    today = dt.date.today()
    plan = schedule.make_plan(content, product, anchor, picked, today)
    if not plan.ok:
        (st.info if plan.problem == schedule.PICK_DATE else st.warning)(
            plan.problem, icon=":material/event_busy:"
        )
    else:
        st.markdown("  \n".join(schedule.key_dates(plan)))
        st.table(schedule.plan_frame(plan, today), hide_index=True, border="horizontal")
        if plan.not_reported:
            st.markdown("\n".join(f"- {line}" for line in plan.not_reported))
        st.download_button(
            "Download these dates for your calendar (.ics)",
            data=schedule.calendar_ics(plan, dt.datetime.now(dt.UTC), today),
            file_name=schedule.calendar_file_name(plan),
            mime="text/calendar",
            key="journey__download",
            icon=":material/calendar_month:",
            on_click="ignore",
        )
        ui.render_text(content, "journey__calendar_help")
        with st.expander("What is in the calendar file?"):
            st.markdown(schedule.calendar_list(plan, today))
        st.markdown(schedule.CALENDAR_REMINDER)




def caregiver_part(content: Content, product: str | None, name: str) -> None:
    """What the caregiver will do, and for how long (the product's numbers)."""
    st.header("What will my caregiver have to do?")
    ui.render_text(content, "journey__caregiver")
    st.page_link(
        "pages/side_effects.py", label="Warning signs: what to do",
        icon=":material/monitor_heart:",
    )
    ui.caregiver_numbers(
        content, product,
        f"How long your caregiver is needed: the numbers we found for {name}",
        "Choose a product at the top of the page to see its own numbers.",
    )
