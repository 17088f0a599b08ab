"""Plotly figure builders: data in, go.Figure out. graph_objects only (plotly.express is slow).

Colours come only from components/palette.py, and meaning never rests on colour alone: icon
arrays use a filled person for "had it" and an outlined person for "did not"; the timeline
uses position, labels and hatching. Each figure gets a text summary and a table on the page.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components import palette, risk

# Passed to st.plotly_chart together with theme=None, so our palette and fonts are used as set.
THEME = None
# No toolbar, no zoom by scroll (pages scroll instead).
CONFIG: dict[str, Any] = {"displayModeBar": False, "scrollZoom": False, "responsive": True}

FONT = {"family": "Source Sans, Source Sans Pro, sans-serif", "size": 15, "color": palette.TEXT}

# A person = a head above a body. Filled for "had it", outlined for "did not".
HEAD, BODY = "circle", "triangle-up"
OPEN = "-open"
HEAD_OFFSET, BODY_OFFSET = -0.27, 0.13

TIMELINE_MAX_DAY = 60  # days beyond this are drawn to the edge and labelled "up to day N"
STAY_NEAR_COLOUR = palette.VERMILLION
DAY0_COLOUR = palette.BLACK
WINDOW_COLOUR = palette.BLUE
SPREAD_COLOUR = palette.SKY_BLUE
SPREAD_PATTERN = {"range": "/", "IQR": "."}


def _layout(height: int, **extra: Any) -> dict[str, Any]:
    """The shared layout as a plain dict (building the figure once is several times faster
    than calling update_layout again and again)."""
    return {
        "height": height,
        "font": FONT,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "hoverlabel": {"font": {"size": 15}},
        **extra,
    }


def icon_array(
    per_100: float, title: str = "", had: str = "Had it", had_not: str = "Did not"
) -> go.Figure:
    """100 people in a 10x10 grid; the first `round(per_100)` are filled, the rest outlined.

    Traces (in order): heads and bodies of people who had it, then of people who did not.
    Legend entries name both groups, with the number out of 100. Pages show the title as
    text above the chart (it wraps on narrow screens), so `title` is optional.
    """
    grid = risk.icon_grid(per_100)
    count = risk.people_out_of_100(per_100)
    groups = (
        (True, f"{had} ({count})", palette.AFFECTED, ""),
        (False, f"{had_not} ({100 - count})", palette.GREY, OPEN),
    )
    traces = []
    for affected, name, colour, suffix in groups:
        xs = [c for c, _, a in grid if a == affected]
        ys = [r for _, r, a in grid if a == affected]
        parts = ((HEAD, HEAD_OFFSET, 9, False), (BODY, BODY_OFFSET, 15, True))
        for part, offset, size, legend in parts:
            traces.append(
                {
                    "type": "scatter",
                    "x": xs,
                    "y": [y + offset for y in ys],
                    "mode": "markers",
                    "name": name,
                    "legendgroup": name,
                    "showlegend": legend,
                    "hoverinfo": "skip",
                    "marker": {
                        "symbol": part + suffix,
                        "size": size,
                        "color": colour,
                        "line": {"width": 2 if suffix else 0, "color": colour},
                    },
                }
            )
    top = 40 if title else 8
    # One legend entry per line (not side by side): long labels such as "Alive, no growth or
    # new treatment (41)" then fit a narrow column, and the count is never cut off.
    layout = _layout(
        320 + top,
        title={"text": title, "x": 0, "xanchor": "left", "font": {**FONT, "size": 17}},
        legend={"orientation": "v", "x": 0, "y": -0.02, "yanchor": "top", "font": {"size": 14}},
        margin={"l": 4, "r": 4, "t": top, "b": 60},
        xaxis={"visible": False, "range": [-0.6, 9.6], "fixedrange": True},
        yaxis={"visible": False, "range": [9.6, -0.7], "fixedrange": True,
               "scaleanchor": "x", "scaleratio": 1},
    )
    return go.Figure({"data": traces, "layout": layout})


def _week_ticks(x_max: float) -> list[int]:
    return list(range(0, int(x_max) + 1, 7))


def side_effect_timeline(
    rows: pd.DataFrame, stay: pd.DataFrame, max_day: int = TIMELINE_MAX_DAY
) -> go.Figure:
    """Horizontal timeline in days after the infusion (day 0).

    rows: one per side effect (columns label, onset, end, duration, low, high, spread), as made
    by risk.timeline_frame. Each gets a dark bar for the typical window (median start to median
    start + median length) and, below it, a light patterned bar for the reported spread of start
    days, named as a range or as the middle half (IQR). stay: products and the day until which
    people stay near the centre (risk.stay_near), drawn as dashed lines with a legend entry.
    """
    labels = list(rows["label"])
    ends = [*rows["end"], *rows["high"].dropna(), *stay["days"], 14]
    x_max = min(max_day, max(float(e) for e in ends) + 3)
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": "Typical window: usual start day to the usual end",
            "y": labels,
            "x": list(rows["duration"]),
            "base": list(rows["onset"]),
            "orientation": "h",
            "width": 0.42,
            "offset": -0.46,
            "marker": {"color": WINDOW_COLOUR},
            "text": [
                f"day {risk.number(a)} to {risk.number(b)}"
                for a, b in zip(rows["onset"], rows["end"], strict=True)
            ],
            "textposition": "outside",
            "textfont": {"size": 13, "color": palette.TEXT},
            "cliponaxis": False,
            "customdata": list(zip(rows["onset"], rows["duration"], strict=True)),
            "hovertemplate": "Usually starts on day %{customdata[0]} and lasts about "
            "%{customdata[1]} days<extra></extra>",
        }
    ]
    annotations: list[dict[str, Any]] = [
        {"x": 0, "y": 1, "yref": "paper", "yanchor": "bottom", "xanchor": "center",
         "showarrow": False, "text": "Day 0: infusion", "font": {"size": 13}},
    ]
    shapes: list[dict[str, Any]] = [_vline(0, DAY0_COLOUR, "solid")]
    for kind, part in rows.dropna(subset=["low", "high"]).groupby("spread"):
        high = [min(float(h), x_max) for h in part["high"]]
        traces.append(
            {
                "type": "bar",
                "name": f"Start days: {risk.spread_words(kind)}",
                "y": list(part["label"]),
                "x": [h - float(lo) for h, lo in zip(high, part["low"], strict=True)],
                "base": list(part["low"]),
                "orientation": "h",
                "width": 0.26,
                "offset": 0.02,
                "marker": {
                    "color": SPREAD_COLOUR,
                    "pattern": {"shape": SPREAD_PATTERN.get(kind, ""), "fgcolor": WINDOW_COLOUR},
                },
                "customdata": list(zip(part["low"], part["high"], strict=True)),
                "hovertemplate": "Started between day %{customdata[0]} and day "
                "%{customdata[1]}<extra></extra>",
            }
        )
        annotations += [
            {"x": x_max, "y": label, "yshift": -8, "xanchor": "right", "showarrow": False,
             "text": f"up to day {risk.number(h)} →", "font": {"size": 13}, "bgcolor": "white"}
            for label, h in zip(part["label"], part["high"], strict=True)
            if float(h) > x_max
        ]
    for days, group in stay.groupby("days"):
        shapes.append(_vline(float(days), STAY_NEAR_COLOUR, "dash"))
        annotations.append(
            {"x": float(days), "y": 1, "yref": "paper", "yanchor": "bottom",
             "xanchor": "center", "showarrow": False, "font": {"size": 13},
             "text": f"Day {risk.number(days)}"}
        )
        traces.append(  # a legend entry that explains the dashed line in words
            {
                "type": "scatter", "x": [None], "y": [None], "mode": "lines",
                "hoverinfo": "skip",
                "line": {"color": STAY_NEAR_COLOUR, "width": 2, "dash": "dash"},
                "name": f"Day {risk.number(days)}: end of the stay near the centre "
                f"({', '.join(group['product'])})",
            }
        )
    top, legend_space = 40, 40 + 28 * len(traces)
    layout = _layout(
        top + 60 + 70 * max(1, len(labels)) + legend_space,
        barmode="overlay",
        legend={"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom",
                "font": {"size": 14}},
        margin={"l": 10, "r": 10, "t": top, "b": legend_space + 10},
        shapes=shapes,
        annotations=annotations,
        xaxis={
            "title": {"text": "Days after the infusion (day 0)"},
            "range": [-1.5, x_max],
            "tickvals": _week_ticks(x_max),
            "showgrid": True,
            "gridcolor": palette.LIGHT_GREY,
            "fixedrange": True,
            "zeroline": False,
        },
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True,
               "tickfont": {"size": 14, "color": palette.TEXT}},
    )
    return go.Figure({"data": traces, "layout": layout})


def _vline(x: float, colour: str, dash: str) -> dict[str, Any]:
    """A vertical line across the whole plot height at day `x`."""
    return {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": colour, "width": 2, "dash": dash}}
