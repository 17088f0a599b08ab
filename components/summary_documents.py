"""What only the downloaded summary carries: the planned dates (from the personal plan), the
optional page for home (warning signs and who to call), and the download file names. The page
shows the summary without them. Pure: no Streamlit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from components import answers_file, reference, schedule
from components.content import Content
from components.summary_model import Block, Bullets, Fields, Paragraph, Section, Summary, Table


def file_names(today: dt.date) -> dict[str, str]:
    """Download file names, each with the date: cart-summary-2026-11-25.pdf and so on."""
    day = today.isoformat()
    return {
        "pdf": f"cart-summary-{day}.pdf",
        "html": f"cart-summary-{day}.html",
        "text": f"cart-summary-{day}.txt",
        "answers": answers_file.answers_file_name(today),
    }


# -- What only the downloads carry: the planned dates and the optional page for home ---------
DATES_HEADING = "What are my planned dates?"
# The dates a clinic visit needs (the journey page and the calendar file have every step).
KEY_DATES = ("collection", "lymphodepletion", "infusion", "stay_nearby", "caregiver", "no_driving")
AT_HOME_TEXT = "summary__at_home"
_CITED = re.compile(r"\(Source: ([A-Za-z0-9-]+)\)")


def dates_section(content: Content, plan: schedule.Plan) -> Section | None:
    """The planned dates from the journey page, or None when the person picked no date."""
    if not plan.ok or plan.anchor == "today" or not plan.rows:
        return None
    rows = tuple(
        (r.label, schedule.date_range(r.start, r.end, dt.date.min), r.how)  # no past-date flags
        for r in plan.rows
        if r.key in KEY_DATES
    )
    table = Table(("Step", "Dates", "How sure"), rows)
    note = Paragraph(content.words("summary_dates_note", product=plan.product_name), "note")
    return Section("dates", DATES_HEADING, (table, note))


def at_home_section(content: Content) -> Section:
    """The page for home (data/text/summary__at_home.md): warning signs, what to do, and
    blanks for the care team's numbers. A "**Title:**" line titles the list below it; a list
    whose items all end in ":" becomes blanks to fill in by hand."""
    heading, title = "", ""
    blocks: list[Block] = []
    items: list[str] = []

    def flush_list() -> None:
        nonlocal title, items
        if items and all(i.endswith(":") for i in items):
            blocks.append(Fields(tuple((i[:-1], "") for i in items)))
            if title:
                blocks.insert(len(blocks) - 1, Paragraph(title, "strong"))
        elif items:
            blocks.append(Bullets(tuple(items), title=title))
        elif title:
            blocks.append(Paragraph(title, "strong"))
        title, items = "", []

    for line in content.text(AT_HOME_TEXT).splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("- "):
            items.append(re.sub(r"[*`]", "", line[2:].strip()))
        elif line.startswith("**") and line.endswith("**"):
            flush_list()
            title = line.strip("*").strip()
        else:
            flush_list()
            blocks.append(Paragraph(re.sub(r"[*`]", "", line)))
    flush_list()
    return Section("at_home", heading, tuple(blocks))


def for_documents(
    content: Content, summary: Summary, *, plan: schedule.Plan | None, at_home: bool
) -> Summary:
    """The summary as the downloads carry it: the planned dates after the situation, and the
    page for home at the end when the person asked for it."""
    sections = list(summary.sections)
    dates = dates_section(content, plan) if plan is not None else None
    if dates is not None:
        keys = [s.key for s in sections]
        at = keys.index("situation") + 1 if "situation" in keys else 0
        sections.insert(at, dates)
    sources = summary.sources
    if at_home:
        home = at_home_section(content)
        sections.append(home)
        cited = set(_CITED.findall(content.text(AT_HOME_TEXT)))
        by_id = {row["source_id"]: row for row in content.rows("sources")}
        listed = {line.split(":", 1)[0] for line in sources}
        extra = [f"{sid}: {reference.short_citation(by_id[sid])}"
                 for sid in cited - listed if sid in by_id]
        sources = tuple(sorted((*sources, *extra)))
    return dataclasses.replace(summary, sections=tuple(sections), sources=sources)
