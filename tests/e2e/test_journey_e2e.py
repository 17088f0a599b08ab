"""Real browser: plan the treatment journey from a date and download it as a calendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from playwright.sync_api import expect

from tests.e2e import helpers
from tests.e2e.actions import tab_title


def test_a_planned_infusion_date_downloads_as_a_calendar(page, server, screenshot_dir):
    """Choose a product, type an infusion date, download the .ics and read it back."""
    infusion = dt.date.today() + dt.timedelta(days=45)
    helpers.open_page(page, server.url)
    helpers.click_sidebar_link(page, "Treatment journey")
    expect(page).to_have_title(tab_title("journey"))

    helpers.widget_by_key(page, "product").get_by_role("combobox").click()
    page.get_by_role("option", name="Yescarta (axicabtagene ciloleucel)").click()
    helpers.wait_idle(page)

    # The date field is three typed parts (year, month, day); it commits when it loses focus.
    date_field = helpers.widget_by_key(page, "journey__date")
    date_field.get_by_role("spinbutton").first.click()
    page.keyboard.type(infusion.strftime("%Y%m%d"))
    page.keyboard.press("Escape")
    page.get_by_role("heading", name="Which dates should I plan around?").click()
    helpers.wait_idle(page)

    button = helpers.widget_by_key(page, "journey__download").get_by_role("button")
    expect(button).to_be_visible()
    page.screenshot(path=screenshot_dir / "journey_plan.png", full_page=True)
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"car-t-plan-infusion-{infusion.isoformat()}.ics"
    data = Path(download.path()).read_bytes()

    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert events["CAR-T: Infusion (day 0) (planned)"].decoded("DTSTART") == infusion
    no_driving = next(e for s, e in events.items() if s.startswith("CAR-T: No driving"))
    assert no_driving.decoded("DTEND") == infusion + dt.timedelta(days=15)
    helpers.expect_no_exception(page)
