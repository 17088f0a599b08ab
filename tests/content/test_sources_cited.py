"""Every number a patient reads is traceable to a source listed on the Sources page."""

from __future__ import annotations

import re

import pytest

from components import catalog, content

DIGIT = re.compile(r"\d")
# Worked examples with made-up figures, labelled as such: their numbers are not facts, so they
# cite nothing (tests/unit/test_stay_cost.py pins them to what the aid works out).
WORKED_EXAMPLES = frozenset({"caregiver__cost_example"})


def test_every_source_id_is_used_somewhere(real_content):
    """A source nobody cites is noise on the Sources page."""
    used: set[str] = set()
    for frame in real_content.tables.values():
        if "source_id" in frame.columns and frame is not real_content.table("sources"):
            used |= set(frame["source_id"])
    bodies = list(real_content.texts.values())
    # Notes and other text cells cite sources too: "(Source: ID)".
    bodies += [str(v) for rows in real_content.records.values() for row in rows
               for v in row.values() if isinstance(v, str) and "(Source" in v]
    for body in bodies:
        for match in content.SOURCE_CITATION.finditer(body):
            used |= {s.strip() for s in match.group(1).split(",")}
    used |= set(real_content.meta.get("extra_cited_sources", []))
    unused = sorted(real_content.source_ids() - used)
    assert unused == []


@pytest.mark.parametrize("name", sorted(catalog.load().texts), ids=str)
def test_prose_with_numbers_cites_a_source(real_content, name):
    """A text block that states a number must cite where it comes from: (Source: ID)."""
    if name in WORKED_EXAMPLES:
        pytest.skip("a worked example with made-up figures, labelled as such")
    body = real_content.text(name)
    prose = content.SOURCE_CITATION.sub("", body)
    # Numbered-list markers ("1. ") and step counts in headings are structure, not facts.
    prose = re.sub(r"(?m)^\s*\d+\.\s", "", prose)
    # The shared denominator and the name of the infusion day are conventions, not facts.
    prose = re.sub(r"out of 100|100 people|[Dd]ay 0", "", prose)
    if DIGIT.search(prose):
        assert content.SOURCE_CITATION.search(body), f"{name} states a number without a source"
