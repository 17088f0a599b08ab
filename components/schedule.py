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

# Plan anchors: which date the person gives us.
ANCHORS: dict[str, str] = {
    "infusion": "I have a planned infusion date",
    "collection": "I have a planned cell collection date",
    "today": "I have no date yet: estimate from today",
}


MAX_DAYS_AHEAD = 365
PICK_DATE = "Pick a date to see your plan."
PRODID = "-//CAR-T decision aid//Treatment journey plan//EN"
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "cart-decision-aid/journey")
CALENDAR_GUIDE = "It is a guide only: your treatment centre sets the real dates."
CALENDAR_REMINDER = (
    f"Worked out by the CAR-T decision aid from the date you entered. {CALENDAR_GUIDE}"
)


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


def check_date(picked: dt.date | None, today: dt.date) -> str | None:
    """A plain message when the date cannot be used, else None."""
    if picked is None:
        return PICK_DATE
    if not isinstance(picked, dt.date) or isinstance(picked, dt.datetime):
        return "That is not a date we can use. Please pick a day in the calendar."
    if picked < today:
        return (
            f"{dates.long_date(picked)} is in the past. Please pick today or a later date. "
            "If your treatment has already started, ask your centre for your dates."
        )
    if (picked - today).days > MAX_DAYS_AHEAD:
        return (
            f"{dates.long_date(picked)} is more than a year away. Plans that far ahead usually "
            "change, so we do not make a calendar for it. Please pick a date within the "
            "next 12 months."
        )
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
        return Plan(name, anchor, problem="Please choose which date you have.")
    spans = timeline(content, product_id)
    collection = next((s for s in spans if s.key == "collection"), None)
    if anchor != "infusion":
        if product_id is None:
            return Plan(name, anchor, problem=(
                "To work out the infusion date from a collection date, choose your CAR-T "
                "product above. Or pick your planned infusion date instead."
            ))
        if collection is None or collection.kind != "day" or collection.start is None:
            return Plan(name, anchor, problem=(
                f"For {name}, we found no usual time from cell collection to infusion, so "
                "we cannot work out your infusion date. Please pick your planned infusion "
                "date instead, or ask your centre."
            ))
    if anchor == "today":
        picked = today
    problem = check_date(picked, today)
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
            how = "planned" if anchor != "today" else "about (if collection were today)"
        elif s.kind == "window":
            how = "on some days in this window"
        elif s.at_least:
            how = "at least; your centre may ask for longer"
        else:
            how = "about"
        note = s.detail
        if end < today:
            note = f"Before today, so probably done already. {note}"
        rows.append(PlanRow(s.key, s.label, start, end, how, note, s.source_ids))
    rows.sort(key=lambda r: (r.start, r.end))
    missing = tuple(s.when for s in spans if s.kind == "missing")
    return Plan(name, anchor, infusion, tuple(rows), missing)


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


def key_dates(plan: Plan) -> list[str]:
    """The dates people most need, as Markdown lines: infusion, stay nearby, driving."""
    lines = []
    by_key = {r.key: r for r in plan.rows}
    if plan.infusion is not None:
        how = "planned" if plan.anchor == "infusion" else "about"
        lines.append(f"**Infusion (day 0), {how}:** {dates.long_date(plan.infusion)}")
    labels = {
        "stay_nearby": "Stay near your treatment centre until at least",
        "no_driving": "Do not drive until at least",
        "caregiver": "Caregiver with you day and night until at least",
    }
    for key, label in labels.items():
        row = by_key.get(key)
        if row is not None:
            lines.append(f"**{label}:** {dates.long_date(row.end)}")
            if key == "no_driving":
                drive = dates.long_date(row.end + dt.timedelta(days=1))
                lines.append(f"**You may drive again, at the earliest (ask your care team):** "
                             f"{drive}")
        else:
            lines.append(f"**{label}:** not reported for {plan.product_name}. Ask your centre.")
    return lines


def calendar_file_name(plan: Plan) -> str:
    """The download's file name, carrying the infusion date."""
    day = plan.infusion.isoformat() if plan.infusion else "undated"
    return f"car-t-plan-infusion-{day}.ics"


# Short plain names for the calendar, by plan row key: a day's own name, or the noun that
# follows "Start of" / "End of" for a period.
CALENDAR_NAMES: dict[str, str] = {
    "collection": "Cell collection",
    "infusion": "CAR-T infusion",
    "second_infusion": "CAR-T infusion, second part",
    "manufacturing": "making your cells",
    "lymphodepletion": "chemotherapy before CAR-T",
    "daily_checks": "daily checks",
    "monitoring": "close checks",
    "caregiver": "caregiver help day and night",
    "stay_nearby": "the stay near the centre",
    "no_driving": "no driving",
}


# Days that get a reminder the day before, at 9 in the morning (15 hours before midnight).
REMIND_BEFORE = frozenset({"collection", "infusion", "second_infusion"})
REMINDER_TRIGGER = dt.timedelta(hours=-15)
DRIVE_AGAIN = "You may drive again (at the earliest)"
DRIVE_AGAIN_WORDS = (
    "This is the earliest day you may drive again. Ask your care team before you drive: "
    "they may ask you to wait longer."
)


@dataclass(frozen=True)
class Marker:
    """One day of the calendar file: a short plain title, what it means, and whether a
    reminder comes the day before."""

    key: str
    day: dt.date
    title: str
    description: str
    remind: bool = False


def _where_from(plan: Plan) -> str:
    given = {"infusion": "planned infusion date", "collection": "planned cell collection date"}
    if plan.anchor in given:
        return f"Worked out from your {given[plan.anchor]}."
    return "Worked out as if your cells were collected today."


def calendar_markers(plan: Plan, today: dt.date) -> list[Marker]:
    """The plan as one-day markers, in date order, none before `today`.

    A step of one day is one marker. A period gets a marker for its first and its last day,
    except that periods starting on an infusion day are told in that day's marker. The end of
    the no-driving period becomes the day after it: the earliest day to drive again.
    """
    if not plan.ok:
        return []
    infusion_days = {r.start for r in plan.rows if r.key in ("infusion", "second_infusion")}
    starting: dict[dt.date, list[str]] = {}
    for r in plan.rows:
        if r.start != r.end and r.start in infusion_days:
            starting.setdefault(r.start, []).append(CALENDAR_NAMES.get(r.key, r.label.lower()))
    where = _where_from(plan)
    markers: list[Marker] = []
    for r in plan.rows:
        name = CALENDAR_NAMES.get(r.key, r.label)
        about = "" if r.how == "planned" else " (about this day)"
        detail = " ".join(part for part in (r.note, where) if part)
        if r.start == r.end:
            words = detail
            if r.start in starting:
                words = f"{detail} From this day: {', '.join(starting[r.start])}."
            markers.append(Marker(r.key, r.start, f"{name}{about}", words.strip(),
                                  r.key in REMIND_BEFORE))
            continue
        if r.key == "no_driving":
            markers.append(Marker("drive_again", r.end + dt.timedelta(days=1), DRIVE_AGAIN,
                                  f"{DRIVE_AGAIN_WORDS} {detail}"))
            continue
        first, last = f"Start of {name}", f"End of {name}"
        if r.how.startswith("on some days"):
            first, last = f"{first} (first possible day)", f"{last} (last possible day)"
        elif r.how.startswith("at least"):
            last += " (at the earliest)"
        else:
            first, last = first + about, last + about
        if r.start not in infusion_days:
            markers.append(Marker(f"{r.key}_start", r.start, first, detail))
        markers.append(Marker(f"{r.key}_end", r.end, last, detail))
    markers = [m for m in markers if m.day >= today]
    return sorted(markers, key=lambda m: m.day)


def calendar_list(plan: Plan, today: dt.date) -> str:
    """What the calendar file holds, as a Markdown list, with a word on days left out."""
    lines = [
        f"- {dates.long_date(m.day)}: {m.title}"
        + (" (with a reminder the day before)" if m.remind else "")
        for m in calendar_markers(plan, today)
    ]
    if any(r.start < today for r in plan.rows):
        lines.append("\nDays before today are not in the file.")
    return "\n".join(lines)


def _uid(plan: Plan, marker: Marker) -> str:
    infusion = plan.infusion.isoformat() if plan.infusion else ""
    return str(uuid.uuid5(UID_NAMESPACE, f"{plan.product_name}|{infusion}|{marker.key}"))


def calendar_ics(plan: Plan, now: dt.datetime, today: dt.date) -> bytes:
    """The plan as an RFC 5545 calendar of one-day events (calendar_markers), built in memory.

    Days before `today` are left out. The collection and infusion days carry a reminder at
    9 in the morning the day before. `now` (timezone-aware) becomes each event's DTSTAMP. UIDs
    are stable for the same product, infusion date and marker, so importing a second time
    updates instead of duplicating in most calendar apps.
    """
    if not plan.ok:
        raise ValueError("there is no plan to put in a calendar")
    stamp = calendar_file.stamp(now)
    events = []
    for marker in calendar_markers(plan, today):
        event = calendar_file.event(
            _uid(plan, marker), stamp, marker.day,
            marker.day + dt.timedelta(days=1),  # all-day DTEND is exclusive
            marker.title, f"{marker.description} {CALENDAR_GUIDE}".strip(), busy=False)
        if marker.remind:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", REMINDER_TRIGGER)
            alarm.add("description", f"Tomorrow: {marker.title}")
            event.add_component(alarm)
        events.append(event)
    return calendar_file.to_ics(PRODID, f"CAR-T plan ({plan.product_name})", events)
