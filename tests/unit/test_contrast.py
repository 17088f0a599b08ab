"""Colour contrast, computed with the WCAG 2.x formula: the theme and the chart palette.

Text needs 4.5:1 (WCAG 1.4.3, AA); marks in a chart that carry meaning need 3:1 against what is
next to them (WCAG 1.4.11). Streamlit 1.67 draws some text as the text colour at reduced
opacity (st.caption at 60%, sidebar links at 80%), so those blends are checked too.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from components import charts, palette

ROOT = Path(__file__).resolve().parents[2]
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]

# Streamlit 1.67 light-theme defaults, measured in Chromium, for settings we leave unset.
WHITE = "#ffffff"
BACKGROUND = THEME.get("backgroundColor", WHITE)
SIDEBAR = THEME.get("secondaryBackgroundColor", "#f8f8f7")
TEXT = THEME.get("textColor", "#2f2d2b")
PRIMARY = THEME["primaryColor"]
CAPTION_OPACITY = 0.6  # st.caption, "This part is optional." and the like
NAV_OPACITY = 0.8  # sidebar page links and section headers

TEXT_AA, GRAPHICS_AA = 4.5, 3.0


def rgb(colour: str) -> tuple[float, float, float]:
    """'#1f5fa8' -> (31, 95, 168)."""
    h = colour.lstrip("#")
    assert len(h) == 6, colour
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def blend(colour: str, opacity: float, background: str) -> str:
    """The colour seen when `colour` is drawn at `opacity` over `background`."""
    pairs = zip(rgb(colour), rgb(background), strict=True)
    mixed = (opacity * c + (1 - opacity) * b for c, b in pairs)
    return "#" + "".join(f"{round(v):02x}" for v in mixed)


def luminance(colour: str) -> float:
    """WCAG relative luminance."""

    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 to 21, the same whichever way round."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the well-known lightest grey that passes AA on white
        ("#ffffff", "#767676", 4.54),
        ("#0072b2", "#ffffff", 5.19),
    ],
)
def test_contrast_formula(a, b, ratio):
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def test_blend():
    assert blend("#000000", 0.6, "#ffffff") == "#666666"
    assert blend("#123456", 1.0, "#ffffff") == "#123456"


# --- the theme (.streamlit/config.toml) ---

THEME_TEXT = [
    ("body text", TEXT, BACKGROUND),
    ("body text in the sidebar", TEXT, SIDEBAR),
    ("captions", blend(TEXT, CAPTION_OPACITY, BACKGROUND), BACKGROUND),
    ("captions in the sidebar", blend(TEXT, CAPTION_OPACITY, SIDEBAR), SIDEBAR),
    ("sidebar page links", blend(TEXT, NAV_OPACITY, SIDEBAR), SIDEBAR),
    ("links and the focus ring in the primary colour", PRIMARY, BACKGROUND),
    ("text on a primary button", WHITE, PRIMARY),
]


@pytest.mark.parametrize(("what", "fg", "bg"), THEME_TEXT, ids=[t[0] for t in THEME_TEXT])
def test_theme_text_is_readable(what, fg, bg):
    assert contrast(fg, bg) >= TEXT_AA, f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"


# --- the chart palette (components/palette.py), as the charts use it ---


def test_chart_text_is_readable():
    """Titles, axis labels and in-chart labels are all drawn in palette.TEXT on white."""
    assert charts.FONT["color"] == palette.TEXT
    assert contrast(palette.TEXT, WHITE) >= TEXT_AA


MEANINGFUL_MARKS = [
    ("icon array: people who had it (filled)", palette.AFFECTED),
    ("timeline: typical window bar", charts.WINDOW_COLOUR),
    ("timeline: day 0 line", charts.DAY0_COLOUR),
    ("timeline: stay-near-the-centre line", charts.STAY_NEAR_COLOUR),
]


@pytest.mark.parametrize(("what", "colour"), MEANINGFUL_MARKS, ids=[m[0] for m in MEANINGFUL_MARKS])
def test_chart_marks_stand_out_from_the_background(what, colour):
    ratio = contrast(colour, WHITE)
    assert ratio >= GRAPHICS_AA, f"{what}: {colour} is {ratio:.2f}:1"


def test_icon_array_groups_differ_by_more_than_colour():
    """'Had it' and 'did not' are filled vs outlined people, so colour is not the only cue."""
    svg = charts.icon_array(13)
    assert f".had{{fill:{palette.AFFECTED}}}" in svg
    assert ".had-not{fill:white;stroke:" in svg


def test_icon_array_people_and_legend_are_visible():
    """Filled and outlined people stand out (3:1), the legend text reads (4.5:1)."""
    assert contrast(palette.AFFECTED, WHITE) >= GRAPHICS_AA
    assert contrast(palette.GREY, WHITE) >= GRAPHICS_AA
    assert f"stroke:{palette.GREY}" in charts.icon_array(13)
    assert contrast(palette.TEXT, WHITE) >= TEXT_AA
