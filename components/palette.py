"""The one colour palette for every chart: Okabe-Ito, safe for the common kinds of colour blindness.

Colour never carries meaning alone: charts also use labels, patterns, shapes or text.
"""

from __future__ import annotations

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#8A8A8A"  # 3.4:1 on white: outlines and lines stay visible (WCAG 1.4.11)
LIGHT_GREY = "#E8E8E8"
TEXT = "#262730"

# Icon arrays: people who had the outcome (the others are outlined in GREY).
AFFECTED = BLUE
