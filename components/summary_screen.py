"""The summary on screen: text escaped for Streamlit's Markdown (so typed "<script>" or "*x*"
shows literally) and the blocks as tables and lines for the page. Pure: no Streamlit.
"""

from __future__ import annotations

import re

import pandas as pd

from components.summary_model import Bars, Bullets, Table

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_STRICT_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$:])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")


def _escape_line_start(m: re.Match[str]) -> str:
    """"# x" -> "\\# x"; "1. x" -> "1\\. x" (a backslash only works before punctuation)."""
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def escape_markdown(text: str, strict: bool = False) -> str:
    """Escape what would change Markdown structure, keeping the text readable as plain text.

    Emphasis, code, links, HTML-like tags, tables and line-start markers (headings, quotes,
    list markers) are backslash-escaped, so "<script>" or "*x*" show literally. `strict` also
    escapes "$" and ":" for Streamlit's Markdown (maths, colours and emoji codes).
    """
    lines = []
    pattern = _STRICT_SPECIAL if strict else _INLINE_SPECIAL
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = pattern.sub(r"\\\1", line)
        line = _LINE_START_SPECIAL.sub(_escape_line_start, line)
        lines.append(line)
    return "\n".join(lines)


def escape_markdown_strict(text: str) -> str:
    """`escape_markdown` for text shown with Streamlit's Markdown on screen."""
    return escape_markdown(text, strict=True)


def bars_frame(block: Bars, markdown: bool = False) -> pd.DataFrame:
    """Bars as a table for the screen, in the words of the scale (never as a percentage, which
    could be misread as a risk). `markdown=True` escapes every cell for st.table."""
    cell = escape_markdown_strict if markdown else str
    return pd.DataFrame(
        {
            "What matters to me": [cell(b.label) for b in block.items],
            "How important": [cell(b.text) for b in block.items],
        }
    )


def table_frame(block: Table, markdown: bool = False) -> pd.DataFrame:
    """A table block as a DataFrame of text; `markdown=True` escapes every cell for a table
    that renders Markdown (st.table), so each cell shows literally."""
    width = len(block.columns)
    rows = [tuple(r[:width]) + ("",) * (width - len(r)) for r in block.rows]
    columns = list(block.columns)
    if markdown:
        rows = [tuple(escape_markdown(c, strict=True) for c in r) for r in rows]
        columns = [escape_markdown(c, strict=True) for c in columns]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def bullet_lines(block: Bullets) -> str:
    """A list as plain text lines: "1. ..." when numbered, "\u2022 ..." otherwise."""
    return "\n".join(
        f"{i}. {item}" if block.numbered else f"\u2022 {item}"
        for i, item in enumerate(block.items, start=1)
    )
