"""The caregiver rota: shifts, the window from the plan, gaps, the day-by-day view, .ics."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from components import caregiver, catalog, dates, rota

D = dt.date
T = dt.datetime
CONTENT = catalog.load()
WINDOW = rota.Window(D(2027, 3, 8), D(2027, 3, 22))  # 15 days; US daylight saving starts 3/14
WORDS = {"gap_night": "Night task {when}", "gap_weekend": "Weekend task", "gap_day": "Day task"}


FIRST, LAST = D(2027, 3, 8), D(2027, 3, 22)


def entry(name="Ann", first=FIRST, last=LAST, part="whole", **kw):
    return rota.Entry(name, first, last, part, **kw)


# -- shifts ------------------------------------------------------------------------------------
def test_whole_days_are_one_shift_from_midnight_to_midnight():
    [s] = rota.shifts(entry(first=D(2027, 3, 8), last=D(2027, 3, 9)))
    assert (s.start, s.end) == (T(2027, 3, 8), T(2027, 3, 10))


def test_days_and_nights_are_one_shift_per_day():
    days = rota.shifts(entry(part="day", first=D(2027, 3, 8), last=D(2027, 3, 10)))
    nights = rota.shifts(entry(part="night", first=D(2027, 3, 8), last=D(2027, 3, 8)))
    assert [(s.start.hour, s.end.hour) for s in days] == [(8, 20)] * 3
    assert (nights[0].start, nights[0].end) == (T(2027, 3, 8, 20), T(2027, 3, 9, 8))


@pytest.mark.parametrize(
    ("start", "end", "expected_end"),
    [
        (dt.time(22), dt.time(6), T(2027, 3, 9, 6)),  # ends the next morning
        (dt.time(0), dt.time(0), T(2027, 3, 9, 0)),  # midnight to midnight: a whole day
        (dt.time(18), dt.time(0), T(2027, 3, 9, 0)),  # ends at midnight
        (dt.time(0), dt.time(8), T(2027, 3, 8, 8)),  # starts at midnight
    ],
)
def test_set_times_that_end_at_or_before_the_start_end_the_next_day(start, end, expected_end):
    [s] = rota.shifts(entry(part="times", first=D(2027, 3, 8), last=D(2027, 3, 8), start=start,
                            end=end))
    assert s.start == T.combine(D(2027, 3, 8), start) and s.end == expected_end


def test_hospital_days_count_as_covered_under_their_own_name():
    [s] = rota.shifts(entry(name="", part="hospital", first=D(2027, 3, 8), last=D(2027, 3, 8)))
    assert s.name == rota.HOSPITAL_NAME


# -- gaps ------------------------------------------------------------------------------------
def test_nobody_listed_makes_the_whole_window_one_gap():
    [gap] = rota.gaps(WINDOW, [])
    assert (gap.start, gap.end) == (WINDOW.start, WINDOW.end) == (T(2027, 3, 8, 8), T(2027, 3, 23, 8))
    assert gap.at_night and gap.on_weekend


def test_overlapping_shifts_leave_no_gap_and_list_both_names():
    people = [entry("Ann", part="times", start=dt.time(6), end=dt.time(21)),
              entry("Bob", part="times", start=dt.time(19), end=dt.time(9))]
    assert rota.gaps(WINDOW, people) == []
    row = rota.day_rows(WINDOW, people)[0]
    assert row.day_part.names == ("Ann", "Bob") and row.night_part.names == ("Ann", "Bob")
    assert not row.day_part.missing and not row.night_part.missing


def test_shifts_that_touch_at_midnight_leave_no_gap():
    people = [entry("Ann", part="times", start=dt.time(8), end=dt.time(0)),
              entry("Bob", part="times", start=dt.time(0), end=dt.time(8), last=D(2027, 3, 23))]
    assert rota.gaps(WINDOW, people) == []


def test_days_only_leaves_every_night_as_a_gap_called_out_as_night():
    found = rota.gaps(WINDOW, [entry(part="day")])
    assert len(found) == 15
    assert all(g.at_night for g in found)
    assert (found[0].start, found[0].end) == (T(2027, 3, 8, 20), T(2027, 3, 9, 8))
    weekend = [g.start.date() for g in found if g.on_weekend]
    # The nights starting Friday, Saturday and Sunday touch a weekend day.
    assert weekend == [D(2027, 3, 12), D(2027, 3, 13), D(2027, 3, 14), D(2027, 3, 19),
                       D(2027, 3, 20), D(2027, 3, 21)]


def test_a_gap_in_the_afternoon_on_a_weekday_is_neither_night_nor_weekend():
    ann = entry(part="times", start=dt.time(20), end=dt.time(14))  # 8 pm to 2 pm next day
    found = rota.gaps(rota.Window(D(2027, 3, 9), D(2027, 3, 9)), [ann])
    assert [(g.start, g.end) for g in found] == [(T(2027, 3, 9, 14), T(2027, 3, 9, 20))]
    assert not found[0].at_night and not found[0].on_weekend
    assert rota.Gap(T(2027, 3, 9, 19), T(2027, 3, 9, 21)).at_night


def test_night_shift_across_the_spring_daylight_saving_change_covers_the_night():
    """3/14/2027 2 am does not exist in New York; the wall-clock night is still covered, and
    the real hours are one fewer."""
    bob = entry("Bob", part="night", first=D(2027, 3, 13), last=D(2027, 3, 13))
    window = rota.Window(D(2027, 3, 13), D(2027, 3, 13))
    found = rota.gaps(window, [bob])
    assert [(g.start, g.end) for g in found] == [(T(2027, 3, 13, 8), T(2027, 3, 13, 20))]
    [s] = rota.shifts(bob)
    assert rota.hours(s.start, s.end) == 12
    assert rota.hours(s.start, s.end, "America/New_York") == 11
    # In the autumn the night is one hour longer.
    assert rota.hours(T(2027, 11, 6, 20), T(2027, 11, 7, 8), "America/New_York") == 13
    assert rota.hours(T(2027, 11, 6, 20), T(2027, 11, 7, 8), "Not/AZone") == 12


def test_gap_words_name_the_times_the_hours_and_what_to_do():
    [line] = rota.gap_lines([rota.Gap(T(2027, 3, 13, 20), T(2027, 3, 14, 8))], WORDS,
                            "America/New_York")
    assert line.words(CONTENT) == (
        "Saturday, March 13, 2027, 8 pm to Sunday, March 14, 2027, 8 am (11 hours, at night and "
        "on a weekend). Night task Saturday, March 13, 2027, 8 pm to Sunday, March 14, 2027, 8 am"
    )


def test_the_count_never_calls_a_plan_enough():
    full = rota.count_words(CONTENT, [], WINDOW)
    some = rota.count_words(CONTENT, rota.gaps(WINDOW, [entry(part="day")]), WINDOW)
    assert "no gaps" in full and "enough" not in full + some
    assert "15 gaps" in some and "180 hours" in some and "15 of them are at night" in some


@pytest.mark.parametrize(
    ("value", "words"),
    [(dt.time(0), "midnight"), (dt.time(12), "noon"), (dt.time(8), "8 am"),
     (dt.time(20, 30), "8:30 pm"), (dt.time(0, 30), "12:30 am")],
)
def test_clock_words(value, words):
    assert rota.clock(value) == words


# -- the window from the plan ------------------------------------------------------------------
def test_window_follows_the_planned_date(real_content):
    today = D(2027, 1, 1)
    first = caregiver.plan_for(real_content, "yescarta", "infusion", D(2027, 3, 8), today)
    moved = caregiver.plan_for(real_content, "yescarta", "infusion", D(2027, 3, 15), today)
    a, b = rota.window_from_plan(first), rota.window_from_plan(moved)
    assert (a.first_day, a.last_day) == (D(2027, 3, 8), D(2027, 3, 22))
    assert (b.first_day, b.last_day) == (D(2027, 3, 15), D(2027, 3, 29))
    assert "FDA-REMS-2025" in a.source_ids and a.nights == 15
    ann = [entry(first=D(2027, 3, 8), last=D(2027, 3, 23))]
    assert rota.gaps(a, ann) == []
    # The same people after the date moved a week: the week after they leave is a gap.
    assert [(g.start, g.end) for g in rota.gaps(b, ann)] == [(T(2027, 3, 24), T(2027, 3, 30, 8))]
    # Whole days to the last day leave the morning after it (the end of its night) open.
    last_night = rota.gaps(a, [entry(first=D(2027, 3, 8), last=D(2027, 3, 22))])
    assert [(g.start, g.end) for g in last_night] == [(T(2027, 3, 23), T(2027, 3, 23, 8))]
    assert rota.outside_window(ann, rota.Window(D(2027, 4, 1), D(2027, 4, 2))) == ["Ann"]


def test_no_plan_no_window(real_content):
    plan = caregiver.plan_for(real_content, None, "infusion", None, D(2027, 1, 1))
    assert rota.window_from_plan(plan) is None
    guess = caregiver.plan_for(real_content, "yescarta", "today", None, D(2027, 1, 1))
    assert guess.ok and rota.window_from_plan(guess) is None  # an estimate is no plan


# -- records (session state and the answers file) --------------------------------------------
def test_records_round_trip_and_keep_names_literal():
    typed = entry("<b>Zoë</b> *x* 李", part="times", start=dt.time(22), end=dt.time(6),
                  note="keys; under, the mat\\")
    assert rota.from_record(rota.to_record(typed)) == typed


@pytest.mark.parametrize(
    "record",
    [
        {"name": "Ann", "first": "2027-03-09", "last": "2027-03-08", "part": "day"},  # reversed
        {"name": "", "first": "2027-03-08", "last": "2027-03-08", "part": "day"},  # no name
        {"name": "Ann", "first": "2027-02-30", "last": "2027-03-08", "part": "day"},
        {"name": "Ann", "first": "2027-03-08", "last": "2027-03-08", "part": "sometimes"},
        {"name": "Ann", "first": "2027-03-08", "last": "2027-03-08", "part": "times"},
        {"name": 5, "first": "2027-03-08", "last": "2027-03-08", "part": "day"},
        {"name": "Ann", "first": "2027-03-08", "last": "2028-03-08", "part": "day"},  # too long
        "Ann",
    ],
)
def test_unusable_records_are_left_out(record):
    assert rota.from_record(record) is None
    assert rota.read_records([record]) == ([], 1)


def test_read_records_of_nothing():
    assert rota.read_records(None) == ([], 0) and rota.read_records("x") == ([], 1)


# -- the calendar file -------------------------------------------------------------------------
def test_calendar_has_one_event_per_shift_and_person_with_names_as_typed():
    people = [entry("Ann, \"the\" <b>boss</b>;", part="day", first=D(2027, 3, 8),
                    last=D(2027, 3, 9)),
              entry("Bob", part="night", first=D(2027, 3, 13), last=D(2027, 3, 13),
                    note="Line one; two, three")]
    data = rota.calendar_ics(CONTENT, people, T(2026, 12, 3, tzinfo=dt.UTC))
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ['Ann, "the" <b>boss</b>;'] * 2 + ["Bob"]
    night = events[2]
    assert night.decoded("dtstart") == T(2027, 3, 13, 20)
    assert night.decoded("dtend") == T(2027, 3, 14, 8)
    assert night.decoded("dtstart").tzinfo is None  # floating local time
    assert "Line one; two, three" in str(night["description"])
    assert len({str(e["uid"]) for e in events}) == 3


def test_calendar_needs_an_aware_now():
    with pytest.raises(ValueError):
        rota.calendar_ics(CONTENT, [], T(2026, 12, 3))


def test_journey_date_words_are_the_one_us_format():
    assert rota.moment(T(2027, 1, 5, 20)) == f"{dates.long_date(D(2027, 1, 5))}, 8 pm"
