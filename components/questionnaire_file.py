"""Reading data/questionnaire.json into the questionnaire model, with every check: ids, types,
options, scales, the caregiver wording, the option-values table and the approval conditions.
Pure: no Streamlit. The content loader runs `validate_questionnaire` and builds the
questionnaire once (components/catalog.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from components import content as content_mod
from components import sitemap
from components.content import Problem
from components.questionnaire import (
    ALL_OPTION_IDS,
    CAREGIVER_FIELDS,
    CODE_QUESTION_IDS,
    DEFAULT_MAX_LENGTH,
    DIGIT,
    DOCUMENT,
    FILE,
    ID_PATTERN,
    NOT_SURE,
    QUESTIONNAIRE_FORMAT,
    SECTION_IDS,
    SURE_DOMAINS,
    TYPES,
    Option,
    Question,
    Questionnaire,
    Section,
    same_value,
)


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
    if not isinstance(qid, str) or not ID_PATTERN.fullmatch(qid):
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
        if DIGIT.search(wording) and not q.source_id and section.id != "about_me":
            problems.append(Problem(FILE, f"{where}: states a number, so it needs a 'source_id'"))
        if section.id == "knowledge":
            if q.type != "choice":
                problems.append(Problem(FILE, f"{where}: knowledge questions are 'choice'"))
            if NOT_SURE not in q.values:
                problems.append(Problem(FILE, f'{where}: needs a "{NOT_SURE}" option'))
            if (
                q.correct is None
                or q.correct == NOT_SURE
                or not any(same_value(q.correct, v) for v in q.values)
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
                any(same_value(r, v) for v in q.values) for r in q.ready_values
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
    for required in CODE_QUESTION_IDS:
        if required not in seen:
            problems.append(Problem(FILE, f"question '{required}' is missing"))
    built = Questionnaire(
        version=version,
        sections=tuple(sections),
        by_id={qq.id: qq for s in sections for qq in s.questions},
    )
    return built, problems


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
        if DIGIT.search(row["reason"]) and not row["source_id"]:
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
    (run by components/catalog.py)."""
    q, problems = _build(content)
    if q is not None and not problems:
        problems += _check_option_values(content, q)
        problems += _check_approval_conditions(content, q)
    return problems


def load_questionnaire(content: content_mod.Content) -> Questionnaire:
    """The validated questionnaire; raises `content.ContentError` (fail closed) if it is broken."""
    q, problems = _build(content)
    if q is not None and not problems:
        problems = _check_option_values(content, q)
    if problems or q is None:
        raise content_mod.ContentError(problems)
    return q
