"""For the caregiver: the rota form, its gaps and list, the estimate, and the summary."""

from __future__ import annotations

import datetime as dt

from components import rota, state

PAGE = "pages/caregiver.py"
SOON = dt.date.today() + dt.timedelta(days=30)
PLANNED = {state.K_PRODUCT: "carvykti", state.K_JOURNEY_DATE: SOON}


def shown(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [t.value for t in at.text]
                     + [w.value for w in at.warning] + [i.value for i in at.info])


def add_line(at, name: str, part: str, first=SOON, last=SOON + dt.timedelta(days=14)):
    at.text_input(key="caregiver__name").input(name)
    at.radio(key="caregiver__part").set_value(part)
    at.date_input(key="caregiver__first").set_value(first)
    at.date_input(key="caregiver__last").set_value(last)
    at.button(key="caregiver__add").click().run()
    assert not at.exception, at.exception
    return at


def test_without_a_planned_date_it_says_where_to_pick_one(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert "pick your planned infusion date" in shown(at)
    assert at.title[0].value == "For the caregiver"


def test_nobody_listed_is_one_long_gap_and_never_enough(make_app):
    at = make_app(PAGE, **PLANNED).run()
    text = shown(at)
    assert "Nobody is listed yet" in text and "we found 1 gap" in text
    assert "enough" not in text.replace("not judge whether a plan is good enough", "")


def test_a_day_rota_shows_every_night_as_a_gap_and_the_name_as_typed(make_app):
    at = add_line(make_app(PAGE, **PLANNED).run(), "<b>Ann</b> *x*", "day")
    assert at.session_state[state.K_ROTA][0]["name"] == "<b>Ann</b> *x*"
    assert any(t.value.startswith("1. <b>Ann</b> *x*: Days (8 am to 8 pm)") for t in at.text)
    text = shown(at)
    assert "we found 15 gaps" in text and "15 of them are at night" in text
    assert "Find someone to stay this night" in text
    assert at.get("download_button")  # the calendar file is offered


def test_adding_nights_closes_the_gaps_and_remove_brings_them_back(make_app):
    at = add_line(make_app(PAGE, **PLANNED).run(), "Ann", "day")
    at = add_line(at, "Bob", "night")
    assert "We found no gaps" in shown(at)  # days and nights, every day of the window
    at.button(key="caregiver__remove_1").click().run()
    assert [r["name"] for r in at.session_state[state.K_ROTA]] == ["Ann"]
    assert "we found 15 gaps" in shown(at)


def test_a_line_that_cannot_be_used_says_why_and_adds_nothing(make_app):
    at = add_line(make_app(PAGE, **PLANNED).run(), "Ann", "day", first=SOON,
                  last=SOON - dt.timedelta(days=1))
    assert at.session_state[state.K_ROTA] == []
    assert "The last day is before the first day" in shown(at)
    at = add_line(at, "", "day")
    assert "Please type a name." in shown(at)


def test_the_estimate_uses_only_the_figures_typed(make_app):
    at = make_app(PAGE, **PLANNED).run()
    assert "Add your own figures" in shown(at)
    at.number_input(key="caregiver__cost_people").set_value(2).run()
    at.number_input(key="caregiver__cost_lodging_low").set_value(100).run()
    at.number_input(key="caregiver__cost_lodging_high").set_value(150).run()
    assert not at.exception
    assert at.session_state[state.K_STAY_COST] == {"people": 2, "lodging_low": 100.0,
                                                   "lodging_high": 150.0}
    assert "15 nights near the centre\\: \\$1,500 to \\$2,250" in shown(at)


def test_carvykti_later_warnings_show_only_for_carvykti_or_no_product(make_app):
    later = "The gut warning"
    assert later in shown(make_app(PAGE, **PLANNED).run())
    assert later in shown(make_app(PAGE).run())
    assert later not in shown(make_app(PAGE, **{state.K_PRODUCT: "yescarta"}).run())


def test_the_summary_shows_the_rota_and_the_estimate(make_app):
    record = rota.to_record(rota.Entry("Ann <i>", SOON, SOON + dt.timedelta(days=14), "day"))
    at = make_app("pages/summary.py", **PLANNED, **{
        state.K_ROTA: [record], state.K_STAY_COST: {"people": 1, "lodging_low": 90}}).run()
    assert not at.exception
    headings = [h.value for h in at.subheader]
    assert "Who is with me, day and night?" in headings
    assert "What might the stay near the centre cost?" in headings
    assert any("Ann <i>: Days" in t.value for t in at.text)
    assert "$1,350" in shown(at)
