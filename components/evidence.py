"""The evidence rules: where a number may come from, what it must say about itself, and how its
uncertainty and freshness are put into words.

Every number row (outcomes, side effects, option numbers) carries the same evidence fields:
who and how many (`n`), when (`time_frame`), how the people were studied (`design`), the grading
system where one applies, the 95% interval where the source gives one, where in the source the
number is (`locator`) and when we checked it (`checked`). The rules here are registered with the
content loader, so a row that breaks one stops the content from loading, with its file, line and
column named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from components import dates
from components.content import Content, Problem
from components.schema import EVIDENCE_KINDS, GRADED_EFFECTS, NUMBER_TABLES

# Where each kind of source must live. A reprint, an aggregator or a news copy is never the
# cited source: cite the original and say in `read_via` what was read.
CANONICAL_HOSTS: dict[str, tuple[str, ...]] = {
    "label": ("dailymed.nlm.nih.gov", "fda.gov"),
    # FDA reviewers' approval summaries are journal articles: the journal's page is the original.
    "fda_review": ("fda.gov", "doi.org", "pubmed.ncbi.nlm.nih.gov", "aacrjournals.org",
                   "academic.oup.com"),
    "fda_notice": ("fda.gov",),
    "trial_paper": ("doi.org", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov"),
    "review": ("doi.org", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov"),
    "guideline": ("cancer.gov", "doi.org", "pubmed.ncbi.nlm.nih.gov"),
}
# Copies, reprints, aggregators and unrelated domains found in earlier versions of sources.csv.
BLOCKED_HOSTS: tuple[str, ...] = (
    "einnews.com", "einpresswire.com", "joomag.com", "mendeley.com", "journaljams.org",
    "elsevierpure.com", "hematologyadvisor.com", "bioinformant.com", "maestrodatabase.com",
    "medphanut.com", "platohealth.ai", "drugs.com", "core.ac.uk", "cifwia.org",
    "bloodcancerstoday.com", "d2in2m2.org", "clinicaladvisor.com", "discover.luc.edu",
    "uchub360.com", "lymphomahub.com", "lymphoblastic-hub.com", "bigmoleculewatch.com",
    "mdpi.com", "huggingface.co", "yahoo.com",
)
DOI = re.compile(r"10\.\d{4,9}/\S+")
PMID = re.compile(r"\d{6,9}")
SETID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def host_of(url: str) -> str:
    """The host of a URL without "www."."""
    host = (urlparse(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def source_problems(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with one source row: (column, message) pairs."""
    out: list[tuple[str, str]] = []
    kind, url = row["kind"], row.get("url") or ""
    host = host_of(url)
    if not url.startswith("https://"):
        out.append(("url", "use the https address of the original"))
    if _on(host, BLOCKED_HOSTS):
        out.append(("url", f"{host} is a copy or an aggregator: cite the original"))
    allowed = CANONICAL_HOSTS.get(kind)
    if allowed and not _on(host, allowed):
        out.append(("url", f"a {kind} lives on {' or '.join(allowed)}, not {host}"))
    doi, pmid, setid = row.get("doi") or "", row.get("pmid") or "", row.get("setid") or ""
    if doi and not DOI.fullmatch(doi):
        out.append(("doi", f"'{doi}' is not a DOI (10.xxxx/...)"))
    if pmid and not PMID.fullmatch(pmid):
        out.append(("pmid", f"'{pmid}' is not a PubMed id"))
    if setid and not SETID.fullmatch(setid):
        out.append(("setid", f"'{setid}' is not a DailyMed set id"))
    if kind in ("trial_paper", "review") and not (doi or pmid or host == "pmc.ncbi.nlm.nih.gov"):
        out.append(("doi", f"a {kind} needs its DOI or PMID (or its PubMed Central page)"))
    if kind == "label":
        if not setid:
            out.append(("setid", "a label needs its DailyMed set id"))
        if not row.get("revision"):
            out.append(("revision", "a label needs the date of the revision we checked"))
    return out


def row_evidence_problems(table: str, row: Mapping[str, Any], kinds: Mapping[str, str],
                          graded: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """What one number row lacks: a source of an evidence kind, a grading where one applies,
    intervals that hold their number, a check date that is not in the future."""
    out: list[tuple[str, str]] = []
    kind = kinds.get(row["source_id"])
    if kind is not None and kind not in EVIDENCE_KINDS:
        out.append(("source_id", f"a {kind} source cannot carry an efficacy or safety number; "
                                 f"cite a label, an FDA review or notice, a paper or a guideline"))
    values = [row.get(v) for v in NUMBER_TABLES[table]]
    if any(v is not None for v in values) and row.get("n") is None:
        out.append(("n", "say how many people this number counts"))
    measure = row.get("measure_id") or row.get("effect") or ""
    if (measure in graded or measure in GRADED_EFFECTS) and not row.get("grading"):
        out.append(("grading", f"a {measure} number needs its grading system"))
    for value, prefix in NUMBER_TABLES[table].items():
        low, high, number = row.get(f"{prefix}ci_low"), row.get(f"{prefix}ci_high"), row.get(value)
        if (low is None) != (high is None):
            out.append((f"{prefix}ci_low", "give both ends of the interval, or neither"))
        elif low is not None and (number is None or not low <= number <= high):
            out.append((f"{prefix}ci_low",
                        f"the interval {low:g}-{high:g} does not hold the number {number}"))
    checked = row.get("checked")
    if isinstance(checked, dt.date) and checked > today():
        out.append(("checked", f"{checked} is in the future"))
    return out


def comparison_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two numbers comparable: the same measure, grading and time frame."""
    return (row.get("measure_id"), row.get("grading"), row.get("time_frame"))


def comparison_problems(content: Content) -> list[Problem]:
    """Rows shown side by side (one `compare` id) must measure the same thing, in one trial."""
    problems: list[Problem] = []
    first: dict[str, tuple[int, dict[str, Any]]] = {}
    comparisons = {r["compare_id"]: r for r in content.rows("comparisons")}
    for line, row in enumerate(content.rows("option_numbers"), start=2):
        compare = row.get("compare")
        if not compare:
            continue
        if row["design"] != "randomised":
            problems.append(Problem("option_numbers.csv", "a head-to-head comparison needs a "
                                    "randomised trial", line, "design"))
        if compare in first:
            line0, row0 = first[compare]
            if comparison_key(row) != comparison_key(row0):
                problems.append(Problem(
                    "option_numbers.csv",
                    f"shown beside line {line0} ('{compare}') but measures something else: "
                    f"{comparison_key(row)} against {comparison_key(row0)}", line, "compare"))
        else:
            first[compare] = (line, row)
        target = comparisons.get(compare)
        if target and target["measure_id"] != row.get("measure_id"):
            problems.append(Problem("option_numbers.csv", f"'{compare}' in comparisons.csv "
                                    f"measures {target['measure_id']}", line, "measure_id"))
    used = set(first)
    for line, row in enumerate(content.rows("comparisons"), start=2):
        if row["compare_id"] not in used and not row.get("result"):
            problems.append(Problem("comparisons.csv", "no option number uses this comparison; "
                                    "give the result in words", line, "compare_id"))
    return problems


def validate(content: Content) -> list[Problem]:
    """All evidence rules over the loaded content."""
    problems: list[Problem] = []
    for line, row in enumerate(content.rows("sources"), start=2):
        for column, message in source_problems(row):
            problems.append(Problem("sources.csv", message, line, column))
    kinds = {r["source_id"]: r["kind"] for r in content.rows("sources")}
    graded = frozenset(r["measure_id"] for r in content.rows("measures") if r["graded"])
    for table in NUMBER_TABLES:
        for line, row in enumerate(content.rows(table), start=2):
            for column, message in row_evidence_problems(table, row, kinds, graded):
                problems.append(Problem(f"{table}.csv", message, line, column))
    for line, row in enumerate(content.rows("comparisons"), start=2):
        if kinds.get(row["source_id"]) not in EVIDENCE_KINDS:
            problems.append(Problem("comparisons.csv", "cite a label, an FDA review, a paper "
                                    "or a guideline", line, "source_id"))
    return problems + comparison_problems(content)


# ---------------------------------------------------------------------------------------------
# Words for people: how sure we are, and how fresh the number is
# ---------------------------------------------------------------------------------------------


def today() -> dt.date:
    """Today's date (one place, so that tests can move the clock)."""
    return dt.date.today()


def _whole(value: float) -> str:
    return f"{int(value + 0.5)}"


def interval_sentence(words: Mapping[str, str], value: Any, low: Any, high: Any) -> str:
    """ "Our best estimate is 52 out of 100. The true number could be between 41 and 62." """
    if value is None or low is None or high is None:
        return ""
    return words["interval"].format(value=_whole(value), low=_whole(low), high=_whole(high))


def design_sentence(words: Mapping[str, str], design: str) -> str:
    """How the people behind the number were studied, and what that means for certainty."""
    return words[f"design_{design.replace('-', '_')}"]


def is_stale(checked: dt.date | None, on: dt.date, months: int) -> bool:
    """True when, on the day `on`, the check is older than the review interval (or missing)."""
    if checked is None:
        return True
    years, month = divmod(checked.month - 1 + months, 12)
    day = min(checked.day, 28)
    return on > dt.date(checked.year + years, month + 1, day)


def freshness_sentence(words: Mapping[str, str], checked: dt.date | None, on: dt.date,
                       months: int) -> str:
    """ "Checked on December 3, 2026." or, past the review interval, the out-of-date note."""
    if checked is None or is_stale(checked, on, months):
        date = dates.us_date(checked) if checked else "an unknown date"
        return words["stale"].format(date=date, months=months)
    return words["checked"].format(date=dates.us_date(checked))


def how_sure(words: Mapping[str, str], row: Mapping[str, Any], value_column: str,
             ci_prefix: str = "") -> str:
    """The interval sentence (where one is published) and the design sentence."""
    parts = [
        interval_sentence(words, row.get(value_column), row.get(f"{ci_prefix}ci_low"),
                          row.get(f"{ci_prefix}ci_high")),
        design_sentence(words, row["design"]),
    ]
    return " ".join(p for p in parts if p)


def freshness(content: Content, row: Mapping[str, Any]) -> str:
    """The row's check date in words today, or its "may be out of date" note."""
    return freshness_sentence(content.meta["evidence_words"], row.get("checked"), today(),
                              int(content.meta["review_interval_months"]))


def evidence_note(content: Content, row: Mapping[str, Any], value_column: str,
                  ci_prefix: str = "") -> str:
    """How sure, and how fresh: one short paragraph under a number."""
    sure = how_sure(content.meta["evidence_words"], row, value_column, ci_prefix)
    return f"{sure} {freshness(content, row)}".strip()

