"""Real browser: plan the treatment journey from a date and download it as a calendar file,
on a laptop and on a phone-width screen (390 px)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from components import catalog, dates, schedule
from tests.e2e import helpers
from tests.e2e.actions import tab_title

DRIVE_AGAIN = catalog.load().words(schedule.DRIVE_AGAIN)

PHONE = {"width": 390, "height": 844}


def open_journey(page, server, product: str = "Yescarta (axicabtagene ciloleucel)",
                 phone: bool = False) -> None:
    """Open the journey page (on a phone, by its link: the sidebar starts folded away)."""
    if phone:
        helpers.open_page(page, f"{server.url}/journey")
    else:
        helpers.open_page(page, server.url)
        helpers.click_sidebar_link(page, "Treatment journey")
    expect(page).to_have_title(tab_title("journey"))
    helpers.widget_by_key(page, "product").get_by_role("combobox").click()
    page.get_by_role("option", name=product).click()
    helpers.wait_idle(page)


@pytest.mark.parametrize("width", ["laptop", "phone"])
def test_a_typed_us_date_gives_us_dates_and_a_calendar_of_single_days(page, server,
                                                                      screenshot_dir, width):
    """Type the infusion date month first, read the dates in US wording, download the .ics:
    one-day markers with short titles, a reminder before the infusion, a drive-again day."""
    if width == "phone":
        page.set_viewport_size(PHONE)
    infusion = dt.date.today() + dt.timedelta(days=45)
    open_journey(page, server, phone=width == "phone")

    date_field = helpers.widget_by_key(page, "journey__date")
    expect(date_field.get_by_role("spinbutton")).to_have_count(3)
    # The parts are in US order: month, day, year.
    parts = date_field.get_by_role("spinbutton")
    expect(parts.nth(0)).to_have_attribute("data-type", "month")
    expect(parts.nth(1)).to_have_attribute("data-type", "day")
    expect(parts.nth(2)).to_have_attribute("data-type", "year")
    helpers.set_date(page, "journey__date", infusion)

    main = helpers.main_area(page)
    expect(main).to_contain_text(f"Infusion (day 0), planned: {dates.long_date(infusion)}")
    expect(main).to_contain_text("How to use the calendar file:")
    button = helpers.widget_by_key(page, "journey__download").get_by_role("button")
    expect(button).to_be_visible()
    helpers.open_expander(page, "What is in the calendar file?")
    drive = infusion + dt.timedelta(days=15)
    expect(main).to_contain_text(f"{dates.long_date(drive)}: {DRIVE_AGAIN}")
    button.scroll_into_view_if_needed()
    helpers.screenshot(page, screenshot_dir / f"journey_plan_{width}.png")

    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"car-t-plan-infusion-{infusion.isoformat()}.ics"
    events = Calendar.from_ical(Path(download.path()).read_bytes()).walk("VEVENT")
    by_title = {str(e["SUMMARY"]): e for e in events}
    assert by_title["CAR-T infusion"].decoded("DTSTART") == infusion
    assert by_title["CAR-T infusion"].walk("VALARM")
    assert by_title[DRIVE_AGAIN].decoded("DTSTART") == drive
    for event in events:
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
        assert "Source" not in str(event["SUMMARY"]) + str(event["DESCRIPTION"])
    helpers.expect_no_exception(page)


def test_a_date_soon_flags_the_steps_already_past(page, server):
    """An infusion in 10 days: the page says the collection date is before today."""
    infusion = dt.date.today() + dt.timedelta(days=10)
    open_journey(page, server)
    helpers.set_date(page, "journey__date", infusion)
    collection = dates.long_date(infusion - dt.timedelta(days=30))
    table = helpers.main_area(page).get_by_role("table").last
    expect(table).to_contain_text(f"{collection} (this date is before today)")
    expect(helpers.main_area(page)).to_contain_text("Days before today are not in the file.")
