"""Chart builders: data in, a Plotly figure (graph_objects only: plotly.express is slow) or,
for icon arrays, an SVG document out.

Colours come only from components/palette.py, and meaning never rests on colour alone: icon
arrays use a filled person for "had it" and an outlined person for "did not"; the timeline
uses position, labels and hatching. Each chart gets a text summary and a table on the page.
"""

from __future__ import annotations

import textwrap
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd
import plotly.graph_objects as go

from components import effect_timeline, frequencies, palette, risk
from components.content import Content

# Passed to st.plotly_chart together with theme=None, so our palette and fonts are used as set.
THEME = None
# No toolbar, no zoom by scroll (pages scroll instead).
CONFIG: dict[str, Any] = {"displayModeBar": False, "scrollZoom": False, "responsive": True}

FONT = {"family": "Source Sans, Source Sans Pro, sans-serif", "size": 15, "color": palette.TEXT}

TIMELINE_MAX_DAY = 60  # days beyond this are drawn to the edge and labelled "up to day N"
STAY_NEAR_COLOUR = palette.VERMILLION
DAY0_COLOUR = palette.BLACK
WINDOW_COLOUR = palette.BLUE
SPREAD_COLOUR = palette.SKY_BLUE
SPREAD_PATTERN = {"range": "/", "IQR": "."}


def wrap(text: str, width: int) -> str:
    """Break `text` into lines of at most `width` characters (plotly's <br>): plotly never
    wraps titles or legend entries, which a phone-width chart would otherwise cut off."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines) or text


LEGEND_WRAP = 28  # characters per legend line: fits a 320 px wide screen at 14 px
TITLE_WRAP = 22  # characters per axis or chart title line


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


# Icon arrays are drawn as one small SVG image, not a Plotly figure: a browser draws an image
# in about a millisecond, where each Plotly figure costs tens of milliseconds on every rerun.
# A person = a round head above rounded shoulders; filled for "had it", outlined for "did not".
ICON_CELL_W, ICON_CELL_H = 28, 30
ICON_GRID_LEFT, ICON_GRID_TOP = 10, 4
ICON_LEGEND_ROW = 30
ICON_WIDTH = 300
ICON_FONT = "Source Sans Pro, Source Sans, Arial, sans-serif"
ICON_OUTLINE_WIDTH = 1.6


def _person(x: float, y: float) -> str:
    """One person whose head is centred at (x + 10, y + 7) in a 20 x 26 box at (x, y)."""
    head = f'<circle cx="{x + 10:g}" cy="{y + 7:g}" r="5"/>'
    body = (
        f'<path d="M{x + 2:g} {y + 26:g}V{y + 20:g}Q{x + 2:g} {y + 14:g} {x + 8:g} {y + 14:g}'
        f'H{x + 12:g}Q{x + 18:g} {y + 14:g} {x + 18:g} {y + 20:g}V{y + 26:g}Z"/>'
    )
    return head + body


def icon_array(per_100: float, had: str = "Had it", had_not: str = "Did not") -> str:
    """100 people in a 10 x 10 grid as an SVG document; the first `round(per_100)` are filled,
    the rest outlined, left to right and top to bottom, so the picture reads like the sentence.

    A legend under the grid names both groups with their number out of 100. Groups are
    `<g class="had">` and `<g class="had-not">` with one `<circle>` + `<path>` per person.
    The page passes the one-sentence summary as the image's alt text.
    """
    count = frequencies.people_out_of_100(per_100)
    groups: dict[bool, list[str]] = {True: [], False: []}
    for column, row, affected in risk.icon_grid(per_100):
        x = ICON_GRID_LEFT + column * ICON_CELL_W + (ICON_CELL_W - 20) / 2
        y = ICON_GRID_TOP + row * ICON_CELL_H
        groups[affected].append(_person(x, y))
    grid_bottom = ICON_GRID_TOP + 10 * ICON_CELL_H + 8
    legend = []
    for i, (label, affected) in enumerate(((f"{had} ({count})", True),
                                           (f"{had_not} ({100 - count})", False))):
        y = grid_bottom + i * ICON_LEGEND_ROW
        legend.append(
            f'<g class="{"had" if affected else "had-not"}">{_person(ICON_GRID_LEFT + 4, y)}'
            "</g>"
            f'<text x="{ICON_GRID_LEFT + 28}" y="{y + 19}">{escape(label)}</text>'
        )
    height = grid_bottom + 2 * ICON_LEGEND_ROW + 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{ICON_WIDTH}" height="{height}" '
        f'viewBox="0 0 {ICON_WIDTH} {height}" role="img">'
        "<style>"
        f".had{{fill:{palette.AFFECTED}}}"
        f".had-not{{fill:white;stroke:{palette.GREY};stroke-width:{ICON_OUTLINE_WIDTH}}}"
        f"text{{font-family:{ICON_FONT};font-size:15px;fill:{palette.TEXT}}}"
        "</style>"
        f'<rect width="{ICON_WIDTH}" height="{height}" fill="white"/>'
        f'<g class="had">{"".join(groups[True])}</g>'
        f'<g class="had-not">{"".join(groups[False])}</g>'
        f'{"".join(legend)}'
        "</svg>"
    )


ICON_GAP = 40  # between two grids side by side
ICON_TITLE_LINE = 23
ICON_TITLE_CHARS = 28


def _wrap(text: str, width: int = ICON_TITLE_CHARS) -> list[str]:
    """Words in lines of at most `width` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def icon_arrays_side_by_side(groups: list[tuple[str, float, str, str]]) -> str:
    """Several groups of 100 people next to each other in one SVG document, so they stay side
    by side on a phone too (the image scales down as one). Each group is (title, per_100, had,
    had_not): a bold title over its grid, and the legend with both numbers under it. The
    same drawing rules as `icon_array`: filled for "had it", outlined for "did not"."""
    titles = [_wrap(title) for title, *_ in groups]
    title_height = max(len(t) for t in titles) * ICON_TITLE_LINE + 6
    parts: list[str] = []
    height = 0
    for i, ((_, per_100, had, had_not), title) in enumerate(zip(groups, titles, strict=True)):
        left = i * (ICON_WIDTH + ICON_GAP)
        count = frequencies.people_out_of_100(per_100)
        for n, line in enumerate(title):
            parts.append(f'<text class="title" x="{left + ICON_GRID_LEFT}" '
                         f'y="{(n + 1) * ICON_TITLE_LINE - 4}">{escape(line)}</text>')
        filled: dict[bool, list[str]] = {True: [], False: []}
        for column, row, affected in risk.icon_grid(per_100):
            x = left + ICON_GRID_LEFT + column * ICON_CELL_W + (ICON_CELL_W - 20) / 2
            filled[affected].append(_person(x, title_height + ICON_GRID_TOP + row * ICON_CELL_H))
        parts.append(f'<g class="had">{"".join(filled[True])}</g>')
        parts.append(f'<g class="had-not">{"".join(filled[False])}</g>')
        bottom = title_height + ICON_GRID_TOP + 10 * ICON_CELL_H + 8
        for n, (label, affected) in enumerate(((f"{had} ({count})", True),
                                               (f"{had_not} ({100 - count})", False))):
            y = bottom + n * ICON_LEGEND_ROW
            parts.append(
                f'<g class="{"had" if affected else "had-not"}">'
                f"{_person(left + ICON_GRID_LEFT + 4, y)}</g>"
                f'<text x="{left + ICON_GRID_LEFT + 28}" y="{y + 19}">{escape(label)}</text>'
            )
        height = bottom + 2 * ICON_LEGEND_ROW + 2
    width = len(groups) * ICON_WIDTH + (len(groups) - 1) * ICON_GAP
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
        "<style>"
        f".had{{fill:{palette.AFFECTED}}}"
        f".had-not{{fill:white;stroke:{palette.GREY};stroke-width:{ICON_OUTLINE_WIDTH}}}"
        f"text{{font-family:{ICON_FONT};font-size:18px;fill:{palette.TEXT}}}"
        "text.title{font-weight:bold;font-size:19px}"
        "</style>"
        f'<rect width="{width}" height="{height}" fill="white"/>'
        f'{"".join(parts)}'
        "</svg>"
    )


def _week_ticks(x_max: float) -> list[int]:
    return list(range(0, int(x_max) + 1, 7))


def side_effect_timeline(
    content: Content, rows: pd.DataFrame, stay: pd.DataFrame, max_day: int = TIMELINE_MAX_DAY
) -> go.Figure:
    """Horizontal timeline in days after the infusion (day 0).

    rows: one per side effect (columns label, onset, end, duration, low, high, spread), as
    made by effect_timeline.timeline_frame. Each gets a dark bar for the typical window (median
    start to median start + median length) and, below it, a light patterned bar for the
    reported spread of start days, named as a range or as the middle half (IQR). stay: products
    and the day until which people stay near the centre (effect_timeline.stay_near), drawn as
    dashed lines with a legend entry.
    """
    labels = list(rows["label"])
    ends = [*rows["end"], *rows["high"].dropna(), *stay["days"], 14]
    x_max = min(max_day, max(float(e) for e in ends) + 3)
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": content.words("chart_typical_window"),
            "y": labels,
            "x": list(rows["duration"]),
            "base": list(rows["onset"]),
            "orientation": "h",
            "width": 0.42,
            "offset": -0.46,
            "marker": {"color": WINDOW_COLOUR},
            "text": [
                f"day {frequencies.number(a)} to {frequencies.number(b)}"
                for a, b in zip(rows["onset"], rows["end"], strict=True)
            ],
            "textposition": "outside",
            "textfont": {"size": 13, "color": palette.TEXT},
            "cliponaxis": False,
            "customdata": list(zip(rows["onset"], rows["duration"], strict=True)),
            "hovertemplate": content.words("chart_typical_hover", start="%{customdata[0]}",
                                           length="%{customdata[1]}") + "<extra></extra>",
        }
    ]
    annotations: list[dict[str, Any]] = [
        {"x": 0, "y": 1, "yref": "paper", "yanchor": "bottom", "xanchor": "right",
         "showarrow": False, "text": "Day 0: infusion", "font": {"size": 13}},
    ]
    shapes: list[dict[str, Any]] = [_vline(0, DAY0_COLOUR, "solid")]
    for kind, part in rows.dropna(subset=["low", "high"]).groupby("spread"):
        high = [min(float(h), x_max) for h in part["high"]]
        traces.append(
            {
                "type": "bar",
                "name": f"Start days: {effect_timeline.spread_words(content, kind)}",
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
                "hovertemplate": content.words("chart_spread_hover", low="%{customdata[0]}",
                                               high="%{customdata[1]}") + "<extra></extra>",
            }
        )
        annotations += [
            {"x": x_max, "y": label, "yshift": -8, "xanchor": "right", "showarrow": False,
             "text": f"up to day {frequencies.number(h)} →", "font": {"size": 13},
             "bgcolor": "white"}
            for label, h in zip(part["label"], part["high"], strict=True)
            if float(h) > x_max
        ]
    for days, group in stay.groupby("days"):
        shapes.append(_vline(float(days), STAY_NEAR_COLOUR, "dash"))
        annotations.append(
            {"x": float(days), "y": 1, "yref": "paper", "yanchor": "bottom",
             "xanchor": "left", "showarrow": False, "font": {"size": 13},
             "text": f"Day {frequencies.number(days)}"}
        )
        traces.append(  # a legend entry that explains the dashed line in words
            {
                "type": "scatter", "x": [None], "y": [None], "mode": "lines",
                "hoverinfo": "skip",
                "line": {"color": STAY_NEAR_COLOUR, "width": 2, "dash": "dash"},
                "name": content.words("chart_stay_end", day=frequencies.number(days),
                                      products=", ".join(group["product"])),
            }
        )
    for trace in traces:
        if trace.get("showlegend", True) and "name" in trace:
            trace["name"] = wrap(trace["name"], LEGEND_WRAP)
    lines = [
        t["name"].count("<br>") + 1 for t in traces if t.get("showlegend", True) and "name" in t
    ]
    top, legend_space = 40, 40 + sum(10 + 18 * n for n in lines)
    layout = _layout(
        top + 60 + 70 * max(1, len(labels)) + legend_space,
        barmode="overlay",
        legend={"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom",
                "font": {"size": 14}},
        margin={"l": 10, "r": 10, "t": top, "b": legend_space + 10},
        shapes=shapes,
        annotations=annotations,
        xaxis={
            "title": {"text": "Days after infusion"},
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
    # Built without plotly's validation, which took most of each rerun's chart time; the
    # tests build every figure again with validation on (test_figures_are_valid_plotly).
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def _vline(x: float, colour: str, dash: str) -> dict[str, Any]:
    """A vertical line across the whole plot height at day `x`."""
    return {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": colour, "width": 2, "dash": dash}}
