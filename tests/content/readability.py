"""Collect every patient-facing text block (prose, questions, option and glossary text) for
reading-level checks. Pure: takes loaded content, returns (block id, plain text) pairs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from components.content import SOURCE_CITATION, Content

MIN_WORDS = 12  # shorter blocks (headings, labels) give meaningless grade scores


def plain_text(markdown: str) -> str:
    """Markdown to plain prose: no citations, links, emphasis or list markers."""
    text = SOURCE_CITATION.sub("", markdown)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)  # links -> their words
    text = re.sub(r"[*_`#>|]", "", text)
    text = re.sub(r"(?m)^\s*(?:[-+]|\d+\.)\s+", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _markdown_blocks(name: str, body: str) -> Iterator[tuple[str, str]]:
    for i, block in enumerate(re.split(r"\n\s*\n", body)):
        lines = [ln for ln in block.splitlines() if not ln.lstrip().startswith("#")]
        # A list reads as sentences: end each item with a full stop if it lacks one.
        items = [
            ln.rstrip() + ("" if ln.rstrip().endswith((".", "?", "!", ":")) else ".")
            for ln in lines
            if ln.strip()
        ]
        text = plain_text("\n".join(items))
        if len(text.split()) >= MIN_WORDS:
            yield f"text/{name}.md#{i + 1}", text


_TEXT_KEYS = {"text", "help", "explanation", "intro", "label", "description", "plain"}


def _walk_strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _TEXT_KEYS and isinstance(value, str):
                yield f"{path}.{key}", value
            yield from _walk_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk_strings(value, f"{path}[{i}]")


def text_blocks(content: Content) -> list[tuple[str, str]]:
    """Every patient-facing block long enough to score, with a stable id for allowlisting."""
    blocks: list[tuple[str, str]] = []
    for name, body in sorted(content.texts.items()):
        blocks.extend(_markdown_blocks(name, body))
    for name, document in sorted(content.documents.items()):
        for block_id, text in _walk_strings(document, name):
            text = plain_text(text)
            if len(text.split()) >= MIN_WORDS:
                blocks.append((block_id, text))
    for table_name, frame in sorted(content.tables.items()):
        for column in ("plain", "what", "description"):
            if column in frame.columns:
                key = frame.columns[0]
                for _, row in frame.iterrows():
                    text = plain_text(str(row[column]))
                    if len(text.split()) >= MIN_WORDS:
                        blocks.append((f"{table_name}.csv:{row[key]}.{column}", text))
    # The only patient sentences kept in code: shown even when data/ cannot be read.
    from components import ui

    for name in ("CALM_CONTENT_ERROR", "DISCLAIMER"):
        blocks.append((f"components/ui.py:{name}", plain_text(getattr(ui, name))))
    return blocks
