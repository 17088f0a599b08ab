"""The one way AppTests read what a page shows: every piece of visible text, in a fixed order."""

from __future__ import annotations

KINDS = ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning",
         "success", "error", "metric", "table", "dataframe")


def visible_parts(at, kinds: tuple[str, ...] = KINDS) -> list[str]:
    """Every piece of text on the page (main area and sidebar), except page links; tables as
    their repr."""
    out = []
    for kind in kinds:
        for element in getattr(at, kind):
            value = getattr(element, "value", "")
            out.append(value if isinstance(value, str) else repr(value))
    return out


def visible_text(at) -> str:
    """All visible text as one string, a piece a line."""
    return "\n".join(visible_parts(at))
