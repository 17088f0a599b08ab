"""The caregiver rota: who is with the person, day and night, in the weeks after the infusion,
and every gap in round-the-clock cover. Pure (no Streamlit).

The person lists stretches of days (`Entry`): a name as typed, the first and last day, and which
part of each day (days, nights, whole days or set times), or days in hospital. Each becomes one
or more `Shift`s: continuous intervals in local wall time (the person's own dates and clock).

The window comes from the personal plan (components/schedule.make_plan): from 8 am on the first
day of the caregiver and stay-near periods to 8 am on the morning after their last day, so the
day-by-day view is one row per day, each with its day (8 am to 8 pm) and its night (8 pm to
8 am). A gap is any time in the window when nobody is there. The aid never says a plan is
enough; it lists the gaps, calls out nights and weekends, and turns each gap into a question or
a task (words in data/wording.csv).

Times are wall-clock times, as people say them ("8 pm"), so a night shift across a daylight-
saving change still ends at 8 am; `hours` counts the real hours when a time zone is known.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from components import calendar_file, dates, schedule
from components.content import Content

DAY_START = dt.time(8)  # the day part of a day: 8 am to 8 pm
NIGHT_START = dt.time(20)  # the night part: 8 pm to 8 am the next morning
# Which part of each day a stretch covers, as the form offers it (words in data/wording.csv).
PARTS: dict[str, str] = {
    "whole": "rota_part_whole",
    "day": "rota_part_day",
    "night": "rota_part_night",
    "times": "rota_part_times",
    "hospital": "rota_part_hospital",
}
HOSPITAL_NAME = "In hospital"
# The periods of the plan that need someone there, day and night (journey.AFTER_INFUSION keys).
WINDOW_KEYS = ("caregiver", "stay_nearby")
MAX_ENTRIES = 60
MAX_NAME = 80
MAX_NOTE = 300
MAX_DAYS = 120  # one stretch; longer ones are surely a typo
PRODID = "-//CAR-T decision aid//Caregiver rota//EN"
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "cart-decision-aid/rota")


@dataclass(frozen=True)
class Entry:
    """One stretch the person listed: who, which days, which part of each day."""

    name: str
    first: dt.date
    last: dt.date
    part: str
    start: dt.time | None = None  # for "times" only
    end: dt.time | None = None  # for "times" only; at or before `start`: the next day
    note: str = ""

    @property
    def who(self) -> str:
        return HOSPITAL_NAME if self.part == "hospital" else self.name


@dataclass(frozen=True)
class Shift:
    """One continuous time with someone there, in local wall time (end not included)."""

    name: str
    start: dt.datetime
    end: dt.datetime
    part: str
    note: str = ""


@dataclass(frozen=True)
class Window:
    """The time someone must be there: from `start` (8 am on the first day) to `end`
    (8 am on the morning after the last day)."""

    first_day: dt.date
    last_day: dt.date
    source_ids: tuple[str, ...] = ()

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.first_day, DAY_START)

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.last_day + dt.timedelta(days=1), DAY_START)

    @property
    def days(self) -> list[dt.date]:
        n = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=i) for i in range(n)]

    @property
    def nights(self) -> int:
        """Nights in the window: one for each day, from the infusion day to the last day."""
        return len(self.days)


@dataclass(frozen=True)
class Gap:
    """A time in the window when nobody is there."""

    start: dt.datetime
    end: dt.datetime

    @property
    def at_night(self) -> bool:
        """Any of it falls between 8 pm and 8 am."""
        return _overlaps_any(self.start, self.end, _night_parts(self.start, self.end))

    @property
    def on_weekend(self) -> bool:
        """Any of it falls on a Saturday or a Sunday."""
        day = self.start.date()
        while dt.datetime.combine(day, dt.time()) < self.end:
            if day.weekday() >= 5:
                return True
            day += dt.timedelta(days=1)
        return False


# --------------------------------------------------------------------------------------------
# Entries, as kept in session state and in the answers file (JSON values only)
# --------------------------------------------------------------------------------------------
def clean_name(text: Any) -> str:
    """A name as typed, with surrounding spaces and line breaks removed; nothing else changes."""
    return " ".join(str(text or "").split())[:MAX_NAME]


def _problem(entry: Entry) -> str | None:
    """The wording id of what is wrong with an entry, else None."""
    if entry.part not in PARTS:
        return "rota_choose_part"
    if entry.part != "hospital" and not entry.name:
        return "rota_type_name"
    if entry.last < entry.first:
        return "rota_last_before_first"
    if (entry.last - entry.first).days + 1 > MAX_DAYS:
        return "rota_too_long"
    if entry.part == "times" and (entry.start is None or entry.end is None):
        return "rota_give_times"
    return None


def entry_problem(content: Content, entry: Entry) -> str | None:
    """A plain sentence when an entry cannot be used, else None."""
    problem = _problem(entry)
    return None if problem is None else content.words(problem, days=MAX_DAYS)


def to_record(entry: Entry) -> dict[str, str]:
    """An entry as JSON values: dates as 2027-01-05, times as 20:00."""
    record = {"name": entry.name, "first": entry.first.isoformat(),
              "last": entry.last.isoformat(), "part": entry.part}
    if entry.part == "times" and entry.start is not None and entry.end is not None:
        record["start"], record["end"] = entry.start.strftime("%H:%M"), entry.end.strftime("%H:%M")
    if entry.note:
        record["note"] = entry.note
    return record


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if 2000 <= day.year <= 2100 else None


def _time(value: Any) -> dt.time | None:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if not isinstance(value, str) or len(value) != 5:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        return None


def from_record(record: Any) -> Entry | None:
    """An entry from its JSON values, or None when anything in it is unusable."""
    if not isinstance(record, Mapping):
        return None
    name, note = record.get("name", ""), record.get("note", "")
    if not isinstance(name, str) or not isinstance(note, str) or len(name) > MAX_NAME:
        return None
    first, last = _date(record.get("first")), _date(record.get("last"))
    part = record.get("part")
    if first is None or last is None or not isinstance(part, str):
        return None
    start = end = None
    if part == "times":
        start, end = _time(record.get("start")), _time(record.get("end"))
    entry = Entry(clean_name(name), first, last, part, start, end, note[:MAX_NOTE])
    return None if _problem(entry) else entry


def read_records(raw: Any) -> tuple[list[Entry], int]:
    """Entries from a list of records; also how many were left out as unusable."""
    if not isinstance(raw, list):
        return [], 0 if raw in (None, []) else 1
    entries = [e for e in (from_record(r) for r in raw[:MAX_ENTRIES]) if e is not None]
    return entries, len(raw) - len(entries)


# --------------------------------------------------------------------------------------------
# Shifts, the window and the gaps
# --------------------------------------------------------------------------------------------
def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time)


def shifts(entry: Entry) -> list[Shift]:
    """The continuous times one entry stands for. Whole days and hospital days are one shift
    from midnight on the first day to midnight after the last; days, nights and set times are
    one shift per day. A set time that ends at or before it starts ends the next day (so
    midnight to midnight is a whole day)."""
    who = entry.who
    if entry.part in ("whole", "hospital"):
        return [Shift(who, _at(entry.first, dt.time()),
                      _at(entry.last + dt.timedelta(days=1), dt.time()), entry.part, entry.note)]
    out = []
    day = entry.first
    while day <= entry.last:
        if entry.part == "day":
            start, end = _at(day, DAY_START), _at(day, NIGHT_START)
        elif entry.part == "night":
            start, end = _at(day, NIGHT_START), _at(day + dt.timedelta(days=1), DAY_START)
        else:
            assert entry.start is not None and entry.end is not None
            start, end = _at(day, entry.start), _at(day, entry.end)
            if end <= start:
                end += dt.timedelta(days=1)
        out.append(Shift(who, start, end, entry.part, entry.note))
        day += dt.timedelta(days=1)
    return out


def all_shifts(entries: Iterable[Entry]) -> list[Shift]:
    """Every shift of every entry, in time order (then by name)."""
    return sorted((s for e in entries for s in shifts(e)), key=lambda s: (s.start, s.end, s.name))


def window_from_plan(plan: schedule.Plan) -> Window | None:
    """The days someone must be there, from the personal plan: the caregiver and stay-near
    periods together (None when there is no planned date, only an estimate from today, or
    neither period is known)."""
    if not plan.ok or plan.anchor == "today":
        return None
    rows = [r for r in plan.rows if r.key in WINDOW_KEYS]
    if not rows:
        return None
    sources = tuple(dict.fromkeys(s for r in rows for s in r.source_ids))
    return Window(min(r.start for r in rows), max(r.end for r in rows), sources)


def merged(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime,
                                                                               dt.datetime]]:
    """Overlapping or touching intervals joined into one."""
    out: list[list[dt.datetime]] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def uncovered(start: dt.datetime, end: dt.datetime,
              covered: Sequence[tuple[dt.datetime, dt.datetime]]) -> list[tuple[dt.datetime,
                                                                               dt.datetime]]:
    """The parts of [start, end) that no interval in `covered` (merged, in order) covers."""
    out, at = [], start
    for a, b in covered:
        if b <= at or a >= end:
            continue
        if a > at:
            out.append((at, min(a, end)))
        at = max(at, b)
        if at >= end:
            break
    if at < end:
        out.append((at, end))
    return out


def gaps(window: Window, entries: Iterable[Entry]) -> list[Gap]:
    """Every time in the window when nobody is there, in order."""
    cover = merged((s.start, s.end) for s in all_shifts(entries))
    return [Gap(a, b) for a, b in uncovered(window.start, window.end, cover)]


def _night_parts(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """The nights (8 pm to 8 am) that touch [start, end)."""
    day = start.date() - dt.timedelta(days=1)
    out = []
    while _at(day, NIGHT_START) < end:
        out.append((_at(day, NIGHT_START), _at(day + dt.timedelta(days=1), DAY_START)))
        day += dt.timedelta(days=1)
    return out


def _overlaps_any(start: dt.datetime, end: dt.datetime,
                  parts: Iterable[tuple[dt.datetime, dt.datetime]]) -> bool:
    return any(a < end and start < b for a, b in parts)


def hours(start: dt.datetime, end: dt.datetime, zone: str | None = None) -> float:
    """How long from start to end, in hours. With a time zone (e.g. "America/New_York") the
    real hours: a night across the spring daylight-saving change is one hour shorter.
    Without one (or an unknown one), the clock hours."""
    tz = _zone(zone)
    if tz is None:
        return (end - start).total_seconds() / 3600
    a = start.replace(tzinfo=tz).astimezone(dt.UTC)
    b = end.replace(tzinfo=tz).astimezone(dt.UTC)
    return (b - a).total_seconds() / 3600


def _zone(zone: str | None) -> ZoneInfo | None:
    if not zone:
        return None
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# Words: times, the day-by-day view, the gaps
# --------------------------------------------------------------------------------------------
def clock(time: dt.datetime | dt.time) -> str:
    """ "8 am", "8:30 pm", "midnight", "noon" (US wording)."""
    t = time.time() if isinstance(time, dt.datetime) else time
    if t.hour == 0 and t.minute == 0:
        return "midnight"
    if t.hour == 12 and t.minute == 0:
        return "noon"
    hour = t.hour % 12 or 12
    minutes = f":{t.minute:02d}" if t.minute else ""
    return f"{hour}{minutes} {'am' if t.hour < 12 else 'pm'}"


def moment(when: dt.datetime) -> str:
    """ "Tuesday, January 5, 2027, 8 pm"."""
    return f"{dates.long_date(when.date())}, {clock(when)}"


def span_words(start: dt.datetime, end: dt.datetime) -> str:
    """ "Tuesday, January 5, 2027, 8 pm to Wednesday, January 6, 2027, 8 am", or the same day
    once: "Tuesday, January 5, 2027, 2 pm to 8 pm"."""
    if start.date() == end.date():
        return f"{moment(start)} to {clock(end)}"
    if end.time() == dt.time() and end.date() - start.date() == dt.timedelta(days=1):
        return f"{moment(start)} to midnight"
    return f"{moment(start)} to {moment(end)}"


def hours_words(value: float) -> str:
    whole = round(value, 1)
    number = f"{whole:g}"
    return f"{number} hour" if whole == 1 else f"{number} hours"


@dataclass(frozen=True)
class Part:
    """Who is there in one part (day or night) of one day, and the times nobody is."""

    names: tuple[str, ...]
    missing: tuple[tuple[dt.datetime, dt.datetime], ...]

    def words(self, content: Content) -> str:
        if not self.names:
            return content.words("rota_nobody")
        who = ", ".join(self.names)
        if not self.missing:
            return who
        times = "; ".join(f"{clock(a)} to {clock(b)}" for a, b in self.missing)
        return content.words("rota_nobody_from", who=who, times=times)


@dataclass(frozen=True)
class DayRow:
    day: dt.date
    day_part: Part
    night_part: Part

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5


def _part(start: dt.datetime, end: dt.datetime, shift_list: Sequence[Shift],
          cover: Sequence[tuple[dt.datetime, dt.datetime]]) -> Part:
    names = tuple(dict.fromkeys(s.name for s in shift_list if s.start < end and start < s.end))
    return Part(names, tuple(uncovered(start, end, cover)))


def day_rows(window: Window, entries: Iterable[Entry]) -> list[DayRow]:
    """One row per day of the window: who is there by day and by night, and when nobody is."""
    shift_list = all_shifts(entries)
    cover = merged((s.start, s.end) for s in shift_list)
    rows = []
    for day in window.days:
        morning, evening = _at(day, DAY_START), _at(day, NIGHT_START)
        next_morning = _at(day + dt.timedelta(days=1), DAY_START)
        rows.append(DayRow(day, _part(morning, evening, shift_list, cover),
                           _part(evening, next_morning, shift_list, cover)))
    return rows


DATE_COLUMN = "Date"


def day_table(content: Content, rows: Sequence[DayRow]
              ) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The day-by-day view as text: (columns, rows). Weekends are named in the date cell."""
    weekend = content.words("rota_weekend")
    body = tuple(
        (dates.long_date(r.day) + (f" {weekend}" if r.weekend else ""),
         r.day_part.words(content), r.night_part.words(content))
        for r in rows
    )
    columns = (DATE_COLUMN, content.words("rota_day_column"), content.words("rota_night_column"))
    return columns, body


@dataclass(frozen=True)
class GapLine:
    """A gap in words, with what it asks of the family."""

    when: str
    hours: float
    at_night: bool
    on_weekend: bool
    ask: str

    def words(self, content: Content) -> str:
        flags = [content.words(w) for w, on in (("rota_at_night", self.at_night),
                                                ("rota_on_a_weekend", self.on_weekend)) if on]
        extra = f", {' and '.join(flags)}" if flags else ""
        return f"{self.when} ({hours_words(self.hours)}{extra}). {self.ask}"


def gap_lines(found: Sequence[Gap], words: Mapping[str, str], zone: str | None = None
              ) -> list[GapLine]:
    """Each gap in words, turned into a task or a question (words from wording.csv:
    gap_night, gap_weekend, gap_day; each may use {when})."""
    out = []
    for gap in found:
        when = span_words(gap.start, gap.end)
        key = "gap_night" if gap.at_night else "gap_weekend" if gap.on_weekend else "gap_day"
        out.append(GapLine(when, hours(gap.start, gap.end, zone), gap.at_night, gap.on_weekend,
                           words[key].format(when=when)))
    return out


def count_words(content: Content, found: Sequence[Gap], window: Window,
                zone: str | None = None) -> str:
    """One plain sentence: how many gaps, how many at night and on weekends, how many hours."""
    start, end = moment(window.start), moment(window.end)
    if not found:
        return content.words("rota_no_gaps", start=start, end=end)
    nights = sum(g.at_night for g in found)
    weekends = sum(g.on_weekend for g in found)
    total = hours_words(sum(hours(g.start, g.end, zone) for g in found))
    n = len(found)
    count = content.words("rota_gap_count_one" if n == 1 else "rota_gap_count",
                          start=start, end=end, n=n, hours=total)
    when = content.words("rota_gap_nights_one" if nights == 1 else "rota_gap_nights",
                         nights=nights, weekends=weekends)
    return f"{count} {when}"


def shift_lines(content: Content, entries: Sequence[Entry]) -> list[str]:
    """Each entry in words, as typed: "Ann: Days (8 am to 8 pm), Tuesday, ... to ..."."""
    out = []
    for e in entries:
        if e.part == "times" and e.start is not None and e.end is not None:
            part = content.words("rota_each_day", start=clock(e.start), end=clock(e.end))
        else:
            part = content.words(PARTS[e.part])
        days = schedule.date_range(e.first, e.last, dt.date.min)
        line = f"{e.who}: {part}, {days}"
        if e.note:
            line += ". " + content.words("rota_note", note=e.note)
        out.append(line)
    return out


def outside_window(entries: Sequence[Entry], window: Window) -> list[str]:
    """Names (as typed) whose every shift lies outside the window: maybe old dates."""
    out = []
    for e in entries:
        if all(s.end <= window.start or s.start >= window.end for s in shifts(e)):
            out.append(e.who)
    return list(dict.fromkeys(out))


# --------------------------------------------------------------------------------------------
# The calendar file
# --------------------------------------------------------------------------------------------
def calendar_file_name(window: Window | None) -> str:
    day = window.first_day.isoformat() if window else "undated"
    return f"car-t-caregiver-rota-{day}.ics"


def _uid(shift: Shift, index: int) -> str:
    key = f"{shift.name}|{shift.start.isoformat()}|{shift.end.isoformat()}|{index}"
    return str(uuid.uuid5(UID_NAMESPACE, hashlib.sha256(key.encode("utf-8")).hexdigest()))


def calendar_ics(content: Content, entries: Sequence[Entry], now: dt.datetime) -> bytes:
    """The rota as an RFC 5545 calendar: one event per shift and person, the name exactly as
    typed as its title. Times are floating local times (no time zone), so 8 pm stays 8 pm in
    the calendar app wherever the family is. `now` (timezone-aware) becomes DTSTAMP."""
    stamp = calendar_file.stamp(now)
    made_with = content.words("rota_made_with")
    events = []
    for index, shift in enumerate(all_shifts(entries)):
        words = content.words("rota_calendar_part", part=content.words(PARTS[shift.part]))
        if shift.note:
            words += " " + content.words("rota_note", note=shift.note)
        events.append(calendar_file.event(
            _uid(shift, index), stamp, shift.start, shift.end, shift.name,
            f"{words} {made_with}", busy=True))
    return calendar_file.to_ics(PRODID, "CAR-T caregiver rota", events)
