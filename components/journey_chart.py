"""The treatment-journey timeline chart: days from the infusion (day 0) across, one row per step.

Pure (no Streamlit), plotly graph_objects only, colours from components.palette. Meaning never
rests on colour alone: every row is named on the y axis and labelled in words, estimates are
striped while fixed times are solid, and the page shows the same facts as a table.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from components import palette
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
X_TITLE = "Days from the infusion (day 0)"
ROW_HEIGHT = 34
PLOT_WIDTH_PX = 520
FONT = '"Source Sans Pro", "Source Sans 3", sans-serif'


def axis_range(spans: list[Span]) -> tuple[int, int]:
    """The days shown: a margin before the earliest and after the latest known day."""
    days = [d for s in spans for d in (s.start, s.end) if d is not None]
    left = min([*days, 0]) - 10
    right = max([*days, 0]) + 21
    return min(left, -14), max(right, 35)


def short_label(span: Span) -> str:
    """The few words printed beside a bar or marker."""
    if span.short:
        return span.short
    if span.kind == "day":
        return day_label(span.start or 0) + ("" if span.firm else " (about)")
    if span.kind == "span":
        assert span.start is not None and span.end is not None
        if span.at_least:
            return f"to at least {day_label(span.end)}"
        return f"{day_label(span.start)} to {day_label(span.end)}"
    if span.kind == "window":
        assert span.start is not None and span.end is not None
        return f"within {day_label(span.start)} to {day_label(span.end)}"
    return {
        "before": "time varies",
        "after": "for months",
        "later": "for life",
        "missing": "not reported: ask your centre",
        "note": "depends on the product",
    }.get(span.kind, "")


def ticks(left: int, right: int) -> tuple[list[int], list[str]]:
    """Tick days (every week, or every two weeks on long axes) and their labels, day 0 always
    included and minus signs that read as minus."""
    step = 7 if right - left <= 63 else 14
    first = math.ceil(left / step) * step
    values = list(range(first, right + 1, step))
    return values, [f"{MINUS}{-v}" if v < 0 else str(v) for v in values]


def _hover(span: Span) -> str:
    return f"<b>{span.label}</b><br>{span.when}<br>{span.detail}".rstrip("<br>")


def _text_days(text: str, left: int, right: int) -> float:
    """Roughly how many days of axis a label takes beyond the plot's own right margin
    (about 6 px a letter, 520 px of plot, 3 days of margin)."""
    return len(text) * 6 / (PLOT_WIDTH_PX / (right - left)) - 3


def _text_position(
    span: Span, start: float, end: float, left: int, right: int
) -> tuple[float, str]:
    """Where the words for a bar go: beside the bar, on the side with room (open-ended bars:
    on their closed side), so words never sit on the stripes; inside only as a last resort."""
    if span.kind == "before":
        return end + 0.8, "middle right"
    if span.kind == "after":
        return start - 0.8, "middle left"
    need = _text_days(short_label(span), left, right) + 1
    if span.end is not None and span.end < 0 and start - left >= need:
        return start - 0.8, "middle left"
    if right - end >= need:
        return end + 0.8, "middle right"
    return start + 0.8, "middle right"


def _words(fig: go.Figure, span: Span, x: float, position: str, italic: bool = False) -> None:
    fig.add_trace(
        go.Scatter(
            y=[span.label],
            x=[x],
            mode="text",
            text=[short_label(span)],
            textposition=position,
            textfont={"color": palette.TEXT, "style": "italic" if italic else "normal"},
            cliponaxis=False,
            hoverinfo="skip",
            showlegend=False,
        )
    )


def timeline_figure(spans: list[Span], name: str) -> go.Figure:
    """The journey as a horizontal timeline: bars for stretches of days, markers for single
    days, striped where the timing is an estimate or varies, words on every row."""
    left, right = axis_range(spans)
    labels = [s.label for s in spans]
    fig = go.Figure()
    for span in spans:
        colour = PHASE_COLOURS.get(span.phase_id, palette.GREY)
        hover = _hover(span)
        if span.kind in ("span", "window", "before", "after"):
            start = left if span.kind == "before" else (span.start or 0) - 0.5
            end = right if span.kind == "after" else (span.end or 0) + 0.5
            fig.add_trace(
                go.Bar(
                    y=[span.label],
                    x=[end - start],
                    base=[start],
                    orientation="h",
                    marker={
                        "color": colour if span.firm else "white",
                        "line": {"color": colour, "width": 1.5},
                        "pattern": {
                            "shape": "" if span.firm else STRIPES,
                            "fgcolor": colour,
                            "solidity": 0.35,
                        },
                    },
                    hovertext=[hover],
                    hoverinfo="text",
                    name=span.label,
                    showlegend=False,
                )
            )
            _words(fig, span, *_text_position(span, start, end, left, right))
        elif span.kind == "day":
            fig.add_trace(
                go.Scatter(
                    y=[span.label],
                    x=[span.start],
                    mode="markers",
                    marker={
                        "symbol": "diamond" if span.firm else "diamond-open",
                        "size": 16,
                        "color": colour,
                        "line": {"color": colour, "width": 2},
                    },
                    hovertext=[hover],
                    hoverinfo="text",
                    name=span.label,
                    showlegend=False,
                )
            )
            _words(fig, span, (span.start or 0) + 1.2, "middle right")
        elif span.kind == "later":
            fig.add_trace(
                go.Scatter(
                    y=[span.label],
                    x=[right - 1],
                    mode="markers+text",
                    marker={"symbol": "triangle-right", "size": 14, "color": colour},
                    text=[short_label(span)],
                    textposition="middle left",
                    textfont={"color": palette.TEXT, "style": "italic"},
                    cliponaxis=False,
                    hovertext=[hover],
                    hoverinfo="text",
                    name=span.label,
                    showlegend=False,
                )
            )
        else:  # "missing" or "note": words only, where the row would sit
            _words(fig, span, 1 if _after_infusion(span) else left + 1, "middle right", True)
    tick_values, tick_text = ticks(left, right)
    fig.add_vline(x=0, layer="below", line={"color": palette.GREY, "width": 1.5, "dash": "dash"})
    fig.update_layout(
        title={"text": f"The CAR-T journey: {name}", "x": 0, "xanchor": "left"},
        height=110 + ROW_HEIGHT * len(spans),
        margin={"l": 10, "r": 30, "t": 50, "b": 60, "autoexpand": True},
        plot_bgcolor="white",
        paper_bgcolor="white",
        bargap=0.35,
        barmode="overlay",
        font={"color": palette.TEXT, "size": 13, "family": FONT},
        xaxis={
            "title": {"text": X_TITLE},
            "range": [left, right],
            "tickvals": tick_values,
            "ticktext": tick_text,
            "tickangle": 0,
            "gridcolor": palette.LIGHT_GREY,
            "zeroline": False,
            "fixedrange": True,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": labels,
            "autorange": "reversed",
            "fixedrange": True,
            "ticksuffix": "  ",
            "automargin": True,
        },
    )
    return fig


def _after_infusion(span: Span) -> bool:
    return span.phase_id in ("infusion", "monitoring", "stay_nearby", "recovery", "long_term")
