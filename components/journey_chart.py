"""The treatment-journey timeline chart: days from the infusion (day 0) across, one row per step.

Pure (no Streamlit), plotly graph_objects only, colours from components.palette. Meaning never
rests on colour alone: every row has a line of words (its name and days) just above its bar or
marker, estimates are striped while fixed times are solid, and the page shows the same facts as
a table.
"""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from components import charts, palette
from components.content import Content
from components.journey import MINUS, Span, day_label

PHASE_COLOURS: dict[str, str] = {
    "referral": palette.GREY,
    "collection": palette.BLUE,
    "manufacturing": palette.SKY_BLUE,
    "lymphodepletion": palette.ORANGE,
    "infusion": palette.VERMILLION,
    "monitoring": palette.PURPLE,
    "stay_nearby": palette.GREEN,
    "recovery": palette.GREY,
    "long_term": palette.BLACK,
}
STRIPES = "/"
# Each row is a line of words (its name and days) with the bar or marker just below it, so
# nothing has to fit beside a bar: the chart reads the same at 390 px and at 1280 px wide.
ROW_HEIGHT = 48
BAR_WIDTH = 0.34  # of a row
WORDS_SHIFT_PX = 9  # from the middle of the row up to the bottom of its words
TICK_STEPS = (14, 28)  # days between axis ticks: every 2 weeks, or 4 on long axes
# Shorter names for the chart rows; the table and the hover text keep the full names.
CHART_NAMES: dict[str, str] = {
    "manufacturing": "Making your cells",
    "infusion": "Infusion",
    "second_infusion": "Infusion, second part",
    "caregiver": "Caregiver 24/7",
}
FONT = '"Source Sans Pro", "Source Sans 3", sans-serif'


def axis_range(spans: list[Span]) -> tuple[int, int]:
    """The days shown: a margin before the earliest and after the latest known day."""
    days = [d for s in spans for d in (s.start, s.end) if d is not None]
    left = min([*days, 0]) - 10
    right = max([*days, 0]) + 21
    return min(left, -14), max(right, 35)


def row_name(span: Span) -> str:
    """The row's name on the chart: short, so it fits on a phone."""
    return CHART_NAMES.get(span.key, span.label)


def row_text(span: Span) -> str:
    """The line of words above a row's bar: its name in bold, then its days."""
    return f"<b>{row_name(span)}</b>  {short_label(span)}"


def _days(start: int, end: int) -> str:
    """"day −5 to −3", "day 0 to 14": "day" once, so the words stay short."""
    return f"{day_label(start)} to {day_label(end).removeprefix('day ')}"


def short_label(span: Span) -> str:
    """The few words printed with a bar or marker."""
    if span.short:
        return span.short
    if span.kind == "day":
        return day_label(span.start or 0) + ("" if span.firm else " (about)")
    if span.kind == "span":
        assert span.start is not None and span.end is not None
        if span.at_least:
            return f"to at least {day_label(span.end)}"
        return _days(span.start, span.end)
    if span.kind == "window":
        assert span.start is not None and span.end is not None
        return f"within {_days(span.start, span.end)}"
    return {
        "before": "time varies",
        "after": "for months",
        "later": "for life",
        "missing": "no data: ask your centre",
        "note": "depends on the product",
    }.get(span.kind, "")


def ticks(left: int, right: int) -> tuple[list[int], list[str]]:
    """Tick days (every 2 weeks, or every 4 on long axes, so the numbers never run together
    on a phone) and their labels: plain numbers, day 0 always included, minus signs that read
    as minus. The word "day" is in the axis title only."""
    step = TICK_STEPS[0] if right - left <= 8 * TICK_STEPS[0] else TICK_STEPS[1]
    first = math.ceil(left / step) * step
    values = list(range(first, right + 1, step))
    return values, [f"{MINUS}{-v}" if v < 0 else str(v) for v in values]


def _hover(span: Span) -> str:
    return f"<b>{span.label}</b><br>{span.when}<br>{span.detail}".rstrip("<br>")


def _words(span: Span) -> dict[str, Any]:
    """The row's line of words, as an annotation just above its bar or marker, starting at the
    left edge of the plot: it never has to fit beside a bar, whatever the screen width."""
    return {
        "name": span.label,
        "text": row_text(span),
        "xref": "paper",
        "x": 0,
        "xanchor": "left",
        "yref": "y",
        "y": span.label,
        "yanchor": "bottom",
        "yshift": WORDS_SHIFT_PX,
        "showarrow": False,
        "align": "left",
        "bgcolor": "white",
        "font": {
            "color": palette.TEXT,
            "style": "italic" if span.kind in ("missing", "note", "later") else "normal",
        },
    }


def timeline_figure(content: Content, spans: list[Span], name: str) -> go.Figure:
    """The journey as a horizontal timeline: bars for stretches of days, markers for single
    days, striped where the timing is an estimate or varies, words on every row.

    Traces and layout are plain dicts turned into a figure once: plotly validates each
    add_trace/update_layout call separately, which made this several times slower per rerun.
    """
    left, right = axis_range(spans)
    labels = [s.label for s in spans]
    traces: list[dict[str, Any]] = []
    words = [_words(span) for span in spans]
    for span in spans:
        colour = PHASE_COLOURS.get(span.phase_id, palette.GREY)
        # What every row with a mark shares: its row, and the hover text named for it.
        shown: dict[str, Any] = {"y": [span.label], "hovertext": [_hover(span)],
                                 "hoverinfo": "text", "name": span.label, "showlegend": False}
        if span.kind in ("span", "window", "before", "after"):
            start = left if span.kind == "before" else (span.start or 0) - 0.5
            end = right if span.kind == "after" else (span.end or 0) + 0.5
            traces.append(
                {
                    "type": "bar",
                    **shown,
                    "x": [end - start],
                    "base": [start],
                    "orientation": "h",
                    "width": BAR_WIDTH,
                    "marker": {
                        "color": colour if span.firm else "white",
                        "line": {"color": colour, "width": 1.5},
                        "pattern": {
                            "shape": "" if span.firm else STRIPES,
                            "fgcolor": colour,
                            "solidity": 0.35,
                        },
                    },
                }
            )
        elif span.kind == "day":
            traces.append(
                {
                    "type": "scatter",
                    **shown,
                    "x": [span.start],
                    "mode": "markers",
                    "marker": {
                        "symbol": "diamond" if span.firm else "diamond-open",
                        "size": 16,
                        "color": colour,
                        "line": {"color": colour, "width": 2},
                    },
                }
            )
        elif span.kind == "later":
            traces.append(
                {
                    "type": "scatter",
                    **shown,
                    "x": [right - 1],
                    "mode": "markers",
                    "marker": {"symbol": "triangle-right", "size": 14, "color": colour},
                    "cliponaxis": False,
                }
            )
        else:  # "missing" or "note": words only; an invisible point keeps the row
            traces.append(
                {
                    "type": "scatter",
                    "y": [span.label],
                    "x": [0],
                    "mode": "markers",
                    "marker": {"opacity": 0},
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
    tick_values, tick_text = ticks(left, right)
    day_0 = {  # what fig.add_vline(x=0, layer="below", ...) adds
        "type": "line", "x0": 0, "x1": 0, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
        "layer": "below", "line": {"color": palette.GREY, "width": 1.5, "dash": "dash"},
    }  # fmt: skip
    layout = {
        "title": {"text": charts.wrap(f"The CAR-T journey: {name}", charts.TITLE_WRAP),
                  "x": 0, "xanchor": "left"},
        "height": 110 + ROW_HEIGHT * len(spans),
        "margin": {"l": 10, "r": 10, "t": 70, "b": 60, "autoexpand": True},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "bargap": 0.35,
        "barmode": "overlay",
        "font": {"color": palette.TEXT, "size": 13, "family": FONT},
        "shapes": [day_0],
        "annotations": words,
        "xaxis": {
            "title": {"text": content.words("journey_chart_axis")},
            "range": [left, right],
            "tickvals": tick_values,
            "ticktext": tick_text,
            "tickangle": 0,
            "gridcolor": palette.LIGHT_GREY,
            "zeroline": False,
            "fixedrange": True,
            "automargin": True,
        },
        "yaxis": {  # rows are named by the words above each bar, not by tick labels
            "categoryorder": "array",
            "categoryarray": labels,
            "autorange": "reversed",
            "fixedrange": True,
            "showticklabels": False,
            "showgrid": False,
        },
    }
    # Built without plotly's validation, which took most of each rerun's chart time; the
    # tests build every figure again with validation on (test_figures_are_valid_plotly).
    return go.Figure({"data": traces, "layout": layout}, _validate=False)
