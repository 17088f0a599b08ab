"""Benchmark the summary PDF: median build time over repeated runs for a full questionnaire,
once with Latin-script answers and once with answers in several scripts (Chinese, Arabic,
Hebrew, Hindi, emoji), which need the fallback fonts and text shaping.

Run: `.venv/bin/python scripts/bench_pdf.py [--rounds N]` (also used by scripts/bench.py).
Not a test: the machine's load changes the numbers. Target (issue 7): Latin <= 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components import content, pdf, summary  # noqa: E402

TODAY = dt.date(2026, 11, 25)

LATIN = {
    "about_who": "both", "about_name": "Zoë Müller", "about_diagnosis": "lbcl",
    "about_prior_lines": 2, "about_treatments": ["chemotherapy", "antibody"],
    "know_collection": "machine", "know_wait": "day", "know_chemo_first": "make_room",
    "know_crs_timing": "not_sure", "know_stay_near": "two_weeks",
    "know_caregiver": "yes_two_weeks", "know_may_not_work": "not_always",
    "value_long_remission": 4, "value_avoid_side_effects": 3, "value_less_time_away": 2,
    "value_one_time": 3, "value_low_cost": 1, "value_family_time": 4, "value_work_drive": 0,
    "values_other": "Being at my daughter’s wedding in June.",
    "ready_caregiver": "yes", "ready_caregiver_who": "My husband Tom and my sister",
    "ready_lodging": "not_sure", "ready_transport": "no", "ready_insurance": "yes",
    "ready_money": "not_sure", "ready_work": "does_not_apply", "ready_dependants": "yes",
    "ready_fertility": "does_not_apply", "worries_list": ["side_effects", "cost", "burden"],
    "worries_other": "I’m scared of being confused and not knowing my family.",
    "questions_for_team": "Can I still go to the wedding in June?\n- How soon would I start?",
    "decision_sure": "not_sure", "decision_understand": "yes", "decision_values": "yes",
    "decision_support": "yes", "decision_role": "together", "decision_leaning": "car_t",
}  # fmt: skip
MIXED = {
    **LATIN,
    "about_name": "王小明 / محمد / Zoë",
    "values_other": "家人在身边 — وقت مع عائلتي — זמן עם המשפחה 👨‍👩‍👧",
    "worries_other": "मुझे दुष्प्रभावों की चिंता है 😟",
    "questions_for_team": "我想知道副作用会持续多久？\nهل يمكنني العودة إلى العمل بعد العلاج؟\n"
    "מתי אפשר לחזור הביתה?\nCan I still drive? 🚗",
}


def _median_ms(model: summary.Summary, rounds: int) -> tuple[float, float, float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        pdf.summary_pdf(model)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def time_pdf_builds(rounds: int = 15) -> dict[str, float]:
    """Median build time in ms for the Latin-script and the mixed-script summary."""
    data = content.load_content()
    out = {}
    for name, answers in (("Latin-script summary", LATIN), ("mixed-script summary", MIXED)):
        model = summary.build_summary(data, answers, TODAY)
        pdf.summary_pdf(model)  # the first build also reads each font file's character map
        out[name] = _median_ms(model, rounds)[0]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    from pypdf import PdfReader

    data = content.load_content()
    print(f"Summary PDF build time, {args.rounds} runs each (after one warm-up build)")
    print("| summary | pages | first build | median | min | max |")
    print("|---|---|---|---|---|---|")
    for name, answers in (("Latin script", LATIN), ("mixed scripts", MIXED)):
        model = summary.build_summary(data, answers, TODAY)
        start = time.perf_counter()
        first = pdf.summary_pdf(model)
        cold = (time.perf_counter() - start) * 1000
        pages = len(PdfReader(io.BytesIO(first)).pages)
        median, low, high = _median_ms(model, args.rounds)
        cells = [name, str(pages)] + [f"{ms:.0f} ms" for ms in (cold, median, low, high)]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
