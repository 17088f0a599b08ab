"""When side effects start and how long they last, and how long people stay near the centre:
the Side effects page's timeline as a table, a chart frame and one sentence. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from components import journey, studies
from components.content import Content
from components.frequencies import NOT_REPORTED, capitalise, is_missing, number
from components.risk import EFFECTS


def spread_words(content: Content, kind: str) -> str:
    """What the low-high numbers mean, in words a patient can follow."""
    wording = {"range": "risk_spread_range", "IQR": "risk_spread_iqr"}.get(kind)
    return content.words(wording) if wording else NOT_REPORTED


def spread_text(content: Content, low: Any, high: Any, kind: str, unit: str = "day") -> str:
    """'day 1 to day 12 (range ...)' or 'not reported' when the source gave no spread."""
    if is_missing(low) or is_missing(high):
        return NOT_REPORTED
    if unit == "day":
        span = f"day {number(low)} to day {number(high)}"
    else:
        span = f"{number(low)} to {number(high)} days"
    return f"{span}, {spread_words(content, kind)}"


TIMELINE_EFFECTS = ("crs", "neuro", "icans", "mnt")


def _window_end(row: dict[str, Any]) -> float | None:
    onset, duration = row.get("onset_median_day"), row.get("duration_median_days")
    if onset is None or duration is None:
        return None
    return float(onset) + float(duration)


def timeline_frame(content: Content, sets: list[studies.DataSet]) -> pd.DataFrame:
    """One row per side effect with a known start day and length, ready for the timeline."""
    rows = []
    for ds in sets:
        for row in studies.rows_for(content, "side_effects", ds):
            if row["effect"] not in TIMELINE_EFFECTS or _window_end(row) is None:
                continue
            short = EFFECTS[row["effect"]]
            rows.append(
                {
                    "label": f"{short}<br>{ds.brand} · {row['trial']}",
                    "effect": short,
                    "who": f"{ds.brand} ({row['trial']})",
                    "onset": float(row["onset_median_day"]),
                    "end": _window_end(row),
                    "duration": float(row["duration_median_days"]),
                    "low": row.get("onset_low"),
                    "high": row.get("onset_high"),
                    "spread": row.get("spread") or "",
                    "source_id": row["source_id"],
                }
            )
    columns = ["label", "effect", "who", "onset", "end", "duration", "low", "high",
               "spread", "source_id"]
    return pd.DataFrame(rows, columns=columns)


def stay_near(content: Content, product_ids: Iterable[str]) -> pd.DataFrame:
    """How long to stay near the treatment centre, per product (label: brand names), from the
    one table that holds it (product_timing.csv, `stay_nearby_days`)."""
    brands = studies.column_map(content, "products", "product_id", "brand")
    out = []
    for product_id in dict.fromkeys(product_ids):
        t = journey.product_timing(content, product_id).get("stay_nearby_days")
        if t is None or t.value is None:
            continue
        out.append(
            {
                "product": brands[product_id],
                "days": float(t.value),
                "advice": content.words("risk_stay_advice",
                                        amount=journey.format_amount(t)),
                "note": t.note,
                "source_id": t.source_id,
            }
        )
    return pd.DataFrame(out, columns=["product", "days", "advice", "note", "source_id"])


def stay_near_notes(stay: pd.DataFrame) -> list[str]:
    """Where each stay-near-the-centre line comes from, products with the same advice together."""
    out = []
    for (advice, note, source), group in stay.groupby(["advice", "note", "source_id"], sort=False):
        caveat = f" {note}" if note else ""
        out.append(f"{', '.join(group['product'])}: {capitalise(advice)}.{caveat} "
                   f"(Source: {source})")
    return out


def timeline_summary(content: Content, timeline: pd.DataFrame, stay: pd.DataFrame) -> str:
    """One sentence that says what the timeline shows."""
    if timeline.empty:
        return content.words("risk_no_timeline")
    parts = [
        content.words("risk_timeline_part", name=r.effect, who=r.who,
                      start=number(r.onset), days=number(r.duration))
        for r in timeline.itertuples()
    ]
    sentence = "; ".join(parts)
    if not stay.empty:
        days = ", ".join(
            f"day {number(d)} ({', '.join(g['product'])})" for d, g in stay.groupby("days")
        )
        sentence += ". " + content.words("risk_timeline_stay", days=days)
    return sentence + "."


def _with_spread(content: Content, median: Any, low: Any, high: Any, kind: str,
                 unit: str) -> str:
    """'day 2 (day 1 to day 12, range ...)' or '7 days (...)'; 'not reported' when missing."""
    if is_missing(median):
        return NOT_REPORTED
    text = f"day {number(median)}" if unit == "day" else f"{number(median)} days"
    spread = spread_text(content, low, high, kind, unit)
    return text + (f" ({spread})" if spread != NOT_REPORTED else "; spread not reported")


def timeline_table(content: Content, sets: list[studies.DataSet]) -> pd.DataFrame:
    """The timeline as a table: usual start day and length, with their spread."""
    rows = []
    for ds in sets:
        for row in studies.rows_for(content, "side_effects", ds):
            if row["effect"] not in TIMELINE_EFFECTS:
                continue
            kind = row.get("spread") or ""
            rows.append(
                {
                    "Side effect": EFFECTS[row["effect"]],
                    "Product and study": f"{ds.brand} · {row['trial']}",
                    "Usually starts (median)": _with_spread(
                        content, row.get("onset_median_day"), row.get("onset_low"),
                        row.get("onset_high"), kind, "day",
                    ),
                    "Usually lasts (median)": _with_spread(
                        content, row.get("duration_median_days"), row.get("duration_low"),
                        row.get("duration_high"), kind, "days",
                    ),
                    "Source and notes": f"{row['source_id']}." + (
                        f" {row['note']}" if row.get("note") else ""
                    ),
                }
            )
    return pd.DataFrame(rows)
