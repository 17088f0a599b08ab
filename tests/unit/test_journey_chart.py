"""The timeline figure: days from day 0, one named row per step, striped estimates, palette only."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from components import journey, journey_chart, palette
from components.journey import Span

PALETTE = {
    value for name, value in vars(palette).items() if name.isupper() and isinstance(value, str)
}
PRODUCTS = [None, "kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti", "aucatzyl"]


def figure(real_content, product):
    spans = journey.timeline(real_content, product)
    return spans, journey_chart.timeline_figure(real_content, spans,
                                              journey.brand(real_content, product))


def words(fig) -> dict[str, str]:
    """Row label -> the words printed for that row (after its name)."""
    return {a.name: a.text.split("</b>  ", 1)[1] for a in fig.layout.annotations}


def names(fig) -> dict[str, str]:
    """Row label -> the name printed in bold for that row on the chart."""
    return {a.name: a.text.split("</b>", 1)[0].removeprefix("<b>") for a in fig.layout.annotations}


@pytest.mark.parametrize("product", PRODUCTS)
def test_every_step_is_a_named_row_with_words(real_content, product):
    spans, fig = figure(real_content, product)
    labels = [s.label for s in spans]
    assert list(fig.layout.yaxis.categoryarray) == labels
    assert fig.layout.yaxis.autorange == "reversed", "first step at the top"
    assert set(words(fig)) == set(labels), "meaning is never carried by colour alone"
    assert all(a.y == a.name and a.xref == "paper" and a.x == 0 for a in fig.layout.annotations)
    assert fig.layout.yaxis.showticklabels is False, "names are in the words, not squeezed left"


@pytest.mark.parametrize("product", PRODUCTS)
def test_every_row_fits_a_phone(real_content, product):
    """At 320 px (WCAG reflow) the plot is about 268 px wide: 46 letters of 13 px text took
    262 px, and a line of 43 was cut off at the edge."""
    _, fig = figure(real_content, product)
    for a in fig.layout.annotations:
        plain = a.text.replace("<b>", "").replace("</b>", "")
        assert len(plain) <= 42, plain
    assert len(fig.layout.xaxis.tickvals) <= 8, "tick numbers must not run together"
    assert fig.layout.xaxis.automargin is True


def test_long_names_are_shorter_on_the_chart_and_full_in_the_table(real_content):
    spans, fig = figure(real_content, "aucatzyl")
    assert names(fig)["Second part of the infusion"] == "Infusion, second part"
    assert names(fig)["Infusion (day 0)"] == "Infusion"
    assert "Second part of the infusion" in set(journey.timeline_frame(spans)["Step"])
    _, fig = figure(real_content, "yescarta")
    assert names(fig)["Making your cells and waiting"] == "Making your cells"


@pytest.mark.parametrize("product", PRODUCTS)
def test_axis_says_days_count_from_the_infusion(real_content, product):
    spans, fig = figure(real_content, product)
    assert "Days from the infusion (day 0" in fig.layout.xaxis.title.text
    left, right = fig.layout.xaxis.range
    days = [d for s in spans for d in (s.start, s.end) if d is not None]
    assert left < min(days) and right > max(days)
    assert 0 in fig.layout.xaxis.tickvals
    assert any(text.startswith("\u2212") for text in fig.layout.xaxis.ticktext)


@pytest.mark.parametrize("product", PRODUCTS)
def test_only_palette_colours(real_content, product):
    _, fig = figure(real_content, product)
    used = set()
    for trace in fig.data:
        marker = trace.marker
        if marker is not None and marker.color is not None:
            used.add(marker.color)
        if marker is not None and marker.line is not None and marker.line.color is not None:
            used.add(marker.line.color)
        if trace.textfont is not None and trace.textfont.color is not None:
            used.add(trace.textfont.color)
    assert used <= PALETTE | {"white"}


def test_estimates_are_striped_and_fixed_times_solid(real_content):
    spans, fig = figure(real_content, "breyanzi")
    bars = {t.y[0]: t for t in fig.data if t.type == "bar"}
    assert bars["Chemotherapy"].marker.pattern.shape == "/", "3 days somewhere in a window"
    assert bars["Making your cells and waiting"].marker.pattern.shape == "/"
    assert bars["No driving"].marker.pattern.shape == ""
    assert bars["No driving"].marker.color == palette.GREEN


def test_bars_cover_their_days_and_single_days_are_markers(real_content):
    _, fig = figure(real_content, "yescarta")
    bars = {t.y[0]: t for t in fig.data if t.type == "bar"}
    chemo = bars["Chemotherapy"]
    assert chemo.base[0] == pytest.approx(-5.5) and chemo.x[0] == pytest.approx(3)
    markers = {t.y[0]: t for t in fig.data if t.type == "scatter" and t.mode == "markers"}
    assert markers["Infusion (day 0)"].x[0] == 0
    assert markers["Infusion (day 0)"].marker.symbol == "diamond"
    assert markers["Cell collection"].marker.symbol == "diamond-open", "an estimate"


def test_missing_numbers_show_as_words_not_bars(real_content):
    _, fig = figure(real_content, "aucatzyl")
    assert words(fig)["Chemotherapy"] == "no data: ask your centre"
    assert words(fig)["Daily checks"] == "no data: ask your centre"
    assert "Chemotherapy" not in {t.y[0] for t in fig.data if t.type == "bar"}
    assert words(fig)["Long-term follow-up"] == "for life"


def test_chart_is_cheap_graph_objects_with_hover_details(real_content):
    spans, fig = figure(real_content, "carvykti")
    hovered = [t for t in fig.data if t.hoverinfo == "text"]
    assert len(hovered) == len([s for s in spans if s.kind not in ("missing", "note")])
    assert all(t.hovertext[0].startswith("<b>") for t in hovered)
    assert fig.layout.title.text.replace("<br>", " ") == "The CAR-T journey: Carvykti"
    assert fig.layout.height == 110 + journey_chart.ROW_HEIGHT * len(spans)
    assert journey_chart.ROW_HEIGHT >= 44, "room for a line of words above each bar"


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (Span("x", "infusion", "X", "day", 0, 0, firm=True), "day 0"),
        (Span("x", "collection", "X", "day", -30, -30), "day \u221230 (about)"),
        (Span("x", "lymphodepletion", "X", "span", -5, -3, firm=True),
         "day \u22125 to \u22123"),
        (Span("x", "stay_nearby", "X", "span", 0, 14, at_least=True), "to at least day 14"),
        (Span("x", "lymphodepletion", "X", "window", -10, -3),
         "within day \u221210 to \u22123"),
        (Span("x", "monitoring", "X", "span", 0, 14), "day 0 to 14"),
        (Span("x", "recovery", "X", "after", 15), "for months"),
        (Span("x", "long_term", "X", "later"), "for life"),
        (Span("x", "collection", "X", "missing"), "no data: ask your centre"),
        (Span("x", "manufacturing", "X", "span", -15, -1, short="a median of 15 days"),
         "a median of 15 days"),
    ],
)
def test_short_label(span, text):
    assert journey_chart.short_label(span) == text


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], (-14, 35)),
        ([(0, 14)], (-14, 35)),
        ([(-48, -30), (0, 14)], (-58, 35)),
        ([(0, 65)], (-14, 86)),
    ],
)
def test_axis_range_leaves_room_for_words(days, expected):
    spans = [Span("x", "x", f"row {i}", "span", a, b) for i, (a, b) in enumerate(days)]
    assert journey_chart.axis_range(spans) == expected


def test_words_sit_above_their_own_bar_not_beside_it(real_content):
    _, fig = figure(real_content, "kymriah")
    for a in fig.layout.annotations:
        assert a.yanchor == "bottom" and a.yshift > 0 and a.showarrow is False
    bars = [t for t in fig.data if t.type == "bar"]
    assert all(t.width == journey_chart.BAR_WIDTH < 0.5 for t in bars), "room for the words"
    assert not [t for t in fig.data if getattr(t, "mode", None) in ("text", "markers+text")]


def test_missing_rows_keep_their_place(real_content):
    spans, fig = figure(real_content, "aucatzyl")
    rows = {t.y[0] for t in fig.data}
    assert rows == {s.label for s in spans}, "every row has a trace, so its band is drawn"


@pytest.mark.parametrize(
    ("left", "right", "values"),
    [
        (-14, 35, [-14, 0, 14, 28]),
        (-40, 35, [-28, -14, 0, 14, 28]),
        (-14, 86, [-14, 0, 14, 28, 42, 56, 70, 84]),
        (-58, 86, [-56, -28, 0, 28, 56, 84]),
    ],
)
def test_ticks_always_include_day_0(left, right, values):
    tick_values, tick_text = journey_chart.ticks(left, right)
    assert tick_values == values
    assert tick_text[values.index(0)] == "0"
    assert tick_text[0] == f"\u2212{-values[0]}"


@pytest.mark.parametrize("product", PRODUCTS)
def test_figures_are_valid_plotly(real_content, product):
    """The page builds the figure without plotly's validation (speed); validate it here."""
    _, fig = figure(real_content, product)
    go.Figure(fig.to_plotly_json())  # raises ValueError on any invalid property or value
