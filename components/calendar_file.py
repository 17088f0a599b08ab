"""The aid's calendar files (RFC 5545, built in memory with icalendar): the one place that
writes a calendar's header and an event's fields, for the treatment plan
(`schedule.calendar_ics`) and the caregiver rota (`rota.calendar_ics`). Pure (no Streamlit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event


def stamp(now: dt.datetime) -> dt.datetime:
    """`now` as every event's DTSTAMP (UTC, whole seconds); `now` must be timezone-aware."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(dt.UTC).replace(microsecond=0)


def event(
    uid: str, stamp: dt.datetime, start: dt.date | dt.datetime, end: dt.date | dt.datetime,
    title: str, description: str, *, busy: bool,
) -> Event:
    """One event. A title typed by a person is kept exactly as typed (icalendar escapes it).
    `busy` marks the time as taken (OPAQUE) or free (TRANSPARENT) in the calendar app."""
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", stamp)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("summary", title)
    item.add("description", description)
    item.add("transp", "OPAQUE" if busy else "TRANSPARENT")
    return item


def to_ics(prodid: str, name: str, events: Iterable[Event]) -> bytes:
    """A published calendar named `name` holding `events`, as the file's bytes."""
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for item in events:
        cal.add_component(item)
    return bytes(cal.to_ical())
