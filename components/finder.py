"""The CAR-T finder: which approved products fit a diagnosis, a number of earlier treatments
and (optionally) an age, which do not and why, in plain words.

Pure (no Streamlit). Reads the `diseases`, `products` and `indications` tables. It never says
that a product is right for someone: "fits what you told us" means only that the FDA approval
covers that situation. The care team checks the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components import content as content_mod
from components import dates
from components.content import Content
from components.frequencies import is_missing

# How well one product fits, best first.
APPLIES = "applies"
CHECK_LINES = "check_lines"  # we do not know how many treatments the person has had
CHECK_CONDITIONS = "check_conditions"  # an answer the approval depends on is missing
NOT_MET = "not_met"  # an answer rules out the approval's other conditions
NOT_YET = "not_yet"  # approved for this cancer, but only after more earlier treatments
AGE = "age"  # approved for this cancer, but not at this age (or the age is not known)
OTHER_CANCER = "other_cancer"  # not approved for this cancer at all
RANK: dict[str, int] = {
    APPLIES: 0, CHECK_LINES: 1, CHECK_CONDITIONS: 2, NOT_MET: 3, NOT_YET: 4, AGE: 5,
    OTHER_CANCER: 6,
}
MAY_FIT = (APPLIES, CHECK_LINES, CHECK_CONDITIONS)
NOT_SURE = "not_sure"  # the questionnaire's "I am not sure" answer

# The same cancer split by age in diseases.csv: products approved for one age group are shown
# for the other too, with the age rule as the reason.
SAME_CANCER: dict[str, str] = {"ball_young": "ball_adult", "ball_adult": "ball_young"}

MAX_PRIOR_LINES = 10
APPROVAL_WORDS = {  # type of approval -> its wording id (data/wording.csv)
    "regular": "finder_approval_regular",
    "accelerated": "finder_approval_accelerated",
    "not confirmed": "finder_approval_not_confirmed",
}


@dataclass(frozen=True)
class IndicationFit:
    """One approved use of a product, and how it fits what the person told us."""

    indication_id: str
    disease_id: str
    disease_name: str
    status: str
    reason: str
    line_plain: str
    extra_conditions: str
    age_text: str
    approved_text: str
    approval_text: str
    trial: str
    source_id: str


@dataclass(frozen=True)
class ProductFit:
    """One product: its best fit over its approved uses, with the plain reason."""

    product_id: str
    brand: str
    generic: str
    target: str
    status: str
    reason: str
    indications: tuple[IndicationFit, ...]


@dataclass(frozen=True)
class FinderResult:
    """Everything the 'Is it for me?' page shows for one diagnosis."""

    disease_id: str
    disease_name: str
    trial_only: bool
    summary: str
    fits: tuple[ProductFit, ...]  # MAY_FIT
    not_fitting: tuple[ProductFit, ...]  # NOT_MET, NOT_YET or AGE: approved for this cancer
    other_cancers: tuple[ProductFit, ...]  # OTHER_CANCER

    @property
    def applies(self) -> tuple[str, ...]:
        """Brand names of the products whose approval covers what the person told us."""
        return tuple(p.brand for p in self.fits if p.status == APPLIES)


@dataclass(frozen=True)
class Condition:
    """One condition of an approval that an answer decides (a row of approval_conditions)."""

    condition_id: str
    question_id: str
    meets: str
    fails: str
    needs: str
    told_not: str

    def met(self, answers: Mapping[str, Any]) -> bool | None:
        """True or False from the person's answer; None when it is missing or "not sure".

        For a tick-all-that-apply question an answer without the box ticked means "no",
        unless the person also ticked "not sure"."""
        value = answers.get(self.question_id)
        if isinstance(value, list):
            if self.meets in value:
                return True
            return None if not value or NOT_SURE in value else False
        if value == self.meets:
            return True
        return False if self.fails and value == self.fails else None


def conditions(content: Content) -> dict[str, Condition]:
    """Every approval condition by id."""
    return {
        r["condition_id"]: Condition(
            r["condition_id"], r["question_id"], r["meets"], r["fails"] or "", r["needs"],
            r["told_not"],
        )
        for r in content.rows("approval_conditions")
    }


def requirement(text: object) -> tuple[tuple[str, ...], ...]:
    """An indication's `requires` as clauses that must all hold, each met by any of its ids:
    "a|b;c" is (a or b) and c."""
    if not _present(text):
        return ()
    return tuple(
        tuple(term.strip() for term in clause.split("|"))
        for clause in str(text).split(";") if clause.strip()
    )


def _either(words: list[str], joiner: str = "or ") -> str:
    """Alternatives in words: "a", "a, or b" (a comma, as each may contain its own "or")."""
    return (", " + joiner).join(words)


def _check_conditions(
    content: Content, row: Mapping[str, Any], known: dict[str, Condition],
    answers: Mapping[str, Any],
) -> tuple[str, str] | None:
    """(status, reason) when the approval's conditions are not all met, else None."""
    clauses = requirement(row.get("requires"))
    if not clauses:
        return None
    failed: list[tuple[Condition, ...]] = []
    unknown: list[tuple[Condition, ...]] = []
    for clause in clauses:
        conds = tuple(known[c] for c in clause)
        results = [c.met(answers) for c in conds]
        if any(r is True for r in results):
            continue
        (failed if all(r is False for r in results) else unknown).append(conds)
    if not failed and not unknown:
        return None
    line = row["line_plain"][0].lower() + row["line_plain"][1:]
    if failed:
        needs = " and ".join(_either([c.needs for c in clause]) for clause in failed)
        told = " ".join(dict.fromkeys(
            c.told_not for clause in failed for c in clause if c.met(answers) is False))
        return NOT_MET, content.words("finder_only_when", line=line, needs=needs, told=told)
    missing = ", and whether ".join(
        _either([c.needs for c in clause if c.met(answers) is None], "or whether ")
        for clause in unknown
    )
    return CHECK_CONDITIONS, content.words("finder_depends", missing=missing)


def condition_question_ids(content: Content) -> tuple[str, ...]:
    """Every question whose answer an approval depends on, in file order."""
    return tuple(dict.fromkeys(c.question_id for c in conditions(content).values()))


def condition_questions(content: Content, disease_id: str | None,
                        prior_lines: int | None) -> tuple[str, ...]:
    """The question ids whose answers decide an approval for this cancer and number of
    earlier treatments (every approval's, when the number is not known), in file order."""
    if not disease_id:
        return ()
    known = conditions(content)
    ids: list[str] = []
    for row in content.rows("indications"):
        if row["disease_id"] != disease_id or not _fits_lines(row, prior_lines):
            continue
        ids += [known[c].question_id for clause in requirement(row["requires"]) for c in clause]
    return tuple(dict.fromkeys(ids))


def _fits_lines(row: Mapping[str, Any], prior_lines: int | None) -> bool:
    if prior_lines is None:
        return True
    high = row["max_prior_lines"]
    return prior_lines >= int(row["min_prior_lines"]) and not (
        _present(high) and prior_lines > high)


def _present(value: object) -> bool:
    return not is_missing(value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def age_text(content: Content, min_age: object, max_age: object) -> str:
    """The age rule of an approval in words."""
    low = int(min_age) if _present(min_age) else None  # type: ignore[call-overload]
    high = int(max_age) if _present(max_age) else None  # type: ignore[call-overload]
    if low is not None and high is not None:
        return content.words("finder_ages", low=low, high=high)
    if low is not None:
        return content.words("finder_adults" if low == 18 else "finder_aged", low=low)
    if high is not None:
        return content.words("finder_up_to_age", high=high)
    return content.words("finder_no_age_limit")


def approved_text(content: Content, approved: object) -> str:
    """A partial date (2017, 2022-06, 2017-08-30) in words; "not reported" when missing."""
    if not _present(approved):
        return content.words("finder_date_not_reported")
    return dates.partial_date(str(approved))


def _age_fits(row: Mapping[str, Any], age: int) -> bool:
    low, high = row["min_age"], row["max_age"]
    return not ((_present(low) and age < low) or (_present(high) and age > high))


def normalise_age(value: object) -> int | None:
    """A stored age as a whole number of years 0-120, or None when missing or impossible."""
    if value is None or isinstance(value, bool):
        return None
    try:
        age = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if age != age or not 0 <= age <= 120:
        return None
    return int(age)


def age_group_indications(content: Content, disease_id: str | None, age: object) -> list[str]:
    """Indication ids to show for a diagnosis, given the person's age (if any).

    Every approval for the diagnosis itself, plus, for a cancer split by age (B-cell ALL), the
    approvals of the other age group whose age range includes `age`. Without an age, or for
    other cancers, only the diagnosis's own approvals.
    """
    if not disease_id:
        return []
    rows = content.rows("indications")
    ids = [r["indication_id"] for r in rows if r["disease_id"] == disease_id]
    years, sibling = normalise_age(age), SAME_CANCER.get(disease_id)
    if years is None or sibling is None:
        return ids
    return ids + [r["indication_id"] for r in rows
                  if r["disease_id"] == sibling and _age_fits(r, years)]


def age_group_note(content: Content, disease_id: str | None, age: object) -> str | None:
    """A sentence for pages split by diagnosis: which other age group's products fit this age."""
    years, sibling = normalise_age(age), SAME_CANCER.get(disease_id or "")
    if years is None or sibling is None:
        return None
    rows = content.table("indications")
    extra = [i for i in age_group_indications(content, disease_id, years)
             if i in set(rows.loc[rows["disease_id"] == sibling, "indication_id"])]
    if not extra:
        return None
    brands = dict(zip(content.table("products")["product_id"],
                      content.table("products")["brand"], strict=True))
    products = rows.set_index("indication_id").loc[extra, "product_id"]
    names = _join([brands[p] for p in dict.fromkeys(products)])
    diseases = content.table("diseases").set_index("disease_id")
    return content.words("finder_age_group_note", age=years, products=names,
                         cancer=diseases.loc[sibling, "short_name"])


def _fit(content: Content, row: Mapping[str, Any], disease_names: dict[str, str],
         prior_lines: int | None, age: int | None, other_age_group: bool,
         known: dict[str, Condition], answers: Mapping[str, Any]) -> IndicationFit:
    need = int(row["min_prior_lines"])
    ages = age_text(content, row["min_age"], row["max_age"])
    if other_age_group and age is None:
        status, reason = AGE, content.words("finder_age_group_unknown", ages=ages.lower())
    elif age is not None and not _age_fits(row, age):
        status, reason = AGE, content.words("finder_age_group", ages=ages.lower(), age=age)
    elif prior_lines is None:
        status = CHECK_LINES
        reason = content.words("finder_check_lines",
                               line=f"{row['line_plain'][0].lower()}{row['line_plain'][1:]}")
    elif prior_lines < need:
        status = NOT_YET
        reason = content.words("finder_not_yet_one" if need == 1 else "finder_not_yet",
                               need=need, told=_plural(prior_lines, "earlier treatment"))
    elif _present(row["max_prior_lines"]) and prior_lines > row["max_prior_lines"]:
        most = int(row["max_prior_lines"])
        status = NOT_YET
        reason = content.words("finder_exactly", most=_plural(most, "earlier treatment"),
                               told=_plural(prior_lines, "earlier treatment"))
    elif (unmet := _check_conditions(content, row, known, answers)) is not None:
        status, reason = unmet
    else:
        status, reason = APPLIES, content.words("finder_fits")
    return IndicationFit(
        indication_id=row["indication_id"],
        disease_id=row["disease_id"],
        disease_name=disease_names[row["disease_id"]],
        status=status,
        reason=reason,
        line_plain=row["line_plain"],
        extra_conditions=row["extra_conditions"] or "",
        age_text=ages,
        approved_text=approved_text(content, row["approved"]),
        approval_text=content.words(APPROVAL_WORDS[row["approval_type"]]),
        trial=row["trial"] or "",
        source_id=row["source_id"],
    )


def _check_inputs(content: Content, disease_id: str, prior_lines: int | None,
                  age: int | None) -> Mapping[str, Any]:
    match = next((r for r in content.rows("diseases") if r["disease_id"] == disease_id), None)
    if match is None:
        raise ValueError(f"Unknown diagnosis: {disease_id!r}")
    if prior_lines is not None and not 0 <= prior_lines <= MAX_PRIOR_LINES:
        raise ValueError(f"Number of earlier treatments must be 0 to {MAX_PRIOR_LINES}")
    if age is not None and not 0 <= age <= 120:
        raise ValueError("Age must be 0 to 120")
    return match


def find_products(
    content: Content, disease_id: str, prior_lines: int | None = None, age: int | None = None,
    answers: Mapping[str, Any] | None = None,
) -> FinderResult:
    """Which products fit a diagnosis (+ earlier treatments, + optional age, + the answers
    that approvals depend on, see `approval_conditions`), and why not.

    Raises ValueError for an unknown diagnosis or an impossible number.
    """
    disease = _check_inputs(content, disease_id, prior_lines, age)
    known, answers = conditions(content), answers or {}
    names = {r["disease_id"]: r["short_name"] for r in content.rows("diseases")}
    sibling = SAME_CANCER.get(disease_id)
    trial_only = disease["car_t_status"] != "approved"
    fits: list[ProductFit] = []
    for product in content.rows("products"):
        mine = [r for r in content.rows("indications") if r["product_id"] == product["product_id"]]
        here = [] if trial_only else [
            _fit(content, row, names, prior_lines, age, row["disease_id"] == sibling, known,
                 answers)
            for row in mine
            if row["disease_id"] in (disease_id, sibling)
        ]
        if here:
            best = min(RANK[f.status] for f in here)
            status = next(s for s, r in RANK.items() if r == best)
            shown = tuple(f for f in here if f.status == status)
            reason = shown[0].reason
        else:
            status = OTHER_CANCER
            approved_for = sorted({r["disease_id"] for r in mine}, key=list(names).index)
            cancers = _join([names[d] for d in approved_for])
            yours = (content.words("finder_the_cancer_you_chose") if trial_only
                     else names[disease_id])
            reason = content.words("finder_other_cancer", cancers=cancers, yours=yours)
            shown = ()
        fits.append(
            ProductFit(
                product_id=product["product_id"],
                brand=product["brand"],
                generic=product["generic"],
                target=product["target"],
                status=status,
                reason=reason,
                indications=shown,
            )
        )
    fits.sort(key=lambda p: RANK[p.status])
    result_fits = tuple(p for p in fits if p.status in MAY_FIT)
    return FinderResult(
        disease_id=disease_id,
        disease_name=disease["name"],
        trial_only=trial_only,
        summary=_summary(content, trial_only, result_fits, prior_lines, names[disease_id]),
        fits=result_fits,
        not_fitting=tuple(p for p in fits if p.status in (NOT_MET, NOT_YET, AGE)),
        other_cancers=tuple(p for p in fits if p.status == OTHER_CANCER),
    )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _summary(content: Content, trial_only: bool, fits: tuple[ProductFit, ...],
             prior_lines: int | None, short_name: str) -> str:
    if trial_only:
        return content.words("finder_trial_only")
    if not fits:
        return content.words("finder_none_fits", cancer=short_name)
    brands = _join([p.brand for p in fits])
    if prior_lines is None:
        return content.words("finder_approved_for", cancer=short_name, products=brands)
    covered = [p.brand for p in fits if p.status == APPLIES]
    maybe = [p.brand for p in fits if p.status != APPLIES]
    parts = [content.words("finder_covers", products=_join(covered))] if covered else []
    if maybe:
        parts.append(content.words("finder_may_fit", products=_join(maybe)))
    parts.append(content.words("finder_not_a_choice"))
    return " ".join(parts)


# The approvals table shows only what a patient needs to compare at a glance, so that it fits
# a tablet; the other details (conditions, dates, type of approval, study, source) are in
# each product's box on the page (product_markdown) and in FULL_COLUMNS.
SHORT_COLUMNS: tuple[str, ...] = ("Product", "When it is approved", "Age")


def indications_frame(content: Content, disease_id: str, full: bool = False) -> pd.DataFrame:
    """Every approved use for one diagnosis as a plain table (a table view of the finder).

    By default only SHORT_COLUMNS; with `full`, every detail.
    """
    result = find_products(content, disease_id)
    none = content.words("finder_none_in_sources")
    not_reported = content.words("finder_not_reported")
    rows = [
        {
            "Product": f"{p.brand} ({p.generic})",
            "When it is approved": f.line_plain,
            "Age": f.age_text,
            "Other conditions": f.extra_conditions or none,
            "Approved in the US": f.approved_text,
            "Type of approval": f.approval_text,
            "Main study": f.trial or not_reported,
            "Source": f.source_id,
        }
        for p in (*result.fits, *result.not_fitting)
        for f in p.indications
        if f.disease_id == disease_id
    ]
    frame = pd.DataFrame(rows)
    return frame if full or frame.empty else frame[list(SHORT_COLUMNS)]


# --------------------------------------------------------------------------------------------
# The inputs, and the words the page shows
# --------------------------------------------------------------------------------------------
LINE_CHOICES: tuple[int, ...] = (0, 1, 2, 3, 4)  # 4 stands for "4 or more"


def lines_label(lines: int) -> str:
    """How a number of earlier treatments reads in the selector."""
    if lines == 0:
        return "None yet"
    if lines >= LINE_CHOICES[-1]:
        return f"{LINE_CHOICES[-1]} or more"
    return str(lines)


def normalise_lines(value: object) -> int | None:
    """A stored number of earlier treatments as one of LINE_CHOICES (None if unusable)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return min(value, LINE_CHOICES[-1])


def known_disease(content: Content, value: object) -> str | None:
    """The stored diagnosis if it is a disease we know, else None."""
    ids = set(content.table("diseases")["disease_id"])
    return value if isinstance(value, str) and value in ids else None


def product_markdown(content: Content, fit: ProductFit) -> str:
    """One product as Markdown: name, the plain reason, and each matching approval."""
    marker = content.words("finder_marker", target=fit.target)
    labels = {name: content.words(wording_id) for name, wording_id in (
        ("conditions", "finder_label_conditions"), ("age", "finder_label_age"),
        ("approved", "finder_label_approved"), ("study", "finder_label_study"))}
    lines = [f"### {fit.brand} ({fit.generic})", "", f"{fit.reason} {marker}"]
    for ind in fit.indications:
        other = (ind.extra_conditions or content.words("finder_none_in_sources")).rstrip(".")
        study = ind.trial or content.words("finder_not_reported")
        for_cancer = content.words("finder_label_for", cancer=ind.disease_name)
        lines += [
            "",
            f"- **{for_cancer}:** {ind.line_plain}.",
            f"- **{labels['conditions']}:** {other}.",
            f"- **{labels['age']}:** {ind.age_text}.",
            f"- **{labels['approved']}:** {ind.approved_text}. {ind.approval_text}.",
            f"- **{labels['study']}:** {study} (Source: {ind.source_id})",
        ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Cross-file check, registered with the content loader
# --------------------------------------------------------------------------------------------
def validate(content: Content) -> list[content_mod.Problem]:
    """Every `requires` term of indications.csv names a row of approval_conditions.csv."""
    if not {"indications", "approval_conditions"} <= set(content.tables):
        return []
    known = set(content.table("approval_conditions")["condition_id"])
    problems = []
    for line, row in enumerate(content.rows("indications"), start=2):
        for clause in requirement(row.get("requires")):
            for term in clause:
                if term not in known:
                    problems.append(content_mod.Problem(
                        "indications.csv", f"unknown approval condition '{term}'", line,
                        "requires"))
    return problems

