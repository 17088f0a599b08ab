"""The whole flow in a real browser, as a person would do it, with every download read back.

Diagnosis and product, every journey step, a planned date as a calendar file, every part of
the self-assessment, the summary and its four downloads; then start over, load the answers
file, and the answers are back.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pypdf
import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from components import dates, journey, schedule
from tests.e2e import helpers
from tests.e2e.actions import ASKED_IDS, CALENDAR, CONTENT, FREE_TEXT, QUESTIONNAIRE, Actions

MARKER = "Journeytest7x"


@pytest.fixture
def console_errors(page):
    """Console errors of the page; the test asserts there were none."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def calendar_events(data: bytes) -> dict[str, dt.date]:
    events = Calendar.from_ical(data).walk("VEVENT")
    return {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}


def test_the_whole_flow_with_every_download(page, server, tmp_path, screenshot_dir, console_errors):
    person = Actions(page, server.url)
    person.open()

    # Learn: diagnosis and product, then every step of the journey in order.
    person.choose_diagnosis()
    person.choose_product()
    steps = person.step_through_journey()
    phases = journey.phases(CONTENT)
    assert steps == [f"Step {i} of {len(phases)}: {p.title}" for i, p in enumerate(phases, 1)]

    # A planned infusion date becomes a calendar file with the same events the aid computes.
    infusion = dt.date.today() + dt.timedelta(days=40)
    person.plan_from_infusion(infusion)
    helpers.screenshot(page, screenshot_dir / "flow_journey_plan.png")
    ics = person.download(CALENDAR, tmp_path)
    assert ics.name == f"car-t-plan-infusion-{infusion.isoformat()}.ics"
    plan = schedule.make_plan(CONTENT, "yescarta", "infusion", infusion, dt.date.today())
    expected = calendar_events(schedule.calendar_ics(CONTENT, plan, dt.datetime.now(dt.UTC),
                                                    dt.date.today()))
    assert calendar_events(ics.read_bytes()) == expected
    assert expected["CAR-T infusion"] == infusion

    # Decide: every part of the self-assessment, then the summary shows what was typed.
    typed = person.answer_questionnaire(MARKER)
    assert set(typed) == {q.id for q in FREE_TEXT}
    person.open_summary()
    main = helpers.main_area(page)
    for text in typed.values():
        expect(main).to_contain_text(text)
    expect(main).to_contain_text(person.diagnosis)
    expect(main).to_contain_text(person.product)
    helpers.screenshot(page, screenshot_dir / "flow_summary.png")

    # The four downloads hold the answers; the documents also hold the planned dates.
    files = person.download_summary(tmp_path)
    today = dt.date.today().isoformat()
    assert sorted(p.name for p in files.values()) == sorted(
        [f"cart-summary-{today}.pdf", f"cart-summary-{today}.html", f"cart-summary-{today}.txt",
         f"cart-answers-{today}.json"]
    )
    pdf, text = pdf_text(files["pdf"]), files["text"].read_text(encoding="utf-8")
    page_source = files["html"].read_text(encoding="utf-8")
    assert page_source.startswith("<!DOCTYPE html>") and '<html lang="en">' in page_source
    page_text = flat(html.unescape(re.sub(r"<[^>]+>", " ", page_source)))
    saved = json.loads(files["answers"].read_text(encoding="utf-8"))["answers"]
    for qid, value in typed.items():
        assert value in pdf, qid
        assert value in text, qid
        assert flat(value) in page_text, qid
        assert saved[qid] == value
    for document_text in (flat(pdf), flat(text), page_text):
        assert dates.long_date(infusion) in document_text
        assert "What are my planned dates?" in document_text
    assert saved["about_diagnosis"] == "lbcl"
    assert set(saved) == ASKED_IDS

    # Start over: the answers are gone, on the page and on the summary.
    person.start_over()
    name_box = helpers.text_box(page, QUESTIONNAIRE.question("about_name").label)
    expect(name_box).to_have_value("")
    person.open_summary()
    expect(main).not_to_contain_text(MARKER)

    # Load the answers file: everything is back.
    person.upload_answers(files["answers"])
    loaded = f"Loaded {len(ASKED_IDS)} answers and "
    expect(helpers.alerts(page).filter(has_text=loaded)).to_be_visible()
    person.go_to_part(0)
    expect(name_box).to_have_value(typed["about_name"])
    who = helpers.radio_group(page, QUESTIONNAIRE.question("about_who").label)
    expect(who.get_by_role("radio", name="I am the patient")).to_be_checked()
    person.open_summary()
    for text in typed.values():
        expect(main).to_contain_text(text)
    helpers.expect_no_exception(page)
    assert console_errors == []
