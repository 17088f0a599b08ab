"""Numbers out of 100 people in words: the one wording rule for every page, the summary and
its documents.

Rounding follows WRITING.md. A whole number reads as it is ("13 out of 100"); a number that had
to be rounded says so ("about 63 out of 100" for 63.1, "about 1 out of 100" for 0.8); below 0.5
it is "fewer than 1 out of 100", above 99.5 "more than 99 out of 100". Halves round up, as people
do. The two framings always add up to 100. A missing number is "not reported", never a guess.
Pure: no Streamlit.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

NOT_REPORTED = "not reported"
OUT_OF = "out of 100"


def is_missing(value: Any) -> bool:
    """True for None, pandas NA, NaN and empty text: a number the source did not give."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # pandas.NA (and NaT) refuse to be compared; numbers and text do not.
    try:
        return bool(value != value)
    except TypeError:
        return True


def people_out_of_100(per_100: float) -> int:
    """Whole people out of 100 for a picture (halves round up; 0.8 -> 1, 0.4 -> 0)."""
    value = Decimal(str(float(per_100))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(0, min(100, int(value)))


def _count(per_100: float, other_way: bool) -> str:
    if 0 < per_100 < 0.5:
        return "more than 99" if other_way else "fewer than 1"
    if 99.5 <= per_100 < 100:
        return "fewer than 1" if other_way else "more than 99"
    whole = people_out_of_100(per_100)
    shown = 100 - whole if other_way else whole
    return str(shown) if math.isclose(per_100, whole) else f"about {shown}"


def share(per_100: Any) -> str:
    """'13 out of 100', 'about 63 out of 100', 'fewer than 1 out of 100' or 'not reported'."""
    if is_missing(per_100):
        return NOT_REPORTED
    return f"{_count(min(max(float(per_100), 0.0), 100.0), False)} {OUT_OF}"


def rest(per_100: Any) -> str:
    """The other way round: how many out of 100 did not (adds up with `share` to 100)."""
    if is_missing(per_100):
        return NOT_REPORTED
    return f"{_count(min(max(float(per_100), 0.0), 100.0), True)} {OUT_OF}"


def capitalise(text: str) -> str:
    """First letter upper case, the rest untouched."""
    return text[:1].upper() + text[1:]


def both_ways(per_100: Any, had: str, had_not: str = "did not") -> str:
    """One sentence, both framings: 'About 63 out of 100 people had X; about 37 out of 100 did
    not.' A missing number: 'How many people had X: not reported.'"""
    if is_missing(per_100):
        return f"How many people {had}: {NOT_REPORTED}."
    return capitalise(f"{share(per_100)} people {had}; {rest(per_100)} {had_not}.")


def range_both_ways(low: float, high: float, had: str, had_not: str = "did not") -> str:
    """A range from several studies: 'Between 53 and 64 out of 100 people had X; between 36 and
    47 out of 100 did not.'"""
    lo, hi = people_out_of_100(low), people_out_of_100(high)
    if lo == hi:
        return both_ways(low, had, had_not)
    return (f"Between {lo} and {hi} {OUT_OF} people {had}; "
            f"between {100 - hi} and {100 - lo} {OUT_OF} {had_not}.")


def number(value: Any) -> str:
    """A number for a table: 13 -> '13', 4.1 -> '4.1', missing -> 'not reported'."""
    if is_missing(value):
        return NOT_REPORTED
    x = float(value)
    return str(int(x)) if x == int(x) else f"{x:g}"
