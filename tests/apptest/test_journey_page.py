"""The Treatment journey page: the stepper, the timeline chart and the personal calendar."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from icalendar import Calendar
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import app_test

from components import catalog, dates, journey, schedule, state

CONTENT = catalog.load()
PAGE = "pages/journey.py"
QUESTIONS = {
    "referral": "How do I get started?",
    "collection": "How are my T cells collected?",
    "stay_nearby": "How long must I stay near the treatment centre?",
    "long_term": "What checks will I need in the years after?",
}
LAST = len(journey.PHASE_IDS) - 1
TODAY = dt.date.today()


def question(at) -> str:
    return at.main.subheader[0].value


def shown(at) -> str:
    """The page's Markdown, with source links read as their names ("(Source: ID)")."""
    text = "\n".join(m.value for m in at.markdown)
    return re.sub(r"\[([^\]]+)\]\(sources\?source=[^)]+\)", r"\1", text)


def has_download(at) -> bool:
    return any(el.key == "journey__download" for el in at.get("download_button"))


def run(make_app, **seed):
    at = make_app(PAGE, **seed).run()
    assert not at.exception, at.exception
    return at


# ---------------------------------------------------------------------------------------------
# Stepper
# ---------------------------------------------------------------------------------------------
def test_stepper_starts_at_the_first_step_with_previous_disabled(make_app):
    at = run(make_app)
    assert question(at) == QUESTIONS["referral"]
    assert at.button(key="journey__prev").disabled
    assert not at.button(key="journey__next").disabled
    assert "Step 1 of 9" in at.get("progress")[0].proto.text


def test_next_and_previous_move_one_step_at_a_time(make_app):
    at = run(make_app)
    at.button(key="journey__next").click().run()
    at.button(key="journey__next").click().run()
    assert not at.exception
    assert at.session_state[state.K_JOURNEY_STEP] == 2
    at.button(key="journey__prev").click().run()
    assert not at.exception
    assert question(at) == QUESTIONS["collection"]
    assert at.selectbox(key=state.K_JOURNEY_STEP).value == 1


def test_next_is_disabled_on_the_last_step(make_app):
    at = run(make_app, **{state.K_JOURNEY_STEP: LAST})
    assert question(at) == QUESTIONS["long_term"]
    assert at.button(key="journey__next").disabled
    assert not at.button(key="journey__prev").disabled


@pytest.mark.parametrize(("seed", "expected"), [(99, LAST), (-4, 0), ("three", 0), (None, 0)])
def test_a_broken_step_in_state_is_clamped_not_a_crash(make_app, seed, expected):
    at = run(make_app, **{state.K_JOURNEY_STEP: seed})
    assert at.session_state[state.K_JOURNEY_STEP] == expected


def test_go_straight_to_a_step(make_app):
    at = run(make_app)
    at.selectbox(key=state.K_JOURNEY_STEP).set_value(6).run()
    assert not at.exception
    assert question(at) == QUESTIONS["stay_nearby"]
    assert "June 26, 2025" in shown(at)


def test_the_step_survives_a_visit_to_another_page(make_app):
    at = run(make_app)
    at.button(key="journey__next").click().run()
    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert question(at) == QUESTIONS["collection"]


# ---------------------------------------------------------------------------------------------
# Product numbers inside a step
# ---------------------------------------------------------------------------------------------
def test_choosing_a_product_shows_its_numbers_and_what_is_not_reported(make_app):
    at = run(make_app, **{state.K_JOURNEY_STEP: 6})
    assert "The numbers we found for CAR-T in general" in shown(at)
    at.selectbox(key=state.K_PRODUCT).set_value("carvykti").run()
    assert not at.exception
    text = shown(at)
    assert "The numbers we found for Carvykti" in text
    assert "(Source: FDA-REMS-2025)" in text
    at = run(make_app, **{state.K_JOURNEY_STEP: 2, state.K_PRODUCT: "aucatzyl"})
    assert "How long it takes to make the cells: not reported in the sources we checked." in (
        shown(at))


def test_aucatzyl_step_says_its_advice_dates_from_approval(make_app):
    at = run(make_app, **{state.K_JOURNEY_STEP: 6, state.K_PRODUCT: "aucatzyl"})
    text = shown(at)
    assert "at least 56 days (8 weeks) after the second part of the infusion" in text
    assert "(Source: OncoLink-Aucatzyl-2024)" in text


def test_unknown_product_in_state_falls_back_to_the_general_picture(make_app):
    at = run(make_app, **{state.K_PRODUCT: "not-a-product"})
    assert at.selectbox(key=state.K_PRODUCT).value is None
    assert at.session_state[state.K_PRODUCT] is None


# ---------------------------------------------------------------------------------------------
# Timeline chart
# ---------------------------------------------------------------------------------------------
def test_timeline_chart_counts_days_from_the_infusion_for_the_chosen_product(make_app):
    at = run(make_app, **{state.K_PRODUCT: "yescarta"})
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert spec["layout"]["xaxis"]["title"]["text"].startswith("Days from the infusion (day 0")
    assert spec["layout"]["title"]["text"].replace("<br>", " ") == "The CAR-T journey: Yescarta"
    assert "Yescarta" in charts[0].proto.alt
    captions = " ".join(c.value for c in at.markdown)
    assert "Timeline for Yescarta, in days from the infusion (day 0): cell collection about" in captions


# ---------------------------------------------------------------------------------------------
# Personal calendar
# ---------------------------------------------------------------------------------------------
def pick(at, anchor: str, day: dt.date | None = None):
    at.radio(key="journey__anchor").set_value(anchor).run()
    if day is not None:
        at.date_input(key="journey__date").set_value(day).run()
    assert not at.exception
    return at


def test_no_date_yet_asks_for_one_and_offers_no_calendar(make_app):
    at = run(make_app)
    assert [i.value for i in at.info] == ["Pick a date to see your plan."]
    assert not has_download(at)


def test_a_planned_infusion_date_gives_key_dates_a_table_and_a_calendar(make_app):
    infusion = TODAY + dt.timedelta(days=40)
    at = pick(run(make_app, **{state.K_PRODUCT: "yescarta"}), "infusion", infusion)
    text = shown(at)
    assert f"**Infusion (day 0), planned:** {dates.long_date(infusion)}" in text
    stay = dates.long_date(infusion + dt.timedelta(days=14))
    assert f"**Do not drive until at least:** {stay}" in text
    table = at.table[-1].value
    assert "Stay near the centre" in list(table["Step"])
    assert has_download(at)
    assert at.download_button(key="journey__download").label.startswith("Download these dates")
    assert "How to use the calendar file:" in text
    assert f"{stay}: End of the stay near the centre (at the earliest)" in text
    assert at.date_input(key="journey__date").proto.format == schedule.DATE_INPUT_FORMAT


def test_dates_before_today_are_flagged_next_to_the_date(make_app):
    """Infusion in 10 days: the collection 30 days before it is already past."""
    infusion = TODAY + dt.timedelta(days=10)
    at = pick(run(make_app, **{state.K_PRODUCT: "yescarta"}), "infusion", infusion)
    table = at.table[-1].value.set_index("Step")
    collection = dates.long_date(infusion - dt.timedelta(days=30))
    assert table.loc["Cell collection", "Dates"] == f"{collection} (this date is before today)"
    assert "Days before today are not in the file." in shown(at)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY - dt.timedelta(days=1), "is in the past"),
        (TODAY - dt.timedelta(days=3650), "is in the past"),
        (TODAY + dt.timedelta(days=366), "more than a year away"),
    ],
)
def test_past_and_far_dates_get_a_clear_message_and_no_calendar(make_app, day, message):
    at = pick(run(make_app, **{state.K_PRODUCT: "yescarta"}), "infusion", day)
    assert any(message in w.value for w in at.warning)
    assert not has_download(at)
    assert not at.exception


def test_collection_date_for_a_product_without_vein_to_vein_time(make_app):
    at = pick(run(make_app, **{state.K_PRODUCT: "abecma"}), "collection", TODAY)
    assert any("we cannot work out your infusion date" in w.value for w in at.warning)
    assert not has_download(at)


def test_no_date_yet_estimates_from_today(make_app):
    at = pick(run(make_app, **{state.K_PRODUCT: "breyanzi"}), "today")
    assert not at.get("date_input"), "no date to enter"
    about = dates.long_date(TODAY + dt.timedelta(days=36))
    assert f"**Infusion (day 0), about:** {about}" in shown(at)
    assert has_download(at)


def test_the_downloaded_calendar_is_the_plan(make_app, monkeypatch):
    """Canary on a Streamlit internal: catch the bytes behind the download button."""
    stores: list[MemoryMediaFileStorage] = []

    class CapturingStorage(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            stores.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", CapturingStorage)
    infusion = TODAY + dt.timedelta(days=20)
    at = pick(run(make_app, **{state.K_PRODUCT: "carvykti"}), "infusion", infusion)
    url = at.download_button(key="journey__download").proto.url
    stored = stores[-1].get_file(url.rsplit("/", 1)[-1])
    assert stored.filename == f"car-t-plan-infusion-{infusion.isoformat()}.ics"
    assert stored.mimetype == "text/calendar"
    cal = Calendar.from_ical(stored.content)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    infusion_event = events["CAR-T infusion"]
    assert infusion_event.decoded("DTSTART") == infusion
    assert infusion_event.walk("VALARM"), "a reminder the day before"
    # The June 2025 change covers Carvykti: no driving for at least 2 weeks.
    drive = events[CONTENT.words(schedule.DRIVE_AGAIN)].decoded("DTSTART")
    assert drive == infusion + dt.timedelta(days=15)


def test_a_collection_date_is_not_asked_for_when_it_cannot_be_used(make_app):
    at = pick(run(make_app, **{state.K_PRODUCT: "aucatzyl"}), "collection")
    assert not at.info
    assert any("Please pick your planned infusion date instead" in w.value for w in at.warning)


def test_the_planned_date_survives_a_visit_to_another_page(make_app):
    """A person who typed their infusion date finds it again after reading other pages."""
    day = dt.date.today() + dt.timedelta(days=30)
    at = pick(run(make_app), "infusion", day)
    at.switch_page("pages/side_effects.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.date_input(key="journey__date").value == day
    assert at.download_button(key="journey__download")


# ---------------------------------------------------------------------------------------------
# What the caregiver must do
# ---------------------------------------------------------------------------------------------
CAREGIVER_HEADING = "What will my caregiver have to do?"


def test_caregiver_section_speaks_to_the_caregiver_and_links_to_warning_signs(make_app):
    at = run(make_app)
    assert CAREGIVER_HEADING in [h.value for h in at.header]
    text = shown(at)
    assert "This part is for you, the caregiver" in text
    assert "Call 911" in text and "(Source: BMS-ExploreCT-After)" in text
    assert "Choose a product at the top of the page to see its own numbers." in [
        c.value for c in at.markdown
    ]
    labels = {el.proto.label: el.proto.page for el in at.get("page_link")}
    assert "side_effects" in labels["Warning signs: what to do"]


@pytest.mark.parametrize(
    ("product", "words"),
    [
        ("aucatzyl", "they must not drive for at least 56 days (8 weeks)"),
        ("carvykti", "Nerve problems after Carvykti can start weeks or months later"),
        ("yescarta", "The exact wording in the current Yescarta label is not confirmed."),
    ],
)
def test_caregiver_numbers_follow_the_chosen_product(make_app, product, words):
    at = run(make_app, **{state.K_PRODUCT: product})
    assert words in shown(at)


def test_the_product_list_follows_the_chosen_cancer(make_app):
    """Issue 13: after choosing lymphoma, the journey does not offer all seven products."""
    at = make_app("pages/journey.py", **{state.K_DIAGNOSIS: "myeloma"}).run()
    assert not at.exception
    assert list(at.selectbox(key=state.K_PRODUCT).options) == [
        "Abecma (idecabtagene vicleucel)", "Carvykti (ciltacabtagene autoleucel)"]
    assert any("approved for multiple myeloma" in m.value.lower() for m in at.markdown)
