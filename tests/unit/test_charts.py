"""Chart builders: the right traces, values, labels and palette, with meaning not by colour alone."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import catalog, charts, palette

SVG = "{http://www.w3.org/2000/svg}"

PALETTE = {
    v.upper()
    for k, v in vars(palette).items()
    if k.isupper() and isinstance(v, str) and v.startswith("#")
}


_C = catalog.load()


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


# --- icon arrays (SVG) -----------------------------------------------------------------------


def people(svg: str, group: str) -> list[tuple[float, float]]:
    """Head centres of the people in the grid group `group` ("had" or "had-not")."""
    root = ElementTree.fromstring(svg)
    grids = [g for g in root.findall(f"{SVG}g") if g.get("class") == group]
    grid = grids[0]  # the first group of that class is the grid; later ones are the legend key
    return [(float(c.get("cx")), float(c.get("cy"))) for c in grid.findall(f"{SVG}circle")]


def legend(svg: str) -> list[str]:
    return [t.text for t in ElementTree.fromstring(svg).findall(f"{SVG}text")]


@pytest.mark.parametrize(("per_100", "had"), [(0, 0), (0.4, 0), (0.8, 1), (13, 13), (50, 50),
                                               (97.9, 98), (100, 100)])
def test_icon_array_draws_100_people_split_as_rounded(per_100, had):
    svg = charts.icon_array(per_100)
    had_people, not_people = people(svg, "had"), people(svg, "had-not")
    assert len(had_people) == had and len(not_people) == 100 - had
    assert len(set(had_people) | set(not_people)) == 100
    root = ElementTree.fromstring(svg)
    bodies = [p for g in root.findall(f"{SVG}g")[:2] for p in g.findall(f"{SVG}path")]
    assert len(bodies) == 100, "every person has a head and a body"


def test_icon_array_shows_had_it_and_did_not_by_shape_as_well_as_colour():
    """Filled people for "had it", outlined (white inside, grey line) for "did not"."""
    style = ElementTree.fromstring(charts.icon_array(13)).find(f"{SVG}style").text
    rules = dict(re.findall(r"\.([\w-]+)\{([^}]*)\}", style))
    assert rules["had"] == f"fill:{palette.AFFECTED}"
    assert "fill:white" in rules["had-not"] and f"stroke:{palette.GREY}" in rules["had-not"]


def test_icon_array_legend_names_both_groups_with_their_counts():
    assert legend(charts.icon_array(13, had="Had it", had_not="Did not")) == [
        "Had it (13)", "Did not (87)",
    ]


def test_icon_array_legend_text_is_escaped_not_markup():
    svg = charts.icon_array(13, had="<b>Had & more</b>")
    assert legend(svg)[0] == "<b>Had & more</b> (13)"


def test_icon_array_fills_from_the_top_left_in_reading_order():
    cells = sorted((y, x) for x, y in people(charts.icon_array(12), "had"))
    rows = sorted({y for y, _ in cells})
    assert len(rows) == 2
    assert [x for y, x in cells if y == rows[0]] == sorted(x for y, x in cells if y == rows[0])
    assert len([1 for y, _ in cells if y == rows[0]]) == 10  # the top row fills first
    first_not = min(people(charts.icon_array(12), "had-not"), key=lambda p: (p[1], p[0]))
    assert first_not[1] == rows[1], "the first outlined person follows on the second row"


def test_icon_array_fits_a_narrow_column_and_scales():
    root = ElementTree.fromstring(charts.icon_array(50))
    assert int(root.get("width")) <= 320
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


@pytest.mark.parametrize("per_100", [0, 13, 100])
def test_icon_array_uses_only_palette_colours(per_100):
    colours = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}", charts.icon_array(per_100))}
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
    fig = charts.side_effect_timeline(_C, timeline_rows(), stay_rows())
    window = fig.data[0]
    assert window.name.startswith("Typical window")
    assert list(window.y) == list(timeline_rows()["label"])
    assert list(window.base) == [2, 7, 6, 4]
    assert list(window.x) == [7, 4, 6, 3]
    assert list(window.text) == ["day 2 to 9", "day 7 to 11", "day 6 to 12", "day 4 to 7"]
    assert window.marker.color == charts.WINDOW_COLOUR


def test_timeline_names_range_and_iqr_separately_and_marks_them_with_patterns():
    fig = charts.side_effect_timeline(_C, timeline_rows(), stay_rows())
    spreads = {t.name.replace("<br>", " "): t for t in fig.data[1:] if t.type == "bar"}
    assert set(spreads) == {
        "Start days: range (first to last person)",
        "Start days: middle half of people (interquartile range)",
    }
    iqr = spreads["Start days: middle half of people (interquartile range)"]
    assert list(iqr.base) == [5] and list(iqr.x) == [3]
    patterns = {t.marker.pattern.shape for t in spreads.values()}
    assert patterns == {"/", "."}


def test_timeline_clips_very_late_starts_and_says_how_late():
    fig = charts.side_effect_timeline(_C, timeline_rows(), stay_rows())
    assert fig.layout.xaxis.range[1] <= charts.TIMELINE_MAX_DAY
    texts = [a.text for a in fig.layout.annotations]
    assert "up to day 359 →" in texts
    rng = next(t for t in fig.data if t.name.startswith("Start days: range"))
    assert max(b + x for b, x in zip(rng.base, rng.x, strict=True)) <= charts.TIMELINE_MAX_DAY


def test_timeline_marks_day_0_and_each_end_of_the_stay_near_the_centre():
    fig = charts.side_effect_timeline(_C, timeline_rows(), stay_rows())
    lines = {(s.x0, s.line.dash) for s in fig.layout.shapes}
    assert lines == {(0, "solid"), (14.0, "dash"), (28.0, "dash")}
    texts = [a.text for a in fig.layout.annotations]
    assert {"Day 0: infusion", "Day 14", "Day 28"} <= set(texts)
    legend = [t for t in fig.data if t.type == "scatter"]
    assert [t.name.replace("<br>", " ") for t in legend] == [
        "Day 14: end of the stay near the centre (A, B)",
        "Day 28: end of the stay near the centre (C)",
    ]
    assert {t.line.dash for t in legend} == {"dash"}  # same dashes as the lines they explain
    assert fig.layout.xaxis.title.text == "Days after infusion"  # short enough for a 320 px phone


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Days after the infusion (day 0)", 22, "Days after the<br>infusion (day 0)"),
        ("Short", 22, "Short"),
        ("", 22, ""),
        ("ZUMA-7-FDA-CCR-2023 is one word", 10, "ZUMA-7-FDA-CCR-2023<br>is one<br>word"),
    ],
)
def test_wrap_breaks_titles_into_short_lines_without_splitting_words(text, width, expected):
    assert charts.wrap(text, width) == expected


def test_timeline_legend_lines_fit_a_phone_screen():
    """Plotly never wraps a legend entry: each line is short enough for a 320 px screen."""
    fig = charts.side_effect_timeline(_C, timeline_rows(), stay_rows())
    lines = [line for t in fig.data if t.showlegend is not False for line in t.name.split("<br>")]
    assert lines and max(len(line) for line in lines) <= charts.LEGEND_WRAP


def test_timeline_without_spreads_has_only_the_window_trace():
    rows = timeline_rows().iloc[[3]]
    fig = charts.side_effect_timeline(_C, rows, stay_rows().iloc[:1])
    assert [t.name.split(":")[0] for t in fig.data if t.type == "bar"] == ["Typical window"]
    assert fig.layout.xaxis.range[1] >= 14  # the stay-near line is always on the chart


def test_timeline_uses_only_palette_colours():
    colours = colours_in(charts.side_effect_timeline(_C, timeline_rows(), stay_rows()))
    assert colours and colours <= PALETTE


def test_timeline_grows_with_the_number_of_rows():
    small = charts.side_effect_timeline(_C, timeline_rows().iloc[:1], stay_rows())
    big = charts.side_effect_timeline(_C, timeline_rows(), stay_rows())
    assert big.layout.height > small.layout.height


@pytest.mark.parametrize("stay", [stay_rows(), stay_rows().iloc[:0]])
def test_figures_are_valid_plotly(stay):
    """The page builds the figure without plotly's validation (speed); validate it here."""
    go.Figure(charts.side_effect_timeline(_C, timeline_rows(), stay).to_plotly_json())


# --- Two groups of a randomised trial, side by side in one picture --------------------------


def test_side_by_side_draws_100_people_per_group_next_to_each_other():
    svg = charts.icon_arrays_side_by_side([
        ("CAR-T cell therapy", 54.6, "Alive", "Had died"),
        ("Stem cell transplant with your own cells (autologous)", 46, "Alive", "Had died"),
    ])
    root = ElementTree.fromstring(svg)
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == 2 * 100 + 2 * 2, "two grids of 100 plus a two-person legend each"
    had = [c for g in root.findall(f"{SVG}g") if g.get("class") == "had"
           for c in g.findall(f"{SVG}circle")]
    assert len(had) == 55 + 46 + 2
    xs = sorted(float(c.get("cx")) for c in circles)
    assert xs[-1] - xs[0] > charts.ICON_WIDTH, "the second grid sits to the right of the first"
    texts = legend(svg)
    assert texts[:1] == ["CAR-T cell therapy"]
    assert "Alive (55)" in texts and "Had died (45)" in texts
    assert "Alive (46)" in texts and "Had died (54)" in texts
    # A long name wraps onto lines that fit over its grid.
    assert texts[3:5] == ["Stem cell transplant with", "your own cells (autologous)"]
    assert all(len(t) <= charts.ICON_TITLE_CHARS for t in texts[3:5])
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    colours = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}", svg)}
    assert colours <= PALETTE


def test_side_by_side_titles_and_legends_are_escaped():
    svg = charts.icon_arrays_side_by_side([("<b>A & B</b>", 10, "Had <it>", "Did not")])
    assert "<b>A" in legend(svg)[0] and "Had <it> (10)" in legend(svg)
def test_day_0_words_sit_left_of_its_line_and_stay_words_right_of_theirs():
    """On a phone, day 0 and day 14 are a few pixels apart: their words must not overlap."""
    fig = charts.side_effect_timeline(_C, timeline_rows(), stay_rows())
    anchors = {a.text: a.xanchor for a in fig.layout.annotations if a.yref == "paper"}
    assert anchors == {"Day 0: infusion": "right", "Day 14": "left", "Day 28": "left"}
