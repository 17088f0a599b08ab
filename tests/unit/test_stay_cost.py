"""The travel and lodging estimate: nights from the plan x the family's own figures."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from components import caregiver, catalog, rota, stay_cost, summary_model
from components import summary as sm

CONTENT = catalog.load()
WINDOW = rota.Window(dt.date(2027, 3, 8), dt.date(2027, 3, 22))  # 15 nights
EXAMPLE = {"people": 2, "lodging_low": 100, "lodging_high": 150, "daily_low": 20,
           "daily_high": 40, "trip_low": 50, "trip_high": 80, "mode": "car"}


def test_the_worked_example_in_the_text_is_what_the_aid_works_out(real_content):
    est = stay_cost.estimate(CONTENT, WINDOW, EXAMPLE)
    assert (est.low, est.high) == (2150, 3530)
    text = real_content.text("caregiver__cost_example")
    assert "made up" in text and "not typical" in text
    for amount in ("$1,500 to $2,250", "$600 to $1,200", "$50 to $80", "$2,150 to $3,530"):
        assert amount in text
    assert [(ln.low, ln.high) for ln in est.lines] == [(1500, 2250), (600, 1200), (50, 80)]


def test_no_figures_no_amounts():
    est = stay_cost.estimate(CONTENT, WINDOW, {})
    assert est.nights == 15 and not est.has_total
    assert "$" not in stay_cost.total_words(CONTENT, est)
    assert all(ln.low is None for ln in est.lines)


def test_no_window_no_estimate():
    assert stay_cost.estimate(CONTENT, None, EXAMPLE) is None


def test_one_figure_stands_for_both_ends_and_reversed_ends_are_swapped():
    est = stay_cost.estimate(CONTENT, WINDOW, {"lodging_low": 90, "trip_low": 80, "trip_high": 50})
    assert (est.lines[0].low, est.lines[0].high) == (1350, 1350)
    assert (est.lines[2].low, est.lines[2].high) == (50, 80)
    assert (est.low, est.high) == (1400, 1430)


def test_daily_costs_need_the_number_of_people():
    est = stay_cost.estimate(CONTENT, WINDOW, {"daily_low": 20})
    assert est.lines[1].low is None and "how many people" in est.lines[1].how
    assert not est.has_total


def test_extra_nights_and_trips_count():
    est = stay_cost.estimate(CONTENT, WINDOW, {"lodging_low": 100, "extra_nights": 3, "trips": 2,
                                      "trip_low": 10})
    assert est.nights == 18 and (est.low, est.high) == (1820, 1820)


@pytest.mark.parametrize(
    "raw",
    [{"people": 0}, {"people": 2.5}, {"lodging_low": -1}, {"lodging_low": float("nan")},
     {"lodging_low": True}, {"lodging_low": "100"}, {"mode": "rocket"},
     {"trips": stay_cost.MAX_TRIPS + 1}],
)
def test_unusable_figures_are_dropped(raw):
    assert stay_cost.clean(raw) == {} and stay_cost.dropped(raw) == 1


def test_trip_words():
    assert stay_cost.trip_words({"distance_miles": 180, "travel_hours": 3.5, "mode": "car",
                                 "people": 2}) == (
        "180 miles, about 3.5 hours each way, by car, 2 people staying")


def test_summary_carries_the_rota_gaps_and_the_estimate(real_content):
    today = dt.date(2027, 1, 1)
    plan = caregiver.plan_for(real_content, "carvykti", "infusion", dt.date(2027, 3, 8), today)
    records = [rota.to_record(rota.Entry("Ann *x*", dt.date(2027, 3, 8), dt.date(2027, 3, 22),
                                         "day"))]
    base = sm.build_summary(real_content, {}, today)
    model = caregiver.with_caregiver(real_content, base, records, EXAMPLE, plan)
    keys = [s.key for s in model.sections]
    assert keys.index("rota") < keys.index("stay_cost") < keys.index("questions")
    text = summary_model.to_plain_text(model)
    assert "Ann *x*: Days (8 am to 8 pm)" in text
    assert "15 gaps" in text and "Monday, March 8, 2027, 8 pm to Tuesday, March 9, 2027" in text
    assert "$2,150 to $3,530" in text
    assert "Ask your insurer" in text
    assert any(line.startswith("FDA-REMS-2025") for line in model.sources)
    # Nothing entered: the summary is unchanged.
    assert caregiver.with_caregiver(real_content, base, [], {}, plan) is base


def test_dollars_round_half_up():
    assert stay_cost.dollars(1234.5) == "$1,235" and stay_cost.dollars(0) == "$0"
    assert re.fullmatch(r"\$\d{1,3}(,\d{3})*", stay_cost.dollars(1234567.2))
