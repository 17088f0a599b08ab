"""The caregiver page's widgets: the rota form and list, the day-by-day view, the calendar
download, and the travel and lodging figures. Names and notes as typed are shown with st.text
or escaped Markdown, never interpreted. Pure sums live in components/rota.py,
components/stay_cost.py and components/caregiver.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from components import (
    caregiver,
    rota,
    schedule,
    state,
    stay_cost,
    summary_model,
    summary_screen,
    ui,
)
from components.content import Content

P = "caregiver__"  # this page's widget keys
MESSAGE = f"{P}rota_message"


def _records() -> list[dict[str, str]]:
    return list(state.get(state.K_ROTA) or [])


def _add(content: Content) -> None:
    """Add the form's line to the rota, or leave a plain message saying what to fix."""
    ss = st.session_state
    part = ss.get(f"{P}part")
    first, last = ss.get(f"{P}first"), ss.get(f"{P}last")
    if not isinstance(first, dt.date) or not isinstance(last, dt.date):
        ss[MESSAGE] = content.words("caregiver_give_days")
        return
    entry = rota.Entry(
        name=rota.clean_name(ss.get(f"{P}name")), first=first, last=last, part=str(part),
        start=ss.get(f"{P}start") if part == "times" else None,
        end=ss.get(f"{P}end") if part == "times" else None,
        note=str(ss.get(f"{P}note") or "").strip()[: rota.MAX_NOTE],
    )
    problem = rota.entry_problem(content, entry)
    records = _records()
    if problem is None and len(records) >= rota.MAX_ENTRIES:
        problem = content.words("caregiver_rota_full", n=rota.MAX_ENTRIES)
    if problem:
        ss[MESSAGE] = problem
        return
    state.put(state.K_ROTA, [*records, rota.to_record(entry)])
    ss[f"{P}name"] = ss[f"{P}note"] = ""  # ready for the next person
    ss[MESSAGE] = ""


def _remove(index: int) -> None:
    records = _records()
    if 0 <= index < len(records):
        state.put(state.K_ROTA, records[:index] + records[index + 1:])


def rota_form(content: Content, window: rota.Window | None) -> None:
    """The form for one line of the rota (a person and a stretch of days)."""
    first_default = window.first_day if window else dt.date.today()
    last_default = window.last_day if window else first_default
    with st.container(border=True, key=f"{P}form"):
        st.subheader(content.words("caregiver_add_someone"))
        st.text_input(content.words("caregiver_name"), key=f"{P}name", max_chars=rota.MAX_NAME,
                      help=content.words("caregiver_name_help"))
        st.radio(content.words("caregiver_when"), list(rota.PARTS),
                 format_func=lambda part: content.words(rota.PARTS[part]), key=f"{P}part")
        left, right = st.columns(2)
        if st.session_state.get(f"{P}dates_for") != (first_default, last_default):
            # A new window (a first visit, or the planned date changed): start from its days.
            st.session_state[f"{P}dates_for"] = (first_default, last_default)
            st.session_state[f"{P}first"] = first_default
            st.session_state[f"{P}last"] = last_default
        left.date_input(content.words("caregiver_first_day"), key=f"{P}first",
                        format=schedule.DATE_INPUT_FORMAT)
        right.date_input(content.words("caregiver_last_day"), key=f"{P}last",
                         format=schedule.DATE_INPUT_FORMAT)
        if st.session_state.get(f"{P}part") == "times":
            left, right = st.columns(2)
            left.time_input(content.words("caregiver_arrive"), value=dt.time(8), key=f"{P}start",
                            step=dt.timedelta(minutes=30), format="12h")
            right.time_input(content.words("caregiver_leave"), value=dt.time(20), key=f"{P}end",
                             step=dt.timedelta(minutes=30), format="12h",
                             help=content.words("caregiver_leave_help"))
        st.text_input(content.words("caregiver_note"), key=f"{P}note", max_chars=rota.MAX_NOTE)
        st.button(content.words("caregiver_add"), key=f"{P}add", on_click=_add, args=(content,),
                  icon=":material/add:")
        message = st.session_state.get(MESSAGE)
        if message:
            st.warning(message, icon=":material/info:")


def rota_list(content: Content, view: caregiver.RotaView) -> None:
    """The lines so far, as typed, each with its Remove button."""
    if view.left_out:
        st.warning(content.words("caregiver_left_out", n=view.left_out))
    if not view.entries:
        return
    st.subheader(content.words("caregiver_rota_so_far"))
    for i, line in enumerate(rota.shift_lines(content, view.entries)):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.text(f"{i + 1}. {line}")
        right.button(content.words("caregiver_remove", n=i + 1), key=f"{P}remove_{i}",
                     on_click=_remove, args=(i,))


def rota_result(content: Content, view: caregiver.RotaView) -> None:
    """The gaps in words, the day-by-day view and the calendar download."""
    w = caregiver.words(content)
    if view.window is None:
        st.info(w["no_window"], icon=":material/event_busy:")
        st.page_link("pages/journey.py", label=content.words("caregiver_pick_dates"),
                     icon=":material/route:")
        return
    st.markdown(summary_screen.escape_markdown_strict(caregiver.window_words(content,
                                                                             view.window)))
    ui.render_text(content, "caregiver__rota_window")
    st.subheader(content.words("caregiver_gaps_heading"))
    if not view.entries:
        st.warning(w["nobody"], icon=":material/group_off:")
    st.markdown(summary_screen.escape_markdown_strict(view.count))
    if view.gaps:
        st.text("\n".join(f"{i}. {g.words(content)}" for i, g in enumerate(view.gaps, start=1)))
    if view.outside:
        st.markdown(summary_screen.escape_markdown_strict(w["outside"]))
        st.text(", ".join(view.outside))
    with st.expander(content.words("caregiver_each_day"), expanded=True):
        columns, rows = rota.day_table(content, view.days)
        block = summary_model.Table(columns, rows)
        frame = summary_screen.table_frame(block, markdown=True)
        ui.render_records(frame, [frame.columns[0]])
    if view.entries:
        st.download_button(
            content.words("caregiver_download"),
            data=rota.calendar_ics(content, view.entries, dt.datetime.now(dt.UTC)),
            file_name=rota.calendar_file_name(view.window), mime="text/calendar",
            key=f"{P}download_rota", icon=":material/calendar_month:", on_click="ignore",
        )
        st.markdown(content.words("caregiver_download_help"))
        ui.render_text(content, "journey__calendar_help")


# -- Travel and lodging ----------------------------------------------------------------------
COST_FIELDS: tuple[tuple[str, str, str], ...] = (
    # (name, label, help): the label and help are wording ids (data/wording.csv); "" no help
    ("distance_miles", "cost_distance", "cost_distance_help"),
    ("travel_hours", "cost_hours", "cost_hours_help"),
    ("people", "cost_people", "cost_people_help"),
    ("lodging_low", "cost_lodging_low", "cost_lodging_help"),
    ("lodging_high", "cost_lodging_high", "cost_lodging_help"),
    ("daily_low", "cost_daily_low", ""),
    ("daily_high", "cost_daily_high", ""),
    ("trip_low", "cost_trip_low", "cost_trip_help"),
    ("trip_high", "cost_trip_high", "cost_trip_help"),
    ("trips", "cost_trips", "cost_trips_help"),
    ("extra_nights", "cost_extra_nights", "cost_extra_nights_help"),
)


COST_ROWS: tuple[tuple[str, ...], ...] = (
    ("distance_miles", "travel_hours"), ("people",), ("lodging_low", "lodging_high"),
    ("daily_low", "daily_high"), ("trip_low", "trip_high"), ("trips", "extra_nights"),
)


def _store_cost() -> None:
    """Copy the cost widgets into the saved figures (cleaned)."""
    raw: dict[str, Any] = {name: st.session_state.get(f"{P}cost_{name}")
                           for name, _, _ in COST_FIELDS}
    raw["mode"] = st.session_state.get(f"{P}cost_mode")
    state.put(state.K_STAY_COST, stay_cost.clean(raw))


def cost_inputs(content: Content) -> dict[str, Any]:
    """The figures form; returns the saved figures."""
    saved = stay_cost.clean(state.get(state.K_STAY_COST))
    for name, _, _ in COST_FIELDS:
        st.session_state.setdefault(f"{P}cost_{name}", saved.get(name))
    st.session_state.setdefault(f"{P}cost_mode", saved.get("mode"))
    with st.container(border=True, key=f"{P}cost_form"):
        st.subheader(content.words("caregiver_your_figures"))
        st.radio(content.words("caregiver_how_travel"), list(stay_cost.MODES),
                 format_func=stay_cost.MODES.get, key=f"{P}cost_mode", on_change=_store_cost)
        fields = {name: (content.words(label), content.words(help_id) if help_id else "")
                  for name, label, help_id in COST_FIELDS}
        for row in COST_ROWS:  # two to a row on a wide screen; one under the other on a phone
            for name, column in zip(row, st.columns(2), strict=False):
                with column:
                    _number(name, *fields[name])
    return stay_cost.clean(state.get(state.K_STAY_COST))


def _number(name: str, label: str, help_text: str) -> None:
    low, high, whole = stay_cost.NUMBERS[name]
    st.number_input(
        label, min_value=int(low) if whole else float(low),
        max_value=int(high) if whole else float(high),
        step=1 if whole else (0.5 if name == "travel_hours" else 1.0),
        format=None if whole else ("%.1f" if name == "travel_hours" else "%.0f"),
        key=f"{P}cost_{name}", on_change=_store_cost, help=help_text or None,
    )


def cost_result(content: Content, values: dict[str, Any], window: rota.Window | None) -> None:
    """The estimate as a table and a sentence, then its questions."""
    est = stay_cost.estimate(content, window, values)
    if est is None:
        st.info(caregiver.words(content)["no_window"], icon=":material/event_busy:")
    else:
        st.markdown(summary_screen.escape_markdown_strict(stay_cost.total_words(content, est)))
        if est.has_total:
            block = summary_model.Table(caregiver.cost_columns(content),
                                        stay_cost.line_rows(content, est))
            frame = summary_screen.table_frame(block, markdown=True)
            ui.render_records(frame, [frame.columns[0]])
    questions = content.words("caregiver_cost_questions")
    st.markdown(f"**{questions}**")
    st.markdown("\n".join(f"- {summary_screen.escape_markdown_strict(q)}"
                          for q in caregiver.cost_questions(content)))
