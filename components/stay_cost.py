"""The travel and lodging estimate: the nights near the centre from the personal plan, times the
family's own figures, as a low-to-high range. Pure (no Streamlit).

The aid has no default amounts: every amount is what the person typed. Without their figures
there is no estimate, only the number of nights. The questions that go with the estimate, and
the cited words on what insurance often does and where to ask for help, are content
(data/wording.csv and data/text/caregiver__*.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from components.content import Content
from components.rota import Window

MODES: dict[str, str] = {
    "car": "By car",
    "plane": "By plane",
    "train_bus": "By train or bus",
    "other": "Another way",
}
MAX_AMOUNT = 100_000  # per night, per day or per trip, in dollars
MAX_PEOPLE = 12
MAX_TRIPS = 30
MAX_EXTRA_NIGHTS = 60
MAX_DISTANCE = 20_000
MAX_HOURS = 72
NUMBERS: dict[str, tuple[float, float, bool]] = {
    # name -> (lowest, highest, whole number)
    "distance_miles": (0, MAX_DISTANCE, False),
    "travel_hours": (0, MAX_HOURS, False),
    "people": (1, MAX_PEOPLE, True),
    "lodging_low": (0, MAX_AMOUNT, False),
    "lodging_high": (0, MAX_AMOUNT, False),
    "daily_low": (0, MAX_AMOUNT, False),
    "daily_high": (0, MAX_AMOUNT, False),
    "trip_low": (0, MAX_AMOUNT, False),
    "trip_high": (0, MAX_AMOUNT, False),
    "trips": (0, MAX_TRIPS, True),
    "extra_nights": (0, MAX_EXTRA_NIGHTS, True),
}


def clean(raw: Any) -> dict[str, Any]:
    """The usable inputs as JSON values: numbers in range and the way of travel; the rest
    dropped (an empty dict when nothing is usable)."""
    if not isinstance(raw, Mapping):
        return {}
    out: dict[str, Any] = {}
    for name, (low, high, whole) in NUMBERS.items():
        value = raw.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if not math.isfinite(value) or not low <= value <= high:
            continue
        if whole:
            if value != int(value):
                continue
            value = int(value)
        out[name] = value
    mode = raw.get("mode")
    if isinstance(mode, str) and mode in MODES:
        out["mode"] = mode
    return out


def dropped(raw: Any) -> int:
    """How many entries of the saved inputs could not be used."""
    if not isinstance(raw, Mapping):
        return 0 if raw is None else 1
    return len(raw) - len(clean(raw))


@dataclass(frozen=True)
class Line:
    """One part of the estimate, in whole dollars (None: not given)."""

    label: str
    low: int | None
    high: int | None
    how: str


@dataclass(frozen=True)
class Estimate:
    nights: int
    people: int | None
    lines: tuple[Line, ...]
    low: int | None
    high: int | None

    @property
    def has_total(self) -> bool:
        return self.low is not None and self.high is not None


def _pair(values: Mapping[str, Any], stem: str) -> tuple[float, float] | None:
    """(low, high) from the person's figures: one alone stands for both; swapped if reversed."""
    low, high = values.get(f"{stem}_low"), values.get(f"{stem}_high")
    if low is None and high is None:
        return None
    given = [float(v) for v in (low, high) if v is not None]
    return (min(given), max(given))


def dollars(value: float) -> str:
    """$1,234 (whole dollars, rounded half up)."""
    return f"${math.floor(value + 0.5):,}"


def nights_near(window: Window | None, inputs: Mapping[str, Any]) -> int | None:
    """The nights near the centre: one per day of the window, plus the extra nights given."""
    if window is None:
        return None
    return window.nights + int(inputs.get("extra_nights") or 0)


def estimate(content: Content, window: Window | None, raw: Mapping[str, Any]
             ) -> Estimate | None:
    """The cost range from the window and the person's own figures (None without a window).

    Lodging: nights x the cost of a night (for everyone). Daily costs: nights x people x the
    cost of a day for one person. Travel: round trips x the cost of one (for everyone). A part
    without figures is left out of the total, and its line says so."""
    values = clean(raw)
    nights = nights_near(window, values)
    if nights is None:
        return None
    people = values.get("people")
    trips = values.get("trips", 1)
    lines = []
    parts = [
        ("Lodging", "lodging", nights, f"{nights} nights"),
        ("Food and daily costs", "daily", nights * (people or 0),
         f"{nights} days x {people} {'person' if people == 1 else 'people'}" if people else ""),
        ("Travel there and back", "trip", trips,
         f"{trips} round {'trip' if trips == 1 else 'trips'}"),
    ]
    low_total = high_total = 0.0
    counted = 0
    for label, stem, times, how in parts:
        pair = _pair(values, stem)
        if pair is None or (stem == "daily" and not people):
            missing = content.words("stay_not_counted_figures" if pair is None
                                    else "stay_not_counted_people")
            lines.append(Line(label, None, None, missing))
            continue
        low, high = pair[0] * times, pair[1] * times
        each = range_words(*(math.floor(v + 0.5) for v in pair))
        lines.append(Line(label, math.floor(low + 0.5), math.floor(high + 0.5),
                          f"{how} at {each} each"))
        low_total += low
        high_total += high
        counted += 1
    if not counted:
        return Estimate(nights, people, tuple(lines), None, None)
    return Estimate(nights, people, tuple(lines), math.floor(low_total + 0.5),
                    math.floor(high_total + 0.5))


def range_words(low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return "not worked out"
    return dollars(low) if low == high else f"{dollars(low)} to {dollars(high)}"


def total_words(content: Content, est: Estimate) -> str:
    """One sentence with the total, never called enough or typical."""
    if not est.has_total:
        return content.words("stay_nights_only", nights=est.nights)
    return content.words("stay_total", nights=est.nights, range=range_words(est.low, est.high))


def line_rows(content: Content, est: Estimate) -> tuple[tuple[str, str, str], ...]:
    """The estimate as table rows: (part, how it was worked out, cost range)."""
    rows = [(ln.label, ln.how, range_words(ln.low, ln.high)) for ln in est.lines]
    rows.append(("Total", content.words("stay_total_how"), range_words(est.low, est.high)))
    return tuple(rows)


def trip_words(inputs: Mapping[str, Any]) -> str:
    """How far and how they travel, as given ("" when nothing was given)."""
    values = clean(inputs)
    parts = []
    if "distance_miles" in values:
        parts.append(f"{values['distance_miles']:g} miles")
    if "travel_hours" in values:
        h = values["travel_hours"]
        parts.append(f"about {h:g} {'hour' if h == 1 else 'hours'} each way")
    if "mode" in values:
        parts.append(MODES[values["mode"]].lower())
    if "people" in values:
        p = values["people"]
        parts.append(f"{p} {'person' if p == 1 else 'people'} staying")
    return ", ".join(parts)
