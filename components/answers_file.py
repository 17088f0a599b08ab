"""The answers file: everything a person entered or chose anywhere in the aid, in one small
JSON file they download, and reading it back. Pure (no Streamlit).

The file holds three parts:
- "answers": the questionnaire answers (read and checked by `questionnaire`);
- "choices": what the person chose on other pages (cancer, earlier treatments, age, CAR-T
  product, planned date), each cleaned by its entry in CHOICES;
- "question_edits": their edits to the questions for the care team (summary page).
A file from version 1 holds only answers; it still loads, and a note says what it lacked. A
choice or edit that cannot be used is left out with a note; a damaged answer refuses the whole
file (see `questionnaire.read_resume_document`), so the person's current answers stay as they
are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from components import finder, journey
from components import questionnaire as qn
from components.content import Content

FILE_PREFIX = "cart-answers-"
SUMMARY_PREFIX = "cart-summary-"
MAX_EDIT_LENGTH = 2000  # one question for the care team (the summary's boxes hold as much)
MAX_EDITS = 60
_KEEP = "Your current answers have not been changed."
_CHOOSE = (
    f"choose the file whose name starts with \u201c{FILE_PREFIX}\u201d and ends with "
    "\u201c.json\u201d."
)


def _product(content: Content, value: Any) -> str | None:
    ids = set(content.table("products")["product_id"])
    return value if isinstance(value, str) and value in ids else None


def _age(content: Content, value: Any) -> int | None:
    return finder.normalise_age(value) if isinstance(value, int) else None


def _anchor(content: Content, value: Any) -> str | None:
    return value if isinstance(value, str) and value in journey.ANCHORS else None


def _date(content: Content, value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        day = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None
    return day if day is not None and 2000 <= day.year <= 2100 else None


# name in the file -> (how it reads in a note, the cleaner: a usable value or None)
CHOICES: dict[str, tuple[str, Callable[[Content, Any], Any]]] = {
    "diagnosis": ("your type of cancer", finder.known_disease),
    "prior_lines": ("your number of earlier treatments",
                    lambda content, value: finder.normalise_lines(value)),
    "age": ("your age", _age),
    "product": ("your CAR-T product", _product),
    "journey_anchor": ("which planned date you have", _anchor),
    "journey_date": ("your planned date", _date),
}


@dataclass(frozen=True)
class Loaded:
    """What a file brought back, and the notes for the person."""

    answers: dict[str, Any]
    choices: dict[str, Any] = field(default_factory=dict)
    question_edits: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()


def file_name(today: dt.date) -> str:
    """cart-answers-2026-11-25.json: the same name on every page."""
    return qn.answers_file_name(today)


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
        return isinstance(value, str) and 0 < len(value) <= qn.MAX_KEY_LENGTH

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
) -> bytes:
    """Everything the person entered or chose, as the answers file's bytes."""
    edits = clean_edits(dict(question_edits)) if question_edits else None
    if edits is not None and not any(edits.values()):
        edits = None
    return qn.to_resume_file(
        answers, q, content_version=content.meta.get("content_version"),
        extra={"choices": clean_choices(content, choices or {}), "question_edits": edits},
    )


def wrong_file(data: bytes, name: str) -> str | None:
    """A plain sentence when the file is clearly another download of this aid (the summary
    or the calendar), else None."""
    lower = (name or "").lower()
    start = bytes(data[:16]).lstrip(b"\xef\xbb\xbf")
    if lower.startswith(SUMMARY_PREFIX) or start.startswith(b"%PDF") or lower.endswith(".pdf"):
        return f"This is your summary, not your answers file. To continue, {_CHOOSE} {_KEEP}"
    if start.startswith(b"BEGIN:VCALENDAR") or lower.endswith(".ics"):
        return f"This is your calendar file, not your answers file. To continue, {_CHOOSE} {_KEEP}"
    return None


def read(data: bytes, name: str, q: qn.Questionnaire, content: Content) -> Loaded:
    """Read an answers file; raises questionnaire.ResumeFileError with a message to show."""
    if isinstance(data, (bytes, bytearray)) and (message := wrong_file(data, name)):
        raise qn.ResumeFileError(message)
    try:
        doc, answers, notes = qn.read_resume_document(
            data, q, content_version=content.meta.get("content_version"))
    except qn.ResumeFileError as exc:
        if (name or "").lower().endswith(".json") or "saved by a newer" in exc.message:
            raise
        raise qn.ResumeFileError(f"{exc.message} To continue, {_CHOOSE}") from None
    if doc["version"] < 2:
        notes.append(
            "This file was saved by an earlier version of the aid. It holds your answers, "
            "but not your choices on other pages (such as your CAR-T product and planned "
            "date) or your edits to the questions for your care team. Please choose those "
            "again."
        )
    choices, more = _read_choices(content, doc.get("choices", {}))
    edits = None
    if "question_edits" in doc:
        edits = clean_edits(doc["question_edits"])
        if edits is None:
            more.append("Your edits to the questions for your care team could not be read, "
                        "so the aid's own questions are shown.")
    return Loaded(answers, choices, edits, tuple([*notes, *more]))


def _read_choices(content: Content, raw: Any) -> tuple[dict[str, Any], list[str]]:
    if not isinstance(raw, dict):
        return {}, ["Your choices on other pages could not be read, so they were not loaded."]
    out: dict[str, Any] = {}
    notes: list[str] = []
    for name, value in raw.items():
        if name not in CHOICES:
            notes.append(f"The file has a choice this aid does not know ({qn.safe_name(name)}"
                         "), so it was not loaded.")
            continue
        label, clean = CHOICES[name]
        usable = clean(content, value)
        if usable is None and value is not None:
            notes.append(f"The file's {label} could not be used, so it was not loaded.")
        elif usable is not None:
            out[name] = usable
    return out, notes


def loaded_message(loaded: Loaded) -> str:
    """One plain sentence after a successful load."""
    parts = [f"{len(loaded.answers)} answer{'' if len(loaded.answers) == 1 else 's'}"]
    if loaded.choices:
        n = len(loaded.choices)
        parts.append(f"{n} choice{'' if n == 1 else 's'} from other pages")
    if loaded.question_edits:
        parts.append("your questions for the care team")
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    extra = " Please read the notes below." if loaded.notes else ""
    return f"Loaded {said} from your file.{extra}"


def earlier_session_lost(websocket_protocols: str | None, session_id: str) -> bool:
    """True when this browser tab had a session that this server does not hold: the tab
    reconnected (to another replica, or to a restarted server) and what it entered is gone.

    The browser names its earlier session as the third entry of the websocket handshake's
    `Sec-WebSocket-Protocol` header ("streamlit, <xsrf token>, <earlier session id>"); a
    first visit names none, and a reconnection to the same session names this one."""
    entries = [e.strip() for e in (websocket_protocols or "").split(",")]
    earlier = entries[2] if len(entries) >= 3 else ""
    return bool(earlier) and earlier != session_id
