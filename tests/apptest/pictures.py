"""Reading the icon arrays (SVG images) and Plotly charts that a page shows in AppTest."""

from __future__ import annotations

import base64
import json
from xml.etree import ElementTree

SVG_PREFIX = "data:image/svg+xml;base64,"
SVG = "{http://www.w3.org/2000/svg}"


def plotly_charts(at) -> list[dict]:
    """Every Plotly chart on the page as {"spec", "alt"}."""
    return [
        {"spec": json.loads(el.proto.spec), "alt": el.proto.alt} for el in at.get("plotly_chart")
    ]


def icon_arrays(at) -> list[dict]:
    """Every icon array on the page as {"svg", "alt", "legend"} (legend: its two labels)."""
    found = []
    for element in at.get("image"):
        for img in element.proto.imgs:
            assert img.url.startswith(SVG_PREFIX), img.url[:40]
            svg = base64.b64decode(img.url[len(SVG_PREFIX):]).decode("utf-8")
            legend = [t.text for t in ElementTree.fromstring(svg).iter(f"{SVG}text")]
            found.append({"svg": svg, "alt": img.alt, "legend": legend})
    return found
