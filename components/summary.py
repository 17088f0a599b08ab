"""The discussion summary: a generic document model, built from the answers and the content.

Pure (no Streamlit). `build_summary` turns the questionnaire answers plus the content into a
`Summary` (sections of simple blocks); `to_plain_text` renders it for the text download. The
page and the downloads (components/document.py: web page, PDF
and text) all read the same model, so they always agree. `for_documents` adds what only the
downloads carry: the planned dates and the optional page for home.
Every string in the model is plain text (never Markdown or HTML): renderers escape as needed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from components import (
    dates,
    finder,
    questionnaire_file,
    reference,
    scoring,
    values_pair,
)
from components import options as options_mod
from components import questionnaire as qn
from components.care_questions import (
    EditableQuestion,
    editable_questions,
    final_questions,
    own_questions,
    questions_for_doctor,
)
from components.content import Content
from components.situation import Situation, answers_with
from components.summary_model import (
    Bar,
    Bars,
    Block,
    Bullets,
    Fields,
    Paragraph,
    Section,
    Summary,
    Table,
)

# ---------------------------------------------------------------------------------------------
# The document model
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Markdown rendering
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Plain text rendering (the text download): no markup, every string exactly as typed
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Building the summary from the answers and the content
# ---------------------------------------------------------------------------------------------
TITLE = "My CAR-T decision summary"
NOT_ANSWERED = "Not answered"
WHO_FILLED: dict[str, str] = {
    "patient": "The patient",
    "caregiver": "A caregiver, family member or friend",
    "both": "The patient and a caregiver together",
}
DOMAIN_SHORT: dict[str, str] = {
    "sure": "I feel settled about the choice",
    "understand": "I have the facts I need",
    "values": "I know what counts most for me",
    "support": "I have enough support",
}


# -- The sections -------------------------------------------------------------------------------
def _label(q: qn.Questionnaire, question_id: str, answers: Mapping[str, Any]) -> str:
    value = answers.get(question_id)
    if value is None or question_id not in q.by_id:
        return ""
    question = q.question(question_id)
    if question.type in ("text", "long_text"):
        return value if isinstance(value, str) else ""
    if qn.answer_problem(question, value):
        return ""
    return question.answer_label(value)


def _text_answer(answers: Mapping[str, Any], question_id: str) -> str:
    value = answers.get(question_id)
    return value if isinstance(value, str) and value.strip() else ""


def _prior_lines_text(value: Any, label: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        if value == 0:
            return "None yet"
        plural = "" if label == "1" else "s"
        return f"{label} earlier treatment plan{plural} (lines of therapy)"
    return label


def _situation(
    content: Content,
    q: qn.Questionnaire,
    answers: Mapping[str, Any],
    diagnosis: str | None,
    product: str | None,
    age: int | None,
    sources: set[str],
) -> Section:
    items: list[tuple[str, str]] = []  # the diagnosis and treatments are in the glance above
    for qid in finder.condition_question_ids(content):  # the answers approvals depend on
        if qid != qn.ABOUT_EARLY_RELAPSE and (said := _label(q, qid, answers)):
            items.append((q.question(qid).short or q.question(qid).label, said))
    if age is not None:
        items.append(("Age", str(age)))
    if product:
        products = content.table("products")
        row = products[products["product_id"] == product]
        if not row.empty:
            items.append(
                ("CAR-T product I looked at", f"{row.iloc[0]['brand']} ({row.iloc[0]['generic']})")
            )
    blocks: list[Block] = [Fields(tuple(items))] if items else []
    if diagnosis:
        blocks += _approved_products(content, diagnosis, answers, age, sources)
    return Section("situation", "What is my situation?", tuple(blocks))


GLANCE_HEADING = "At a glance, for my care team"
TOP_OWN_QUESTIONS = 3


def health_worries(content: Content, text: str) -> list[str]:
    """The sentences of a typed worry that name a health problem (data/meta.toml [summary]
    health_words, whole words, any case), exactly as typed."""
    words = content.meta.get("summary", {}).get("health_words", [])
    if not words or not text.strip():
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE
    )
    parts = re.split(r"(?<=[.!?\u3002])\s+|\n+", text)
    return [p.strip() for p in parts if p.strip() and pattern.search(p)]


def _glance(
    content: Content, q: qn.Questionnaire, answers: Mapping[str, Any], questions: Sequence[str]
) -> Section:
    """Page 1 for the clinic: what a doctor reads first, in 30 seconds. Every line points to a
    part below; health worries typed under "What worries me?" are lifted out and marked."""
    items: list[tuple[str, str]] = []
    diagnosis = _label(q, qn.ABOUT_DIAGNOSIS, answers)
    items.append(("Cancer", diagnosis or NOT_ANSWERED))
    lines = _label(q, qn.ABOUT_PRIOR_LINES, answers)
    kinds = _label(q, qn.ABOUT_TREATMENTS, answers).replace("; ", ", ")
    earlier = _prior_lines_text(answers.get(qn.ABOUT_PRIOR_LINES), lines) if lines else ""
    if kinds:
        earlier = f"{earlier}: {kinds}" if earlier else kinds
    items.append(("Earlier treatments", earlier or NOT_ANSWERED))
    early = answers.get(qn.ABOUT_EARLY_RELAPSE)
    relapse = {
        "yes": "Early: came back or stopped responding within 12 months",
        "no": "Late: not within 12 months",
    }.get(str(early), _label(q, qn.ABOUT_EARLY_RELAPSE, answers))
    items.append(("Early or late relapse", relapse or NOT_ANSWERED))
    leaning = _label(q, qn.LEANING, answers)
    leaning = f"{leaning} (this can change at any time)" if leaning else NOT_ANSWERED
    items.append(("Which way I am leaning", leaning))
    items.append(("How I want to decide", _label(q, qn.ROLE, answers) or NOT_ANSWERED))
    open_items = [
        DOMAIN_SHORT.get(f.domain, f.label) + ": " + f.answer_label.lower()
        for f in scoring.sure_flags(q, answers)
        if f.flagged
    ]
    gaps = scoring.readiness_gaps(q, answers)
    if gaps:
        open_items.append(
            f"{len(gaps)} practical things (see \u2018Is my life ready for it?\u2019)"
        )
    if open_items:
        items.append(("Not sorted out yet", "\n".join(open_items)))
    health = health_worries(content, _text_answer(answers, qn.WORRIES_OTHER))
    if health:
        items.append(("Health worries (please check)", "\n".join(health)))
    own = (
        own_questions(answers.get(qn.QUESTIONS_FOR_TEAM) or "")
        if isinstance(answers.get(qn.QUESTIONS_FOR_TEAM), str)
        else []
    )
    top = [t for t in questions if t in own][:TOP_OWN_QUESTIONS]
    if top:
        items.append(("My own top questions", "\n".join(top)))
    if all(value == NOT_ANSWERED for _, value in items):  # nothing answered yet
        return Section("glance", GLANCE_HEADING)
    return Section("glance", GLANCE_HEADING, (Fields(tuple(items)),))


APPROVED_TITLE = "CAR-T products approved for what I told the aid"


def _approved_products(
    content: Content, disease: str, answers: Mapping[str, Any], age: int | None,
    sources: set[str],
) -> list[Block]:
    """The FDA approvals that cover what the person told the aid (diagnosis, earlier
    treatments, age and the answers approvals depend on), each with its line of therapy, and
    those that may fit once an unknown is known (facts from the finder, never a
    recommendation), or "none"."""
    prior_lines = answers.get(qn.ABOUT_PRIOR_LINES)
    counted = isinstance(prior_lines, int) and not isinstance(prior_lines, bool)
    lines = prior_lines if counted else None
    try:
        result = finder.find_products(content, disease, lines, age, answers)
    except (ValueError, KeyError):
        return []
    items = []
    for product in result.fits:
        for ind in product.indications:
            extra = f" {ind.extra_conditions.rstrip('.')}." if ind.extra_conditions else ""
            maybe = f" {ind.reason}" if ind.status == finder.CHECK_CONDITIONS else ""
            items.append(
                f"{product.brand}: {ind.line_plain}.{extra}{maybe} (Source: {ind.source_id})")
            sources.add(ind.source_id)
    if result.trial_only:
        items = [content.words("summary_trial_only")]
    elif not items:
        items = [content.words("summary_none_fit")]
    title = APPROVED_TITLE if lines is not None or result.trial_only else (
        "CAR-T products approved for this kind of cancer (number of earlier treatments not given)"
    )
    return [Bullets(tuple(items), title=title)]


def _decision(
    content: Content, option_ids: Sequence[str], has_diagnosis: bool, in_values_table: bool
) -> Section:
    """The choice, and the options for the diagnosis (listed once: when the values table below
    lists them, in the same order, a note points there instead)."""
    blocks: list[Block] = [Paragraph(_plain(content.text("summary__decision")))]
    names = questionnaire_file.option_labels(content)
    if option_ids and in_values_table:
        blocks.append(
            Paragraph(content.words("summary_options_in_table", count=len(option_ids)), "note")
        )
    elif option_ids:
        blocks.append(
            Bullets(
                tuple(names.get(o, o) for o in option_ids), title="Options for my kind of cancer"
            )
        )
    elif not has_diagnosis:
        blocks.append(
            Paragraph(content.words("summary_options_need_cancer"), "note")
        )
    return Section("decision", "What am I deciding?", tuple(blocks))


def _values(
    content: Content, q: qn.Questionnaire, answers: Mapping[str, Any], option_ids: Sequence[str]
) -> Section:
    blocks: list[Block] = []
    ranked = scoring.ranked_values(q, answers)
    if ranked:
        bars = []
        for r in ranked:
            question = q.question(r.value_id)
            top = question.scale_max - question.scale_min
            bars.append(
                Bar(r.short or r.label, r.importance - question.scale_min, top, r.importance_label)
            )
        blocks.append(Bars(tuple(bars), title="How much each thing matters to me"))
    other = _text_answer(answers, qn.VALUES_OTHER)
    if other:
        blocks.append(Fields((("Something else that matters to me", other),)))
    if option_ids and scoring.important_values(q, answers):
        labels = questionnaire_file.option_labels(content)
        alignments = scoring.values_alignment(q, answers, option_ids,
                                              content.table("option_values"))

        def names(a: scoring.OptionAlignment, fit: str) -> str:
            return ", ".join(f.short for f in a.by_fit(fit)) or "\u2013"

        rows = tuple(
            (labels.get(a.option_id, a.option_id), names(a, "fits"), names(a, "works against"))
            for a in alignments
        )
        blocks.append(
            Table(
                ("Option", "Usually fits", "Usually works against"),
                rows,
                title="How the options line up with what matters most to me",
            )
        )
        shown = scoring.important_values_text(content, q, answers, "I")
        note = _plain(content.text("summary__values_note"))
        blocks.append(Paragraph(f"{shown} {note}", "note"))
    return Section("values", "What matters most to me?", tuple(blocks))


def _knowledge(content: Content, q: qn.Questionnaire, answers: Mapping[str, Any],
               sources: set[str]) -> Section:
    results = scoring.knowledge_results(q, answers)
    score = scoring.knowledge_score(q, answers)
    if score.skipped == score.total:
        return Section("knowledge", "What do I understand so far?")
    parts = [content.words("summary_knowledge_score", correct=score.correct, total=score.total)]
    if score.not_sure:
        parts.append(f"Not sure: {score.not_sure}.")
    if score.skipped:
        parts.append(f"Not answered: {score.skipped}.")
    blocks: list[Block] = [Paragraph(" ".join(parts))]
    topics = []
    for r in results:
        if r.status == "correct":
            continue
        said = {
            "incorrect": f"My answer: {r.answer_label}.",
            "not_sure": "I was not sure.",
            "skipped": "I did not answer.",
        }[r.status]
        cite = f" (Source: {r.source_id})" if r.source_id else ""
        if r.source_id:
            sources.add(r.source_id)
        topics.append(f"{r.label} {said} The aid says: {r.correct_label}.{cite}")
    if topics:
        blocks.append(Bullets(tuple(topics), title="Topics to go over with my care team"))
    return Section("knowledge", "What do I understand so far?", tuple(blocks))


def _readiness(content: Content, q: qn.Questionnaire, answers: Mapping[str, Any],
               sources: set[str]) -> Section:
    items = [
        qq for qq in q.section("readiness").questions if qq.type == "choice" and qq.id in answers
    ]
    caregiver = _text_answer(answers, qn.CAREGIVER_WHO)
    if not items and not caregiver:
        return Section("practical", "Is my life ready for it?")
    gaps = scoring.readiness_gaps(q, answers)
    blocks: list[Block] = []
    if items:
        applies = [qq for qq in items if answers[qq.id] != qn.DOES_NOT_APPLY]
        ready = len(applies) - len(gaps)
        blocks.append(
            Paragraph(content.words("summary_sorted_out", ready=ready, count=len(applies)))
        )
    if caregiver:
        blocks.append(Fields((("Caregivers named", caregiver),)))
    tasks = [gap for gap in gaps if gap.kind == "task"]
    if tasks:
        lines = []
        for gap in tasks:
            cite = f" (Source: {gap.source_id})" if gap.source_id else ""
            if gap.source_id:
                sources.add(gap.source_id)
            lines.append(f"To do: {gap.suggestion}{cite} (I answered: {gap.answer_label}.)")
        blocks.append(Bullets(tuple(lines), title="Still to sort out"))
    asked = len(gaps) - len(tasks)
    if asked:  # question-kind gaps are listed once, with the questions for the care team
        words = (content.words("summary_one_more_asked") if asked == 1
                 else content.words("summary_more_asked", count=asked))
        blocks.append(Paragraph(words, "note"))
    return Section("practical", "Is my life ready for it?", tuple(blocks))


def _worries(q: qn.Questionnaire, answers: Mapping[str, Any]) -> Section:
    blocks: list[Block] = []
    ticked = [label for label, _ in scoring.worry_questions(q, answers)]
    if ticked:
        blocks.append(Bullets(tuple(ticked)))
    other = _text_answer(answers, qn.WORRIES_OTHER)
    if other:
        blocks.append(Fields((("In my own words", other),)))
    return Section("worries", "What worries me?", tuple(blocks))


def _ready_to_decide(content: Content, q: qn.Questionnaire, answers: Mapping[str, Any]
                     ) -> Section:
    """The four readiness answers (how the person wants to decide is in the glance)."""
    flags = scoring.sure_flags(q, answers)
    if all(f.status == "unanswered" for f in flags):
        return Section("ready", "How ready am I to decide?")
    items = [(DOMAIN_SHORT.get(f.domain, f.label), f.answer_label or NOT_ANSWERED) for f in flags]
    blocks: list[Block] = [Fields(tuple(items))]
    ready = scoring.decision_ready(q, answers)
    if ready is True:
        blocks.append(Paragraph(content.words("summary_ready_all"), "note"))
    elif ready is False:
        blocks.append(Paragraph(content.words("summary_ready_talk"), "note"))
    return Section("ready", "How ready am I to decide?", tuple(blocks))


def usable_answers(q: qn.Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers the summary can show: valid choices and scales, and every text answer as
    typed (even over the length limit: the summary never drops what a person wrote)."""
    out: dict[str, Any] = {}
    for question in q.questions:
        value = answers.get(question.id)
        if value is None or value == "" or value == []:
            continue
        if question.type in ("text", "long_text"):
            if isinstance(value, str):
                out[question.id] = value
        elif qn.answer_problem(question, value) is None:
            out[question.id] = list(value) if isinstance(value, list) else value
    return out


def prepare_answers(
    q: qn.Questionnaire, answers: Mapping[str, Any], situation: Situation | None = None
) -> dict[str, Any]:
    """The usable answers, with the About-me answers the situation gives (its cancer and
    number of earlier treatments, or "not sure")."""
    return usable_answers(q, answers_with(answers, situation or Situation()))


def _plain(markdown: str) -> str:
    """Prose from data/text as plain text (the files may use **bold** and headings)."""
    lines = [ln for ln in markdown.strip().splitlines() if not ln.lstrip().startswith("#")]
    return re.sub(r"[*_`]", "", " ".join(ln.strip() for ln in lines if ln.strip()))


def build_summary(
    content: Content,
    answers: Mapping[str, Any],
    today: dt.date,
    edited_questions: Sequence[str] | None = None,
    *,
    situation: Situation | None = None,
    caregiver_values: Mapping[str, Any] | None = None,
) -> Summary:
    """The summary of what the person said, built from their answers and the content.

    `edited_questions` is the question list after the person's edits (see `final_questions`);
    without it the generated list is used. `situation` is the person's cancer, earlier
    treatments, product and age (components/situation.py); `caregiver_values` a caregiver's own
    values (values_pair).
    """
    q = qn.of(content)
    situation = situation or Situation()
    answers = prepare_answers(q, answers or {}, situation)
    q = qn.worded_for(q, answers.get(qn.ABOUT_WHO))
    disease = answers.get(qn.ABOUT_DIAGNOSIS)
    disease = disease if isinstance(disease, str) and disease != qn.NOT_SURE else None
    option_ids = options_mod.options_for(content, disease) if disease else []

    header = [("Date", dates.us_date(today))]
    name = _text_answer(answers, qn.ABOUT_NAME)
    if name:
        header.append(("Name", name))
    who = answers.get(qn.ABOUT_WHO)
    header.append(
        ("Filled in by", WHO_FILLED.get(str(who), _label(q, qn.ABOUT_WHO, answers)) or NOT_ANSWERED)
    )
    sources: set[str] = set()

    if edited_questions is None:
        questions = [d.text for d in questions_for_doctor(q, answers, content)]
    else:
        questions = [t for t in edited_questions if t.strip()]
    sections = (
        _glance(content, q, answers, questions),
        _situation(content, q, answers, disease, situation.product, situation.age, sources),
        _decision(content, option_ids, disease is not None,
                  bool(scoring.important_values(q, answers))),
        _values(content, q, answers, option_ids),
        *values_pair.summary_sections(content, q, answers, caregiver_values),
        _knowledge(content, q, answers, sources),
        _readiness(content, q, answers, sources),
        _worries(q, answers),
        _ready_to_decide(content, q, answers),
        Section(
            "questions",
            "What do I want to ask my care team?",
            (Bullets(tuple(questions), numbered=True),) if questions else (),
        ),
    )
    meta = content.meta
    reviewed = meta["last_reviewed"]
    reviewed_text = dates.us_date(reviewed) if isinstance(reviewed, dt.date) else str(reviewed)
    policy = " ".join(str(meta.get("numbers_policy", "")).split())
    footer = content.words("summary_footer", version=meta["content_version"],
                           reviewed=reviewed_text)
    by_id = {row["source_id"]: row for row in content.rows("sources")}
    source_lines = tuple(
        f"{sid}: {reference.short_citation(by_id[sid])}" for sid in sorted(sources) if sid in by_id
    )
    return Summary(
        title=TITLE,
        created=today,
        header=tuple(header),
        sections=sections,
        disclaimer=_plain(content.text("summary__disclaimer")),
        footer=footer,
        sources=source_lines,
        numbers_note=f"Where the aid's numbers come from: {policy}" if policy else "",
    )


def summary_and_questions(
    content: Content,
    answers: Mapping[str, Any],
    today: dt.date,
    edits: Mapping[str, Any] | None,
    *,
    situation: Situation | None = None,
    caregiver_values: Mapping[str, Any] | None = None,
) -> tuple[Summary, list[EditableQuestion]]:
    """What the Summary page shows: the summary (with the edited questions) and the editor rows."""
    q = qn.of(content)
    merged = prepare_answers(q, answers, situation)
    generated = questions_for_doctor(qn.worded_for(q, merged.get(qn.ABOUT_WHO)), merged,
                                  content)
    model = build_summary(
        content,
        answers,
        today,
        final_questions(generated, edits),
        situation=situation,
        caregiver_values=caregiver_values,
    )
    return model, editable_questions(generated, edits)
