"""For the caregiver, in a real browser: a rota with a gap at night, its calendar file read back
with the iCalendar library, the cost estimate, and both in the summary's PDF."""

from __future__ import annotations

import datetime as dt

import icalendar
import pypdf
import pytest
from playwright.sync_api import expect

from tests.e2e import helpers
from tests.e2e.actions import Actions

INFUSION = dt.date.today() + dt.timedelta(days=30)
ANN = "Ann <b>O'Neil</b>, sister"  # typed text: markup and punctuation stay literal
BOB = "Bob"
ROTA_FILE = "Download the rota for your calendar (.ics)"


def number(page, label: str, value: int) -> None:
    """Type a whole number into the st.number_input labelled `label` and commit it."""
    box = page.get_by_role("spinbutton", name=label, exact=True)
    box.fill(str(value))
    box.press("Enter")
    helpers.wait_idle(page)
    expect(box).to_have_value(str(value))


def add_line(page, name: str, part: str, last: dt.date) -> None:
    helpers.type_text(page, "Name", name)
    helpers.choose_radio(page, "When can they be there?", part)
    helpers.set_date(page, "caregiver__last", last)
    helpers.click_button(page, "Add to the rota")


@pytest.fixture(scope="module")
def walk(browser, server, tmp_path_factory):
    """A family plans the weeks after a Yescarta infusion, prices the stay and downloads."""
    folder = tmp_path_factory.mktemp("caregiver")
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    try:
        person = Actions(context.new_page(), server.url)
        page = person.page
        person.open()
        person.choose_product()
        person.plan_from_infusion(INFUSION)
        person.go("caregiver")
        last = INFUSION + dt.timedelta(days=14)
        add_line(page, ANN, "Days (8 am to 8 pm)", last)
        add_line(page, BOB, "Nights (8 pm to 8 am the next morning)", INFUSION + dt.timedelta(days=4))
        main = helpers.body_text(page)
        ics = person.download(ROTA_FILE, folder)
        number(page, "How many people will stay near the centre?", 2)
        number(page, "A night's lodging, lowest ($)", 100)
        number(page, "A night's lodging, highest ($)", 150)
        expect(page.get_by_text("$1,500 to $2,250", exact=False).first).to_be_visible()
        person.open_summary()
        summary_text = helpers.body_text(page)
        pdf = person.download("Download the PDF", folder)
    finally:
        context.close()
    return {"main": main, "ics": ics, "pdf": pdf, "summary": summary_text}


def test_the_page_lists_the_night_gaps(walk):
    """Bob covers the first five nights; every night after that is a gap, called out."""
    text = walk["main"]
    assert "we found 10 gaps" in text and "10 of them are at night" in text
    assert "Find someone to stay this night" in text
    fifth = INFUSION + dt.timedelta(days=5)
    assert f"{fifth:%A}, {fifth:%B} {fifth.day}, {fifth.year}, 8 pm to" in text


def test_the_calendar_file_has_one_event_per_shift_and_person(walk):
    cal = icalendar.Calendar.from_ical(walk["ics"].read_bytes())
    events = list(cal.walk("VEVENT"))
    names = [str(e["summary"]) for e in events]
    assert names.count(ANN) == 15 and names.count(BOB) == 5 and len(names) == 20
    first_night = next(e for e in events if str(e["summary"]) == BOB)
    assert first_night.decoded("dtstart") == dt.datetime.combine(INFUSION, dt.time(20))
    assert first_night.decoded("dtend") == dt.datetime.combine(
        INFUSION + dt.timedelta(days=1), dt.time(8))
    assert walk["ics"].name == f"car-t-caregiver-rota-{INFUSION.isoformat()}.ics"


def test_the_summary_pdf_has_the_rota_every_gap_and_the_estimate(walk):
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(walk["pdf"]).pages)
    flat = " ".join(text.split())
    assert "Who is with me, day and night?" in flat
    assert "O'Neil" in flat and "Bob: Nights" in flat
    assert "we found 10 gaps" in flat
    assert "What might the stay near the centre cost?" in flat
    assert "$1,500 to $2,250" in flat
    assert "Ask your insurer" in flat
    assert "Who is with me, day and night?" in walk["summary"]


def test_the_filled_in_page_passes_axe_and_reflows(page, server, screenshot_dir):
    """The page with a rota, a set-times line in the form, figures and the estimate: axe at
    1280 and 390 px, names equal labels, and no sideways scrolling at 320 and 640 px."""
    from tests.e2e.test_accessibility import Audit

    audit = Audit(page)
    person = Actions(page, server.url)
    person.open()
    person.choose_product()
    person.plan_from_infusion(INFUSION)
    person.go("caregiver")
    audit.check("caregiver, planned, nobody listed")
    add_line(page, ANN, "Days (8 am to 8 pm)", INFUSION + dt.timedelta(days=14))
    helpers.choose_radio(page, "When can they be there?", "Set times each day")
    number(page, "How many people will stay near the centre?", 2)
    number(page, "A night's lodging, lowest ($)", 100)
    helpers.open_all_expanders(page)
    audit.check("caregiver, with a rota and figures")
    helpers.screenshot(page, screenshot_dir / "caregiver__filled.png")
    audit.assert_clean()
