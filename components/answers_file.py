"""The answers file: everything a person entered or chose anywhere in the aid, in one small
JSON file they download, and reading it back. Pure (no Streamlit).

The file holds three parts:
- "answers": the questionnaire answers (each checked by `questionnaire.answer_problem`);
- "choices": what the person chose on other pages (cancer, earlier treatments, age, CAR-T
  product, planned date), each cleaned by its entry in CHOICES;
- "question_edits": their edits to the questions for the care team (summary page);
- "caregiver_values": a caregiver's own answers to "What matters to me" (values_pair);
- "rota" and "stay_cost" (version 3): the caregiver rota and the travel and lodging figures
  (caregiver page), cleaned by `components/rota.py` and `components/stay_cost.py`.
A file from version 1 holds only answers, one from version 2 no caregiver parts; both still
load, and a note says what they lacked. A
choice or edit that cannot be used is left out with a note; a damaged answer refuses the whole
file (see `read_resume_document`), so the person's current answers stay as they
are.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from components import finder, rota, schedule, stay_cost, values_pair
from components import questionnaire as qn
from components.content import Content
from components.questionnaire import Questionnaire, answer_problem, clean_answers

FILE_PREFIX = "cart-answers-"
SUMMARY_PREFIX = "cart-summary-"
MAX_EDIT_LENGTH = 2000  # one question for the care team (the summary's boxes hold as much)
MAX_EDITS = 60


def _keep(content: Content, text: str) -> str:
    """A refusal, with the word that nothing on screen changed."""
    keep = content.words("answers_keep")
    return f"{text} {keep}"


def _choose(content: Content) -> str:
    return content.words("answers_choose", prefix=FILE_PREFIX)


def _product(content: Content, value: Any) -> str | None:
    ids = set(content.table("products")["product_id"])
    return value if isinstance(value, str) and value in ids else None


def _age(content: Content, value: Any) -> int | None:
    return finder.normalise_age(value) if isinstance(value, int) else None


def _anchor(content: Content, value: Any) -> str | None:
    return value if isinstance(value, str) and value in schedule.ANCHORS else None


def _date(content: Content, value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None
    return day if day is not None and 2000 <= day.year <= 2100 else None


# name in the file -> (how it reads in a note: a wording id, the cleaner: a usable value or None)
CHOICES: dict[str, tuple[str, Callable[[Content, Any], Any]]] = {
    "diagnosis": ("answers_choice_diagnosis", finder.known_disease),
    "prior_lines": ("answers_choice_prior_lines",
                    lambda content, value: finder.normalise_lines(value)),
    "age": ("answers_choice_age", _age),
    "product": ("answers_choice_product", _product),
    "journey_anchor": ("answers_choice_anchor", _anchor),
    "journey_date": ("answers_choice_date", _date),
}


@dataclass(frozen=True)
class Loaded:
    """What a file brought back, and the notes for the person."""

    answers: dict[str, Any]
    choices: dict[str, Any] = field(default_factory=dict)
    question_edits: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()
    caregiver_values: dict[str, Any] | None = None  # values_pair's part, or None
    caregiver_words: str = ""  # how the success message names that part (data/)
    rota: list[dict[str, str]] | None = None  # None: the file had no rota part
    stay_cost: dict[str, Any] | None = None
    message: str = ""  # the sentence after a successful load (`loaded_message`), from data/


def file_name(today: dt.date) -> str:
    """cart-answers-2026-11-25.json: the same name on every page."""
    return answers_file_name(today)


def clean_choices(content: Content, choices: Mapping[str, Any]) -> dict[str, Any]:
    """The choices worth saving, as JSON values (dates as 2026-12-03); unusable ones dropped."""
    out: dict[str, Any] = {}
    for name, (_, clean) in CHOICES.items():
        value = clean(content, choices.get(name))
        if value is not None:
            out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def clean_edits(raw: Any) -> dict[str, Any] | None:
    """Question edits in the summary's shape, or None when the shape or a text is wrong."""
    if not isinstance(raw, dict) or set(raw) - {"text", "removed", "added"}:
        return None
    text, removed, added = raw.get("text", {}), raw.get("removed", []), raw.get("added", [])

    def ok_text(value: Any) -> bool:
        return isinstance(value, str) and len(value) <= MAX_EDIT_LENGTH

    def ok_id(value: Any) -> bool:
        return isinstance(value, str) and 0 < len(value) <= MAX_KEY_LENGTH

    if not (
        isinstance(text, dict) and isinstance(removed, list) and isinstance(added, list)
        and len(text) + len(removed) + len(added) <= MAX_EDITS
        and all(ok_id(k) and ok_text(v) for k, v in text.items())
        and all(ok_id(r) for r in removed)
        and all(isinstance(a, list) and len(a) == 2 and ok_id(a[0]) and ok_text(a[1])
                for a in added)
    ):
        return None
    return {"text": dict(text), "removed": list(removed), "added": [list(a) for a in added]}


def to_file(
    answers: Mapping[str, Any], q: qn.Questionnaire, content: Content, *,
    choices: Mapping[str, Any] | None = None, question_edits: Mapping[str, Any] | None = None,
    caregiver_values: Mapping[str, Any] | None = None,
    rota_records: Any = None, stay_cost_inputs: Any = None,
) -> bytes:
    """Everything the person entered or chose, as the answers file's bytes."""
    edits = clean_edits(dict(question_edits)) if question_edits else None
    if edits is not None and not any(edits.values()):
        edits = None
    entries, _ = rota.read_records(rota_records or [])
    return to_resume_file(
        answers, q, content_version=content.meta.get("content_version"),
        extra={"choices": clean_choices(content, choices or {}), "question_edits": edits,
               values_pair.FILE_PART: values_pair.file_part(q, caregiver_values),
               "rota": [rota.to_record(e) for e in entries],
               "stay_cost": stay_cost.clean(stay_cost_inputs)},
    )


def wrong_file(data: bytes, name: str, content: Content) -> str | None:
    """A plain sentence when the file is clearly another download of this aid (the summary
    or the calendar), else None."""
    lower = (name or "").lower()
    start = bytes(data[:16]).lstrip(b"\xef\xbb\xbf")
    if lower.startswith(SUMMARY_PREFIX) or start.startswith(b"%PDF") or lower.endswith(".pdf"):
        said = content.words("answers_is_summary")
    elif start.startswith(b"BEGIN:VCALENDAR") or lower.endswith(".ics"):
        said = content.words("answers_is_calendar")
    else:
        return None
    return _keep(content, f"{said} {_choose(content)}")


def read(data: bytes, name: str, q: qn.Questionnaire, content: Content) -> Loaded:
    """Read an answers file; raises questionnaire.ResumeFileError with a message to show."""
    if isinstance(data, (bytes, bytearray)):
        check_resume_size(len(data), content)
        if message := wrong_file(data, name, content):
            raise ResumeFileError(message)
    try:
        doc, answers, notes = read_resume_document(
            data, q, content, content_version=content.meta.get("content_version"))
    except ResumeFileError as exc:
        if (name or "").lower().endswith(".json") or exc.newer:
            raise
        raise ResumeFileError(f"{exc.message} {_choose(content)}") from None
    if doc["version"] < 2:
        notes.append(content.words("answers_from_version_one"))
    elif doc["version"] < 3:
        notes.append(content.words("answers_from_version_two"))
    if doc["version"] < 3:
        notes.append(values_pair.words(content)["file"]["old_version"])
    choices, more = _read_choices(content, doc.get("choices", {}))
    edits = None
    if "question_edits" in doc:
        edits = clean_edits(doc["question_edits"])
        if edits is None:
            more.append(content.words("answers_edits_unread"))
    caregiver = None
    if values_pair.FILE_PART in doc:
        caregiver, found = values_pair.read_part(content, q, doc[values_pair.FILE_PART])
        more += found
    rota_records, stay = _read_caregiver(content, doc, more)
    loaded = Loaded(answers, choices, edits, tuple([*notes, *more]), caregiver,
                    values_pair.words(content)["file"]["loaded"], rota_records, stay)
    return replace(loaded, message=_loaded_words(content, loaded))


def _read_caregiver(content: Content, doc: Mapping[str, Any], notes: list[str]
                    ) -> tuple[list[dict[str, str]] | None, dict[str, Any] | None]:
    """The rota and the cost figures of a version-3 file (None for a part it lacks)."""
    records = None
    if "rota" in doc:
        entries, left_out = rota.read_records(doc["rota"])
        records = [rota.to_record(e) for e in entries]
        if left_out:
            notes.append(content.words("answers_rota_left_out_one", n=left_out) if left_out == 1
                         else content.words("answers_rota_left_out", n=left_out))
    stay = None
    if "stay_cost" in doc:
        stay = stay_cost.clean(doc["stay_cost"])
        if stay_cost.dropped(doc["stay_cost"]):
            notes.append(content.words("answers_stay_left_out"))
    return records, stay


def _read_choices(content: Content, raw: Any) -> tuple[dict[str, Any], list[str]]:
    if not isinstance(raw, dict):
        return {}, [content.words("answers_choices_unread")]
    out: dict[str, Any] = {}
    notes: list[str] = []
    for name, value in raw.items():
        if name not in CHOICES:
            notes.append(content.words("answers_unknown_choice", name=safe_name(name, content)))
            continue
        label, clean = CHOICES[name]
        usable = clean(content, value)
        if usable is None and value is not None:
            notes.append(content.words("answers_choice_unusable", label=content.words(label)))
        elif usable is not None:
            out[name] = usable
    return out, notes


def loaded_message(loaded: Loaded) -> str:
    """One plain sentence after a successful load (worked out by `read`, words from data/)."""
    return loaded.message


def _loaded_words(content: Content, loaded: Loaded) -> str:
    n = len(loaded.answers)
    parts = [content.words("answers_loaded_answer", n=n) if n == 1
             else content.words("answers_loaded_answers", n=n)]
    if loaded.choices:
        n = len(loaded.choices)
        parts.append(content.words("answers_loaded_choice", n=n) if n == 1
                     else content.words("answers_loaded_choices", n=n))
    if loaded.question_edits:
        parts.append(content.words("answers_loaded_edits"))
    if loaded.caregiver_values and loaded.caregiver_values.get("answers"):
        parts.append(loaded.caregiver_words)
    if loaded.rota:
        parts.append(content.words("answers_loaded_rota"))
    if loaded.stay_cost:
        parts.append(content.words("answers_loaded_stay"))
    return _said(content, parts, bool(loaded.notes))


def _said(content: Content, parts: Sequence[str], notes: bool) -> str:
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    message = content.words("answers_loaded", what=said)
    if not notes:
        return message
    read_notes = content.words("answers_loaded_notes")
    return f"{message} {read_notes}"


RESUME_FORMAT = "cart-decision-aid-answers"
# 2 added "choices" and "question_edits"; 3 added "caregiver_values" (a caregiver's own answers
# to "What matters to me", components/values_pair.py), "rota" and "stay_cost" (caregiver page).
RESUME_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
MAX_FILE_BYTES = 64 * 1024
MAX_DEPTH = 4  # {"answers": {"id": ["value"]}} is 3 deep
MAX_ANSWERS = 300
MAX_KEY_LENGTH = 64
_TOP_LEVEL_REQUIRED = ("format", "version", "answers")
_TOP_LEVEL_OPTIONAL = ("content_version", "choices", "question_edits", "caregiver_values",
                       "rota", "stay_cost")
_SAFE_ID = re.compile(r"[A-Za-z0-9_]{1,64}")
_VERSION_TEXT = re.compile(r"[A-Za-z0-9._-]{1,32}")


def answers_file_name(today: dt.date) -> str:
    """The answers file's name, with the date, the same on every page:
    cart-answers-2026-11-25.json."""
    return f"cart-answers-{today.isoformat()}.json"


class ResumeFileError(ValueError):
    """A resume file that cannot be used; `message` is safe to show to the person as it is.
    `newer`: the file came from a newer version of the aid (so its name is not the problem)."""

    def __init__(self, message: str, *, newer: bool = False):
        self.message = message
        self.newer = newer
        super().__init__(message)


def to_resume_file(
    answers: Mapping[str, Any], q: Questionnaire, *, content_version: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> bytes:
    """The answers as a small versioned JSON file (UTF-8; text kept exactly as typed).
    `extra` holds the other top-level parts (`_TOP_LEVEL_OPTIONAL`), already cleaned."""
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


def _no_duplicates(content: Content) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ResumeFileError(_keep(content, content.words("answers_twice")))
        return dict(pairs)
    return pairs_hook


def _reject_constant(content: Content) -> Callable[[str], Any]:
    def refuse(name: str) -> Any:
        raise ResumeFileError(content.words("answers_constant", name=name))
    return refuse


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


def safe_name(key: str, content: Content) -> str:
    return f"'{key}'" if _SAFE_ID.fullmatch(key) else content.words("answers_unusual_name")


def check_resume_size(size: int, content: Content) -> None:
    """Refuse a file over the size cap before reading it (raises ResumeFileError)."""
    if size > MAX_FILE_BYTES:
        raise ResumeFileError(_keep(content, content.words(
            "answers_too_large", kb=MAX_FILE_BYTES // 1024)))


def parse_resume_file(
    data: bytes, q: Questionnaire, content: Content, *, content_version: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Read an answers file saved by this aid.

    Returns (answers, notes). Notes tell the person about anything not loaded, e.g. a question
    that is not in this version of the aid. Raises ResumeFileError with a clear, safe message
    for an empty, oversized, non-UTF-8, non-JSON, duplicated, too deeply nested, foreign or
    wrong-version file, or for any answer of the wrong type; the caller keeps the current
    answers untouched.
    """
    _, answers, notes = read_resume_document(data, q, content, content_version=content_version)
    return answers, notes


def read_resume_document(
    data: bytes, q: Questionnaire, content: Content, *, content_version: str | None = None
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """`parse_resume_file`, also returning the whole document (for its other parts)."""
    def refused(wording_id: str, **fields: object) -> ResumeFileError:
        return ResumeFileError(_keep(content, content.words(wording_id, **fields)))

    if not isinstance(data, (bytes, bytearray)):
        raise refused("answers_unreadable")
    if len(data) == 0:
        raise refused("answers_empty")
    check_resume_size(len(data), content)
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refused("answers_not_text") from None
    if _depth(text) > MAX_DEPTH:
        raise refused("answers_not_laid_out")
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates(content),
                         parse_constant=_reject_constant(content))
    except ResumeFileError:
        raise
    except (json.JSONDecodeError, RecursionError, ValueError):
        raise refused("answers_not_json") from None
    if not isinstance(doc, dict) or doc.get("format") != RESUME_FORMAT:
        raise refused("answers_foreign")
    extra = sorted(set(doc) - set(_TOP_LEVEL_REQUIRED) - set(_TOP_LEVEL_OPTIONAL))
    missing = [k for k in _TOP_LEVEL_REQUIRED if k not in doc]
    if extra or missing:
        raise refused("answers_not_laid_out")
    version = doc["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise refused("answers_no_version")
    if version > RESUME_VERSION:
        raise ResumeFileError(_keep(content, content.words(
            "answers_newer", version=version, reads=RESUME_VERSION)), newer=True)
    if version not in READABLE_VERSIONS:
        raise refused("answers_unknown_version", version=version)
    notes: list[str] = []
    saved_with = doc.get("content_version")
    if saved_with is not None and (
        not isinstance(saved_with, str) or not _VERSION_TEXT.fullmatch(saved_with)
    ):
        raise refused("answers_not_laid_out")
    if saved_with and content_version and saved_with != content_version:
        notes.append(content.words("answers_other_content", saved=saved_with,
                                   now=content_version))
    raw = doc["answers"]
    if not isinstance(raw, dict):
        raise refused("answers_not_laid_out_answers")
    if len(raw) > MAX_ANSWERS:
        raise refused("answers_too_many")
    answers: dict[str, Any] = {}
    for key, value in raw.items():
        if len(key) > MAX_KEY_LENGTH or key not in q.by_id:
            notes.append(content.words("answers_unknown_question",
                                       name=safe_name(key, content)))
            continue
        question = q.by_id[key]
        if value is None:
            continue
        problem = answer_problem(question, value)
        if problem:
            raise refused("answers_bad_answer", key=key, problem=problem)
        if value == "" or value == []:
            continue
        answers[key] = list(value) if isinstance(value, list) else value
    return doc, answers, notes


def resume_summary(answers: Mapping[str, Any], notes: Sequence[str], content: Content) -> str:
    """One plain sentence after a successful load."""
    n = len(answers)
    loaded = (content.words("answers_loaded_answer", n=n) if n == 1
              else content.words("answers_loaded_answers", n=n))
    return _said(content, [loaded], bool(notes))
def earlier_session_lost(websocket_protocols: str | None, session_id: str) -> bool:
    """True when this browser tab had a session that this server does not hold: the tab
    reconnected (to another replica, or to a restarted server) and what it entered is gone.

    The browser names its earlier session as the third entry of the websocket handshake's
    `Sec-WebSocket-Protocol` header ("streamlit, <xsrf token>, <earlier session id>"); a
    first visit names none, and a reconnection to the same session names this one."""
    entries = [e.strip() for e in (websocket_protocols or "").split(",")]
    earlier = entries[2] if len(entries) >= 3 else ""
    return bool(earlier) and earlier != session_id
