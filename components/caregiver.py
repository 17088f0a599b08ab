"""The caregiver's plan for the page and the summary: the rota with its gaps and the travel and
lodging estimate, from the personal plan, the person's own entries and the content's words.
Pure (no Streamlit); components/rota.py and components/stay_cost.py do the sums.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from components import reference, rota, schedule, stay_cost
from components.content import Content
from components.summary_model import Block, Bullets, Fields, Paragraph, Section, Summary, Table

ROTA_KEY, COST_KEY = "rota", "stay_cost"
ROTA_HEADING = "caregiver_rota_heading"  # the sections' headings (data/wording.csv)
COST_HEADING = "caregiver_cost_heading"
COST_QUESTIONS = ("ask_insurance", "ask_social_worker", "ask_maker", "ask_before")


def words(content: Content) -> dict[str, str]:
    """data/wording.csv as {wording_id: words} (the gap tasks and cost questions are there)."""
    return {row["wording_id"]: row["plain"] for row in content.rows("wording")}


@dataclass(frozen=True)
class RotaView:
    """Everything the page and the summary show about the rota."""

    entries: tuple[rota.Entry, ...]
    window: rota.Window | None
    gaps: tuple[rota.GapLine, ...] = ()
    count: str = ""
    days: tuple[rota.DayRow, ...] = ()
    outside: tuple[str, ...] = ()
    left_out: int = 0


def plan_for(content: Content, product: str | None, anchor: Any, picked: Any,
             today: dt.date) -> schedule.Plan:
    """The personal plan from the journey page's choices (never raises)."""
    anchor = anchor if anchor in schedule.ANCHORS else "infusion"
    picked = picked if isinstance(picked, dt.date) and not isinstance(picked, dt.datetime) else None
    return schedule.make_plan(content, product, anchor, picked, today)


def rota_view(content: Content, records: Any, plan: schedule.Plan,
              zone: str | None = None) -> RotaView:
    """The rota from the stored records and the plan's window."""
    entries, left_out = rota.read_records(records)
    window = rota.window_from_plan(plan)
    if window is None:
        return RotaView(tuple(entries), None, left_out=left_out)
    found = rota.gaps(window, entries)
    return RotaView(
        entries=tuple(entries),
        window=window,
        gaps=tuple(rota.gap_lines(found, words(content), zone)),
        count=rota.count_words(content, found, window, zone),
        days=tuple(rota.day_rows(window, entries)),
        outside=tuple(rota.outside_window(entries, window)),
        left_out=left_out,
    )


def window_words(content: Content, window: rota.Window) -> str:
    """When someone must be there, in words."""
    return content.words("caregiver_window", start=rota.moment(window.start),
                         end=rota.moment(window.end), nights=window.nights)


def cost_columns(content: Content) -> tuple[str, str, str]:
    """The estimate table's columns: the part, how it was worked out, the cost."""
    return (content.words("caregiver_cost_part"), content.words("caregiver_cost_how"),
            content.words("caregiver_cost_amount"))


def cost_questions(content: Content) -> list[str]:
    w = words(content)
    return [w[k] for k in COST_QUESTIONS]


# --------------------------------------------------------------------------------------------
# The summary
# --------------------------------------------------------------------------------------------
def rota_section(content: Content, view: RotaView) -> Section:
    """The rota for the summary: who, when, every gap and its question, the day-by-day view."""
    w = words(content)
    blocks: list[Block] = []
    if view.window is None:
        blocks.append(Paragraph(w["no_window"], "note"))
    else:
        blocks.append(Paragraph(window_words(content, view.window)))
    if view.entries:
        blocks.append(Bullets(tuple(rota.shift_lines(content, view.entries)),
                              title=content.words("caregiver_who_said")))
    elif view.window is not None:
        blocks.append(Paragraph(w["nobody"]))
    if view.window is not None:
        blocks.append(Paragraph(view.count))
        if view.gaps:
            blocks.append(Bullets(tuple(g.words(content) for g in view.gaps), numbered=True,
                                  title=content.words("caregiver_gaps_title")))
        if view.outside:
            blocks.append(Paragraph(f"{w['outside']} {', '.join(view.outside)}", "note"))
        columns, rows = rota.day_table(content, view.days)
        blocks.append(Table(columns, rows, title=content.words("caregiver_each_day_title")))
    heading = content.words(ROTA_HEADING)
    if not view.entries and view.window is None:
        return Section(ROTA_KEY, heading, (), empty_note=w["no_window"])
    return Section(ROTA_KEY, heading, tuple(blocks))


def cost_section(content: Content, inputs: Mapping[str, Any], window: rota.Window | None
                 ) -> Section:
    """The travel and lodging estimate and its questions, for the summary."""
    w = words(content)
    values = stay_cost.clean(inputs)
    est = stay_cost.estimate(content, window, values)
    blocks: list[Block] = []
    trip = stay_cost.trip_words(values)
    if trip:
        blocks.append(Fields(((content.words("caregiver_how_we_travel"), trip),)))
    if est is None:
        blocks.append(Paragraph(w["no_window"], "note"))
    else:
        blocks.append(Paragraph(stay_cost.total_words(content, est)))
        if est.has_total:
            blocks.append(Table(cost_columns(content), stay_cost.line_rows(content, est)))
            blocks.append(Paragraph(content.words("caregiver_cost_note"), "note"))
    blocks.append(Bullets(tuple(cost_questions(content)),
                          title=content.words("caregiver_cost_questions_title")))
    return Section(COST_KEY, content.words(COST_HEADING), tuple(blocks))


def with_caregiver(content: Content, summary: Summary, records: Any,
                   inputs: Mapping[str, Any], plan: schedule.Plan, zone: str | None = None
                   ) -> Summary:
    """The summary with the rota and the estimate added before the questions for the care
    team, and their sources listed. Nothing is added when the person has entered neither a
    rota line nor a cost figure."""
    view = rota_view(content, records, plan, zone)
    values = stay_cost.clean(inputs)
    if not view.entries and not values:
        return summary
    new = [rota_section(content, view), cost_section(content, values, view.window)]
    sections = list(summary.sections)
    keys = [s.key for s in sections]
    at = keys.index("questions") if "questions" in keys else len(sections)
    sections[at:at] = new
    cited = set(view.window.source_ids if view.window else ())  # the window's own sources
    by_id = {row["source_id"]: row for row in content.rows("sources")}
    listed = {line.split(":", 1)[0] for line in summary.sources}
    extra = [f"{sid}: {reference.short_citation(by_id[sid])}"
             for sid in sorted(cited - listed) if sid in by_id]
    return dataclasses.replace(summary, sections=tuple(sections),
                               sources=tuple(sorted((*summary.sources, *extra))))
