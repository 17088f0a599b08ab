"""Questions for the care team: the person's own questions first, then questions the aid
suggests from their answers (gaps, worries, things they did not know), in priority order, and
the edits the person makes to that list on the Summary page (reword, remove, restore, add).
Pure: no Streamlit.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from components import questionnaire as qn
from components import scoring
from components.content import Content

# Questions for the care team when the person said they do not know something (their words
# in data/wording.csv). Worded so that they read well from the patient and from a caregiver.
UNKNOWN_QUESTIONS: dict[str, str] = {
    "diagnosis": "care_ask_diagnosis",
    "prior_lines": "care_ask_prior_lines",
    "early_relapse": "care_ask_early_relapse",
    "knowledge": "care_ask_knowledge",
    "sure": "care_ask_sure",
    "understand": "care_ask_understand",
    "values": "care_ask_values",
    "support": "care_ask_support",
    "role": "care_ask_role",
    "tasks": "care_ask_tasks",
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


def _gap_question(gap: scoring.Gap) -> str:
    """A question-kind gap as a question: "Ask the team: X" becomes "X"."""
    match = _ASK_PREFIX.match(gap.suggestion)
    if not match:
        return gap.suggestion
    who = match.group("who").strip()
    question = match.group("question").strip()
    if who.lower() in ("the team", "your team", "the care team", "your care team"):
        return question
    return f"{question} (For {who}.)"


def questions_for_doctor(
    q: qn.Questionnaire, answers: Mapping[str, Any], content: Content
) -> list[DoctorQuestion]:
    """Questions for the care team, most important first, without duplicates.

    Order: the person's own questions; the questions behind the worries they ticked; one
    question about the knowledge topics to go over (listed once, in the knowledge section);
    what they said they are not ready for in deciding; what they do not know about their own
    situation; the practical items that are questions (listed only here, not again under
    "Still to sort out"); then one question about help with the practical tasks. The words
    come from data/wording.csv (`content`).
    """
    words = content.words
    found: list[DoctorQuestion] = []
    own = answers.get(qn.QUESTIONS_FOR_TEAM)
    if isinstance(own, str):
        for text in own_questions(own):
            found.append(
                DoctorQuestion(_stable_id("own", text), text, words("care_why_own"), OWN_PRIORITY)
            )
    for label, suggestion in scoring.worry_questions(q, answers):
        found.append(
            DoctorQuestion(
                _stable_id("worry", label), suggestion, words("care_why_worry", worry=label), 20
            )
        )
    if any(r.status in ("incorrect", "not_sure") for r in scoring.knowledge_results(q, answers)):
        found.append(
            DoctorQuestion(
                "know_topics", words(UNKNOWN_QUESTIONS["knowledge"]), words("care_why_knowledge"),
                30,
            )
        )
    for flag in scoring.sure_flags(q, answers):
        if flag.flagged and flag.domain in UNKNOWN_QUESTIONS:
            found.append(
                DoctorQuestion(
                    f"ready_{flag.domain}", words(UNKNOWN_QUESTIONS[flag.domain]),
                    words("care_why_ready"), 40,
                )
            )
    if answers.get(qn.ROLE) == qn.NOT_SURE:
        found.append(
            DoctorQuestion(
                "ready_role", words(UNKNOWN_QUESTIONS["role"]), words("care_why_role"), 45
            )
        )
    for key, question_id in (
        ("diagnosis", qn.ABOUT_DIAGNOSIS),
        ("prior_lines", qn.ABOUT_PRIOR_LINES),
        ("early_relapse", qn.ABOUT_EARLY_RELAPSE),
    ):
        if answers.get(question_id) == qn.NOT_SURE:
            found.append(
                DoctorQuestion(
                    f"unknown_{key}", words(UNKNOWN_QUESTIONS[key]), words("care_why_not_sure"), 50
                )
            )
    gaps = scoring.readiness_gaps(q, answers)
    for gap in gaps:
        if gap.kind == "question":
            found.append(
                DoctorQuestion(
                    f"gap_{gap.question_id}", _gap_question(gap), words("care_why_planning"), 60
                )
            )
    if any(gap.kind == "task" for gap in gaps):
        found.append(
            DoctorQuestion(
                "gap_tasks", words(UNKNOWN_QUESTIONS["tasks"]), words("care_why_planning"), 70
            )
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
