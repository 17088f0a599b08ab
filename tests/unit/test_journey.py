"""The journey logic: phases, product timing, the timeline, the personal plan and the .ics file."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from components import catalog, dates, journey, schedule

CONTENT = catalog.load()
TODAY = dt.date(2027, 1, 10)
NOW = dt.datetime(2027, 1, 10, 9, 30, 15, 123, tzinfo=dt.UTC)


def T(measure="x", value=None, low=None, high=None, basis="exactly", status="label"):  # noqa: N802
    """A Timing with only what a formatting test needs."""
    return journey.Timing(measure, value, low, high, basis, status, "", "SRC")


def plan_for(real_content, product, anchor="infusion", picked=dt.date(2027, 3, 1), today=TODAY):
    return schedule.make_plan(real_content, product, anchor, picked, today)


def rows_by_key(plan: schedule.Plan) -> dict[str, schedule.PlanRow]:
    return {r.key: r for r in plan.rows}


# ---------------------------------------------------------------------------------------------
# Content contract
# ---------------------------------------------------------------------------------------------
def test_shipped_journey_content_passes_its_validator(real_content):
    assert journey.validate_journey(real_content) == []


def test_phases_come_in_order_and_match_the_code(real_content):
    phases = journey.phases(real_content)
    assert [p.phase_id for p in phases] == list(journey.PHASE_IDS)
    assert all(p.question.endswith("?") for p in phases), "headings are questions"
    assert all(p.text_name in real_content.texts for p in phases)


def test_every_timing_row_cites_a_known_source(real_content):
    timing = real_content.table("product_timing")
    assert set(timing["source_id"]) <= real_content.source_ids()


def test_missing_phase_text_is_named(data_copy, problems_of):
    (data_copy / "text" / "journey__recovery.md").unlink()
    assert "text/journey__recovery.md: file is missing" in problems_of(data_copy)


def test_unknown_phase_is_named(data_copy, problems_of):
    path = data_copy / "journey.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("recovery,8", "recovry,8"), "utf-8")
    assert any("phase_id must be exactly" in p for p in problems_of(data_copy))


def test_duplicate_timing_row_is_named(data_copy, problems_of):
    path = data_copy / "product_timing.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    extra = next(line for line in lines if line.startswith("yescarta,ld_days"))
    path.write_text("\n".join([*lines, extra]) + "\n", encoding="utf-8")
    assert any("duplicate ('yescarta', 'ld_days')" in p for p in problems_of(data_copy))


def test_timing_row_without_a_number_is_named(data_copy, problems_of):
    path = data_copy / "product_timing.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("yescarta,ld_days,3,", "yescarta,ld_days,,"), encoding="utf-8")
    assert any("needs a value, or both low and high" in p for p in problems_of(data_copy))


def test_timing_range_out_of_order_is_named(data_copy, problems_of):
    path = data_copy / "product_timing.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("breyanzi,ld_gap_days,,2,7", "breyanzi,ld_gap_days,,7,2"), "utf-8")
    assert any("'high' (2.0) is smaller than 'low' (7.0)" in p for p in problems_of(data_copy))


# ---------------------------------------------------------------------------------------------
# Stepper and numbers
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("step", "count", "expected"),
    [(0, 9, 0), (4, 9, 4), (8, 9, 8), (9, 9, 8), (99, 9, 8), (-1, 9, 0), (-50, 9, 0),
     ("2", 9, 0), (None, 9, 0), (2.0, 9, 0), (True, 9, 0), (3, 0, 0)],
)
def test_clamp_step(step, count, expected):
    assert journey.clamp_step(step, count) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [(30.4, 30), (35.9, 36), (35.5, 36), (48.4, 48), (0.5, 1), (14, 14), (0, 0)],
)
def test_whole_days_rounds_halves_up(days, expected):
    assert journey.whole_days(days) == expected


@pytest.mark.parametrize(
    ("timing", "expected"),
    [
        (T(value=14, basis="median"), "a median of 14 days (2 weeks)"),
        (T(value=15, basis="median"), "a median of 15 days"),
        (T(value=30.4, basis="median"), "a median of about 30 days"),
        (T(low=30.4, high=48.4, basis="median"), "a median of about 30 to 48 days"),
        (T(low=28, high=35, basis="about"), "about 28 to 35 days (4 to 5 weeks)"),
        (T(value=28, basis="about"), "about 28 days (4 weeks)"),
        (T(value=7, basis="at least"), "at least 7 days (1 week)"),
        (T(value=56, basis="at least"), "at least 56 days (8 weeks)"),
        (T(low=2, high=14, basis="range"), "2 to 14 days"),
        (T(value=3), "3 days"),
        (T(value=1), "1 day"),
        (T(value=9, low=7, high=11, basis="about"), "about 9 days (between 7 and 11)"),
    ],
)
def test_format_amount(timing, expected):
    assert journey.format_amount(timing) == expected


def test_general_picture_uses_the_june_2025_rule(real_content):
    timing = journey.product_timing(real_content, None)
    assert timing["stay_nearby_days"].value == 14
    assert timing["no_driving_days"].value == 14
    assert timing["stay_nearby_days"].status == "June 2025 rule"
    assert "ld_days" not in timing


def test_product_gets_own_rows_plus_shared_caregiver_advice(real_content):
    timing = journey.product_timing(real_content, "carvykti")
    assert timing["caregiver_days"].source_id == "BMS-ExploreCT-After"
    assert timing["daily_monitoring_days"].source_id == "FDA-REMS-2025"
    # The June 2025 change covers Carvykti too; its note says nerve problems can start later.
    assert timing["no_driving_days"].value == 14
    assert "weeks or months later" in timing["no_driving_days"].note


def test_unknown_product_has_no_invented_numbers(real_content):
    assert set(journey.product_timing(real_content, "nope")) == journey.SHARED_MEASURES


def test_aucatzyl_uses_advice_at_approval_and_says_ask_your_centre(real_content):
    facts = journey.phase_facts(real_content, "stay_nearby", "aucatzyl")
    text = " ".join(f.markdown() for f in facts)
    assert "at least 28 days (4 weeks) after the second part of the infusion" in text
    assert "at least 56 days (8 weeks)" in text
    assert "Ask your centre" in text
    assert "(Source: OncoLink-Aucatzyl-2024)" in text


def test_missing_numbers_are_said_plainly_not_guessed(real_content):
    facts = journey.phase_facts(real_content, "manufacturing", "aucatzyl")
    lines = [f.markdown() for f in facts]
    assert any(line.startswith("- How long it takes to make the cells: not reported")
               for line in lines)
    missing = [f for f in facts if f.source_id is None]
    assert all(not any(ch.isdigit() for ch in f.text) for f in missing)


def test_general_picture_lists_no_not_reported_lines(real_content):
    for phase_id in journey.PHASE_IDS:
        facts = journey.phase_facts(real_content, phase_id, None)
        assert all(f.source_id for f in facts)


def test_every_fact_with_a_number_cites_its_source(real_content):
    for product in [None, *journey.product_names(real_content)]:
        for phase_id in journey.PHASE_IDS:
            for fact in journey.phase_facts(real_content, phase_id, product):
                if any(ch.isdigit() for ch in fact.text):
                    assert f"(Source: {fact.source_id})" in fact.markdown()


# ---------------------------------------------------------------------------------------------
# Timeline in days from the infusion
# ---------------------------------------------------------------------------------------------
def spans_by_key(real_content, product) -> dict[str, journey.Span]:
    return {s.key: s for s in journey.timeline(real_content, product)}


@pytest.mark.parametrize(
    ("product", "start", "end", "kind"),
    [
        ("yescarta", -5, -3, "span"),  # days -5, -4, -3 on the label
        ("abecma", -5, -3, "span"),  # starts 5 days before the infusion
        ("carvykti", -7, -3, "window"),  # 3 days, infusion 2 to 4 days after
        ("breyanzi", -10, -3, "window"),  # 3 days, infusion 2 to 7 days after
        ("kymriah", -18, -3, "window"),  # 2 to 4 days, infusion 2 to 14 days after
    ],
)
def test_chemotherapy_days_follow_each_label(real_content, product, start, end, kind):
    ld = spans_by_key(real_content, product)["lymphodepletion"]
    assert (ld.start, ld.end, ld.kind) == (start, end, kind)
    assert ld.firm == (kind == "span"), "a window is drawn striped"


@pytest.mark.parametrize("product", ["tecartus", "aucatzyl"])
def test_chemotherapy_not_reported_is_missing_not_guessed(real_content, product):
    ld = spans_by_key(real_content, product)["lymphodepletion"]
    assert ld.kind == "missing" and ld.start is None
    assert "not reported" in ld.when


@pytest.mark.parametrize(
    ("product", "collection_day"),
    [("yescarta", -30), ("breyanzi", -36), ("kymriah", -48), ("carvykti", -30)],
)
def test_collection_day_comes_from_vein_to_vein_time(real_content, product, collection_day):
    spans = spans_by_key(real_content, product)
    assert spans["collection"].start == collection_day
    assert spans["manufacturing"].start == collection_day + 1
    assert spans["manufacturing"].end == spans["lymphodepletion"].start - 1


def test_manufacturing_without_vein_to_vein_time_is_not_placed_in_a_calendar(real_content):
    spans = spans_by_key(real_content, "abecma")
    assert spans["collection"].kind == "missing"
    assert spans["manufacturing"].short == "about 28 days (4 weeks)"
    assert not spans["manufacturing"].in_calendar


def test_aucatzyl_split_dose_and_windows_count_from_the_second_part(real_content):
    spans = spans_by_key(real_content, "aucatzyl")
    assert spans["second_infusion"].start == 9
    assert "day 7 to day 11" in spans["second_infusion"].when
    assert spans["stay_nearby"].end == 9 + 28
    assert spans["no_driving"].end == 9 + 56
    assert not spans["stay_nearby"].firm, "advice from 2024 is drawn as uncertain"
    assert spans["daily_checks"].kind == "missing"
    assert spans["recovery"].start == 9 + 56 + 1


def test_general_timeline_has_a_collection_window_and_no_invented_chemo_days(real_content):
    spans = spans_by_key(real_content, None)
    assert (spans["collection"].start, spans["collection"].end) == (-48, -30)
    assert spans["lymphodepletion"].kind == "note"
    assert spans["lymphodepletion"].start is None
    assert spans["no_driving"].end == 14 and spans["no_driving"].at_least


def test_every_timeline_source_exists(real_content):
    known = real_content.source_ids()
    for product in [None, *journey.product_names(real_content)]:
        for span in journey.timeline(real_content, product):
            assert set(span.source_ids) <= known


def test_timeline_summary_names_the_landmarks_in_days_from_day_0(real_content):
    spans = journey.timeline(real_content, "yescarta")
    summary = journey.timeline_summary(real_content, spans, "Yescarta")
    assert summary == (
        "Timeline for Yescarta, in days from the infusion (day 0): cell collection about "
        "day \u221230, chemotherapy from day \u22125 to day \u22123, the infusion on day 0, stay "
        "near the centre until at least day 14, no driving until at least day 14, then recovery "
        "for months and check-ups for life."
    )
    frame = journey.timeline_frame(spans)
    assert list(frame["Step"]) == [s.label for s in spans]


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        ("carvykti", "stay near the centre until at least day 14, no driving until at least day 14"),
        ("aucatzyl", "the collection day not reported, the chemotherapy days not reported"),
        ("aucatzyl", "its second part about day 9"),
        (None, "cell collection often between day \u221248 and day \u221230, chemotherapy in the"),
    ],
)
def test_timeline_summary_says_what_is_not_reported(real_content, product, expected):
    spans = journey.timeline(real_content, product)
    assert expected in journey.timeline_summary(real_content, spans, journey.brand(real_content, product))


@pytest.mark.parametrize(("day", "text"), [(0, "day 0"), (14, "day 14"), (-30, "day \u221230")])
def test_day_label_uses_a_true_minus_sign(day, text):
    assert journey.day_label(day) == text


# ---------------------------------------------------------------------------------------------
# The personal plan
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("picked", "problem"),
    [
        (None, "Pick a date"),
        (TODAY - dt.timedelta(days=1), "is in the past"),
        (dt.date(1999, 12, 31), "is in the past"),
        (TODAY, None),
        (TODAY + dt.timedelta(days=1), None),
        (TODAY + dt.timedelta(days=365), None),
        (TODAY + dt.timedelta(days=366), "more than a year away"),
        (dt.date(2999, 1, 1), "more than a year away"),
        (dt.datetime(2027, 2, 1, 12, 0), "not a date we can use"),
    ],
)
def test_check_date(picked, problem):
    message = schedule.check_date(CONTENT, picked, TODAY)
    if problem is None:
        assert message is None
    else:
        assert problem in message


def test_past_date_message_names_the_date():
    assert schedule.check_date(CONTENT, dt.date(2027, 1, 9), TODAY).startswith("Saturday, January 9, 2027 is in")


@pytest.mark.parametrize(
    ("infusion", "stay_until"),
    [
        (dt.date(2027, 3, 1), dt.date(2027, 3, 15)),
        (dt.date(2027, 12, 25), dt.date(2028, 1, 8)),  # across the new year
        (dt.date(2028, 2, 15), dt.date(2028, 2, 29)),  # leap day
        (dt.date(2027, 2, 14), dt.date(2027, 2, 28)),  # no leap day in 2027
    ],
)
def test_plan_from_infusion_date_across_month_and_year_ends(real_content, infusion, stay_until):
    plan = plan_for(real_content, "yescarta", picked=infusion, today=infusion - dt.timedelta(60))
    rows = rows_by_key(plan)
    assert plan.ok and plan.infusion == infusion
    assert rows["stay_nearby"].end == stay_until
    assert rows["no_driving"].end == stay_until
    assert rows["collection"].start == infusion - dt.timedelta(days=30)
    assert rows["lymphodepletion"].start == infusion - dt.timedelta(days=5)
    assert rows["lymphodepletion"].end == infusion - dt.timedelta(days=3)


def test_plan_labels_say_planned_about_or_at_least(real_content):
    rows = rows_by_key(plan_for(real_content, "breyanzi"))
    assert rows["infusion"].how == "planned"
    assert rows["collection"].how == "about"
    assert rows["lymphodepletion"].how == "on some days in this window"
    assert rows["no_driving"].how == "at least; your centre may ask for longer"


def test_plan_from_collection_date_adds_the_vein_to_vein_time(real_content):
    plan = plan_for(real_content, "breyanzi", anchor="collection", picked=dt.date(2027, 2, 1))
    rows = rows_by_key(plan)
    assert plan.infusion == dt.date(2027, 2, 1) + dt.timedelta(days=36)
    assert rows["collection"].how == "planned"
    assert rows["infusion"].how == "about"


def test_plan_from_today_starts_with_collection_today(real_content):
    plan = schedule.make_plan(real_content, "yescarta", "today", None, TODAY)
    assert plan.ok
    assert rows_by_key(plan)["collection"].start == TODAY
    assert plan.infusion == TODAY + dt.timedelta(days=30)


@pytest.mark.parametrize(
    ("product", "anchor", "problem"),
    [
        ("abecma", "collection", "we found no usual time from cell collection to infusion"),
        ("aucatzyl", "today", "we found no usual time from cell collection to infusion"),
        (None, "collection", "choose your CAR-T product above"),
        ("yescarta", "someday", "Please choose which date you have"),
    ],
)
def test_plan_from_collection_needs_a_known_vein_to_vein_time(real_content, product, anchor,
                                                              problem):
    plan = plan_for(real_content, product, anchor=anchor)
    assert not plan.ok and problem in plan.problem
    assert plan.rows == ()


@pytest.mark.parametrize("picked", [TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=400)])
def test_plan_refuses_past_and_far_dates(real_content, picked):
    plan = plan_for(real_content, "yescarta", picked=picked)
    assert not plan.ok and plan.rows == ()


def test_estimated_steps_before_today_are_flagged(real_content):
    plan = plan_for(real_content, "yescarta", picked=TODAY + dt.timedelta(days=10))
    rows = rows_by_key(plan)
    assert rows["collection"].note.startswith("Before today, so probably done already.")
    assert not rows["infusion"].note.startswith("Before today")


def test_plan_rows_are_in_date_order_and_cover_the_calendar_steps(real_content):
    plan = plan_for(real_content, "yescarta")
    starts = [r.start for r in plan.rows]
    assert starts == sorted(starts)
    assert {r.key for r in plan.rows} == {
        "collection", "manufacturing", "lymphodepletion", "infusion", "daily_checks",
        "monitoring", "caregiver", "stay_nearby", "no_driving",
    }


def test_aucatzyl_plan_has_second_infusion_and_longer_windows(real_content):
    rows = rows_by_key(plan_for(real_content, "aucatzyl", picked=dt.date(2027, 3, 1)))
    assert rows["second_infusion"].start == dt.date(2027, 3, 10)
    assert rows["stay_nearby"].end == dt.date(2027, 3, 10) + dt.timedelta(days=28)
    assert rows["no_driving"].end == dt.date(2027, 3, 10) + dt.timedelta(days=56)
    assert "collection" not in rows


def test_key_dates_say_ask_your_centre_when_not_reported(real_content):
    lines = schedule.key_dates(real_content, plan_for(real_content, "carvykti"))
    assert "**Infusion (day 0), planned:** Monday, March 1, 2027" in lines
    assert "**Stay near your treatment centre until at least:** Monday, March 15, 2027" in lines
    assert "**Do not drive until at least:** Monday, March 15, 2027" in lines
    assert ("**You may drive again, at the earliest (ask your care team):** "
            "Tuesday, March 16, 2027") in lines


def test_plan_table_has_readable_dates(real_content):
    frame = schedule.plan_frame(plan_for(real_content, "yescarta"), TODAY)
    infusion = frame[frame["Step"] == "Infusion (day 0)"].iloc[0]
    assert infusion["Dates"] == "Monday, March 1, 2027"
    stay = frame[frame["Step"] == "Stay near the centre"].iloc[0]
    assert stay["Dates"] == "Monday, March 1, 2027 to Monday, March 15, 2027"
    assert stay["Good to know"].endswith("(Source: FDA-REMS-2025)")


def test_plan_table_flags_dates_before_today(real_content):
    """Infusion 10 days ahead: collection (30 days before) lies in the past, and says so."""
    plan = plan_for(real_content, "yescarta", picked=TODAY + dt.timedelta(days=10))
    frame = schedule.plan_frame(plan, TODAY).set_index("Step")
    assert frame.loc["Cell collection", "Dates"] == "Monday, December 21, 2026 (this date is before today)"
    making = frame.loc["Making your cells and waiting", "Dates"]
    assert making.startswith("Tuesday, December 22, 2026 (this date is before today) to ")
    assert making.endswith("Thursday, January 14, 2027")
    assert "before today" not in frame.loc["Infusion (day 0)", "Dates"]


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2027, 1, 4), "Monday, January 4, 2027"),
        (dt.date(2027, 1, 5), "Tuesday, January 5, 2027"),
        (dt.date(2028, 2, 29), "Tuesday, February 29, 2028"),
        (dt.date(2026, 12, 27), "Sunday, December 27, 2026"),
    ],
)
def test_long_date_is_us_wording(day, text):
    assert dates.long_date(day) == text


# ---------------------------------------------------------------------------------------------
# iCalendar
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def yescarta_plan(real_content) -> schedule.Plan:
    return plan_for(real_content, "yescarta")


def ics_events(plan: schedule.Plan, today: dt.date = TODAY) -> list:
    return list(Calendar.from_ical(schedule.calendar_ics(CONTENT, plan, NOW, today)).walk("VEVENT"))


def by_title(events) -> dict:
    return {str(e["SUMMARY"]): e for e in events}


def test_ics_parses_back_as_one_day_markers(yescarta_plan):
    """Yescarta, infusion Mon Mar 1 2027: each period is a first and last day, not a bar."""
    cal = Calendar.from_ical(schedule.calendar_ics(CONTENT, yescarta_plan, NOW, TODAY))
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == schedule.PRODID
    events = list(cal.walk("VEVENT"))
    days = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert days == {
        "Cell collection (about this day)": dt.date(2027, 1, 30),
        "Start of making your cells (about this day)": dt.date(2027, 1, 31),
        "End of making your cells (about this day)": dt.date(2027, 2, 23),
        "Start of chemotherapy before CAR-T (about this day)": dt.date(2027, 2, 24),
        "End of chemotherapy before CAR-T (about this day)": dt.date(2027, 2, 26),
        "CAR-T infusion": dt.date(2027, 3, 1),
        "End of daily checks (at the earliest)": dt.date(2027, 3, 8),
        "End of close checks (at the earliest)": dt.date(2027, 3, 15),
        "End of caregiver help day and night (at the earliest)": dt.date(2027, 3, 15),
        "End of the stay near the centre (at the earliest)": dt.date(2027, 3, 15),
        "You may drive again (at the earliest)": dt.date(2027, 3, 16),
    }
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date, "all-day events"
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert end - start == dt.timedelta(days=1), "one day each (DTEND is exclusive)"
        assert event.decoded("DTSTAMP") == NOW.replace(microsecond=0)
        assert schedule.calendar_guide(CONTENT) in str(event["DESCRIPTION"])
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


@pytest.mark.parametrize("product", ["yescarta", "breyanzi", "carvykti", "aucatzyl", "abecma",
                                     "kymriah", "tecartus", None])
def test_ics_titles_are_short_and_plain_with_no_source_codes(real_content, product):
    ids = set(real_content.table("sources")["source_id"])
    for event in ics_events(plan_for(real_content, product)):
        title, words = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert len(title) <= 60, title
        assert "Source" not in title + words and "CAR-T: " not in title
        assert not [sid for sid in ids if sid in title + words], title


@pytest.mark.parametrize(
    ("product", "reminded"),
    [
        ("yescarta", {"Cell collection (about this day)", "CAR-T infusion"}),
        ("aucatzyl", {"CAR-T infusion", "CAR-T infusion, second part (about this day)"}),
    ],
)
def test_ics_reminds_the_day_before_collection_and_infusion(real_content, product, reminded):
    events = by_title(ics_events(plan_for(real_content, product)))
    with_alarm = {title for title, e in events.items() if e.walk("VALARM")}
    assert with_alarm == reminded
    for title in reminded:
        (alarm,) = events[title].walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == dt.timedelta(hours=-15), "9 am the day before"
        assert str(alarm["DESCRIPTION"]) == f"Tomorrow: {title}"


@pytest.mark.parametrize(
    ("product", "infusion", "drive"),
    [
        ("yescarta", dt.date(2027, 3, 1), dt.date(2027, 3, 16)),  # no driving 14 days
        ("carvykti", dt.date(2027, 3, 1), dt.date(2027, 3, 16)),
        # Aucatzyl: 56 days from the second part (day 9), from product_timing.csv
        ("aucatzyl", dt.date(2027, 3, 1), dt.date(2027, 3, 10) + dt.timedelta(days=57)),
    ],
)
def test_ics_has_the_drive_again_day_from_the_product_timing(real_content, product, infusion,
                                                             drive):
    events = by_title(ics_events(plan_for(real_content, product, picked=infusion)))
    event = events[CONTENT.words(schedule.DRIVE_AGAIN)]
    assert event.decoded("DTSTART") == drive
    assert "Ask your care team before you drive" in str(event["DESCRIPTION"])
    assert not any(title.startswith("End of no driving") for title in events)


def test_ics_leaves_out_days_before_today_and_the_page_list_says_so(real_content):
    plan = plan_for(real_content, "yescarta", picked=TODAY + dt.timedelta(days=10))
    days = [e.decoded("DTSTART") for e in ics_events(plan)]
    assert days and min(days) >= TODAY
    assert "Cell collection (about this day)" not in by_title(ics_events(plan))
    listed = schedule.calendar_list(real_content, plan, TODAY)
    assert "Cell collection" not in listed
    assert listed.endswith("Days before today are not in the file.")
    assert "Days before today" not in schedule.calendar_list(real_content, plan_for(real_content, "yescarta"),
                                                            TODAY)


def test_periods_that_start_on_the_infusion_day_are_told_in_its_event(real_content):
    events = by_title(ics_events(plan_for(real_content, "yescarta")))
    assert not any(title.startswith("Start of daily checks") for title in events)
    assert "From this day: daily checks, close checks" in str(
        events["CAR-T infusion"]["DESCRIPTION"]
    )


def test_calendar_titles_follow_the_date_given(real_content):
    from_collection = by_title(ics_events(plan_for(real_content, "breyanzi", anchor="collection",
                                                   picked=dt.date(2027, 2, 1))))
    assert "Cell collection" in from_collection
    assert "CAR-T infusion (about this day)" in from_collection
    assert "Worked out from your planned cell collection date." in str(
        from_collection["Cell collection"]["DESCRIPTION"]
    )


def test_ics_is_crlf_and_stable_uids_across_downloads(yescarta_plan):
    first = schedule.calendar_ics(CONTENT, yescarta_plan, NOW, TODAY)
    second = schedule.calendar_ics(CONTENT, yescarta_plan, NOW + dt.timedelta(hours=1), TODAY)
    assert b"\r\n" in first and b"\n" not in first.replace(b"\r\n", b"")
    assert first.startswith(b"BEGIN:VCALENDAR\r\n") and first.endswith(b"END:VCALENDAR\r\n")

    def uids(data: bytes) -> list[str]:
        return [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]

    assert uids(first) == uids(second)


def test_ics_keeps_commas_and_semicolons_in_text(real_content):
    plan = plan_for(real_content, "aucatzyl")
    cal = Calendar.from_ical(schedule.calendar_ics(CONTENT, plan, NOW, TODAY))
    stay = next(e for e in cal.walk("VEVENT") if "stay near" in str(e["SUMMARY"]))
    assert "Aucatzyl was not part of the June 2025 change, and we could not check" in str(
        stay["DESCRIPTION"]
    )


def test_ics_refuses_a_plan_with_a_problem_and_a_naive_time(real_content, yescarta_plan):
    bad = plan_for(real_content, "yescarta", picked=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValueError, match="no plan"):
        schedule.calendar_ics(CONTENT, bad, NOW, TODAY)
    with pytest.raises(ValueError, match="timezone-aware"):
        schedule.calendar_ics(CONTENT, yescarta_plan, NOW.replace(tzinfo=None), TODAY)


def test_calendar_file_name_carries_the_infusion_date(yescarta_plan):
    assert schedule.calendar_file_name(yescarta_plan) == "car-t-plan-infusion-2027-03-01.ics"


# --------------------------------------------------------------------------------------------
# What the caregiver must do: how long, per product
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("product", "expected"),
    [
        (None, ["Be with them day and night: for at least 14 days (2 weeks) after the infusion.",
                "Stay with them near the treatment centre: for at least 14 days (2 weeks)",
                "Do the driving: they must not drive for at least 14 days (2 weeks)"]),
        ("yescarta", ["Be with them day and night: for at least 14 days",
                      "Stay with them near the treatment centre: for at least 14 days",
                      "they must not drive for at least 14 days (2 weeks) after the infusion."]),
        ("aucatzyl", ["for at least 14 days (2 weeks) after the second part of the infusion.",
                      "for at least 28 days (4 weeks) after the second part",
                      "they must not drive for at least 56 days (8 weeks) after the second part"]),
        ("carvykti", ["Be with them day and night: for at least 14 days",
                      "Stay with them near the treatment centre: for at least 14 days",
                      "they must not drive for at least 14 days (2 weeks) after the infusion"]),
    ],
)
def test_caregiver_facts_per_product(real_content, product, expected):
    facts = journey.caregiver_facts(real_content, product)
    assert len(facts) == 3
    for fact, words in zip(facts, expected, strict=True):
        assert words in fact.text
    cited = {f.source_id for f in facts if f.source_id}
    assert "BMS-ExploreCT-After" in cited, "day-and-night care cites the maker's patient site"


def test_caregiver_facts_say_what_is_unconfirmed(real_content):
    aucatzyl = journey.caregiver_facts(real_content, "aucatzyl")[2]
    assert "not part of the June 2025 change" in aucatzyl.note
    assert "Ask your centre" in aucatzyl.note
    carvykti = journey.caregiver_facts(real_content, "carvykti")[2]
    assert "weeks or months later" in carvykti.note


@pytest.mark.parametrize("product", [None, "kymriah", "yescarta", "tecartus", "aucatzyl"])
def test_no_table_cell_repeats_the_caregiver_sentence(real_content, product):
    frame = journey.timeline_frame(journey.timeline(real_content, product))
    for cell in frame["What the numbers mean"]:
        assert cell.count("day and night") <= 1, cell


@pytest.mark.parametrize("product", ["kymriah", "yescarta", "tecartus"])
def test_unconfirmed_label_wording_is_said_calmly(real_content, product):
    timing = journey.product_timing(real_content, product)
    for measure in ("stay_nearby_days", "no_driving_days"):
        note = timing[measure].note
        assert "could not read" not in note
        assert "June 2025" in note and "not confirmed" in note
        assert "your centre will tell you" in note.lower()
