"""The person's situation: which cancer, how many earlier treatments, which CAR-T product, and
age. It has one home (session state, read through `components/ui_situation.py`); every page and
the questionnaire's About-me questions read and write it there.

This module is pure: it turns stored values into a typed `Situation` (dropping only values that
cannot be right, such as an unknown cancer), and turns a situation into the two About-me answers
that the summary and the answers file show. "I am not sure" is part of the situation too, so
saying it in the questionnaire is kept, and a cancer chosen on any page replaces it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from components import finder
from components import questionnaire as qn
from components.content import Content

# The About-me questions whose answer is the situation itself: question id -> field name.
BOUND: dict[str, str] = {qn.ABOUT_DIAGNOSIS: "diagnosis", qn.ABOUT_PRIOR_LINES: "prior_lines"}


@dataclass(frozen=True)
class Situation:
    diagnosis: str | None = None  # a disease_id from diseases.csv
    prior_lines: int | None = None  # one of finder.LINE_CHOICES (the last means "or more")
    product: str | None = None  # a product_id from products.csv
    age: int | None = None  # whole years, 0-120
    unsure: frozenset[str] = frozenset()  # fields the person said "I am not sure" about

    def said_unsure(self, name: str) -> bool:
        """True when the person said "I am not sure" and nothing was chosen since."""
        return name in self.unsure and getattr(self, name) is None


def normalise(content: Content, diagnosis: object = None, prior_lines: object = None,
              product: object = None, age: object = None, unsure: object = ()) -> Situation:
    """Stored values as a typed situation: an unknown cancer or product is no choice, a count
    of earlier treatments above the last choice becomes "or more", an impossible age none."""
    known_products = {r["product_id"] for r in content.rows("products")}
    names = set(unsure) if isinstance(unsure, list | tuple | set | frozenset) else set()
    return Situation(
        diagnosis=finder.known_disease(content, diagnosis),
        prior_lines=finder.normalise_lines(prior_lines),
        product=product if isinstance(product, str) and product in known_products else None,
        age=finder.normalise_age(age),
        unsure=frozenset(n for n in names if n in BOUND.values()),
    )


def answer_view(situation: Situation) -> dict[str, Any]:
    """The About-me answers the situation gives: {question id: value}, "not sure" included,
    nothing for a field the person has not told us."""
    out: dict[str, Any] = {}
    for qid, name in BOUND.items():
        value = getattr(situation, name)
        if value is not None:
            out[qid] = value
        elif situation.said_unsure(name):
            out[qid] = qn.NOT_SURE
    return out


def answered(unsure: Collection[str], question_id: str, value: object) -> dict[str, Any]:
    """What answering one bound About-me question changes in the situation: {field: value},
    with the "unsure" list updated ("I am not sure" and no answer both clear the field)."""
    name = BOUND[question_id]
    unsure = set(unsure) - {name}
    if value == qn.NOT_SURE:
        unsure.add(name)
    chosen = None if value == qn.NOT_SURE else value
    return {name: chosen, "unsure": sorted(unsure)}


def split_answers(answers: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Answers as kept in a file (About-me included) -> (the other answers, the situation's
    fields they give, as `answered` returns them)."""
    rest = {k: v for k, v in answers.items() if k not in BOUND}
    fields: dict[str, Any] = {}
    for qid in BOUND:
        if qid in answers:
            fields.update(answered(fields.get("unsure", ()), qid, answers[qid]))
    return rest, fields


def answers_with(answers: Mapping[str, Any], situation: Situation) -> dict[str, Any]:
    """The answers with the About-me answers the situation gives laid over them (the situation
    is their home; answers kept elsewhere, as in an older file, count only where it is silent)."""
    return {**answers, **answer_view(situation)}
