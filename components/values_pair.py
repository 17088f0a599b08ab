"""Two people's values side by side: a caregiver's own answers to "What matters to me", next to
the patient's. Pure (no Streamlit).

The patient's answers are the questionnaire's (`answers`). The caregiver's live in one small
part, `{"on": bool, "name": str, "answers": {question_id: value}}` (session key
`state.K_CAREGIVER_VALUES`, and the "caregiver_values" part of the answers file). The caregiver
answers the same questions as the patient, in their own voice: the wording is in
data/values_pair.json, one label per question of the questionnaire's "values" part.

Public API:
- `words(content)`: the wording (data/values_pair.json), validated once at load.
- `caregiver_questions(q, content)`: the values questions in the caregiver's own words (ids,
  scales and options unchanged, so both people's answers can be compared).
- `closeness(question, a, b)`: THE RULE for "close" or "far apart" (see FAR_APART).
- `compare(q, patient_answers, caregiver_answers)`: one row per question either person rated.
- `people(content, answers, part)`: how the two people are named (typed names kept literally).
- `view_table`, `talk_points`: the side-by-side table and the things to talk about, in words.
  A difference becomes something to talk about, never a verdict or a recommendation.
- `summary_sections(content, q, answers, part)`: the summary's part (0 or 1 section).
- `file_part(q, part)` / `read_part(content, q, raw)`: the answers file's part, out and in.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from components import content as content_mod
from components import questionnaire as qn
from components import questionnaire_file, summary_model
from components.content import Content, Problem

DOCUMENT = "values_pair"
FILE = "values_pair.json"
FORMAT = "cart-decision-aid-values-pair"
# The rule: two answers on a scale this many steps apart, or more, are "far apart" (a thing to
# talk about); the same step or one step apart is "close". Two different choices are far apart.
FAR_APART = 2
# The answers file's part, and the session key's shape.
FILE_PART = "caregiver_values"
PART_KEYS = ("on", "name", "answers")
# A direct link to the caregiver's questions: /self_assessment?part=caregiver_values
# (st.page_link(..., query_params=LINK_QUERY) or st.switch_page(..., query_params=LINK_QUERY)).
LINK_PARAM = "part"
LINK_VALUE = "caregiver_values"
LINK_QUERY = {LINK_PARAM: LINK_VALUE}
# Question types the caregiver's part can ask (the values part has sliders and a text box).
ASKED_TYPES = ("scale", "choice", "text", "long_text")
COMPARED_TYPES = ("scale", "choice")
STATUSES = ("same", "close", "far", "only_patient", "only_caregiver")

# Every piece of wording, by group and key, with the {placeholders} it may use.
_NONE: frozenset[str] = frozenset()
WORDS: dict[str, dict[str, frozenset[str]]] = {
    "invite": {"heading": _NONE, "text": _NONE, "label": _NONE, "help": _NONE},
    "caregiver_part": {"heading": _NONE, "text": _NONE, "name_label": _NONE, "name_help": _NONE},
    "who": {
        "patient": _NONE,
        "patient_named": frozenset({"name"}),
        "patient_by_caregiver": _NONE,
        "patient_by_caregiver_named": frozenset({"name"}),
        "patient_mid": _NONE,
        "caregiver": _NONE,
        "caregiver_named": frozenset({"name"}),
        "caregiver_mid": _NONE,
    },
    "view": {
        "heading": _NONE,
        "text": _NONE,
        "empty": _NONE,
        "what": _NONE,
        "closeness": _NONE,
        "not_rated": _NONE,
        "same": _NONE,
        "close": _NONE,
        "far": frozenset({"steps"}),
        "far_choice": _NONE,
        "only_one": frozenset({"who"}),
        "talk_heading": _NONE,
        "talk_far": frozenset({"a", "b", "what", "a_said", "b_said"}),
        "talk_only_one": frozenset({"a", "b_mid", "what", "a_said"}),
        "talk_none": _NONE,
        "reminder": _NONE,
    },
    "summary": {
        "heading": _NONE,
        "text": frozenset({"patient", "caregiver"}),
        "table_title": _NONE,
        "other_label": frozenset({"who"}),
        "talk_title": _NONE,
    },
    "file": {"old_version": _NONE, "unreadable": _NONE, "left_out": _NONE, "loaded": _NONE},
}
DEFAULT_NAME_LENGTH = 80
_DIGIT = re.compile(r"\d")


# ----------------------------------------------------------------------------------------------
# The wording, validated
# ----------------------------------------------------------------------------------------------


def _placeholders(text: str) -> set[str] | None:
    """The {names} a text uses, or None when it uses anything but plain {name} fields."""
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            return None
        names.add(field)
    return names


def _check(doc: Any, q: qn.Questionnaire | None) -> list[Problem]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return [Problem(FILE, f"'format' must be \"{FORMAT}\"")]
    problems: list[Problem] = []
    for group, keys in WORDS.items():
        raw = doc.get(group)
        if not isinstance(raw, dict):
            problems.append(Problem(FILE, f"'{group}' is missing"))
            continue
        for key, allowed in keys.items():
            text = raw.get(key)
            if not isinstance(text, str) or not text.strip():
                problems.append(Problem(FILE, f"'{group}.{key}' is missing or empty"))
                continue
            used = _placeholders(text)
            if used is None or used - allowed:
                may = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "none"
                problems.append(
                    Problem(FILE, f"'{group}.{key}' uses a {{placeholder}} it may not (it may use: "
                            f"{may})")
                )
            if content_mod.HTML_TAG.search(text):
                problems.append(Problem(FILE, f"'{group}.{key}' contains HTML"))
    limit = doc.get("caregiver_part", {}).get("name_max_length", DEFAULT_NAME_LENGTH)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 200:
        problems.append(Problem(FILE, "'caregiver_part.name_max_length' must be 1-200"))
    questions = doc.get("questions")
    if not isinstance(questions, dict):
        return problems + [Problem(FILE, "'questions' is missing")]
    if q is None:
        return problems
    wanted = {qq.id: qq for qq in q.section("values").questions}
    for qid in sorted(set(wanted) - set(questions)):
        problems.append(
            Problem(FILE, f"question '{qid}' of the values part has no caregiver words"))
    for qid, raw in questions.items():
        where = f"question '{qid}'"
        if qid not in wanted:
            problems.append(Problem(FILE, f"{where} is not a question of the values part"))
            continue
        if wanted[qid].type not in ASKED_TYPES:
            problems.append(Problem(FILE, f"{where}: a {wanted[qid].type} question cannot be "
                                    "asked here"))
        if not isinstance(raw, dict) or set(raw) - {"label", "help"}:
            problems.append(Problem(FILE, f"{where} must be an object with 'label' and 'help'"))
            continue
        label = raw.get("label")
        if not isinstance(label, str) or not label.strip():
            problems.append(Problem(FILE, f"{where}: 'label' is missing"))
            continue
        help_text = raw.get("help", "")
        if not isinstance(help_text, str):
            problems.append(Problem(FILE, f"{where}: 'help' must be text"))
            help_text = ""
        # Both sets of sliders can be on screen at once: a screen reader tells them apart by
        # their labels, so the caregiver's must differ from every wording of the patient's.
        patient_labels = {wanted[qid].label, dict(wanted[qid].caregiver).get("label", "")}
        if label.strip() in patient_labels:
            problems.append(Problem(FILE, f"{where}: the caregiver's label must differ from the "
                                    "patient's"))
        if _DIGIT.search(label + help_text) and not wanted[qid].source_id:
            problems.append(Problem(FILE, f"{where}: states a number, so it needs a source"))
    return problems


def validate_values_pair(content: Content) -> list[Problem]:
    """Every problem with data/values_pair.json (run by components/catalog.py)."""
    doc = content.documents.get(DOCUMENT)
    if doc is None:
        return [Problem(FILE, "file is missing")]
    try:
        q = questionnaire_file.load_questionnaire(content)
    except content_mod.ContentError:
        q = None  # the questionnaire's own validator names its problems
    return _check(doc, q)


def words(content: Content) -> dict[str, Any]:
    """The wording, as loaded. It was checked once, at load: `catalog.load` runs
    `validate_values_pair` and fails closed (content.ContentError) if the file is broken."""
    wording: dict[str, Any] = content.documents[DOCUMENT]
    return wording


def fill(template: str, **values: str) -> str:
    """A template from data with its {placeholders} filled. The values (typed names among them)
    are put in as they are: they are never read as templates or markup."""
    return template.format_map(values)


def name_limit(content: Content) -> int:
    return int(words(content)["caregiver_part"].get("name_max_length", DEFAULT_NAME_LENGTH))


# ----------------------------------------------------------------------------------------------
# The caregiver's questions and answers
# ----------------------------------------------------------------------------------------------


def caregiver_questions(q: qn.Questionnaire, content: Content) -> tuple[qn.Question, ...]:
    """The values part's questions in the caregiver's own words, in the same order. Ids,
    scales and options stay the same, so the two people's answers can be set side by side."""
    own = words(content)["questions"]
    out = []
    for question in q.section("values").questions:
        raw = own[question.id]
        out.append(dataclasses.replace(question, label=raw["label"], help=raw.get("help", ""),
                                       caregiver=(), caregiver_suggestions=()))
    return tuple(out)


def empty_part() -> dict[str, Any]:
    """The caregiver's part before anything is entered."""
    return {"on": False, "name": "", "answers": {}}


def _values_questions(q: qn.Questionnaire) -> dict[str, qn.Question]:
    return {qq.id: qq for qq in q.section("values").questions if qq.type in ASKED_TYPES}


def clean_answers(q: qn.Questionnaire, answers: Any) -> dict[str, Any]:
    """Only the caregiver's valid answers to the values questions, in questionnaire order."""
    if not isinstance(answers, Mapping):
        return {}
    out: dict[str, Any] = {}
    for qid, question in _values_questions(q).items():
        value = answers.get(qid)
        if value is None or value == "" or qn.answer_problem(question, value) is not None:
            continue
        out[qid] = value
    return out


def clean_part(q: qn.Questionnaire, part: Any, name_max: int = DEFAULT_NAME_LENGTH
               ) -> dict[str, Any]:
    """The part in its usual shape, with anything unusable left out."""
    if not isinstance(part, Mapping):
        return empty_part()
    name = part.get("name")
    return {
        "on": part.get("on") is True,
        "name": name[:name_max] if isinstance(name, str) else "",
        "answers": clean_answers(q, part.get("answers")),
    }


def is_shown(part: Any) -> bool:
    """Whether the caregiver's answers count: the person ticked the box (they may untick it
    again; what was entered is kept, but it leaves the view and the summary)."""
    return isinstance(part, Mapping) and part.get("on") is True


# ----------------------------------------------------------------------------------------------
# The rule, and the comparison
# ----------------------------------------------------------------------------------------------


def closeness(question: qn.Question, a: Any, b: Any) -> tuple[str, int | None]:
    """How close two answers to one question are: (status, steps apart).

    The rule: on a scale, the same step is "same", one step apart is "close", and FAR_APART
    steps or more is "far"; for a choice, the same answer is "same" and different answers are
    "far" (steps None). When only one person answered: "only_patient" or "only_caregiver".
    An answer that is not valid for the question counts as not given.
    """
    a = a if a is not None and qn.answer_problem(question, a) is None else None
    b = b if b is not None and qn.answer_problem(question, b) is None else None
    if a is None and b is None:
        raise ValueError(f"neither person answered '{question.id}'")
    if b is None:
        return "only_patient", None
    if a is None:
        return "only_caregiver", None
    if question.type == "scale":
        steps = abs(int(a) - int(b))
        if steps == 0:
            return "same", 0
        return ("far" if steps >= FAR_APART else "close"), steps
    return ("same" if type(a) is type(b) and a == b else "far"), None


@dataclass(frozen=True)
class PairRow:
    """One question either person answered: both answers in words, and how close they are."""

    question_id: str
    what: str
    patient_said: str
    caregiver_said: str
    status: str
    steps: int | None

    @property
    def far(self) -> bool:
        return self.status == "far"

    @property
    def both(self) -> bool:
        return self.status in ("same", "close", "far")


def compare(
    q: qn.Questionnaire, patient_answers: Mapping[str, Any], caregiver_answers: Mapping[str, Any]
) -> list[PairRow]:
    """One row per values question (scale or choice) that either person answered, in the
    questionnaire's order: never sorted, scored or added up."""
    rows = []
    for question in q.section("values").questions:
        if question.type not in COMPARED_TYPES:
            continue
        a, b = patient_answers.get(question.id), caregiver_answers.get(question.id)
        a = a if a is not None and qn.answer_problem(question, a) is None else None
        b = b if b is not None and qn.answer_problem(question, b) is None else None
        if a is None and b is None:
            continue
        status, steps = closeness(question, a, b)
        rows.append(
            PairRow(
                question_id=question.id,
                what=question.short or question.label,
                patient_said=question.answer_label(a),
                caregiver_said=question.answer_label(b),
                status=status,
                steps=steps,
            )
        )
    return rows


# ----------------------------------------------------------------------------------------------
# Who is who, and the words of the view
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """How one person is named: `label` heads their column; `start` begins a sentence; `mid`
    sits inside one. A typed name is used exactly as typed in all three."""

    label: str
    start: str
    mid: str


def _typed(value: Any) -> str:
    return value if isinstance(value, str) and value.strip() else ""


def people(
    content: Content, answers: Mapping[str, Any], part: Mapping[str, Any] | None
) -> tuple[Person, Person]:
    """(the patient, the caregiver). The patient's name is the one given for the summary;
    when a caregiver filled in the questionnaire for the patient, the patient's column says so."""
    who = words(content)["who"]
    name = _typed(answers.get(qn.ABOUT_NAME))
    told = "patient_by_caregiver" if answers.get(qn.ABOUT_WHO) == qn.CAREGIVER else "patient"
    patient = Person(
        label=fill(who[f"{told}_named"], name=name) if name else who[told],
        start=name or who["patient"],
        mid=name or who["patient_mid"],
    )
    cg_name = _typed((part or {}).get("name"))
    caregiver = Person(
        label=fill(who["caregiver_named"], name=cg_name) if cg_name else who["caregiver"],
        start=cg_name or who["caregiver"],
        mid=cg_name or who["caregiver_mid"],
    )
    return patient, caregiver


def status_words(content: Content, row: PairRow, patient: Person, caregiver: Person) -> str:
    """How close the two answers are, in words ("Far apart: 3 steps apart")."""
    view = words(content)["view"]
    if row.status == "far":
        return fill(view["far"], steps=str(row.steps)) if row.steps else view["far_choice"]
    if row.status in ("only_patient", "only_caregiver"):
        rater = patient if row.status == "only_patient" else caregiver
        return fill(view["only_one"], who=rater.mid)
    return str(view[row.status])


def view_table(
    content: Content, rows: Sequence[PairRow], patient: Person, caregiver: Person
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(columns, rows) of the side-by-side table: what matters, what each person said (their
    column headed by who they are), and how close the answers are."""
    view = words(content)["view"]
    columns = (view["what"], patient.label, caregiver.label, view["closeness"])
    body = tuple(
        (
            row.what,
            row.patient_said or view["not_rated"],
            row.caregiver_said or view["not_rated"],
            status_words(content, row, patient, caregiver),
        )
        for row in rows
    )
    return columns, body


def talk_points(
    content: Content, rows: Sequence[PairRow], patient: Person, caregiver: Person
) -> list[str]:
    """Each difference as something to talk about, in the questionnaire's order: first the
    answers far apart, then the things only one person rated. With no difference at all, one
    line saying so. Never a verdict: no side is right, and no option is suggested."""
    view = words(content)["view"]
    points = [
        fill(view["talk_far"], a=patient.start, b=caregiver.start, what=row.what,
             a_said=row.patient_said, b_said=row.caregiver_said)
        for row in rows if row.far
    ]
    for row in rows:
        if row.status in ("only_patient", "only_caregiver"):
            rater, other = (patient, caregiver) if row.status == "only_patient" else (
                caregiver, patient)
            said = row.patient_said if row.status == "only_patient" else row.caregiver_said
            points.append(fill(view["talk_only_one"], a=rater.start, b_mid=other.mid,
                               what=row.what, a_said=said))
    if not points and any(row.both for row in rows):
        points.append(view["talk_none"])
    return points


# ----------------------------------------------------------------------------------------------
# The summary's part
# ----------------------------------------------------------------------------------------------


def summary_sections(
    content: Content, q: qn.Questionnaire, answers: Mapping[str, Any], part: Any
) -> tuple[Any, ...]:
    """The summary's "What matters to each of us?" section, after the patient's values: both
    people's answers side by side, each column marked with who gave it, the caregiver's own
    words, and the things to talk about. Empty (no section) unless the caregiver's part is
    ticked and holds at least one answer."""

    if not is_shown(part):
        return ()
    caregiver_answers = clean_answers(q, part.get("answers"))
    if not caregiver_answers:
        return ()
    text = words(content)
    patient, caregiver = people(content, answers, part)
    rows = compare(q, answers, caregiver_answers)
    said = text["summary"]
    blocks: list[Any] = [
        summary_model.Paragraph(
            fill(said["text"], patient=patient.label, caregiver=caregiver.label), "note")
    ]
    if rows:
        columns, body = view_table(content, rows, patient, caregiver)
        blocks.append(summary_model.Table(columns, body, title=said["table_title"]))
    other = [
        (fill(said["other_label"], who=caregiver.label), caregiver_answers[qq.id])
        for qq in q.section("values").questions
        if qq.type in ("text", "long_text") and _typed(caregiver_answers.get(qq.id))
    ]
    if other:
        blocks.append(summary_model.Fields(tuple(other)))
    points = talk_points(content, rows, patient, caregiver)
    if points:
        blocks.append(summary_model.Bullets(tuple(points), title=said["talk_title"]))
    blocks.append(summary_model.Paragraph(text["view"]["reminder"], "note"))
    return (summary_model.Section("values_pair", said["heading"], tuple(blocks)),)


# ----------------------------------------------------------------------------------------------
# The answers file's part
# ----------------------------------------------------------------------------------------------


def file_part(q: qn.Questionnaire, part: Any) -> dict[str, Any] | None:
    """The part as the answers file keeps it, or None when there is nothing to keep."""
    cleaned = clean_part(q, part)
    if not cleaned["on"] and not cleaned["name"] and not cleaned["answers"]:
        return None
    return cleaned


def read_part(content: Content, q: qn.Questionnaire, raw: Any) -> tuple[dict[str, Any], list[str]]:
    """The caregiver's part from an answers file, and notes for the person. A part that is
    not laid out right is left out with one note; an answer that cannot be used is left out
    with a note; the rest loads (the patient's answers are checked on their own)."""
    said = words(content)["file"]
    if not isinstance(raw, dict) or set(raw) - set(PART_KEYS):
        return empty_part(), [said["unreadable"]]
    on, name, answers = raw.get("on", False), raw.get("name", ""), raw.get("answers", {})
    limit = name_limit(content)
    if (
        not isinstance(on, bool)
        or not isinstance(name, str)
        or len(name) > limit
        or not isinstance(answers, dict)
    ):
        return empty_part(), [said["unreadable"]]
    kept = clean_answers(q, answers)
    notes = [said["left_out"]] if len(kept) < len(answers) else []
    return {"on": on, "name": name, "answers": kept}, notes
