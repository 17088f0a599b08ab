"""Figure builders: the right traces, values, labels and palette, with meaning not by colour alone."""

from __future__ import annotations

import pandas as pd
import pytest

from components import charts, palette

PALETTE = {
    v.upper()
    for k, v in vars(palette).items()
    if k.isupper() and isinstance(v, str) and v.startswith("#")
}


def colours_in(fig) -> set[str]:
    """Every colour a figure sets on its traces and shapes."""
    found: set[str] = set()

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and node.startswith("#") and "color" in key.lower():
            found.add(node.upper())

    walk(fig.to_dict()["data"], "")
    walk(fig.to_dict()["layout"].get("shapes", []), "")
    return found


# --- icon arrays ----------------------------------------------------------------------------


@pytest.mark.parametrize(("per_100", "had"), [(0, 0), (0.4, 0), (0.8, 1), (13, 13), (50, 50),
                                               (97.9, 98), (100, 100)])
def test_icon_array_draws_100_people_split_as_rounded(per_100, had):
    fig = charts.icon_array(per_100, "Severe CRS")
    heads_had, bodies_had, heads_not, bodies_not = fig.data
    assert len(heads_had.x) == len(bodies_had.x) == had
    assert len(heads_not.x) == len(bodies_not.x) == 100 - had
    positions = set(zip(bodies_had.x, bodies_had.y, strict=True)) | set(
        zip(bodies_not.x, bodies_not.y, strict=True)
    )
    assert len(positions) == 100


def test_icon_array_shows_had_it_and_did_not_by_shape_as_well_as_colour():
    fig = charts.icon_array(13, "Severe CRS")
    had_symbols = {t.marker.symbol for t in fig.data[:2]}
    not_symbols = {t.marker.symbol for t in fig.data[2:]}
    assert had_symbols == {"circle", "triangle-up"}
    assert not_symbols == {"circle-open", "triangle-up-open"}
    assert {t.marker.color for t in fig.data[:2]} == {palette.AFFECTED}
    assert {t.marker.color for t in fig.data[2:]} != {palette.AFFECTED}


def test_icon_array_legend_names_both_groups_with_their_counts():
    fig = charts.icon_array(13, "Severe CRS", had="Had it", had_not="Did not")
    shown = [t.name for t in fig.data if t.showlegend]
    assert shown == ["Had it (13)", "Did not (87)"]
    assert fig.layout.title.text == "Severe CRS"
    # One entry per line, so a long label keeps its count in a narrow column (user review).
    assert fig.layout.legend.orientation == "v"


def test_icon_array_fills_from_the_top_left_in_reading_order():
    fig = charts.icon_array(12)
    bodies = fig.data[1]
    cells = sorted(zip(bodies.y, bodies.x, strict=True))
    assert [round(x) for _, x in cells] == list(range(10)) + [0, 1]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # row 0 is drawn at the top


@pytest.mark.parametrize("per_100", [0, 13, 100])
def test_icon_array_uses_only_palette_colours(per_100):
    colours = colours_in(charts.icon_array(per_100, "x"))
    assert colours and colours <= PALETTE


# --- timeline -------------------------------------------------------------------------------


def timeline_rows() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"label": "CRS<br>A · T1", "onset": 2.0, "duration": 7.0, "end": 9.0,
             "low": 1.0, "high": 12.0, "spread": "range"},
            {"label": "CRS<br>B · T2", "onset": 7.0, "duration": 4.0, "end": 11.0,
             "low": 5.0, "high": 8.0, "spread": "IQR"},
            {"label": "Neurologic events<br>A · T1", "onset": 6.0, "duration": 6.0, "end": 12.0,
             "low": 1.0, "high": 359.0, "spread": "range"},
            {"label": "Neurologic events<br>B · T2", "onset": 4.0, "duration": 3.0, "end": 7.0,
             "low": None, "high": None, "spread": ""},
        ]
    )


def stay_rows() -> pd.DataFrame:
    return pd.DataFrame(
        [{"product": "A", "days": 14.0}, {"product": "B", "days": 14.0},
         {"product": "C", "days": 28.0}]
    )


def test_timeline_draws_the_typical_window_from_median_start_for_the_median_length():
    fig = charts.side_effect_timeline(timeline_rows(), stay_rows())
    window = fig.data[0]
    assert window.name.startswith("Typical window")
    assert list(window.y) == list(timeline_rows()["label"])
    assert list(window.base) == [2, 7, 6, 4]
    assert list(window.x) == [7, 4, 6, 3]
    assert list(window.text) == ["day 2 to 9", "day 7 to 11", "day 6 to 12", "day 4 to 7"]
    assert window.marker.color == charts.WINDOW_COLOUR


def test_timeline_names_range_and_iqr_separately_and_marks_them_with_patterns():
    fig = charts.side_effect_timeline(timeline_rows(), stay_rows())
    spreads = {t.name: t for t in fig.data[1:] if t.type == "bar"}
    assert set(spreads) == {
        "Start days: range (first to last person)",
        "Start days: middle half of people (interquartile range)",
    }
    iqr = spreads["Start days: middle half of people (interquartile range)"]
    assert list(iqr.base) == [5] and list(iqr.x) == [3]
    patterns = {t.marker.pattern.shape for t in spreads.values()}
    assert patterns == {"/", "."}


def test_timeline_clips_very_late_starts_and_says_how_late():
    fig = charts.side_effect_timeline(timeline_rows(), stay_rows())
    assert fig.layout.xaxis.range[1] <= charts.TIMELINE_MAX_DAY
    texts = [a.text for a in fig.layout.annotations]
    assert "up to day 359 →" in texts
    rng = next(t for t in fig.data if t.name.startswith("Start days: range"))
    assert max(b + x for b, x in zip(rng.base, rng.x, strict=True)) <= charts.TIMELINE_MAX_DAY


def test_timeline_marks_day_0_and_each_end_of_the_stay_near_the_centre():
    fig = charts.side_effect_timeline(timeline_rows(), stay_rows())
    lines = {(s.x0, s.line.dash) for s in fig.layout.shapes}
    assert lines == {(0, "solid"), (14.0, "dash"), (28.0, "dash")}
    texts = [a.text for a in fig.layout.annotations]
    assert {"Day 0: infusion", "Day 14", "Day 28"} <= set(texts)
    legend = [t for t in fig.data if t.type == "scatter"]
    assert [t.name for t in legend] == [
        "Day 14: end of the stay near the centre (A, B)",
        "Day 28: end of the stay near the centre (C)",
    ]
    assert {t.line.dash for t in legend} == {"dash"}  # same dashes as the lines they explain
    assert fig.layout.xaxis.title.text == "Days after the infusion (day 0)"


def test_timeline_without_spreads_has_only_the_window_trace():
    rows = timeline_rows().iloc[[3]]
    fig = charts.side_effect_timeline(rows, stay_rows().iloc[:1])
    assert [t.name.split(":")[0] for t in fig.data if t.type == "bar"] == ["Typical window"]
    assert fig.layout.xaxis.range[1] >= 14  # the stay-near line is always on the chart


def test_timeline_uses_only_palette_colours():
    colours = colours_in(charts.side_effect_timeline(timeline_rows(), stay_rows()))
    assert colours and colours <= PALETTE


def test_timeline_grows_with_the_number_of_rows():
    small = charts.side_effect_timeline(timeline_rows().iloc[:1], stay_rows())
    big = charts.side_effect_timeline(timeline_rows(), stay_rows())
    assert big.layout.height > small.layout.height
