"""A personal plan from one date: the planned cell collection or infusion date (or today) turned
into the key dates of the weeks around the infusion, as a table, a list of words and a calendar
file (.ics, one event per day, with reminders). Pure: no Streamlit. The timings come from
`components.journey`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pandas as pd
from icalendar import Alarm

from components import calendar_file, dates
from components.content import Content
from components.journey import brand, timeline

# Plan anchors: which date the person gives us, and the words for it (data/wording.csv).
ANCHORS: dict[str, str] = {
    "infusion": "schedule_anchor_infusion",
    "collection": "schedule_anchor_collection",
    "today": "schedule_anchor_today",
}


MAX_DAYS_AHEAD = 365
PICK_DATE = "schedule_pick_date"  # the wording of the "no date yet" problem
PRODID = "-//CAR-T decision aid//Treatment journey plan//EN"
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "cart-decision-aid/journey")


def calendar_guide(content: Content) -> str:
    """The line every calendar event ends with."""
    return content.words("schedule_guide")


def calendar_reminder(content: Content) -> str:
    """Under the dates on the page: where they come from, and that they are a guide."""
    worked_out = content.words("schedule_worked_out")
    return f"{worked_out} {calendar_guide(content)}"


@dataclass(frozen=True)
class PlanRow:
    """One entry of the personal plan, with real dates (end inclusive)."""

    key: str
    label: str
    start: dt.date
    end: dt.date
    how: str
    note: str = ""
    source_ids: tuple[str, ...] = ()
    # How sure the dates are, for the code: planned, today (planned as if today), window,
    # at_least or about (`how` is the same in words).
    certainty: str = "about"


@dataclass(frozen=True)
class Plan:
    """The personal plan, or the reason there is none (`problem`)."""

    product_name: str
    anchor: str = "infusion"
    infusion: dt.date | None = None
    rows: tuple[PlanRow, ...] = ()
    not_reported: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.infusion is not None


def check_date(content: Content, picked: dt.date | None, today: dt.date) -> str | None:
    """A plain message when the date cannot be used, else None."""
    if picked is None:
        return content.words(PICK_DATE)
    if not isinstance(picked, dt.date) or isinstance(picked, dt.datetime):
        return content.words("schedule_not_a_date")
    if picked < today:
        return content.words("schedule_in_the_past", date=dates.long_date(picked))
    if (picked - today).days > MAX_DAYS_AHEAD:
        return content.words("schedule_too_far", date=dates.long_date(picked))
    return None


def make_plan(
    content: Content,
    product_id: str | None,
    anchor: str,
    picked: dt.date | None,
    today: dt.date,
) -> Plan:
    """Dates for each step, worked out from one planned date (or from today)."""
    name = brand(content, product_id)
    if anchor not in ANCHORS:
        return Plan(name, anchor, problem=content.words("schedule_choose_anchor"))
    spans = timeline(content, product_id)
    collection = next((s for s in spans if s.key == "collection"), None)
    if anchor != "infusion":
        if product_id is None:
            return Plan(name, anchor, problem=content.words("schedule_need_product"))
        if collection is None or collection.kind != "day" or collection.start is None:
            return Plan(name, anchor, problem=content.words("schedule_no_collection_time",
                                                            product=name))
    if anchor == "today":
        picked = today
    problem = check_date(content, picked, today)
    if problem:
        return Plan(name, anchor, problem=problem)
    assert picked is not None
    if collection is not None and collection.start is not None and anchor != "infusion":
        infusion = picked - dt.timedelta(days=collection.start)
    else:
        infusion = picked

    anchor_key = "infusion" if anchor == "infusion" else "collection"
    rows = []
    for s in spans:
        if not s.in_calendar or s.start is None or s.end is None:
            continue
        start = infusion + dt.timedelta(days=s.start)
        end = infusion + dt.timedelta(days=s.end)
        if s.key == anchor_key:
            certainty = "planned" if anchor != "today" else "today"
        elif s.kind == "window":
            certainty = "window"
        elif s.at_least:
            certainty = "at_least"
        else:
            certainty = "about"
        note = s.detail
        if end < today:
            done = content.words("schedule_done")
            note = f"{done} {note}"
        rows.append(PlanRow(s.key, s.label, start, end, content.words(HOW[certainty]), note,
                            s.source_ids, certainty))
    rows.sort(key=lambda r: (r.start, r.end))
    missing = tuple(s.when for s in spans if s.kind == "missing")
    return Plan(name, anchor, infusion, tuple(rows), missing)


# How sure a plan row's dates are, in words (data/wording.csv).
HOW: dict[str, str] = {
    "planned": "schedule_how_planned",
    "today": "schedule_how_today",
    "window": "schedule_how_window",
    "at_least": "schedule_how_at_least",
    "about": "schedule_how_about",
}


# How the date box shows and takes a date (st.date_input's format): the US order.
DATE_INPUT_FORMAT = "MM/DD/YYYY"
BEFORE_TODAY = "this date is before today"


def shown_date(day: dt.date, today: dt.date) -> str:
    """A date for the page, flagged when it lies before today."""
    return f"{dates.long_date(day)} ({BEFORE_TODAY})" if day < today else dates.long_date(day)


def date_range(start: dt.date, end: dt.date, today: dt.date) -> str:
    """One date, or "... to ...", each flagged when it lies before today."""
    if start == end:
        return shown_date(start, today)
    return f"{shown_date(start, today)} to {shown_date(end, today)}"


def plan_frame(plan: Plan, today: dt.date) -> pd.DataFrame:
    """The plan as a table for the page."""
    rows = [
        {"Step": r.label, "Dates": date_range(r.start, r.end, today), "How sure": r.how,
         "Good to know": _cited(r.note, r.source_ids)}
        for r in plan.rows
    ]
    return pd.DataFrame(rows, columns=["Step", "Dates", "How sure", "Good to know"])


def _cited(text: str, source_ids: tuple[str, ...]) -> str:
    return f"{text} (Source: {', '.join(source_ids)})" if source_ids else text


def key_dates(content: Content, plan: Plan) -> list[str]:
    """The dates people most need, as Markdown lines: infusion, stay nearby, driving."""
    lines = []
    by_key = {r.key: r for r in plan.rows}
    if plan.infusion is not None:
        how = content.words(HOW["planned" if plan.anchor == "infusion" else "about"])
        infusion = content.words("schedule_key_infusion", how=how)
        lines.append(f"**{infusion}:** {dates.long_date(plan.infusion)}")
    labels = {
        "stay_nearby": content.words("schedule_key_stay"),
        "no_driving": content.words("schedule_key_no_driving"),
        "caregiver": content.words("schedule_key_caregiver"),
    }
    for key, label in labels.items():
        row = by_key.get(key)
        if row is not None:
            lines.append(f"**{label}:** {dates.long_date(row.end)}")
            if key == "no_driving":
                drive = dates.long_date(row.end + dt.timedelta(days=1))
                again = content.words("schedule_key_drive_again")
                lines.append(f"**{again}:** {drive}")
        else:
            missing = content.words("schedule_key_not_reported", product=plan.product_name)
            lines.append(f"**{label}:** {missing}")
    return lines


def calendar_file_name(plan: Plan) -> str:
    """The download's file name, carrying the infusion date."""
    day = plan.infusion.isoformat() if plan.infusion else "undated"
    return f"car-t-plan-infusion-{day}.ics"


# Short plain names for the calendar, by plan row key: a day's own name, or the noun that
# follows "Start of" / "End of" for a period (wording ids, data/wording.csv).
CALENDAR_NAMES: dict[str, str] = {
    "collection": "schedule_name_collection",
    "infusion": "schedule_name_infusion",
    "second_infusion": "schedule_name_second_infusion",
    "manufacturing": "schedule_name_manufacturing",
    "lymphodepletion": "schedule_name_lymphodepletion",
    "daily_checks": "schedule_name_daily_checks",
    "monitoring": "schedule_name_monitoring",
    "caregiver": "schedule_name_caregiver",
    "stay_nearby": "schedule_name_stay_nearby",
    "no_driving": "schedule_name_no_driving",
}


# Days that get a reminder the day before, at 9 in the morning (15 hours before midnight).
REMIND_BEFORE = frozenset({"collection", "infusion", "second_infusion"})
REMINDER_TRIGGER = dt.timedelta(hours=-15)
DRIVE_AGAIN = "schedule_drive_again"  # the title of the drive-again day (data/wording.csv)


@dataclass(frozen=True)
class Marker:
    """One day of the calendar file: a short plain title, what it means, and whether a
    reminder comes the day before."""

    key: str
    day: dt.date
    title: str
    description: str
    remind: bool = False


def _where_from(content: Content, plan: Plan) -> str:
    if plan.anchor == "infusion":
        return content.words("schedule_from_infusion")
    if plan.anchor == "collection":
        return content.words("schedule_from_collection")
    return content.words("schedule_from_today")


def calendar_markers(content: Content, plan: Plan, today: dt.date) -> list[Marker]:
    """The plan as one-day markers, in date order, none before `today`.

    A step of one day is one marker. A period gets a marker for its first and its last day,
    except that periods starting on an infusion day are told in that day's marker. The end of
    the no-driving period becomes the day after it: the earliest day to drive again.
    """
    if not plan.ok:
        return []
    infusion_days = {r.start for r in plan.rows if r.key in ("infusion", "second_infusion")}

    def named(r: PlanRow, lower: bool = False) -> str:
        if r.key in CALENDAR_NAMES:
            return content.words(CALENDAR_NAMES[r.key])
        return r.label.lower() if lower else r.label

    starting: dict[dt.date, list[str]] = {}
    for r in plan.rows:
        if r.start != r.end and r.start in infusion_days:
            starting.setdefault(r.start, []).append(named(r, lower=True))
    where = _where_from(content, plan)
    about_day = content.words("schedule_about_this_day")
    markers: list[Marker] = []
    for r in plan.rows:
        name = named(r)
        about = "" if r.certainty == "planned" else f" {about_day}"
        detail = " ".join(part for part in (r.note, where) if part)
        if r.start == r.end:
            words = detail
            if r.start in starting:
                steps = content.words("schedule_from_this_day", steps=", ".join(starting[r.start]))
                words = f"{detail} {steps}"
            markers.append(Marker(r.key, r.start, f"{name}{about}", words.strip(),
                                  r.key in REMIND_BEFORE))
            continue
        if r.key == "no_driving":
            words = content.words("schedule_drive_again_words")
            markers.append(Marker("drive_again", r.end + dt.timedelta(days=1),
                                  content.words(DRIVE_AGAIN), f"{words} {detail}"))
            continue
        first = content.words("schedule_start_of", step=name)
        last = content.words("schedule_end_of", step=name)
        if r.certainty == "window":
            first_day = content.words("schedule_first_possible_day")
            last_day = content.words("schedule_last_possible_day")
            first, last = f"{first} {first_day}", f"{last} {last_day}"
        elif r.certainty == "at_least":
            earliest = content.words("schedule_at_the_earliest")
            last += f" {earliest}"
        else:
            first, last = first + about, last + about
        if r.start not in infusion_days:
            markers.append(Marker(f"{r.key}_start", r.start, first, detail))
        markers.append(Marker(f"{r.key}_end", r.end, last, detail))
    markers = [m for m in markers if m.day >= today]
    return sorted(markers, key=lambda m: m.day)


def calendar_list(content: Content, plan: Plan, today: dt.date) -> str:
    """What the calendar file holds, as a Markdown list, with a word on days left out."""
    reminder = content.words("schedule_list_reminder")
    lines = [
        f"- {dates.long_date(m.day)}: {m.title}" + (f" {reminder}" if m.remind else "")
        for m in calendar_markers(content, plan, today)
    ]
    if any(r.start < today for r in plan.rows):
        past = content.words("schedule_list_past")
        lines.append(f"\n{past}")
    return "\n".join(lines)


def _uid(plan: Plan, marker: Marker) -> str:
    infusion = plan.infusion.isoformat() if plan.infusion else ""
    return str(uuid.uuid5(UID_NAMESPACE, f"{plan.product_name}|{infusion}|{marker.key}"))


def calendar_ics(content: Content, plan: Plan, now: dt.datetime, today: dt.date) -> bytes:
    """The plan as an RFC 5545 calendar of one-day events (calendar_markers), built in memory.

    Days before `today` are left out. The collection and infusion days carry a reminder at
    9 in the morning the day before. `now` (timezone-aware) becomes each event's DTSTAMP. UIDs
    are stable for the same product, infusion date and marker, so importing a second time
    updates instead of duplicating in most calendar apps.
    """
    if not plan.ok:
        raise ValueError("there is no plan to put in a calendar")
    stamp = calendar_file.stamp(now)
    guide = calendar_guide(content)
    events = []
    for marker in calendar_markers(content, plan, today):
        event = calendar_file.event(
            _uid(plan, marker), stamp, marker.day,
            marker.day + dt.timedelta(days=1),  # all-day DTEND is exclusive
            marker.title, f"{marker.description} {guide}".strip(), busy=False)
        if marker.remind:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", REMINDER_TRIGGER)
            alarm.add("description", content.words("schedule_tomorrow", title=marker.title))
            event.add_component(alarm)
        events.append(event)
    return calendar_file.to_ics(
        PRODID, content.words("schedule_calendar_title", product=plan.product_name), events)
