"""The summary as a document model: sections of simple blocks (paragraphs, labelled fields,
lists, value bars, tables), every string plain text (never Markdown or HTML), and the model as
plain text for the text download. Built by `components.summary`; drawn by the Summary page and
by `components.document` (web page, PDF, text). Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

EMPTY_NOTE = "You did not answer this part yet."


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text. kind: "plain", "strong" (a short lead-in) or "note" (small)."""

    text: str
    kind: str = "plain"


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, shown as a two-column list ("Diagnosis: ...")."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    """A list of items, optionally numbered, with an optional short title above it."""

    items: tuple[str, ...]
    numbered: bool = False
    title: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar: `value` out of `maximum`, with the same meaning spelled out in `text`."""

    label: str
    value: float
    maximum: float
    text: str


@dataclass(frozen=True)
class Bars:
    """Horizontal bars (e.g. how much each value matters), each with its value in words."""

    items: tuple[Bar, ...]
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A small table of text cells; every row has one cell per column."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""


Block = Paragraph | Fields | Bullets | Bars | Table


@dataclass(frozen=True)
class Section:
    """One part of the summary. With no blocks it shows `empty_note` instead of vanishing."""

    key: str
    heading: str
    blocks: tuple[Block, ...] = ()
    empty_note: str = EMPTY_NOTE

    @property
    def is_empty(self) -> bool:
        return not self.blocks


@dataclass(frozen=True)
class Summary:
    """The whole summary: title, date, who it is about, sections, disclaimer and footer."""

    title: str
    created: dt.date
    header: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    disclaimer: str
    footer: str
    sources: tuple[str, ...] = field(default=())
    numbers_note: str = ""  # where the aid's numbers come from (data/meta.toml numbers_policy)

    def section(self, key: str) -> Section:
        """The section with this key (KeyError if there is none)."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)


def _plain_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _hanging(lead: str, text: str) -> str:
    """`lead` then the text; the text's own further lines are indented under it."""
    lines = _plain_lines(text)
    pad = "\n" + " " * len(lead)
    return lead + pad.join(lines)


def block_plain(block: Block) -> str:
    """One block as plain text lines."""
    out: list[str] = []
    if isinstance(block, Paragraph):
        return "\n".join(_plain_lines(block.text))
    title = getattr(block, "title", "")
    if title:
        out.append(title)
    if isinstance(block, Fields):
        out += [_hanging(f"{label}: ", value) for label, value in block.items]
    elif isinstance(block, Bullets):
        for i, item in enumerate(block.items, start=1):
            out.append(_hanging(f"{i}. " if block.numbered else "- ", item))
    elif isinstance(block, Bars):
        out += [f"- {bar.label}: {bar.text}" for bar in block.items]
    elif isinstance(block, Table):
        for row in block.rows:
            cells = [" ".join(_plain_lines(c)) for c in row]
            pairs = zip(block.columns[1:], cells[1:], strict=False)
            rest = [f"{col}: {cell}" for col, cell in pairs]
            out.append(f"- {cells[0] if cells else ''}. " + ". ".join(rest) + ".")
    return "\n".join(out)


def section_plain(section: Section) -> str:
    """One section as plain text, its heading underlined; an empty section says so."""
    body = [section.empty_note] if section.is_empty else []
    body += [block_plain(b) for b in section.blocks]
    return f"{section.heading}\n{'-' * len(section.heading)}\n" + "\n\n".join(body)


def to_plain_text(summary: Summary) -> str:
    """The whole summary as plain text for the .txt download (no Markdown markup)."""
    rule = "=" * len(summary.title)
    parts = [f"{summary.title}\n{rule}"]
    parts.append("\n".join(_hanging(f"{k}: ", v) for k, v in summary.header))
    parts.append(summary.disclaimer)
    parts += [section_plain(section) for section in summary.sections]
    if summary.sources:
        parts.append("Sources\n-------\n" + "\n".join(f"- {s}" for s in summary.sources))
    if summary.numbers_note:
        parts.append(summary.numbers_note)
    parts.append(summary.footer)
    return "\n\n".join(parts) + "\n"
