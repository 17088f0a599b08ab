"""The discussion summary: a generic document model, built from the answers and the content.

Pure (no Streamlit). `build_summary` turns the questionnaire answers plus the content into a
`Summary` (sections of simple blocks); `to_plain_text` renders it for the text download and
`to_markdown` as Markdown. The page and the downloads (components/document.py: web page, PDF
and text) all read the same model, so they always agree. `for_documents` adds what only the
downloads carry: the planned dates and the optional page for home.
Every string in the model is plain text (never Markdown or HTML): renderers escape as needed.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from components import finder, journey, reference, values_pair
from components import options as options_mod
from components import questionnaire as qn
from components.content import Content

EMPTY_NOTE = "You did not answer this part yet."


# ---------------------------------------------------------------------------------------------
# The document model
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text. kind: "plain", "strong" (a short lead-in) or "note" (small)."""

    text: str
    kind: str = "plain"


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, shown as a two-column list ("Diagnosis: ...")."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    """A list of items, optionally numbered, with an optional short title above it."""

    items: tuple[str, ...]
    numbered: bool = False
    title: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar: `value` out of `maximum`, with the same meaning spelled out in `text`."""

    label: str
    value: float
    maximum: float
    text: str


@dataclass(frozen=True)
class Bars:
    """Horizontal bars (e.g. how much each value matters), each with its value in words."""

    items: tuple[Bar, ...]
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A small table of text cells; every row has one cell per column."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""


Block = Paragraph | Fields | Bullets | Bars | Table


@dataclass(frozen=True)
class Section:
    """One part of the summary. With no blocks it shows `empty_note` instead of vanishing."""

    key: str
    heading: str
    blocks: tuple[Block, ...] = ()
    empty_note: str = EMPTY_NOTE

    @property
    def is_empty(self) -> bool:
        return not self.blocks


@dataclass(frozen=True)
class Summary:
    """The whole summary: title, date, who it is about, sections, disclaimer and footer."""

    title: str
    created: dt.date
    header: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    disclaimer: str
    footer: str
    sources: tuple[str, ...] = field(default=())
    numbers_note: str = ""  # where the aid's numbers come from (data/meta.toml numbers_policy)

    def section(self, key: str) -> Section:
        """The section with this key (KeyError if there is none)."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)


# ---------------------------------------------------------------------------------------------
# Markdown rendering
# ---------------------------------------------------------------------------------------------
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_STRICT_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$:])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))")


def _escape_line_start(m: re.Match[str]) -> str:
    """"# x" -> "\\# x"; "1. x" -> "1\\. x" (a backslash only works before punctuation)."""
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def escape_markdown(text: str, strict: bool = False) -> str:
    """Escape what would change Markdown structure, keeping the text readable as plain text.

    Emphasis, code, links, HTML-like tags, tables and line-start markers (headings, quotes,
    list markers) are backslash-escaped, so "<script>" or "*x*" show literally. `strict` also
    escapes "$" and ":" for Streamlit's Markdown (maths, colours and emoji codes).
    """
    lines = []
    pattern = _STRICT_SPECIAL if strict else _INLINE_SPECIAL
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = pattern.sub(r"\\\1", line)
        line = _LINE_START_SPECIAL.sub(_escape_line_start, line)
        lines.append(line)
    return "\n".join(lines)


def escape_markdown_strict(text: str) -> str:
    """`escape_markdown` for text shown with Streamlit's Markdown on screen."""
    return escape_markdown(text, strict=True)


def _md_inline(text: str, indent: str = "") -> str:
    """Escaped text whose own line breaks stay line breaks inside a list item or paragraph."""
    return ("  \n" + indent).join(escape_markdown(text).split("\n"))


def block_markdown(block: Block) -> str:
    """One block as Markdown (every string escaped)."""
    out: list[str] = []
    if isinstance(block, Paragraph):
        text = _md_inline(block.text)
        if block.kind == "strong":
            text = f"**{text}**"
        elif block.kind == "note":
            text = f"*{text}*"
        return text
    title = getattr(block, "title", "")
    if title:
        out.append(f"**{_md_inline(title)}**")
        out.append("")
    if isinstance(block, Fields):
        for label, value in block.items:
            out.append(f"- **{_md_inline(label)}:** {_md_inline(value, '  ')}")
    elif isinstance(block, Bullets):
        for i, item in enumerate(block.items, start=1):
            marker = f"{i}." if block.numbered else "-"
            pad = " " * (len(marker) + 1)
            out.append(f"{marker} {_md_inline(item, pad)}")
    elif isinstance(block, Bars):
        out.append("| What matters | How much |")
        out.append("|---|---|")
        for bar in block.items:
            out.append(f"| {_md_cell(bar.label)} | {_md_cell(bar.text)} |")
    elif isinstance(block, Table):
        out.append("| " + " | ".join(_md_cell(c) for c in block.columns) + " |")
        out.append("|" + "---|" * len(block.columns))
        for row in block.rows:
            out.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
    return "\n".join(out)


def _md_cell(text: str) -> str:
    return escape_markdown(text).replace("\n", " ") or " "


def section_markdown(section: Section, level: int = 2) -> str:
    """One section as Markdown, headed at `level`; an empty section says so."""
    parts = [f"{'#' * level} {escape_markdown(section.heading)}"]
    if section.is_empty:
        parts.append(f"*{escape_markdown(section.empty_note)}*")
    parts += [block_markdown(b) for b in section.blocks]
    return "\n\n".join(parts)


def to_markdown(summary: Summary) -> str:
    """The whole summary as Markdown that also reads well as plain text."""
    parts = [f"# {escape_markdown(summary.title)}"]
    parts.append(
        "\n".join(f"- **{_md_inline(k)}:** {_md_inline(v, '  ')}" for k, v in summary.header)
    )
    parts.append(f"*{_md_inline(summary.disclaimer)}*")
    parts += [section_markdown(s) for s in summary.sections]
    if summary.sources:
        parts.append("## Sources")
        parts.append("\n".join(f"- {_md_inline(s, '  ')}" for s in summary.sources))
    if summary.numbers_note:
        parts.append(f"*{_md_inline(summary.numbers_note)}*")
    parts.append("---")
    parts.append(_md_inline(summary.footer))
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------------------------------------
# Plain text rendering (the text download): no markup, every string exactly as typed
# ---------------------------------------------------------------------------------------------
def _plain_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _hanging(lead: str, text: str) -> str:
    """`lead` then the text; the text's own further lines are indented under it."""
    lines = _plain_lines(text)
    pad = "\n" + " " * len(lead)
    return lead + pad.join(lines)


def block_plain(block: Block) -> str:
    """One block as plain text lines."""
    out: list[str] = []
    if isinstance(block, Paragraph):
        return "\n".join(_plain_lines(block.text))
    if getattr(block, "title", ""):
        out.append(block.title)
    if isinstance(block, Fields):
        out += [_hanging(f"{label}: ", value) for label, value in block.items]
    elif isinstance(block, Bullets):
        for i, item in enumerate(block.items, start=1):
            out.append(_hanging(f"{i}. " if block.numbered else "- ", item))
    elif isinstance(block, Bars):
        out += [f"- {bar.label}: {bar.text}" for bar in block.items]
    elif isinstance(block, Table):
        for row in block.rows:
            cells = [" ".join(_plain_lines(c)) for c in row]
            pairs = zip(block.columns[1:], cells[1:], strict=False)
            rest = [f"{col}: {cell}" for col, cell in pairs]
            out.append(f"- {cells[0] if cells else ''}. " + ". ".join(rest) + ".")
    return "\n".join(out)


def to_plain_text(summary: Summary) -> str:
    """The whole summary as plain text for the .txt download (no Markdown markup)."""
    rule = "=" * len(summary.title)
    parts = [f"{summary.title}\n{rule}"]
    parts.append("\n".join(_hanging(f"{k}: ", v) for k, v in summary.header))
    parts.append(summary.disclaimer)
    for section in summary.sections:
        body = [section.empty_note] if section.is_empty else []
        body += [block_plain(b) for b in section.blocks]
        parts.append(f"{section.heading}\n{'-' * len(section.heading)}\n" + "\n\n".join(body))
    if summary.sources:
        parts.append("Sources\n-------\n" + "\n".join(f"- {s}" for s in summary.sources))
    if summary.numbers_note:
        parts.append(summary.numbers_note)
    parts.append(summary.footer)
    return "\n\n".join(parts) + "\n"


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
# Questions for the care team when the person said they do not know something. Worded so that
# they read well from the patient and from a caregiver.
UNKNOWN_QUESTIONS: dict[str, str] = {
    "diagnosis": "What kind of cancer is it, exactly?",
    "prior_lines": "How many lines of treatment have there been so far, and which options does "
    "that leave open?",
    "early_relapse": "Did the cancer come back or stop responding within 12 months of the first "
    "treatment? Does that change which options are open?",
    "knowledge": "Can we go over the topics I was unsure of in the knowledge check (see 'What "
    "do I understand so far?')?",
    "sure": "How long can I take to decide, and what could happen while I wait?",
    "understand": "Can you go through each option with me: what it could do for me, and to me?",
    "values": "Can we talk about which gains and harms matter most to me?",
    "support": "Who can help me make this choice: a nurse navigator, a social worker, a second "
    "opinion, or a support group?",
    "role": "How do you usually make this choice with patients, and how can I take part?",
    "tasks": "There are still practical things to sort out (see 'Is my life ready for it?'). "
    "Who on the team can help us plan?",
}
_ASK_PREFIX = re.compile(r"^Ask (?P<who>[^:]{1,80}):\s*(?P<question>.+)$", re.DOTALL)
_LIST_MARKER = re.compile(r"^\s*(?:[-*\u2022\u2013\u2014]|\d{1,3}[.)])\s+")
_NORMALISE = re.compile(r"[\W_]+", re.UNICODE)


OWN_PRIORITY = 10  # the person's own questions, typed in the questionnaire


@dataclass(frozen=True)
class DoctorQuestion:
    """One question for the care team. `id` is stable across reruns; lower `priority` first."""

    id: str
    text: str
    reason: str
    priority: int

    @property
    def own(self) -> bool:
        """True for a question the person wrote themselves."""
        return self.priority <= OWN_PRIORITY


def _key(text: str) -> str:
    """A form of the text for spotting duplicates: case, spaces and punctuation ignored
    (text that is all punctuation or emoji is compared as it is)."""
    folded = " ".join(text.casefold().split())
    return _NORMALISE.sub(" ", folded).strip() or folded


def _stable_id(prefix: str, text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{prefix}_{digest}"


def own_questions(text: str) -> list[str]:
    """The person's own questions: one per line, a leading list marker removed, text kept."""
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _LIST_MARKER.sub("", line, count=1).strip()
        if line:
            out.append(line)
    return out


def _gap_question(gap: qn.Gap) -> str:
    """A question-kind gap as a question: "Ask the team: X" becomes "X"."""
    match = _ASK_PREFIX.match(gap.suggestion)
    if not match:
        return gap.suggestion
    who = match.group("who").strip()
    question = match.group("question").strip()
    if who.lower() in ("the team", "your team", "the care team", "your care team"):
        return question
    return f"{question} (For {who}.)"


def questions_for_doctor(q: qn.Questionnaire, answers: Mapping[str, Any]) -> list[DoctorQuestion]:
    """Questions for the care team, most important first, without duplicates.

    Order: the person's own questions; the questions behind the worries they ticked; one
    question about the knowledge topics to go over (listed once, in the knowledge section);
    what they said they are not ready for in deciding; what they do not know about their own
    situation; the practical items that are questions (listed only here, not again under
    "Still to sort out"); then one question about help with the practical tasks.
    """
    found: list[DoctorQuestion] = []
    own = answers.get("questions_for_team")
    if isinstance(own, str):
        for text in own_questions(own):
            found.append(
                DoctorQuestion(_stable_id("own", text), text, "Your own question", OWN_PRIORITY)
            )
    for label, suggestion in qn.worry_questions(q, answers):
        found.append(
            DoctorQuestion(
                _stable_id("worry", label), suggestion, f"You are worried about: {label}", 20
            )
        )
    if any(r.status in ("incorrect", "not_sure") for r in qn.knowledge_results(q, answers)):
        found.append(
            DoctorQuestion(
                "know_topics", UNKNOWN_QUESTIONS["knowledge"], "Topics from the knowledge check", 30
            )
        )
    for flag in qn.sure_flags(q, answers):
        if flag.flagged and flag.domain in UNKNOWN_QUESTIONS:
            found.append(
                DoctorQuestion(
                    f"ready_{flag.domain}", UNKNOWN_QUESTIONS[flag.domain], "How ready you feel", 40
                )
            )
    if answers.get(qn.ROLE) == qn.NOT_SURE:
        found.append(
            DoctorQuestion("ready_role", UNKNOWN_QUESTIONS["role"], "How you want to decide", 45)
        )
    for key, question_id in (
        ("diagnosis", qn.ABOUT_DIAGNOSIS),
        ("prior_lines", qn.ABOUT_PRIOR_LINES),
        ("early_relapse", qn.ABOUT_EARLY_RELAPSE),
    ):
        if answers.get(question_id) == qn.NOT_SURE:
            found.append(
                DoctorQuestion(
                    f"unknown_{key}", UNKNOWN_QUESTIONS[key], "Something you were not sure of", 50
                )
            )
    gaps = qn.readiness_gaps(q, answers)
    for gap in gaps:
        if gap.kind == "question":
            found.append(
                DoctorQuestion(
                    f"gap_{gap.question_id}", _gap_question(gap), "Practical planning", 60
                )
            )
    if any(gap.kind == "task" for gap in gaps):
        found.append(
            DoctorQuestion("gap_tasks", UNKNOWN_QUESTIONS["tasks"], "Practical planning", 70)
        )
    found.sort(key=lambda d: d.priority)
    seen: set[str] = set()
    ids: set[str] = set()
    out = []
    for item in found:
        key = _key(item.text)
        if not key or key in seen or item.id in ids:
            continue
        seen.add(key)
        ids.add(item.id)
        out.append(item)
    return out


# -- Edits the person makes to the list before downloading -----------------------------------
def empty_edits() -> dict[str, Any]:
    """No edits yet: {"text": {id: new text}, "removed": [ids], "added": [[id, text], ...],
    "restored": [ids of suggestions past the clinic-visit limit that the person kept]}."""
    return {"text": {}, "removed": [], "added": [], "restored": []}


# The aid's own suggestions on the summary, after the person's own questions: enough for one
# clinic visit. The others are offered in the editor, unticked, most important first.
MAX_SUGGESTED = 5


@dataclass(frozen=True)
class EditableQuestion:
    """A question as shown in the editor: its current text and whether it is kept."""

    id: str
    text: str
    kept: bool
    added: bool
    reason: str


def editable_questions(
    generated: Sequence[DoctorQuestion], edits: Mapping[str, Any] | None
) -> list[EditableQuestion]:
    """The questions with the person's edits applied, their own first: the ones they typed in
    the questionnaire, then the ones they added here, then the generated ones. Of those, the
    first MAX_SUGGESTED (most important first) are kept unless taken off; the rest are offered
    unticked, so the list fits a clinic visit.

    Edits are keyed by question id, so they survive reruns; edits to a question that is no
    longer generated (the answers changed) are simply not shown.
    """
    edits = edits or {}
    texts = edits.get("text") or {}
    removed = set(edits.get("removed") or [])
    restored = set(edits.get("restored") or [])
    suggested = [g.id for g in generated if not g.own]
    listed = set(suggested[:MAX_SUGGESTED])

    def row(g: DoctorQuestion) -> EditableQuestion:
        kept = g.id not in removed and (g.own or g.id in listed or g.id in restored)
        return EditableQuestion(g.id, texts.get(g.id, g.text), kept, False, g.reason)

    added = [
        EditableQuestion(
            item[0], texts.get(item[0], item[1]), item[0] not in removed, True, "You added this"
        )
        for item in edits.get("added") or []
    ]
    return (
        [row(g) for g in generated if g.own]
        + added
        + [row(g) for g in generated if not g.own]
    )


def question_numbers(rows: Sequence[EditableQuestion]) -> list[int | None]:
    """Each editor row's number on the summary (None if it is not on it: taken off, blank or a
    repeat), so the editor and the summary share one numbering."""
    numbers: list[int | None] = []
    seen: set[str] = set()
    for item in rows:
        key = _key(item.text)
        if item.kept and key and key not in seen:
            seen.add(key)
            numbers.append(len(seen))
        else:
            numbers.append(None)
    return numbers


def final_questions(
    generated: Sequence[DoctorQuestion], edits: Mapping[str, Any] | None
) -> list[str]:
    """The questions that go on the summary: kept, not blank, no duplicates, own ones first."""
    rows = editable_questions(generated, edits)
    return [
        item.text.strip()
        for item, n in zip(rows, question_numbers(rows), strict=True)
        if n is not None
    ]


def with_edit(
    edits: Mapping[str, Any] | None,
    question_id: str,
    *,
    text: str | None = None,
    kept: bool | None = None,
) -> dict[str, Any]:
    """A copy of `edits` with one question's text and/or kept state changed."""
    new = copy.deepcopy(dict(edits or empty_edits()))
    for field_name, default in empty_edits().items():
        new.setdefault(field_name, default)
    if text is not None:
        new["text"][question_id] = text
    if kept is not None:
        removed = [r for r in new["removed"] if r != question_id]
        new["removed"] = removed if kept else [*removed, question_id]
        restored = [r for r in new["restored"] if r != question_id]
        new["restored"] = [*restored, question_id] if kept else restored
    return new


def with_added(edits: Mapping[str, Any] | None, text: str) -> dict[str, Any]:
    """A copy of `edits` with one more question of the person's own (blank text is ignored)."""
    new = with_edit(edits, "", kept=None)
    text = text.strip()
    if text:
        n = len(new["added"]) + 1
        ids = {a[0] for a in new["added"]}
        while f"added_{n}" in ids:
            n += 1
        new["added"].append([f"added_{n}", text])
    return new


# -- The sections -------------------------------------------------------------------------------
def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


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
    if diagnosis and not _label(q, qn.ABOUT_DIAGNOSIS, answers):
        diseases = content.table("diseases")
        row = diseases[diseases["disease_id"] == diagnosis]
        if not row.empty:
            items.append(("Diagnosis (chosen on another page)", str(row.iloc[0]["name"])))
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
    kinds = _label(q, "about_treatments", answers).replace("; ", ", ")
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
        for f in qn.sure_flags(q, answers)
        if f.flagged
    ]
    gaps = qn.readiness_gaps(q, answers)
    if gaps:
        open_items.append(
            f"{len(gaps)} practical things (see \u2018Is my life ready for it?\u2019)"
        )
    if open_items:
        items.append(("Not sorted out yet", "\n".join(open_items)))
    health = health_worries(content, _text_answer(answers, "worries_other"))
    if health:
        items.append(("Health worries (please check)", "\n".join(health)))
    own = (
        own_questions(answers.get("questions_for_team") or "")
        if isinstance(answers.get("questions_for_team"), str)
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
        items = [
            "None: for this kind of cancer, CAR-T is only given in clinical trials. "
            "Ask the care team."
        ]
    elif not items:
        items = ["None of the approvals covers what I told the aid. Ask the care team."]
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
    names = qn.option_labels(content)
    if option_ids and in_values_table:
        blocks.append(
            Paragraph(
                f"The {len(option_ids)} options for my kind of cancer are listed, in the usual "
                "order, in the table under \u2018What matters most to me?\u2019.",
                "note",
            )
        )
    elif option_ids:
        blocks.append(
            Bullets(
                tuple(names.get(o, o) for o in option_ids), title="Options for my kind of cancer"
            )
        )
    elif not has_diagnosis:
        blocks.append(
            Paragraph(
                "Which options apply depends on the kind of cancer. It is not filled in yet.",
                "note",
            )
        )
    return Section("decision", "What am I deciding?", tuple(blocks))


def _values(
    content: Content, q: qn.Questionnaire, answers: Mapping[str, Any], option_ids: Sequence[str]
) -> Section:
    blocks: list[Block] = []
    ranked = qn.ranked_values(q, answers)
    if ranked:
        bars = []
        for r in ranked:
            question = q.question(r.value_id)
            top = question.scale_max - question.scale_min
            bars.append(
                Bar(r.short or r.label, r.importance - question.scale_min, top, r.importance_label)
            )
        blocks.append(Bars(tuple(bars), title="How much each thing matters to me"))
    other = _text_answer(answers, "values_other")
    if other:
        blocks.append(Fields((("Something else that matters to me", other),)))
    if option_ids and qn.important_values(q, answers):
        labels = qn.option_labels(content)
        alignments = qn.values_alignment(q, answers, option_ids, content.table("option_values"))

        def names(a: qn.OptionAlignment, fit: str) -> str:
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
        shown = qn.important_values_text(q, answers, "I")
        note = _plain(content.text("summary__values_note"))
        blocks.append(Paragraph(f"{shown} {note}", "note"))
    return Section("values", "What matters most to me?", tuple(blocks))


def _knowledge(q: qn.Questionnaire, answers: Mapping[str, Any], sources: set[str]) -> Section:
    results = qn.knowledge_results(q, answers)
    score = qn.knowledge_score(q, answers)
    if score.skipped == score.total:
        return Section("knowledge", "What do I understand so far?")
    parts = [f"{score.correct} of {score.total} answers matched the facts in this aid."]
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


def _readiness(q: qn.Questionnaire, answers: Mapping[str, Any], sources: set[str]) -> Section:
    items = [
        qq for qq in q.section("readiness").questions if qq.type == "choice" and qq.id in answers
    ]
    caregiver = _text_answer(answers, "ready_caregiver_who")
    if not items and not caregiver:
        return Section("practical", "Is my life ready for it?")
    gaps = qn.readiness_gaps(q, answers)
    blocks: list[Block] = []
    if items:
        applies = [qq for qq in items if answers[qq.id] != qn.DOES_NOT_APPLY]
        ready = len(applies) - len(gaps)
        blocks.append(
            Paragraph(f"Sorted out: {ready} of the {len(applies)} practical things I answered.")
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
        things = "1 more practical thing is" if asked == 1 else f"{asked} more practical things are"
        blocks.append(Paragraph(f"{things} in my questions for the care team.", "note"))
    return Section("practical", "Is my life ready for it?", tuple(blocks))


def _worries(q: qn.Questionnaire, answers: Mapping[str, Any]) -> Section:
    blocks: list[Block] = []
    ticked = [label for label, _ in qn.worry_questions(q, answers)]
    if ticked:
        blocks.append(Bullets(tuple(ticked)))
    other = _text_answer(answers, "worries_other")
    if other:
        blocks.append(Fields((("In my own words", other),)))
    return Section("worries", "What worries me?", tuple(blocks))


def _ready_to_decide(q: qn.Questionnaire, answers: Mapping[str, Any]) -> Section:
    """The four readiness answers (how the person wants to decide is in the glance)."""
    flags = qn.sure_flags(q, answers)
    if all(f.status == "unanswered" for f in flags):
        return Section("ready", "How ready am I to decide?")
    items = [(DOMAIN_SHORT.get(f.domain, f.label), f.answer_label or NOT_ANSWERED) for f in flags]
    blocks: list[Block] = [Fields(tuple(items))]
    ready = qn.decision_ready(q, answers)
    if ready is True:
        blocks.append(Paragraph("I answered yes to all four.", "note"))
    elif ready is False:
        blocks.append(
            Paragraph("Where I said no or not sure, I would like to talk it through.", "note")
        )
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
    q: qn.Questionnaire,
    answers: Mapping[str, Any],
    *,
    diagnosis: str | None = None,
    prior_lines: int | None = None,
) -> dict[str, Any]:
    """The usable answers, with the diagnosis and prior-line count chosen on other pages
    filled in where the self-assessment did not say."""
    out = usable_answers(q, answers)
    dq = q.question(qn.ABOUT_DIAGNOSIS)
    if qn.ABOUT_DIAGNOSIS not in out and diagnosis and qn.answer_problem(dq, diagnosis) is None:
        out[qn.ABOUT_DIAGNOSIS] = diagnosis
    if (
        qn.ABOUT_PRIOR_LINES not in out
        and isinstance(prior_lines, int)
        and not isinstance(prior_lines, bool)
        and prior_lines >= 0
    ):
        counts = [v for v in q.question(qn.ABOUT_PRIOR_LINES).values if isinstance(v, int)]
        if counts:
            out[qn.ABOUT_PRIOR_LINES] = min(prior_lines, max(counts))
    return out


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
    diagnosis: str | None = None,
    prior_lines: int | None = None,
    product: str | None = None,
    age: int | None = None,
    caregiver_values: Mapping[str, Any] | None = None,
) -> Summary:
    """The summary of what the person said, built from their answers and the content.

    `edited_questions` is the question list after the person's edits (see `final_questions`);
    without it the generated list is used. `diagnosis`, `prior_lines` and `product` are the
    shared choices from other pages, used where the answers do not say; `age` is the age given
    on "Is it for me?"; `caregiver_values` a caregiver's own values (values_pair).
    """
    q = qn.load_questionnaire(content)
    answers = prepare_answers(q, answers or {}, diagnosis=diagnosis, prior_lines=prior_lines)
    q = qn.worded_for(q, answers.get(qn.ABOUT_WHO))
    disease = answers.get(qn.ABOUT_DIAGNOSIS)
    disease = disease if isinstance(disease, str) and disease != qn.NOT_SURE else None
    option_ids = options_mod.options_for(content, disease) if disease else []

    header = [("Date", _long_date(today))]
    name = _text_answer(answers, qn.ABOUT_NAME)
    if name:
        header.append(("Name", name))
    who = answers.get(qn.ABOUT_WHO)
    header.append(
        ("Filled in by", WHO_FILLED.get(str(who), _label(q, qn.ABOUT_WHO, answers)) or NOT_ANSWERED)
    )
    sources: set[str] = set()

    if edited_questions is None:
        questions = [d.text for d in questions_for_doctor(q, answers)]
    else:
        questions = [t for t in edited_questions if t.strip()]
    sections = (
        _glance(content, q, answers, questions),
        _situation(content, q, answers, disease, product, age, sources),
        _decision(content, option_ids, disease is not None, bool(qn.important_values(q, answers))),
        _values(content, q, answers, option_ids),
        *values_pair.summary_sections(content, q, answers, caregiver_values),
        _knowledge(q, answers, sources),
        _readiness(q, answers, sources),
        _worries(q, answers),
        _ready_to_decide(q, answers),
        Section(
            "questions",
            "What do I want to ask my care team?",
            (Bullets(tuple(questions), numbered=True),) if questions else (),
        ),
    )
    meta = content.meta
    reviewed = meta["last_reviewed"]
    reviewed_text = _long_date(reviewed) if isinstance(reviewed, dt.date) else str(reviewed)
    policy = " ".join(str(meta.get("numbers_policy", "")).split())
    footer = (
        f"CAR-T decision aid {meta['content_version']}, last reviewed {reviewed_text}. "
        "For talking with the care team; it is not a recommendation."
    )
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


def file_names(today: dt.date) -> dict[str, str]:
    """Download file names, each with the date: cart-summary-2026-11-25.pdf and so on."""
    day = today.isoformat()
    return {
        "pdf": f"cart-summary-{day}.pdf",
        "html": f"cart-summary-{day}.html",
        "text": f"cart-summary-{day}.txt",
        "answers": qn.answers_file_name(today),
    }


# -- What only the downloads carry: the planned dates and the optional page for home ---------
DATES_HEADING = "What are my planned dates?"
# The dates a clinic visit needs (the journey page and the calendar file have every step).
KEY_DATES = ("collection", "lymphodepletion", "infusion", "stay_nearby", "caregiver", "no_driving")
AT_HOME_TEXT = "summary__at_home"
_CITED = re.compile(r"\(Source: ([A-Za-z0-9-]+)\)")


def dates_section(plan: journey.Plan) -> Section | None:
    """The planned dates from the journey page, or None when the person picked no date."""
    if not plan.ok or plan.anchor == "today" or not plan.rows:
        return None
    rows = tuple(
        (r.label, journey.date_range(r.start, r.end, dt.date.min), r.how)  # no past-date flags
        for r in plan.rows
        if r.key in KEY_DATES
    )
    table = Table(("Step", "Dates", "How sure"), rows)
    note = Paragraph(
        f"Worked out by the aid from my planned date, for {plan.product_name}. "
        "My centre gives the real dates. Every step is in the calendar file.",
        "note",
    )
    return Section("dates", DATES_HEADING, (table, note))


def at_home_section(content: Content) -> Section:
    """The page for home (data/text/summary__at_home.md): warning signs, what to do, and
    blanks for the care team's numbers. A "**Title:**" line titles the list below it; a list
    whose items all end in ":" becomes blanks to fill in by hand."""
    heading, blocks, title, items = "", [], "", []

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
    content: Content, summary: Summary, *, plan: journey.Plan | None, at_home: bool
) -> Summary:
    """The summary as the downloads carry it: the planned dates after the situation, and the
    page for home at the end when the person asked for it."""
    sections = list(summary.sections)
    dates = dates_section(plan) if plan is not None else None
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


def bars_frame(block: Bars, markdown: bool = False) -> pd.DataFrame:
    """Bars as a table for the screen, in the words of the scale (never as a percentage, which
    could be misread as a risk). `markdown=True` escapes every cell for st.table."""
    cell = escape_markdown_strict if markdown else str
    return pd.DataFrame(
        {
            "What matters to me": [cell(b.label) for b in block.items],
            "How important": [cell(b.text) for b in block.items],
        }
    )


def table_frame(block: Table, markdown: bool = False) -> pd.DataFrame:
    """A table block as a DataFrame of text; `markdown=True` escapes every cell for a table
    that renders Markdown (st.table), so each cell shows literally."""
    width = len(block.columns)
    rows = [tuple(r[:width]) + ("",) * (width - len(r)) for r in block.rows]
    columns = list(block.columns)
    if markdown:
        rows = [tuple(escape_markdown(c, strict=True) for c in r) for r in rows]
        columns = [escape_markdown(c, strict=True) for c in columns]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def bullet_lines(block: Bullets) -> str:
    """A list as plain text lines: "1. ..." when numbered, "\u2022 ..." otherwise."""
    return "\n".join(
        f"{i}. {item}" if block.numbered else f"\u2022 {item}"
        for i, item in enumerate(block.items, start=1)
    )


def summary_and_questions(
    content: Content,
    answers: Mapping[str, Any],
    today: dt.date,
    edits: Mapping[str, Any] | None,
    *,
    diagnosis: str | None = None,
    prior_lines: int | None = None,
    product: str | None = None,
    age: int | None = None,
    caregiver_values: Mapping[str, Any] | None = None,
) -> tuple[Summary, list[EditableQuestion]]:
    """What the Summary page shows: the summary (with the edited questions) and the editor rows."""
    q = qn.load_questionnaire(content)
    merged = prepare_answers(q, answers, diagnosis=diagnosis, prior_lines=prior_lines)
    generated = questions_for_doctor(qn.worded_for(q, merged.get(qn.ABOUT_WHO)), merged)
    model = build_summary(
        content,
        answers,
        today,
        final_questions(generated, edits),
        diagnosis=diagnosis,
        prior_lines=prior_lines,
        product=product,
        age=age,
        caregiver_values=caregiver_values,
    )
    return model, editable_questions(generated, edits)
