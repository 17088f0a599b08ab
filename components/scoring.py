"""What the answers say, in plain words: the knowledge check (what was right, with the
explanation), practical and decision readiness (gaps that become questions or tasks), and the
values (ranked, and beside the options as a reflection aid: no points, no totals, no ranking).
Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components import sitemap
from components.content import Content
from components.questionnaire import (
    DIGIT,
    DOES_NOT_APPLY,
    FIT_WORDS,
    FITS,
    NOT_SURE,
    Question,
    Questionnaire,
    answer_problem,
    same_value,
)


@dataclass(frozen=True)
class KnowledgeResult:
    """One knowledge question, marked. status: correct, incorrect, not_sure or skipped."""

    question_id: str
    label: str
    status: str
    answer_label: str
    correct_label: str
    explanation: str
    learn_more_file: str
    learn_more_title: str
    source_id: str


@dataclass(frozen=True)
class KnowledgeScore:
    """How many knowledge questions were right, wrong, "not sure" or skipped."""

    correct: int
    incorrect: int
    not_sure: int
    skipped: int

    @property
    def total(self) -> int:
        return self.correct + self.incorrect + self.not_sure + self.skipped

    @property
    def to_review(self) -> int:
        """Questions worth going over with the team (not right, including skipped)."""
        return self.total - self.correct


def knowledge_results(q: Questionnaire, answers: Mapping[str, Any]) -> list[KnowledgeResult]:
    """Every knowledge question with its status, the right answer and where to read more."""
    out = []
    for question in q.section("knowledge").questions:
        value = answers.get(question.id)
        if value is None:
            status = "skipped"
        elif same_value(value, NOT_SURE):
            status = "not_sure"
        elif same_value(value, question.correct):
            status = "correct"
        else:
            status = "incorrect"
        page = sitemap.page(question.learn_more)
        out.append(
            KnowledgeResult(
                question_id=question.id,
                label=question.label,
                status=status,
                answer_label=question.answer_label(value),
                correct_label=question.option_label(question.correct),
                explanation=question.explanation,
                learn_more_file=page.file,
                learn_more_title=page.title,
                source_id=question.source_id,
            )
        )
    return out


def knowledge_score(q: Questionnaire, answers: Mapping[str, Any]) -> KnowledgeScore:
    """Counts of right, wrong, "not sure" and skipped knowledge answers."""
    statuses = [r.status for r in knowledge_results(q, answers)]
    return KnowledgeScore(
        correct=statuses.count("correct"),
        incorrect=statuses.count("incorrect"),
        not_sure=statuses.count("not_sure"),
        skipped=statuses.count("skipped"),
    )


def knowledge_feedback_text(result: KnowledgeResult) -> str:
    """What was right, in one or two plain sentences (Markdown), with the source if any."""
    source = f" (Source: {result.source_id})" if result.source_id else ""
    if result.status == "correct":
        return f"**Right.** {result.explanation}{source}"
    lead = "**Not quite.** The answer is" if result.status == "incorrect" else "**The answer is**"
    return f"{lead}: *{result.correct_label}*. {result.explanation}{source}"


@dataclass(frozen=True)
class Gap:
    """A practical item answered "no" or "not sure", turned into a next step.

    kind: "question" (ask the care team) or "task" (something to arrange).
    """

    question_id: str
    label: str
    answer_label: str
    kind: str
    suggestion: str
    source_id: str


def readiness_gaps(q: Questionnaire, answers: Mapping[str, Any]) -> list[Gap]:
    """Each readiness item answered "no" or "not sure", with its suggested question or task.

    Skipped items and "does not apply" are not gaps.
    """
    gaps = []
    for question in q.section("readiness").questions:
        if question.type != "choice" or question.id not in answers:
            continue
        value = answers[question.id]
        if (any(same_value(value, r) for r in question.ready_values)
                or same_value(value, DOES_NOT_APPLY)):
            continue
        gaps.append(
            Gap(
                question_id=question.id,
                label=question.label,
                answer_label=question.answer_label(value),
                kind=question.gap_kind,
                suggestion=question.gap_text,
                source_id=question.source_id,
            )
        )
    return gaps


def gap_text(gap: Gap) -> str:
    """A gap as one Markdown line: a task to do, or a question to ask the team."""
    lead = "**To do:**" if gap.kind == "task" else "**Ask your team:**"
    source = (
        f" (Source: {gap.source_id})" if gap.source_id and DIGIT.search(gap.suggestion) else ""
    )
    return f"{lead} {gap.suggestion}{source}"


@dataclass(frozen=True)
class SureFlag:
    """One decision-readiness item. status: yes, no, not_sure or unanswered; `flagged` when the
    person said no or not sure."""

    domain: str
    question_id: str
    label: str
    status: str
    answer_label: str
    message: str

    @property
    def flagged(self) -> bool:
        return self.status in ("no", NOT_SURE)


def sure_flags(q: Questionnaire, answers: Mapping[str, Any]) -> list[SureFlag]:
    """The four decision-readiness items (sure, understand, values, support), in order.

    Our own words for the four SURE domains; not the validated SURE test and not a score.
    """
    out = []
    for question in q.section("decision").questions:
        if not question.domain:
            continue
        value = answers.get(question.id)
        status = value if value in ("yes", "no", NOT_SURE) else "unanswered"
        out.append(
            SureFlag(
                domain=question.domain,
                question_id=question.id,
                label=question.label,
                status=status,
                answer_label=question.answer_label(value),
                message=question.flag_text if status in ("no", NOT_SURE) else "",
            )
        )
    return out


def decision_ready(q: Questionnaire, answers: Mapping[str, Any]) -> bool | None:
    """True if all four readiness items are "yes"; False if any is "no" or "not sure";
    None if some are unanswered and none is flagged."""
    flags = sure_flags(q, answers)
    if any(f.flagged for f in flags):
        return False
    if all(f.status == "yes" for f in flags):
        return True
    return None


def worry_questions(q: Questionnaire, answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(worry, suggested question for the team) for each worry the person ticked."""
    out = []
    for question in q.section("worries").questions:
        if question.type != "multi":
            continue
        for value in answers.get(question.id, []):
            for option in question.options:
                if same_value(option.value, value):
                    out.append((option.label, option.suggestion))
    return out


@dataclass(frozen=True)
class RankedValue:
    """Something the person rated, with how important it is to them."""

    value_id: str
    label: str
    short: str
    importance: int
    importance_label: str


def value_questions(q: Questionnaire) -> tuple[Question, ...]:
    """The values sliders, in display order."""
    return tuple(qq for qq in q.section("values").questions if qq.type == "scale")


def ranked_values(q: Questionnaire, answers: Mapping[str, Any]) -> list[RankedValue]:
    """The rated values, most important first (ties keep the questionnaire order)."""
    rated = []
    for question in value_questions(q):
        value = answers.get(question.id)
        if value is None or answer_problem(question, value):
            continue
        rated.append(
            RankedValue(
                question.id, question.label, question.short, value, question.scale_label(value)
            )
        )
    return sorted(rated, key=lambda r: -r.importance)


def important_values(q: Questionnaire, answers: Mapping[str, Any]) -> list[RankedValue]:
    """The values the values-to-options view shows, most important first: those rated in the
    top two steps of the scale; if none, every value rated above the lowest step."""
    ranked = [
        r for r in ranked_values(q, answers) if r.importance > q.question(r.value_id).scale_min
    ]
    top = [r for r in ranked if r.importance >= q.question(r.value_id).scale_max - 1]
    return top or ranked


def important_values_text(content: Content, q: Questionnaire, answers: Mapping[str, Any],
                          who: str = "you") -> str:
    """Which values the view shows, in one sentence ("It shows what you rated ..."); `who` is
    "you" on the page and "I" on the summary."""
    ranked = important_values(q, answers)
    if not ranked:
        return ""
    scale = q.question(ranked[0].value_id)
    if ranked[0].importance >= scale.scale_max - 1:
        return content.words("values_shown_top_two", who=who, high=scale.scale_labels[-2],
                             top=scale.scale_labels[-1])
    return content.words("values_shown_at_least", who=who, low=scale.scale_labels[1])


@dataclass(frozen=True)
class ValueFit:
    """How one option usually fits one thing the person rated important (in words only)."""

    value_id: str
    short: str
    importance_label: str
    fit: str
    reason: str
    source_id: str

    @property
    def fit_words(self) -> str:
        return FIT_WORDS[self.fit]


@dataclass(frozen=True)
class OptionAlignment:
    """One option against the things the person rated important. No points, no total."""

    option_id: str
    fits: tuple[ValueFit, ...]

    def by_fit(self, fit: str) -> list[ValueFit]:
        """The important values with this fit, most important first."""
        return [f for f in self.fits if f.fit == fit]


def values_alignment(
    q: Questionnaire,
    answers: Mapping[str, Any],
    option_ids: Sequence[str],
    option_values: pd.DataFrame,
) -> list[OptionAlignment]:
    """For each option, in the order given, which important values (see `important_values`)
    it usually fits, depends on, or usually works against.

    Options are never re-ordered, dropped or scored: the result is words for reflection, not
    a ranking and not a recommendation.
    """
    rated = important_values(q, answers)
    rows = {(r["option_id"], r["value_id"]): r for r in option_values.to_dict("records")}
    out = []
    for option_id in option_ids:
        fits = []
        for r in rated:
            row = rows.get((option_id, r.value_id))
            if row is None or row["fit"] not in FIT_WORDS:
                continue
            fits.append(
                ValueFit(
                    value_id=r.value_id,
                    short=r.short,
                    importance_label=r.importance_label,
                    fit=row["fit"],
                    reason=row["reason"],
                    source_id=row.get("source_id") or "",
                )
            )
        out.append(OptionAlignment(option_id, tuple(fits)))
    return out


def alignment_table(
    alignments: Iterable[OptionAlignment], option_labels: Mapping[str, str]
) -> pd.DataFrame:
    """The values-to-options view as a plain table: one row per option, order kept, words only."""
    columns = ["Option", *(FIT_WORDS[f] for f in FITS)]

    def names(items: list[ValueFit]) -> str:
        return "; ".join(f.short for f in items) or "\u2013"

    return pd.DataFrame(
        [
            [option_labels.get(a.option_id, a.option_id), *(names(a.by_fit(f)) for f in FITS)]
            for a in alignments
        ],
        columns=columns,
    )


def alignment_details(alignment: OptionAlignment) -> pd.DataFrame:
    """Why, for one option: one row per important value, in words, with the reason."""
    columns = ["What you rated", "How important to you", "How this option usually fits it", "Why"]
    return pd.DataFrame(
        [
            {
                "What you rated": f.short,
                "How important to you": f.importance_label,
                "How this option usually fits it": f.fit_words,
                "Why": f.reason + (f" (Source: {f.source_id})" if f.source_id else ""),
            }
            for f in alignment.fits
        ],
        columns=columns,
    )


def alignment_summary(alignment: OptionAlignment, option_label: str) -> str:
    """One plain sentence per option: the text alternative to the table (no points)."""
    parts = [f"{option_label}."]
    for fit in FITS:
        items = [f.short.lower() for f in alignment.by_fit(fit)]
        parts.append(f"{FIT_WORDS[fit]}: {', '.join(items) if items else 'none of them'}.")
    return " ".join(parts)
