"""The one wording rule for numbers out of 100: honest rounding, both framings, never a guess."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from components import frequencies

MISSING = [None, pd.NA, float("nan"), "", "  "]


@pytest.mark.parametrize(
    ("per_100", "words"),
    [
        (13, "13 out of 100"),
        (13.0, "13 out of 100"),
        (63.1, "about 63 out of 100"),
        (12.5, "about 13 out of 100"),  # halves round up, as people do
        (0.8, "about 1 out of 100"),  # WRITING.md: 0.8% is "about 1"
        (0.5, "about 1 out of 100"),
        (0.49, "fewer than 1 out of 100"),
        (0.3, "fewer than 1 out of 100"),
        (4.1, "about 4 out of 100"),
        (99.4, "about 99 out of 100"),
        (99.5, "more than 99 out of 100"),
        (99.7, "more than 99 out of 100"),
        (0, "0 out of 100"),
        (100, "100 out of 100"),
        (-3, "0 out of 100"),
        (120, "100 out of 100"),
    ],
)
def test_share_rounds_honestly_and_says_when_it_rounded(per_100, words):
    assert frequencies.share(per_100) == words


@pytest.mark.parametrize("missing", MISSING)
def test_missing_numbers_are_not_reported_never_guessed(missing):
    assert frequencies.is_missing(missing)
    assert frequencies.share(missing) == "not reported"
    assert frequencies.rest(missing) == "not reported"
    assert frequencies.number(missing) == "not reported"
    assert frequencies.both_ways(missing, "had severe CRS") == (
        "How many people had severe CRS: not reported."
    )


@pytest.mark.parametrize("value", [0, 0.0, 13, 4.1, "13"])
def test_real_numbers_are_not_missing(value):
    assert not frequencies.is_missing(value)


@pytest.mark.parametrize("per_100", [x / 10 for x in range(0, 1001, 7)])
def test_the_two_framings_add_up_to_100(per_100):
    had = int(re.search(r"\d+", frequencies.share(per_100)).group())
    did_not = int(re.search(r"\d+", frequencies.rest(per_100)).group())
    if 0 < per_100 < 0.5 or 99.5 <= per_100 < 100:  # "fewer than 1" / "more than 99"
        assert {had, did_not} == {1, 99}
    else:
        assert had + did_not == 100


@pytest.mark.parametrize(
    ("per_100", "sentence"),
    [
        (13, "13 out of 100 people had severe CRS; 87 out of 100 did not."),
        (63.1, "About 63 out of 100 people had severe CRS; about 37 out of 100 did not."),
        (0.8, "About 1 out of 100 people had severe CRS; about 99 out of 100 did not."),
        (0.2, "Fewer than 1 out of 100 people had severe CRS; more than 99 out of 100 did not."),
        (99.7, "More than 99 out of 100 people had severe CRS; fewer than 1 out of 100 did not."),
    ],
)
def test_both_ways_gives_both_framings_in_one_sentence(per_100, sentence):
    assert frequencies.both_ways(per_100, "had severe CRS") == sentence


def test_both_ways_uses_the_given_negative_verb():
    assert frequencies.both_ways(42, "were still in response", "were not") == (
        "42 out of 100 people were still in response; 58 out of 100 were not."
    )


@pytest.mark.parametrize(
    ("low", "high", "sentence"),
    [
        (53, 64, "Between 53 and 64 out of 100 people had X; between 36 and 47 out of 100 did "
                  "reach it."),
        (40, 40.2, "40 out of 100 people had X; 60 out of 100 did reach it."),
    ],
)
def test_a_range_is_said_both_ways(low, high, sentence):
    assert frequencies.range_both_ways(low, high, "had X", "did reach it") == sentence


@pytest.mark.parametrize(
    ("per_100", "people"),
    [(0, 0), (0.4, 0), (0.5, 1), (0.8, 1), (12.5, 13), (13.49, 13), (99.5, 100), (100, 100),
     (-3, 0), (120, 100)],
)
def test_people_out_of_100_rounds_half_up_and_stays_in_0_to_100(per_100, people):
    assert frequencies.people_out_of_100(per_100) == people


@pytest.mark.parametrize(
    ("value", "text"), [(13, "13"), (13.0, "13"), (4.1, "4.1"), (0.8, "0.8"), (85.3, "85.3")]
)
def test_number_drops_useless_decimals(value, text):
    assert frequencies.number(value) == text


def test_every_page_words_numbers_through_this_module():
    """One rule, one place: no other module words a number as 'N in 100' on its own."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in [*root.glob("components/*.py"), *root.glob("pages/*.py")]:
        if path.name == "frequencies.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\d\}? in 100\b|\bin 100\"", text), path.name
        assert "fewer than 1" not in text and "more than 99" not in text, path.name
