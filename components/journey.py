"""The treatment journey: phases, each product's timing, a day-by-day timeline, a personal plan
from one date, and that plan as an iCalendar (.ics) file.

Pure (no Streamlit). Days are counted from the infusion: day 0 is the day the CAR-T cells go in,
day -5 is five days before it. For Aucatzyl, which is given in two parts, day 0 is the first part
and the weeks "after the infusion" are counted from the second part.

Every number comes from data/product_timing.csv with its source. A number we could not find
stays missing and is shown as "not reported". Dates computed from the person's date are labelled
"about" or "at least": the treatment centre sets the real dates.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components.content import Content, Problem

# The steps of the journey, in order. The timeline and the plan rely on these ids, so
# data/journey.csv must list exactly these, each with its text in data/text/journey__<id>.md.
PHASE_IDS: tuple[str, ...] = (
    "referral",
    "collection",
    "manufacturing",
    "lymphodepletion",
    "infusion",
    "monitoring",
    "stay_nearby",
    "recovery",
    "long_term",
)

# Advice that holds for every product unless the product has its own row.
SHARED_MEASURES = frozenset({"caregiver_days"})
# Measures that only some products have; when absent there is nothing to report.
OPTIONAL_MEASURES = frozenset({"second_dose_day"})

# The measures shown in each step of the stepper.
PHASE_MEASURES: dict[str, tuple[str, ...]] = {
    "manufacturing": ("manufacturing_days", "vein_to_vein_days"),
    "lymphodepletion": ("ld_days", "ld_gap_days"),
    "infusion": ("second_dose_day",),
    "monitoring": ("daily_monitoring_days", "monitoring_days"),
    "stay_nearby": ("stay_nearby_days", "no_driving_days", "caregiver_days"),
}


MINUS = "\u2212"
MAKING_LABEL = "Making your cells and waiting"


# --------------------------------------------------------------------------------------------
# Phases and the stepper
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Phase:
    """One step of the journey."""

    phase_id: str
    order: int
    title: str
    question: str

    @property
    def text_name(self) -> str:
        """The prose file for this step: data/text/journey__<phase_id>.md."""
        return f"journey__{self.phase_id}"


def phases(content: Content) -> list[Phase]:
    """The steps of the journey, in order."""
    frame = content.table("journey").sort_values("order")
    return [
        Phase(str(r.phase_id), int(r.order), str(r.title), str(r.question))
        for r in frame.itertuples()
    ]


def clamp_step(step: object, count: int) -> int:
    """A valid stepper index: anything but a whole number gives 0; out of range is clamped."""
    if count <= 0 or isinstance(step, bool) or not isinstance(step, int):
        return 0
    return max(0, min(step, count - 1))


# --------------------------------------------------------------------------------------------
# Product timing
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Timing:
    """One number (or range) of days from product_timing.csv, with how to read it."""

    measure: str
    value: float | None
    low: float | None
    high: float | None
    basis: str
    status: str
    note: str
    source_id: str
    product_id: str = ""
    sentence: str = ""  # how it reads, from timing_measures.csv ({amount}, {infusion})

    @property
    def shortest(self) -> int:
        """The low end in whole days (the value itself when there is no range)."""
        return whole_days(self.low if self.low is not None else self.value)

    @property
    def longest(self) -> int:
        """The high end in whole days (the value itself when there is no range)."""
        return whole_days(self.high if self.high is not None else self.value)

    @property
    def typical(self) -> int | None:
        """The single number to plan with, or None when only a range was reported."""
        return None if self.value is None else whole_days(self.value)


def whole_days(days: float | None) -> int:
    """Round a number of days to a whole day, halves up (30.4 -> 30, 35.5 -> 36)."""
    if days is None:
        raise ValueError("no number of days")
    return math.floor(days + 0.5)


def _opt(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def product_timing(content: Content, product_id: str | None) -> dict[str, Timing]:
    """Each measure for a product (None: the general picture), keyed by measure.

    A product gets only its own rows, plus shared advice (SHARED_MEASURES) it does not
    override. Measures nobody reported are simply absent.
    """
    frame = content.table("product_timing")
    sentences = {r["measure"]: r["sentence"] for r in content.rows("timing_measures")}
    records = [
        Timing(
            measure=str(r.measure),
            value=_opt(r.value),
            low=_opt(r.low),
            high=_opt(r.high),
            basis=str(r.basis),
            status=str(r.status),
            note=str(r.note or ""),
            source_id=str(r.source_id),
            product_id=str(r.product_id or ""),
            sentence=sentences[str(r.measure)],
        )
        for r in frame.itertuples()
    ]
    general = {t.measure: t for t in records if t.product_id == ""}
    if product_id is None:
        return general
    own = {t.measure: t for t in records if t.product_id == product_id}
    for measure in SHARED_MEASURES:
        if measure not in own and measure in general:
            own[measure] = general[measure]
    return own


def _weeks(days: list[int]) -> str:
    if not all(d % 7 == 0 and d > 0 for d in days):
        return ""
    weeks = [d // 7 for d in days]
    unit = "week" if weeks[-1] == 1 else "weeks"
    return f" ({' to '.join(str(w) for w in weeks)} {unit})"


def format_amount(t: Timing) -> str:
    """The number in words: "a median of 14 days", "at least 14 days (2 weeks)",
    "about 28 to 35 days (4 to 5 weeks)", "about 9 days (between 7 and 11)"."""
    if t.value is not None:
        days = [whole_days(t.value)]
        exact = float(t.value).is_integer()
    else:
        days = [t.shortest, t.longest]
        exact = all(float(x).is_integer() for x in (t.low, t.high) if x is not None)
    unit = "day" if days == [1] else "days"
    number = " to ".join(str(d) for d in days)
    amount = f"{number} {unit}{_weeks(days)}"
    if t.value is not None and t.low is not None and t.high is not None:
        amount += f" (between {t.shortest} and {t.longest})"
    if t.basis == "median":
        return f"a median of {'' if exact else 'about '}{amount}"
    if t.basis == "about":
        return f"about {amount}"
    if t.basis == "at least":
        return f"at least {amount}"
    return amount


@dataclass(frozen=True)
class Fact:
    """One sentence about a product's timing, with where it comes from."""

    text: str
    note: str = ""
    source_id: str | None = None

    def markdown(self) -> str:
        """The fact as one Markdown list line, source cited."""
        parts = [self.text]
        if self.note:
            parts.append(self.note)
        if self.source_id:
            parts.append(f"(Source: {self.source_id})")
        return "- " + " ".join(parts)


def _after(content: Content, second_part: bool) -> str:
    """What the days count from: the infusion, or its second part."""
    return content.words("journey_after_second_part" if second_part
                         else "journey_after_infusion")


def fact_for(content: Content, t: Timing, second_part: bool = False) -> Fact:
    """The sentence for one number."""
    after = _after(content, second_part)
    text = t.sentence.format(amount=format_amount(t), infusion=after)
    return Fact(text=text, note=t.note, source_id=t.source_id)


def phase_facts(content: Content, phase_id: str, product_id: str | None) -> list[Fact]:
    """The product's numbers for one step, and a plain "not reported" for each one missing."""
    timing = product_timing(content, product_id)
    second_part = "second_dose_day" in timing
    facts = []
    for measure in PHASE_MEASURES.get(phase_id, ()):
        if measure in timing:
            facts.append(fact_for(content, timing[measure], second_part))
        elif measure not in OPTIONAL_MEASURES and product_id is not None:
            facts.append(Fact(f"{missing_words(content, measure)}"))
    return facts


def caregiver_facts(content: Content, product_id: str | None) -> list[Fact]:
    """How long the caregiver is needed, for one product (None: the general picture): one
    sentence per measure, cited, and a plain "ask your centre" for each one not reported."""
    timing = product_timing(content, product_id)
    second_part = "second_dose_day" in timing
    after = _after(content, second_part)
    facts = []
    not_reported = content.words("timing_not_reported")
    for row in content.rows("timing_measures"):
        sentence = row["caregiver_sentence"]
        if not sentence:
            continue
        t = timing.get(row["measure"])
        if t is None:
            facts.append(Fact(f"{row['caregiver_missing']}: {not_reported}"))
        else:
            text = sentence.format(amount=format_amount(t), infusion=after)
            facts.append(Fact(text=text, note=t.note, source_id=t.source_id))
    return facts


def product_names(content: Content) -> dict[str, str]:
    """product_id -> "Brand (generic name)", in the order of products.csv."""
    frame = content.table("products")
    return {str(r.product_id): f"{r.brand} ({r.generic})" for r in frame.itertuples()}


def brand(content: Content, product_id: str | None) -> str:
    """The brand name, or a phrase for the general picture."""
    if product_id is None:
        return "CAR-T in general"
    frame = content.table("products")
    row = frame[frame["product_id"] == product_id]
    return str(row.iloc[0]["brand"]) if not row.empty else product_id


# --------------------------------------------------------------------------------------------
# The timeline, in days from the infusion
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Span:
    """One row of the timeline.

    kind: "day" (one day), "span" (from start to end), "window" (happens on some days
    between start and end), "before" (open to the left, until end), "after" (open to the
    right, from start), "later" (no days: for life), "missing" (not reported).
    firm: set by a label or rule (drawn solid) rather than an estimate (drawn striped).
    """

    key: str
    phase_id: str
    label: str
    kind: str
    start: int | None = None
    end: int | None = None
    firm: bool = False
    at_least: bool = False
    when: str = ""
    detail: str = ""
    source_ids: tuple[str, ...] = ()
    in_calendar: bool = False
    short: str = ""  # words for the chart when the days themselves would mislead


def day_label(day: int) -> str:
    """ "day 0", "day 14", "day −30" (with a true minus sign)."""
    return f"day {MINUS}{-day}" if day < 0 else f"day {day}"


def _ld_window(timing: dict[str, Timing]) -> tuple[int, int, bool] | None:
    """First and last possible chemotherapy day, and whether the days are fixed."""
    days, gap = timing.get("ld_days"), timing.get("ld_gap_days")
    if days is None or gap is None:
        return None
    # "Given N days after the chemotherapy ends": N whole days in between, so the last
    # chemotherapy day is day -(N+1). Yescarta: 3 days, 2 days gap -> days -5, -4, -3.
    start = -(gap.longest + days.longest)
    end = -(gap.shortest + 1)
    fixed = days.shortest == days.longest and gap.shortest == gap.longest
    return start, end, fixed


def missing_words(content: Content, measure: str) -> str:
    """ "How long not to drive: not reported in the sources we checked. Ask your centre." """
    row = next(r for r in content.rows("timing_measures") if r["measure"] == measure)
    return f"{row['missing']}: {content.words('timing_not_reported')}"


def _collection(content: Content, t: dict[str, Timing]) -> Span | None:
    """The collection day (from the vein-to-vein time), a window of days, or None."""
    v2v = t.get("vein_to_vein_days")
    if v2v is None:
        return None
    if v2v.typical is not None:
        day = -v2v.typical
        return Span(
            "collection", "collection", "Cell collection", "day", day, day,
            when=content.words("journey_collection_when", days=v2v.typical,
                               day=day_label(day)),
            detail=fact_for(content, v2v).text, source_ids=(v2v.source_id,), in_calendar=True,
        )
    return Span(
        "collection", "collection", "Cell collection", "window", -v2v.longest, -v2v.shortest,
        when=f"often between {day_label(-v2v.longest)} and {day_label(-v2v.shortest)}",
        detail=f"{fact_for(content, v2v).text} {v2v.note}", source_ids=(v2v.source_id,),
        in_calendar=True,
    )


def _missing(key: str, phase_id: str, label: str, measure: str,
             missing: Mapping[str, str]) -> Span:
    return Span(key, phase_id, label, "missing", when=missing[measure])


def _before_infusion(content: Content, t: dict[str, Timing], known: bool,
                     missing: Mapping[str, str]) -> list[Span]:
    """Referral, collection, making the cells and chemotherapy (negative days)."""
    spans: list[Span] = []
    ld = _ld_window(t)
    last_wait_day = (ld[0] - 1) if ld else -1
    v2v, mfg = t.get("vein_to_vein_days"), t.get("manufacturing_days")
    collection = _collection(content, t)
    if collection is not None and collection.start is not None and collection.end is not None:
        spans.append(
            Span(
                "referral", "referral", "Referral and tests", "before", end=collection.start - 1,
                when=content.words("journey_referral_when"),
            )
        )
        spans.append(collection)
        first = collection.end + 1
        if last_wait_day >= first:
            detail = f"{fact_for(content, mfg).text} " if mfg else ""
            detail += content.words("journey_checking_and_shipping")
            spans.append(
                Span(
                    "manufacturing", "manufacturing", MAKING_LABEL, "span", first, last_wait_day,
                    when=f"about {day_label(first)} to {day_label(last_wait_day)}",
                    detail=detail,
                    source_ids=tuple(s.source_id for s in (mfg, v2v) if s is not None),
                    in_calendar=collection.kind == "day",
                )
            )
    elif known:
        spans.append(_missing("collection", "collection", "Cell collection", "vein_to_vein_days",
                              missing))
        if mfg is not None:
            # Only the making time is known: draw it ending before the chemotherapy, but do
            # not claim a collection date or put it in a calendar.
            spans.append(
                Span(
                    "manufacturing", "manufacturing", MAKING_LABEL, "span",
                    last_wait_day - mfg.longest + 1, last_wait_day,
                    when=content.words("journey_wait_not_reported", amount=format_amount(mfg)),
                    detail=fact_for(content, mfg).text, source_ids=(mfg.source_id,),
                    short=format_amount(mfg),
                )
            )

    if ld is not None:
        start, end, fixed = ld
        parts = [t["ld_days"], t["ld_gap_days"]]
        spans.append(
            Span(
                "lymphodepletion", "lymphodepletion", "Chemotherapy", "span" if fixed else "window",
                start, end, firm=fixed,
                when=(
                    f"{day_label(start)} to {day_label(end)}"
                    if fixed
                    else f"{format_amount(parts[0])}, somewhere between {day_label(start)} "
                    f"and {day_label(end)}"
                ),
                detail=" ".join(fact_for(content, m).text for m in parts),
                source_ids=tuple(dict.fromkeys(m.source_id for m in parts)),
                in_calendar=True,
            )
        )
    elif known:
        spans.append(_missing("lymphodepletion", "lymphodepletion", "Chemotherapy", "ld_days",
                              missing))
    else:
        spans.append(
            Span(
                "lymphodepletion", "lymphodepletion", "Chemotherapy", "note",
                when=content.words("journey_chemo_when"),
            )
        )
    return spans


AFTER_INFUSION: tuple[tuple[str, str, str, str], ...] = (
    # (span key, phase, row label, measure)
    ("daily_checks", "monitoring", "Daily checks", "daily_monitoring_days"),
    ("monitoring", "monitoring", "Close checks", "monitoring_days"),
    ("caregiver", "stay_nearby", "Caregiver day and night", "caregiver_days"),
    ("stay_nearby", "stay_nearby", "Stay near the centre", "stay_nearby_days"),
    ("no_driving", "stay_nearby", "No driving", "no_driving_days"),
)


def _from_infusion(content: Content, t: dict[str, Timing], missing: Mapping[str, str]
                   ) -> list[Span]:
    """The infusion (and any second part), the weeks after it, recovery and follow-up."""
    spans = [
        Span(
            "infusion", "infusion", "Infusion (day 0)", "day", 0, 0, firm=True,
            when="day 0", detail=content.words("journey_infusion_day"), in_calendar=True,
        )
    ]
    base = 0
    second = t.get("second_dose_day")
    if second is not None and second.typical is not None:
        base = second.typical
        spans.append(
            Span(
                "second_infusion", "infusion", "Second part of the infusion", "day", base, base,
                when=f"about {day_label(base)} ({day_label(second.shortest)} to "
                f"{day_label(second.longest)})",
                detail=f"{fact_for(content, second).text} {second.note}",
                source_ids=(second.source_id,), in_calendar=True,
            )
        )
    ends = [base]
    counted = " (counted from the second part)" if base else ""
    for key, phase_id, label, measure in AFTER_INFUSION:
        m = t.get(measure)
        if m is None:
            spans.append(_missing(key, phase_id, label, measure, missing))
            continue
        end = base + m.longest
        ends.append(end)
        at_least = m.basis == "at least"
        spans.append(
            Span(
                key, phase_id, label, "span", 0, end,
                firm=m.status != "advice at approval", at_least=at_least,
                when=f"day 0 to {'at least ' if at_least else ''}{day_label(end)}{counted}",
                detail=f"{fact_for(content, m, base > 0).text} {m.note}".strip(),
                source_ids=(m.source_id,), in_calendar=True,
            )
        )
    recovery_start = max(ends) + 1
    spans.append(
        Span(
            "recovery", "recovery", "Recovery", "after", start=recovery_start,
            when=content.words("journey_recovery_when", day=day_label(recovery_start)),
        )
    )
    spans.append(Span("long_term", "long_term", "Long-term follow-up", "later", when="for life"))
    return spans


def timeline(content: Content, product_id: str | None) -> list[Span]:
    """The whole journey for one product (None: the general picture), in days from day 0."""
    t = product_timing(content, product_id)
    missing = {r["measure"]: missing_words(content, r["measure"])
               for r in content.rows("timing_measures") if r["missing"]}
    return (_before_infusion(content, t, product_id is not None, missing)
            + _from_infusion(content, t, missing))


SUMMARY_LANDMARKS: tuple[tuple[str, str, str], ...] = (
    # (span key, words before the days, wording id when not reported: data/wording.csv)
    ("collection", "cell collection", "journey_summary_no_collection"),
    ("lymphodepletion", "chemotherapy", "journey_summary_no_chemo"),
    ("infusion", "the infusion on", ""),
    ("second_infusion", "its second part", ""),
    ("stay_nearby", "stay near the centre", "journey_summary_no_stay"),
    ("no_driving", "no driving", "journey_summary_no_driving"),
)


def timeline_summary(content: Content, spans: list[Span], name: str) -> str:
    """One plain sentence with the main landmarks of the timeline chart."""
    by_key = {s.key: s for s in spans}
    parts = []
    for key, words, missing in SUMMARY_LANDMARKS:
        span = by_key.get(key)
        if span is None:
            continue
        parts.append(content.words(missing) if span.kind == "missing"
                     else f"{words} {_brief(content, span)}")
    parts.append(content.words("journey_summary_end"))
    return content.words("journey_summary", product=name, landmarks=", ".join(parts))


def _brief(content: Content, span: Span) -> str:
    """A few words for one landmark of the summary sentence."""
    start, end = day_label(span.start or 0), day_label(span.end or 0)
    if span.kind == "day":
        return start if span.firm else f"about {start}"
    if span.kind == "window":
        return f"often between {start} and {end}" if span.key == "collection" else (
            f"on some days between {start} and {end}"
        )
    if span.kind == "span":
        return f"until at least {end}" if span.at_least else f"from {start} to {end}"
    return content.words("journey_summary_before")


def timeline_frame(spans: list[Span]) -> pd.DataFrame:
    """The timeline as a table (the text alternative to the chart)."""
    rows = [
        {
            "Step": s.label,
            "When (days from the infusion)": s.when,
            "What the numbers mean": s.detail,
            "Source": ", ".join(s.source_ids),
        }
        for s in spans
    ]
    return pd.DataFrame(rows, columns=["Step", "When (days from the infusion)",
                                       "What the numbers mean", "Source"])


# --------------------------------------------------------------------------------------------
# A personal plan from one date
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# iCalendar
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Cross-file validation (registered with content.load_content)
# --------------------------------------------------------------------------------------------
def validate_journey(content: Content) -> list[Problem]:
    """journey.csv lists exactly PHASE_IDS, each with its text; timing rows are usable."""
    problems: list[Problem] = []
    ids = [str(x) for x in content.table("journey")["phase_id"]]
    if sorted(ids) != sorted(PHASE_IDS):
        problems.append(
            Problem("journey.csv", f"phase_id must be exactly: {', '.join(PHASE_IDS)}")
        )
    for phase_id in ids:
        if f"journey__{phase_id}" not in content.texts:
            problems.append(Problem(f"text/journey__{phase_id}.md", "file is missing"))
    seen: dict[tuple[str, str], int] = {}
    frame = content.table("product_timing")
    for line, row in enumerate(frame.itertuples(), start=2):
        key = (str(row.product_id or ""), str(row.measure))
        if key in seen:
            problems.append(
                Problem("product_timing.csv", f"duplicate {key} (first on line {seen[key]})",
                        row=line, column="measure")
            )
        seen.setdefault(key, line)
        if _opt(row.value) is None and (_opt(row.low) is None or _opt(row.high) is None):
            problems.append(
                Problem("product_timing.csv", "needs a value, or both low and high",
                        row=line, column="value")
            )
    return problems
