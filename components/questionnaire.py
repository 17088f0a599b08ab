"""The self-assessment's questionnaire: the model (sections, questions, options, the caregiver's
wording) and the answers (checking, cleaning and setting one answer; scale stops). Pure: no
Streamlit. Its neighbours:

- `questionnaire_file`: reads data/questionnaire.json into this model, with every check
  (`load_questionnaire`, `validate_questionnaire`); the content loader builds it once and
  `of(content)` returns it.
- `scoring`: what the answers say (knowledge check, readiness gaps, decision readiness,
  values and the values-to-options view).
- `answers_file`: the answers file a person downloads and loads again.

Answers are a plain dict {question_id: value}. Values by question type: "choice" -> one option
value (str or int); "multi" -> list of option values; "text"/"long_text" -> str (any Unicode,
kept literally: never executed, stripped or rewritten); "scale" -> int. A question that was
skipped has no entry.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from components import content as content_mod
from components.content import Content, Problem
from components.options import OPTION_IDS

DOCUMENT = "questionnaire"
FILE = "questionnaire.json"
QUESTIONNAIRE_FORMAT = "cart-decision-aid-questionnaire"

# The sections, in order. The code gives each one its meaning (knowledge scoring, values,
# readiness gaps, decision readiness), so the data must have exactly these.
SECTION_IDS: tuple[str, ...] = (
    "about_me",
    "knowledge",
    "values",
    "readiness",
    "worries",
    "decision",
)
TYPES: tuple[str, ...] = ("choice", "multi", "text", "long_text", "scale")
DEFAULT_MAX_LENGTH = {"text": 200, "long_text": 4000}

# Question ids the code relies on.
ABOUT_WHO = "about_who"
ABOUT_NAME = "about_name"
ABOUT_DIAGNOSIS = "about_diagnosis"
ABOUT_PRIOR_LINES = "about_prior_lines"
ABOUT_EARLY_RELAPSE = "about_early_relapse"
ABOUT_TREATMENTS = "about_treatments"
VALUES_OTHER = "values_other"
CAREGIVER_WHO = "ready_caregiver_who"
WORRIES_OTHER = "worries_other"
QUESTIONS_FOR_TEAM = "questions_for_team"
CAREGIVER = "caregiver"  # the about_who answer that switches to the caregiver's wording
ROLE = "decision_role"
LEANING = "decision_leaning"
# Every question id above: questionnaire.json must have them all (checked when it loads).
CODE_QUESTION_IDS: tuple[str, ...] = (
    ABOUT_WHO, ABOUT_NAME, ABOUT_DIAGNOSIS, ABOUT_PRIOR_LINES, ABOUT_EARLY_RELAPSE,
    ABOUT_TREATMENTS, VALUES_OTHER, CAREGIVER_WHO, WORRIES_OTHER, QUESTIONS_FOR_TEAM, ROLE,
    LEANING,
)
NOT_SURE = "not_sure"
DOES_NOT_APPLY = "does_not_apply"
SURE_DOMAINS: tuple[str, ...] = ("sure", "understand", "values", "support")

# The option ids (owned by the Options page). Used when options.csv is not loaded.
ALL_OPTION_IDS: tuple[str, ...] = OPTION_IDS

# How well an option fits a value (option_values.csv "fit"), in words. Never turned into points.
FITS: tuple[str, ...] = ("fits", "depends", "works against")
FIT_WORDS: dict[str, str] = {
    "fits": "Usually fits",
    "depends": "Depends",
    "works against": "Usually works against",
}

# The texts a question may word differently for a caregiver ("caregiver" in the JSON).
CAREGIVER_FIELDS: tuple[str, ...] = ("label", "help", "gap_text", "flag_text")

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,47}")
DIGIT = re.compile(r"\d")

# ----------------------------------------------------------------------------------------------
# The model
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One answer a person can pick. `suggestion` is a question for the team (worries only)."""

    value: str | int
    label: str
    suggestion: str = ""


@dataclass(frozen=True)
class Question:
    """One question. Fields after `options` are used only by the sections named beside them."""

    id: str
    section: str
    type: str
    label: str
    help: str = ""
    options: tuple[Option, ...] = ()
    max_length: int = 0  # text, long_text
    scale_labels: tuple[str, ...] = ()  # scale: one label per point, lowest first
    scale_min: int = 0  # scale
    short: str = ""  # values: short name for tables and the summary
    correct: str | int | None = None  # knowledge
    explanation: str = ""  # knowledge
    learn_more: str = ""  # knowledge: page stem (sitemap)
    source_id: str = ""  # any: the source for a number in the wording
    ready_values: tuple[str | int, ...] = ()  # readiness: answers that mean "ready"
    gap_kind: str = ""  # readiness: "question" (ask the team) or "task" (something to do)
    gap_text: str = ""  # readiness: the suggested question or task
    domain: str = ""  # decision: one of SURE_DOMAINS
    flag_text: str = ""  # decision: what to do when the answer is not "yes"
    # Other words for when a caregiver fills it in: (field, text) pairs for the fields in
    # CAREGIVER_FIELDS, and (option value, suggestion) pairs. See `worded_for`.
    caregiver: tuple[tuple[str, str], ...] = ()
    caregiver_suggestions: tuple[tuple[str, str], ...] = ()
    only_for: tuple[str, ...] = ()  # any: asked only for these diagnoses (disease ids)

    def asked_for(self, diagnosis: Any) -> bool:
        """Whether the question applies to a diagnosis (one with `only_for` needs it known)."""
        return not self.only_for or diagnosis in self.only_for

    @property
    def values(self) -> tuple[str | int, ...]:
        """The option values (choice and multi)."""
        return tuple(o.value for o in self.options)

    @property
    def scale_max(self) -> int:
        return self.scale_min + len(self.scale_labels) - 1

    def option_label(self, value: Any) -> str:
        """The label of an option value ('' if it is not an option)."""
        for option in self.options:
            if same_value(option.value, value):
                return option.label
        return ""

    def scale_label(self, value: int) -> str:
        return self.scale_labels[value - self.scale_min]

    def answer_label(self, value: Any) -> str:
        """An answer in words, as the person saw it (free text is returned unchanged)."""
        if value is None:
            return ""
        if self.type == "choice":
            return self.option_label(value)
        if self.type == "multi":
            return "; ".join(self.option_label(v) for v in value)
        if self.type == "scale":
            return self.scale_label(value)
        return str(value)


@dataclass(frozen=True)
class Section:
    """One step of the self-assessment."""

    id: str
    title: str
    heading: str
    optional: bool
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Questionnaire:
    """The whole questionnaire, in display order."""

    version: int
    sections: tuple[Section, ...]
    by_id: dict[str, Question] = field(default_factory=dict)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question:
        return self.by_id[question_id]

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


def same_value(a: Any, b: Any) -> bool:
    """Equal and of the same kind: JSON true must never count as the option 1."""
    return type(a) is type(b) and a == b


# ----------------------------------------------------------------------------------------------
# Loading and validation
# ----------------------------------------------------------------------------------------------


def of(content: content_mod.Content) -> Questionnaire:
    """The questionnaire built once when the content was loaded (components/catalog.py)."""
    q = content.questionnaire
    if not isinstance(q, Questionnaire):
        raise content_mod.ContentError(
            [Problem("questionnaire.json", "was not built when the content was loaded")])
    return q


def worded_for(q: Questionnaire, who: Any) -> Questionnaire:
    """The questionnaire in the words for who is filling it in.

    When `who` is the caregiver answer, each question's "caregiver" texts (label, help, gap or
    flag text, worry suggestions) replace its own; otherwise `q` is returned as it is. Ids,
    option values and labels never change, so answers and widget keys stay the same.
    """
    if who != CAREGIVER:
        return q

    def reword(question: Question) -> Question:
        if not question.caregiver and not question.caregiver_suggestions:
            return question
        suggestions = dict(question.caregiver_suggestions)
        options = tuple(
            dataclasses.replace(o, suggestion=suggestions.get(str(o.value), o.suggestion))
            for o in question.options
        )
        return dataclasses.replace(question, options=options,
                                   **dict(question.caregiver))  # type: ignore[arg-type]

    sections = tuple(
        dataclasses.replace(s, questions=tuple(reword(qq) for qq in s.questions))
        for s in q.sections
    )
    return Questionnaire(
        version=q.version,
        sections=sections,
        by_id={qq.id: qq for s in sections for qq in s.questions},
    )


# ----------------------------------------------------------------------------------------------
# Answers
# ----------------------------------------------------------------------------------------------


def answer_problem(question: Question, value: Any) -> str | None:
    """Why `value` is not a valid answer to `question`, or None if it is valid."""
    if question.type == "choice":
        if not any(same_value(value, v) for v in question.values):
            return "is not one of the choices"
    elif question.type == "multi":
        if not isinstance(value, list):
            return "must be a list of choices"
        if any(not any(same_value(x, v) for v in question.values) for x in value):
            return "includes something that is not one of the choices"
        if len({(type(x), x) for x in value}) != len(value):
            return "lists a choice twice"
    elif question.type in ("text", "long_text"):
        if not isinstance(value, str):
            return "must be text"
        if len(value) > question.max_length:
            return f"is longer than {question.max_length} characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains characters that cannot be read"
    elif question.type == "scale":
        if not isinstance(value, int) or isinstance(value, bool):
            return "must be a whole number"
        if not question.scale_min <= value <= question.scale_max:
            return f"must be from {question.scale_min} to {question.scale_max}"
    return None


def clean_answers(q: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the valid answers to known questions, in questionnaire order; empty text and empty
    lists count as skipped."""
    out: dict[str, Any] = {}
    for question in q.questions:
        value = answers.get(question.id)
        if value is None or value == "" or value == []:
            continue
        if answer_problem(question, value) is None:
            out[question.id] = list(value) if isinstance(value, list) else value
    return out


def fit_text(content: Content, question: Question, text: str) -> tuple[str, str | None]:
    """Free text cut to the question's limit, and a plain note when something was cut
    (a paste longer than the box keeps what fits instead of losing everything)."""
    limit = question.max_length
    if not limit or len(text) <= limit:
        return text, None
    return text[:limit], content.words("text_cut", limit=f"{limit:,}",
                                       left_out=f"{len(text) - limit:,}")


def set_answer(answers: dict[str, Any], question: Question, value: Any) -> None:
    """Record one answer in place (None, empty text or an empty list removes it)."""
    if isinstance(value, tuple):
        value = list(value)
    if value is None or value == "" or value == []:
        answers.pop(question.id, None)
        return
    problem = answer_problem(question, value)
    if problem:
        raise ValueError(f"answer to '{question.id}' {problem}")
    answers[question.id] = list(value) if isinstance(value, list) else value


SKIP = "__skip__"  # the "Not rated" stop on a scale widget


def scale_stops(question: Question) -> list[str | int]:
    """The stops of a scale widget: "Not rated" first, then each point of the scale."""
    return [SKIP, *range(question.scale_min, question.scale_max + 1)]


def scale_stop_label(question: Question, stop: str | int) -> str:
    """The words for one stop of a scale widget."""
    return "Not rated" if stop == SKIP else question.scale_label(int(stop))


def scale_ends_text(content: Content, question: Question) -> str:
    """The scale's ends in words, shown before anyone moves its slider (the slider's own end
    labels appear only while a pointer is over it)."""
    low, high = question.scale_label(question.scale_min), question.scale_label(question.scale_max)
    return content.words("scale_ends", low=low, high=high,
                         skip=scale_stop_label(question, SKIP))


def scale_ends_notes(content: Content, questions: Iterable[Question]) -> dict[str, str]:
    """Where to say the scales' ends: question id -> the words to show just before it. Said
    once before each run of sliders that share the same ends, not under every one of them."""
    notes: dict[str, str] = {}
    previous = None
    for question in questions:
        text = scale_ends_text(content, question) if question.type == "scale" else None
        if text is not None and text != previous:
            notes[question.id] = text
        previous = text
    return notes


# ----------------------------------------------------------------------------------------------
# Knowledge
# ----------------------------------------------------------------------------------------------


# ----------------------------------------------------------------------------------------------
# Practical readiness and decision readiness
# ----------------------------------------------------------------------------------------------


# ----------------------------------------------------------------------------------------------
# Values and the values-to-options view
# ----------------------------------------------------------------------------------------------


# ----------------------------------------------------------------------------------------------
# The resume file
# ----------------------------------------------------------------------------------------------


