"""The self-assessment: questions from data/questionnaire.json, the answers model, scoring, and
the resume file.

Public API (the Summary page imports these; all pure, no Streamlit):

- `load_questionnaire(content) -> Questionnaire`: the typed, validated questionnaire.
- `knowledge_results(q, answers)` / `knowledge_score(q, answers)`: what was right, with the
  one-line explanation and the page that explains it.
- `readiness_gaps(q, answers)`: each "no" or "not sure" practical item as a suggested question
  for the team or a task, in plain words.
- `sure_flags(q, answers)` / `decision_ready(q, answers)`: the four decision-readiness items
  (our own words for the SURE domains; not the validated SURE test).
- `ranked_values(q, answers)` / `important_values(q, answers)`: what the person rated, most
  important first / the values the values-to-options view shows.
- `values_alignment(q, answers, option_ids, option_values)`: for each option, in the order
  given, which of those values it usually fits, depends on or works against, in words (a
  reflection aid, never a recommendation: no points, no totals, no ranking).
- `worded_for(q, who)`: the questionnaire in the words for who is filling it in.
- `worry_questions(q, answers)`: suggested questions for the worries the person ticked.
- `to_resume_file(answers, q) -> bytes` / `parse_resume_file(data, q) -> (answers, notes)`:
  the small versioned JSON answers file; bad input raises `ResumeFileError(message)`.

Answers are a plain dict {question_id: value}. Values by question type: "choice" -> one option
value (str or int); "multi" -> list of option values; "text"/"long_text" -> str (any Unicode,
kept literally: never executed, stripped or rewritten); "scale" -> int. A question that was
skipped has no entry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from components import content as content_mod
from components import sitemap
from components.content import Problem
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
CAREGIVER = "caregiver"  # the about_who answer that switches to the caregiver's wording
ROLE = "decision_role"
LEANING = "decision_leaning"
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

_ID = re.compile(r"[a-z][a-z0-9_]{1,47}")
_DIGIT = re.compile(r"\d")

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
            if _same(option.value, value):
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


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same kind: JSON true must never count as the option 1."""
    return type(a) is type(b) and a == b


# ----------------------------------------------------------------------------------------------
# Loading and validation
# ----------------------------------------------------------------------------------------------


def _str(raw: Mapping[str, Any], key: str, where: str, problems: list[Problem]) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        problems.append(Problem(FILE, f"{where}: '{key}' must be text"))
        return ""
    return value.strip()


def _option_value_ok(value: Any) -> bool:
    return (isinstance(value, str) and value != "") or (
        isinstance(value, int) and not isinstance(value, bool)
    )


def _build_options(
    raw: Mapping[str, Any], where: str, content: content_mod.Content, problems: list[Problem]
) -> tuple[Option, ...]:
    if raw.get("options_from") is not None:
        if raw["options_from"] != "diseases" or "diseases" not in content.tables:
            problems.append(Problem(FILE, f"{where}: 'options_from' must be \"diseases\""))
            return ()
        diseases = content.table("diseases").sort_values("order")
        pairs = zip(diseases["disease_id"], diseases["name"], strict=True)
        listed = [Option(d, n) for d, n in pairs]
        extra = raw.get("options", [])
        return tuple(listed) + _build_options({"options": extra}, where, content, problems)
    options = []
    raw_options = raw.get("options", [])
    if not isinstance(raw_options, list):
        problems.append(Problem(FILE, f"{where}: 'options' must be a list"))
        return ()
    for i, item in enumerate(raw_options):
        if not isinstance(item, dict) or not _option_value_ok(item.get("value")):
            problems.append(
                Problem(FILE, f"{where}: option {i + 1} needs a text or whole-number 'value'")
            )
            continue
        label = _str(item, "label", where, problems)
        if not label:
            problems.append(Problem(FILE, f"{where}: option {i + 1} has no 'label'"))
        options.append(Option(item["value"], label, _str(item, "suggestion", where, problems)))
    return tuple(options)


def _build_question(
    raw: Any, section: str, content: content_mod.Content, problems: list[Problem]
) -> Question | None:
    if not isinstance(raw, dict):
        problems.append(Problem(FILE, f"section '{section}': every question must be an object"))
        return None
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID.fullmatch(qid):
        problems.append(
            Problem(FILE, f"section '{section}': question id {qid!r} must be lower_snake_case")
        )
        return None
    where = f"question '{qid}'"
    qtype = raw.get("type")
    if qtype not in TYPES:
        problems.append(Problem(FILE, f"{where}: 'type' must be one of: {', '.join(TYPES)}"))
        return None
    label = _str(raw, "label", where, problems)
    if not label:
        problems.append(Problem(FILE, f"{where}: 'label' is missing"))
    options = _build_options(raw, where, content, problems) if qtype in ("choice", "multi") else ()
    if qtype in ("choice", "multi"):
        if not options:
            problems.append(Problem(FILE, f"{where}: a {qtype} question needs options"))
        values = [o.value for o in options]
        if len({(type(v), v) for v in values}) != len(values):
            problems.append(Problem(FILE, f"{where}: option values must be unique"))
    max_length = raw.get("max_length", DEFAULT_MAX_LENGTH.get(qtype, 0))
    if qtype in DEFAULT_MAX_LENGTH and (
        not isinstance(max_length, int)
        or isinstance(max_length, bool)
        or not 1 <= max_length <= 10_000
    ):
        problems.append(Problem(FILE, f"{where}: 'max_length' must be a whole number 1-10000"))
        max_length = DEFAULT_MAX_LENGTH[qtype]
    scale_labels: tuple[str, ...] = ()
    scale_min = raw.get("scale_min", 0)
    if qtype == "scale":
        labels = raw.get("scale_labels")
        if (
            not isinstance(labels, list)
            or len(labels) < 2
            or not all(isinstance(x, str) and x.strip() for x in labels)
        ):
            problems.append(Problem(FILE, f"{where}: 'scale_labels' must list at least 2 labels"))
            labels = ["low", "high"]
        if not isinstance(scale_min, int) or isinstance(scale_min, bool):
            problems.append(Problem(FILE, f"{where}: 'scale_min' must be a whole number"))
            scale_min = 0
        scale_labels = tuple(x.strip() for x in labels)
    ready = raw.get("ready_values", [])
    if not isinstance(ready, list):
        problems.append(Problem(FILE, f"{where}: 'ready_values' must be a list"))
        ready = []
    source_id = _str(raw, "source_id", where, problems)
    if source_id and source_id not in content.source_ids():
        problems.append(Problem(FILE, f"{where}: unknown source '{source_id}'"))
    caregiver, suggestions = _build_caregiver(raw.get("caregiver"), where, options, problems)
    only_for = raw.get("only_for", [])
    diseases = content.tables.get("diseases")
    known = set(diseases["disease_id"]) if diseases is not None else set()
    if not isinstance(only_for, list) or not all(d in known for d in only_for):
        problems.append(Problem(FILE, f"{where}: 'only_for' must list known disease ids"))
        only_for = []
    return Question(
        id=qid,
        section=section,
        type=qtype,
        label=label,
        help=_str(raw, "help", where, problems),
        options=options,
        max_length=max_length if qtype in DEFAULT_MAX_LENGTH else 0,
        scale_labels=scale_labels,
        scale_min=scale_min if qtype == "scale" else 0,
        short=_str(raw, "short", where, problems),
        correct=raw.get("correct"),
        explanation=_str(raw, "explanation", where, problems),
        learn_more=_str(raw, "learn_more", where, problems),
        source_id=source_id,
        ready_values=tuple(ready),
        gap_kind=_str(raw, "gap_kind", where, problems),
        gap_text=_str(raw, "gap_text", where, problems),
        domain=_str(raw, "domain", where, problems),
        flag_text=_str(raw, "flag_text", where, problems),
        caregiver=caregiver,
        caregiver_suggestions=suggestions,
        only_for=tuple(only_for),
    )


def _build_caregiver(
    raw: Any, where: str, options: tuple[Option, ...], problems: list[Problem]
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The "caregiver" object of a question: other texts, and other worry suggestions."""
    if raw is None:
        return (), ()
    allowed = (*CAREGIVER_FIELDS, "suggestions")
    if not isinstance(raw, dict) or set(raw) - set(allowed):
        problems.append(
            Problem(FILE, f"{where}: 'caregiver' must be an object with only: {', '.join(allowed)}")
        )
        return (), ()
    texts = tuple(
        (name, text) for name in CAREGIVER_FIELDS if (text := _str(raw, name, where, problems))
    )
    suggestions: list[tuple[str, str]] = []
    raw_suggestions = raw.get("suggestions", {})
    values = {str(o.value) for o in options if o.suggestion}
    if not isinstance(raw_suggestions, dict) or set(raw_suggestions) - values:
        problems.append(
            Problem(FILE, f"{where}: caregiver 'suggestions' must be keyed by option values")
        )
        raw_suggestions = {}
    for value, text in raw_suggestions.items():
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(FILE, f"{where}: caregiver suggestion '{value}' is empty"))
            continue
        suggestions.append((value, text.strip()))
    return texts, tuple(suggestions)


def _check_section_rules(section: Section, problems: list[Problem]) -> None:
    """The rules that give each section its meaning."""
    page_stems = {p.url_path for p in sitemap.PAGES}
    for q in section.questions:
        where = f"question '{q.id}'"
        wording = " ".join(
            [q.label, q.help, q.explanation, q.gap_text, q.flag_text]
            + [o.label for o in q.options if not isinstance(o.value, int)]
            + [o.suggestion for o in q.options]
            + [text for _, text in (*q.caregiver, *q.caregiver_suggestions)]
        )
        if _DIGIT.search(wording) and not q.source_id and section.id != "about_me":
            problems.append(Problem(FILE, f"{where}: states a number, so it needs a 'source_id'"))
        if section.id == "knowledge":
            if q.type != "choice":
                problems.append(Problem(FILE, f"{where}: knowledge questions are 'choice'"))
            if NOT_SURE not in q.values:
                problems.append(Problem(FILE, f'{where}: needs a "{NOT_SURE}" option'))
            if (
                q.correct is None
                or q.correct == NOT_SURE
                or not any(_same(q.correct, v) for v in q.values)
            ):
                problems.append(Problem(FILE, f"{where}: 'correct' must be one of its options"))
            if not q.explanation:
                problems.append(Problem(FILE, f"{where}: 'explanation' is missing"))
            if q.learn_more not in page_stems:
                problems.append(Problem(FILE, f"{where}: 'learn_more' must name a page"))
        if section.id == "values" and q.type == "scale" and not q.short:
            problems.append(Problem(FILE, f"{where}: 'short' is missing"))
        if section.id == "readiness" and q.type == "choice":
            if not q.ready_values or not all(
                any(_same(r, v) for v in q.values) for r in q.ready_values
            ):
                problems.append(
                    Problem(FILE, f"{where}: 'ready_values' must be some of its options")
                )
            if q.gap_kind not in ("question", "task") or not q.gap_text:
                problems.append(
                    Problem(FILE, f"{where}: needs 'gap_kind' (question or task) and 'gap_text'")
                )
        if section.id == "worries" and q.type == "multi":
            for o in q.options:
                if not o.suggestion:
                    problems.append(
                        Problem(FILE, f"{where}: option '{o.value}' needs a 'suggestion'")
                    )
        if q.domain and (q.domain not in SURE_DOMAINS or not q.flag_text):
            problems.append(
                Problem(FILE, f"{where}: 'domain' must be one of {SURE_DOMAINS} with a 'flag_text'")
            )
    if section.id == "values":
        scales = [q for q in section.questions if q.type == "scale"]
        if not 6 <= len(scales) <= 8:
            problems.append(Problem(FILE, "section 'values': needs 6 to 8 scale questions"))
    if section.id == "decision":
        domains = sorted(q.domain for q in section.questions if q.domain)
        if domains != sorted(SURE_DOMAINS):
            problems.append(
                Problem(FILE, f"section 'decision': needs one question per domain {SURE_DOMAINS}")
            )
        for q in section.questions:
            if q.domain and not {"yes", "no", NOT_SURE} <= set(q.values):
                problems.append(Problem(FILE, f"question '{q.id}': answers are yes, no, not sure"))


def _build(content: content_mod.Content) -> tuple[Questionnaire | None, list[Problem]]:
    doc = content.documents.get(DOCUMENT)
    if doc is None:
        return None, [Problem(FILE, "file is missing")]
    problems: list[Problem] = []
    if not isinstance(doc, dict) or doc.get("format") != QUESTIONNAIRE_FORMAT:
        return None, [Problem(FILE, f"'format' must be \"{QUESTIONNAIRE_FORMAT}\"")]
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(Problem(FILE, "'version' must be a whole number from 1"))
        version = 0
    raw_sections = doc.get("sections")
    if not isinstance(raw_sections, list) or [
        s.get("id") if isinstance(s, dict) else None for s in raw_sections
    ] != list(SECTION_IDS):
        return None, problems + [
            Problem(FILE, f"'sections' must be, in order: {', '.join(SECTION_IDS)}")
        ]
    sections = []
    seen: set[str] = set()
    for raw in raw_sections:
        sid = raw["id"]
        where = f"section '{sid}'"
        title = _str(raw, "title", where, problems)
        heading = _str(raw, "heading", where, problems)
        if not title or not heading:
            problems.append(Problem(FILE, f"{where}: needs a 'title' and a 'heading'"))
        questions = []
        raw_questions = raw.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            problems.append(Problem(FILE, f"{where}: 'questions' must be a non-empty list"))
            raw_questions = []
        for raw_q in raw_questions:
            q = _build_question(raw_q, sid, content, problems)
            if q is None:
                continue
            if q.id in seen:
                problems.append(Problem(FILE, f"question id '{q.id}' is used twice"))
            seen.add(q.id)
            questions.append(q)
        section = Section(sid, title, heading, raw.get("optional") is True, tuple(questions))
        _check_section_rules(section, problems)
        sections.append(section)
    required_ids = (ABOUT_WHO, ABOUT_NAME, ABOUT_DIAGNOSIS, ABOUT_PRIOR_LINES, ROLE, LEANING)
    for required in required_ids:
        if required not in seen:
            problems.append(Problem(FILE, f"question '{required}' is missing"))
    q = Questionnaire(
        version=version,
        sections=tuple(sections),
        by_id={qq.id: qq for s in sections for qq in s.questions},
    )
    return q, problems


def _known_option_ids(content: content_mod.Content) -> list[str]:
    types = content.tables.get("option_types")
    if types is not None and "option_id" in types.columns:
        return list(types["option_id"])
    return list(ALL_OPTION_IDS)


def option_labels(content: content_mod.Content) -> dict[str, str]:
    """Option id -> its name for people (from option_types.csv; the id itself as a fallback)."""
    types = content.tables.get("option_types")
    labels = {o: o.replace("_", " ").capitalize() for o in ALL_OPTION_IDS}
    if types is not None and {"option_id", "name"} <= set(types.columns):
        labels.update(dict(zip(types["option_id"], types["name"], strict=True)))
    return labels


def _check_option_values(content: content_mod.Content, q: Questionnaire) -> list[Problem]:
    """option_values.csv: one row per (option, value) pair, no more and no fewer."""
    table = content.tables.get("option_values")
    name = "option_values.csv"
    if table is None:
        return [Problem(name, "file is missing")]
    problems = []
    value_ids = [qq.id for qq in q.section("values").questions if qq.type == "scale"]
    option_ids = _known_option_ids(content)
    seen: set[tuple[str, str]] = set()
    for i, row in enumerate(table.to_dict("records")):
        line = i + 2
        pair = (row["option_id"], row["value_id"])
        if row["option_id"] not in option_ids:
            problems.append(
                Problem(name, f"unknown option '{row['option_id']}'", line, "option_id")
            )
        if row["value_id"] not in value_ids:
            problems.append(
                Problem(name, f"'{row['value_id']}' is not a values question", line, "value_id")
            )
        if pair in seen:
            problems.append(Problem(name, f"duplicate pair {pair}", line, "value_id"))
        seen.add(pair)
        if _DIGIT.search(row["reason"]) and not row["source_id"]:
            problems.append(
                Problem(name, "the reason states a number; cite a source", line, "source_id")
            )
    for option_id in option_ids:
        for value_id in value_ids:
            if (option_id, value_id) not in seen:
                problems.append(Problem(name, f"no row for option '{option_id}' and '{value_id}'"))
    return problems


def _check_approval_conditions(content: content_mod.Content, q: Questionnaire) -> list[Problem]:
    """approval_conditions.csv: each condition names a question and answers it offers."""
    table = content.tables.get("approval_conditions")
    if table is None:
        return []
    name, problems = "approval_conditions.csv", []
    for line, row in enumerate(table.to_dict("records"), start=2):
        question = q.by_id.get(row["question_id"])
        if question is None or question.type not in ("choice", "multi"):
            problems.append(Problem(name, f"'{row['question_id']}' is not a choice question",
                                    line, "question_id"))
            continue
        for column in ("meets", "fails"):
            value = row[column]
            if value and not question.option_label(value):
                problems.append(Problem(name, f"'{value}' is not an answer to "
                                        f"'{question.id}'", line, column))
    return problems


def validate_questionnaire(content: content_mod.Content) -> list[Problem]:
    """Every problem with questionnaire.json, option_values.csv and approval_conditions.csv
    (registered in VALIDATORS)."""
    q, problems = _build(content)
    if q is not None and not problems:
        problems += _check_option_values(content, q)
        problems += _check_approval_conditions(content, q)
    return problems


if validate_questionnaire not in content_mod.VALIDATORS:
    content_mod.VALIDATORS.append(validate_questionnaire)


def load_questionnaire(content: content_mod.Content) -> Questionnaire:
    """The validated questionnaire; raises `content.ContentError` (fail closed) if it is broken."""
    q, problems = _build(content)
    if q is not None and not problems:
        problems = _check_option_values(content, q)
    if problems or q is None:
        raise content_mod.ContentError(problems)
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
        return dataclasses.replace(question, options=options, **dict(question.caregiver))

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
        if not any(_same(value, v) for v in question.values):
            return "is not one of the choices"
    elif question.type == "multi":
        if not isinstance(value, list):
            return "must be a list of choices"
        if any(not any(_same(x, v) for v in question.values) for x in value):
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


def fit_text(question: Question, text: str) -> tuple[str, str | None]:
    """Free text cut to the question's limit, and a plain note when something was cut
    (a paste longer than the box keeps what fits instead of losing everything)."""
    limit = question.max_length
    if not limit or len(text) <= limit:
        return text, None
    return text[:limit], (
        f"This box holds up to {limit:,} characters. We kept the first {limit:,} and left out "
        f"the last {len(text) - limit:,}. You can shorten it, or put the rest somewhere else."
    )


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


def section_progress(q: Questionnaire, answers: Mapping[str, Any]) -> list[tuple[Section, int]]:
    """Each section with how many of its questions have an answer."""
    return [(s, sum(1 for qq in s.questions if qq.id in answers)) for s in q.sections]


def reconcile_about(
    q: Questionnaire, answers: Mapping[str, Any], diagnosis: str | None, prior_lines: int | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Keep About me and the shared diagnosis / prior-line count (chosen on other pages) in step.

    Answering here writes the shared values at once (see `shared_from_answers`), so a difference
    means another page changed them later: a shared value that is set wins and is copied into
    the answers (only as a value the question offers: 6 earlier treatments show as "4 or
    more"). A shared value that is empty is filled from the answers.

    Returns (answer updates, shared updates); shared keys are "diagnosis" and "prior_lines".
    """
    to_answers: dict[str, Any] = {}
    to_shared: dict[str, Any] = {}
    dq = q.question(ABOUT_DIAGNOSIS)
    current = answers.get(ABOUT_DIAGNOSIS)
    if diagnosis is not None:
        if not _same(current, diagnosis) and answer_problem(dq, diagnosis) is None:
            to_answers[ABOUT_DIAGNOSIS] = diagnosis
    elif current is not None and not _same(current, NOT_SURE):
        to_shared["diagnosis"] = current
    pq = q.question(ABOUT_PRIOR_LINES)
    counts = [v for v in pq.values if isinstance(v, int)]
    current = answers.get(ABOUT_PRIOR_LINES)
    if isinstance(prior_lines, int) and not isinstance(prior_lines, bool) and prior_lines >= 0:
        shown = min(prior_lines, max(counts)) if counts else None
        if shown is not None and not _same(current, shown):
            to_answers[ABOUT_PRIOR_LINES] = shown
    elif isinstance(current, int) and not isinstance(current, bool):
        to_shared["prior_lines"] = current
    return to_answers, to_shared


def shared_from_answers(
    answers: Mapping[str, Any], only: Iterable[str] | None = None
) -> dict[str, Any]:
    """The shared diagnosis and prior-line count implied by About me answers.

    Returns only the keys the person answered (limited to the question ids in `only`, if
    given): {"diagnosis": str | None, "prior_lines": int | None}; "not sure" becomes None.
    """
    wanted = set(only) if only is not None else {ABOUT_DIAGNOSIS, ABOUT_PRIOR_LINES}
    out: dict[str, Any] = {}
    if ABOUT_DIAGNOSIS in answers and ABOUT_DIAGNOSIS in wanted:
        value = answers[ABOUT_DIAGNOSIS]
        out["diagnosis"] = None if value == NOT_SURE else value
    if ABOUT_PRIOR_LINES in answers and ABOUT_PRIOR_LINES in wanted:
        value = answers[ABOUT_PRIOR_LINES]
        out["prior_lines"] = (
            value if isinstance(value, int) and not isinstance(value, bool) else None
        )
    return out


SKIP = "__skip__"  # the "Not rated" stop on a scale widget


def scale_stops(question: Question) -> list[str | int]:
    """The stops of a scale widget: "Not rated" first, then each point of the scale."""
    return [SKIP, *range(question.scale_min, question.scale_max + 1)]


def scale_stop_label(question: Question, stop: str | int) -> str:
    """The words for one stop of a scale widget."""
    return "Not rated" if stop == SKIP else question.scale_label(int(stop))


def scale_ends_text(question: Question) -> str:
    """The scale's ends in words, shown before anyone moves its slider (the slider's own end
    labels appear only while a pointer is over it)."""
    low, high = question.scale_label(question.scale_min), question.scale_label(question.scale_max)
    return (
        f"Each slider goes from **{low}** to **{high}**, or leave it at "
        f"**{scale_stop_label(question, SKIP)}**."
    )


def scale_ends_notes(questions: Iterable[Question]) -> dict[str, str]:
    """Where to say the scales' ends: question id -> the words to show just before it. Said
    once before each run of sliders that share the same ends, not under every one of them."""
    notes: dict[str, str] = {}
    previous = None
    for question in questions:
        text = scale_ends_text(question) if question.type == "scale" else None
        if text is not None and text != previous:
            notes[question.id] = text
        previous = text
    return notes


# ----------------------------------------------------------------------------------------------
# Knowledge
# ----------------------------------------------------------------------------------------------


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
        elif _same(value, NOT_SURE):
            status = "not_sure"
        elif _same(value, question.correct):
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


# ----------------------------------------------------------------------------------------------
# Practical readiness and decision readiness
# ----------------------------------------------------------------------------------------------


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
        if any(_same(value, r) for r in question.ready_values) or _same(value, DOES_NOT_APPLY):
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
        f" (Source: {gap.source_id})" if gap.source_id and _DIGIT.search(gap.suggestion) else ""
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
                if _same(option.value, value):
                    out.append((option.label, option.suggestion))
    return out


# ----------------------------------------------------------------------------------------------
# Values and the values-to-options view
# ----------------------------------------------------------------------------------------------


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


def important_values_text(q: Questionnaire, answers: Mapping[str, Any], who: str = "you") -> str:
    """Which values the view shows, in one sentence ("It shows what you rated ..."); `who` is
    "you" on the page and "I" on the summary."""
    ranked = important_values(q, answers)
    if not ranked:
        return ""
    scale = q.question(ranked[0].value_id)
    if ranked[0].importance >= scale.scale_max - 1:
        return (
            f"It shows what {who} rated \u201c{scale.scale_labels[-2]}\u201d or "
            f"\u201c{scale.scale_labels[-1]}\u201d."
        )
    return f"It shows what {who} rated as at least \u201c{scale.scale_labels[1]}\u201d."


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


# ----------------------------------------------------------------------------------------------
# The resume file
# ----------------------------------------------------------------------------------------------

RESUME_FORMAT = "cart-decision-aid-answers"
RESUME_VERSION = 3  # 2 added "choices" and "question_edits"; 3 "rota" and "stay_cost"
READABLE_VERSIONS = (1, 2, 3)
MAX_FILE_BYTES = 64 * 1024
MAX_DEPTH = 4  # {"answers": {"id": ["value"]}} is 3 deep
MAX_ANSWERS = 300
MAX_KEY_LENGTH = 64
_TOP_LEVEL_REQUIRED = ("format", "version", "answers")
_TOP_LEVEL_OPTIONAL = ("content_version", "choices", "question_edits", "rota", "stay_cost")
_SAFE_ID = re.compile(r"[A-Za-z0-9_]{1,64}")
_VERSION_TEXT = re.compile(r"[A-Za-z0-9._-]{1,32}")


def answers_file_name(today: dt.date) -> str:
    """The answers file's name, with the date, the same on every page:
    cart-answers-2026-11-25.json."""
    return f"cart-answers-{today.isoformat()}.json"


class ResumeFileError(ValueError):
    """A resume file that cannot be used; `message` is safe to show to the person as it is."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def to_resume_file(
    answers: Mapping[str, Any], q: Questionnaire, *, content_version: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> bytes:
    """The answers as a small versioned JSON file (UTF-8; text kept exactly as typed).
    `extra` holds the other top-level parts ("choices", "question_edits"), already cleaned."""
    doc: dict[str, Any] = {
        "format": RESUME_FORMAT,
        "version": RESUME_VERSION,
        "answers": clean_answers(q, answers),
    }
    if content_version and _VERSION_TEXT.fullmatch(str(content_version)):
        doc["content_version"] = str(content_version)
    for key, value in (extra or {}).items():
        if key in _TOP_LEVEL_OPTIONAL and key != "content_version" and value:
            doc[key] = value
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ResumeFileError(
            "This file has the same entry twice, so we cannot tell which answer is right. "
            "Your current answers have not been changed."
        )
    return dict(pairs)


def _reject_constant(name: str) -> Any:
    raise ResumeFileError(f"This file contains '{name}', which is not a valid answer.")


def _depth(text: str) -> int:
    """How deeply arrays and objects nest (brackets inside strings are ignored)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def safe_name(key: str) -> str:
    return f"'{key}'" if _SAFE_ID.fullmatch(key) else "an entry with an unusual name"


_KEEP = "Your current answers have not been changed."


def check_resume_size(size: int) -> None:
    """Refuse a file over the size cap before reading it (raises ResumeFileError)."""
    if size > MAX_FILE_BYTES:
        raise ResumeFileError(
            f"This file is too large to be an answers file from this aid (the limit is "
            f"{MAX_FILE_BYTES // 1024} KB). {_KEEP}"
        )


def parse_resume_file(
    data: bytes, q: Questionnaire, *, content_version: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Read an answers file saved by this aid.

    Returns (answers, notes). Notes tell the person about anything not loaded, e.g. a question
    that is not in this version of the aid. Raises ResumeFileError with a clear, safe message
    for an empty, oversized, non-UTF-8, non-JSON, duplicated, too deeply nested, foreign or
    wrong-version file, or for any answer of the wrong type; the caller keeps the current
    answers untouched.
    """
    _, answers, notes = read_resume_document(data, q, content_version=content_version)
    return answers, notes


def read_resume_document(
    data: bytes, q: Questionnaire, *, content_version: str | None = None
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """`parse_resume_file`, also returning the whole document (for its other parts)."""
    if not isinstance(data, (bytes, bytearray)):
        raise ResumeFileError(f"We could not read this file. {_KEEP}")
    if len(data) == 0:
        raise ResumeFileError(f"This file is empty. {_KEEP}")
    check_resume_size(len(data))
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResumeFileError(
            f"This is not a text file, so it cannot be an answers file from this aid. {_KEEP}"
        ) from None
    if _depth(text) > MAX_DEPTH:
        raise ResumeFileError(f"This file is not laid out like an answers file. {_KEEP}")
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except ResumeFileError:
        raise
    except (json.JSONDecodeError, RecursionError, ValueError):
        raise ResumeFileError(
            f"This file is damaged or is not an answers file (it is not valid JSON). {_KEEP}"
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != RESUME_FORMAT:
        raise ResumeFileError(
            f"This file was not saved by this decision aid, so we cannot load it. {_KEEP}"
        )
    extra = sorted(set(doc) - set(_TOP_LEVEL_REQUIRED) - set(_TOP_LEVEL_OPTIONAL))
    missing = [k for k in _TOP_LEVEL_REQUIRED if k not in doc]
    if extra or missing:
        raise ResumeFileError(f"This file is not laid out like an answers file. {_KEEP}")
    version = doc["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise ResumeFileError(f"This file has no readable version number. {_KEEP}")
    if version > RESUME_VERSION:
        raise ResumeFileError(
            f"This file was saved by a newer version of this aid (file version {version}; this "
            f"aid reads version {RESUME_VERSION}). {_KEEP}"
        )
    if version not in READABLE_VERSIONS:
        raise ResumeFileError(
            f"This file has a version this aid cannot read (version {version}). {_KEEP}"
        )
    notes: list[str] = []
    saved_with = doc.get("content_version")
    if saved_with is not None and (
        not isinstance(saved_with, str) or not _VERSION_TEXT.fullmatch(saved_with)
    ):
        raise ResumeFileError(f"This file is not laid out like an answers file. {_KEEP}")
    if saved_with and content_version and saved_with != content_version:
        notes.append(
            f"This file was saved with an older or different version of the aid's information "
            f"({saved_with}; now {content_version}). Your answers are loaded, but some facts "
            "may have been updated since."
        )
    raw = doc["answers"]
    if not isinstance(raw, dict):
        raise ResumeFileError(f"The answers in this file are not laid out correctly. {_KEEP}")
    if len(raw) > MAX_ANSWERS:
        raise ResumeFileError(f"This file has far more answers than this aid asks for. {_KEEP}")
    answers: dict[str, Any] = {}
    for key, value in raw.items():
        if len(key) > MAX_KEY_LENGTH or key not in q.by_id:
            notes.append(
                f"The file has an answer to {safe_name(key)}, which is not a question in this "
                "version of the aid. That answer was not loaded."
            )
            continue
        question = q.by_id[key]
        if value is None:
            continue
        problem = answer_problem(question, value)
        if problem:
            raise ResumeFileError(
                f"The answer to '{key}' in this file {problem}, so the file may be damaged. {_KEEP}"
            )
        if value == "" or value == []:
            continue
        answers[key] = list(value) if isinstance(value, list) else value
    return doc, answers, notes


def resume_summary(answers: Mapping[str, Any], notes: Sequence[str]) -> str:
    """One plain sentence after a successful load."""
    n = len(answers)
    loaded = "1 answer" if n == 1 else f"{n} answers"
    extra = " Please read the notes below." if notes else ""
    return f"Loaded {loaded} from your file.{extra}"
