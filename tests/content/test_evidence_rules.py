"""The evidence rules hold for the shipped content, and each one stops a broken file from
loading with its file, line and column named."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from components import evidence, schema


def rewrite(path: Path, key: str, changes: dict[str, str]) -> int:
    """Change cells of the row whose first cell is `key`; return its line number."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    line = next(i for i, r in enumerate(rows, start=2) if r[fields[0]] == key)
    rows[line - 2].update(changes)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return line


def first(real_content, table: str, **match: object) -> dict:
    return next(r for r in real_content.rows(table)
                if all(r.get(k) == v for k, v in match.items()))


# --- the shipped content ---------------------------------------------------------------------


def test_every_source_is_the_original_with_its_identifier(real_content):
    for row in real_content.rows("sources"):
        assert evidence.source_problems(row) == [], row["source_id"]
        host = evidence.host_of(row["url"])
        assert not any(host.endswith(b) for b in evidence.BLOCKED_HOSTS), row["source_id"]
        if row["kind"] in ("trial_paper", "review"):
            assert row["doi"] or row["pmid"] or host == "pmc.ncbi.nlm.nih.gov", row["source_id"]
        if row["kind"] == "label":
            assert row["setid"] and row["revision"], row["source_id"]


def test_every_efficacy_and_safety_number_cites_evidence(real_content):
    kinds = {r["source_id"]: r["kind"] for r in real_content.rows("sources")}
    for table in schema.NUMBER_TABLES:
        for row in real_content.rows(table):
            assert kinds[row["source_id"]] in schema.EVIDENCE_KINDS, (table, row)
            assert row["locator"] and row["checked"] and row["design"] and row["time_frame"]


def test_harm_rows_carry_the_same_evidence_fields_as_benefit_rows():
    """Equal detail (IPDAS): every number table declares the same evidence columns."""
    def evidence_fields(name: str) -> set[str]:
        table = next(t for t in schema.TABLES if t.name == name)
        return {c.name for c in table.columns} & {
            "n", "time_frame", "design", "grading", "locator", "checked"}

    wanted = {"n", "time_frame", "design", "grading", "locator", "checked"}
    for name in schema.NUMBER_TABLES:
        assert evidence_fields(name) == wanted, name


def test_numbers_shown_side_by_side_share_one_measure(real_content):
    groups: dict[str, list[dict]] = {}
    for row in real_content.rows("option_numbers"):
        if row["compare"]:
            groups.setdefault(row["compare"], []).append(row)
    assert groups, "the head-to-head tables need comparisons"
    comparisons = {r["compare_id"]: r for r in real_content.rows("comparisons")}
    for compare, rows in groups.items():
        assert len({evidence.comparison_key(r) for r in rows}) == 1, compare
        assert len(rows) >= 2, compare
        assert {r["design"] for r in rows} == {"randomised"}, compare
        assert comparisons[compare]["measure_id"] == rows[0]["measure_id"]


def test_journey_timing_rows_say_where_and_when_they_were_checked(real_content):
    for row in real_content.rows("product_timing"):
        assert row["locator"] and row["checked"], (row["product_id"], row["measure"])


def test_graded_numbers_name_their_grading_system(real_content):
    graded = {r["measure_id"] for r in real_content.rows("measures") if r["graded"]}
    for row in real_content.rows("option_numbers"):
        if row["measure_id"] in graded:
            assert row["grading"], row["number_id"]
    for row in real_content.rows("side_effects"):
        if row["effect"] in schema.GRADED_EFFECTS:
            assert row["grading"], row["row_id"]


# --- each rule, broken on purpose --------------------------------------------------------------


def test_a_reprint_url_is_refused(data_copy, real_content, problems_of):
    paper = first(real_content, "sources", kind="trial_paper")
    line = rewrite(data_copy / "sources.csv", paper["source_id"],
                   {"url": "https://fda.einnews.com/pr_news/1"})
    assert (f"sources.csv, line {line}, column 'url': fda.einnews.com is a copy or an "
            "aggregator: cite the original") in problems_of(data_copy)


def test_a_label_without_its_set_id_is_refused(data_copy, real_content, problems_of):
    label = first(real_content, "sources", kind="label")
    line = rewrite(data_copy / "sources.csv", label["source_id"], {"setid": ""})
    assert (f"sources.csv, line {line}, column 'setid': a label needs its DailyMed set id"
            in problems_of(data_copy))


def test_a_paper_without_doi_or_pmid_is_refused(data_copy, real_content, problems_of):
    paper = first(real_content, "sources", kind="trial_paper")
    line = rewrite(data_copy / "sources.csv", paper["source_id"],
                   {"doi": "", "pmid": "", "url": "https://pubmed.ncbi.nlm.nih.gov/"})
    assert (f"sources.csv, line {line}, column 'doi': a trial_paper needs its DOI or PMID (or "
            "its PubMed Central page)") in problems_of(data_copy)


def test_an_unknown_source_kind_is_refused(data_copy, real_content, problems_of):
    paper = first(real_content, "sources", kind="trial_paper")
    line = rewrite(data_copy / "sources.csv", paper["source_id"], {"kind": "FDA"})
    found = problems_of(data_copy)
    assert any(p.startswith(f"sources.csv, line {line}, column 'kind': 'FDA' is not one of")
               for p in found)


def test_an_efficacy_number_from_a_maker_page_is_refused(data_copy, real_content, problems_of):
    maker = first(real_content, "sources", kind="maker")["source_id"]
    row = real_content.rows("outcomes")[0]
    line = rewrite(data_copy / "outcomes.csv", row["row_id"], {"source_id": maker})
    assert any(p.startswith(f"outcomes.csv, line {line}, column 'source_id': a maker source "
                            "cannot carry an efficacy or safety number") for p in problems_of(data_copy))


def test_a_crs_number_without_its_grading_is_refused(data_copy, real_content, problems_of):
    crs = first(real_content, "side_effects", effect="crs")
    line = rewrite(data_copy / "side_effects.csv", crs["row_id"], {"grading": ""})
    assert (f"side_effects.csv, line {line}, column 'grading': a crs number needs its grading "
            "system") in problems_of(data_copy)


def test_a_number_without_its_count_of_people_is_refused(data_copy, real_content, problems_of):
    row = real_content.rows("option_numbers")[0]
    line = rewrite(data_copy / "option_numbers.csv", row["number_id"], {"n": ""})
    assert (f"option_numbers.csv, line {line}, column 'n': say how many people this number "
            "counts") in problems_of(data_copy)


@pytest.mark.parametrize("column", ["locator", "checked", "design", "time_frame"])
def test_a_number_without_its_evidence_field_is_refused(data_copy, real_content, column, problems_of):
    row = real_content.rows("side_effects")[0]
    line = rewrite(data_copy / "side_effects.csv", row["row_id"], {column: ""})
    assert (f"side_effects.csv, line {line}, column '{column}': is empty but required"
            in problems_of(data_copy))


def test_an_interval_that_misses_its_number_is_refused(data_copy, real_content, problems_of):
    row = next(r for r in real_content.rows("outcomes") if r["ci_low"] is not None)
    line = rewrite(data_copy / "outcomes.csv", row["row_id"],
                   {"ci_low": "1", "ci_high": "2"})
    assert any(p.startswith(f"outcomes.csv, line {line}, column 'ci_low': the interval 1-2 "
                            "does not hold") for p in problems_of(data_copy))


def test_unlike_numbers_side_by_side_are_refused(data_copy, real_content, problems_of):
    rows = [r for r in real_content.rows("option_numbers") if r["compare"]]
    second = [r for r in rows if r["compare"] == rows[0]["compare"]][1]
    line = rewrite(data_copy / "option_numbers.csv", second["number_id"],
                   {"time_frame": "some other time"})
    assert any(re.match(rf"option_numbers\.csv, line {line}, column 'compare': shown beside "
                        rf"line \d+ \('{rows[0]['compare']}'\) but measures something else", p)
               for p in problems_of(data_copy))


def test_a_comparison_from_a_study_with_one_group_is_refused(data_copy, real_content,
                                                              problems_of):
    row = next(r for r in real_content.rows("option_numbers") if r["compare"])
    line = rewrite(data_copy / "option_numbers.csv", row["number_id"],
                   {"design": "single-group"})
    assert (f"option_numbers.csv, line {line}, column 'design': a head-to-head comparison needs "
            "a randomised trial") in problems_of(data_copy)


def test_an_unknown_measure_is_refused(data_copy, real_content, problems_of):
    row = real_content.rows("option_numbers")[0]
    line = rewrite(data_copy / "option_numbers.csv", row["number_id"], {"measure_id": "cure"})
    assert (f"option_numbers.csv, line {line}, column 'measure_id': 'cure' is not a known "
            "measure_id in measures.csv") in problems_of(data_copy)


def test_a_comparison_nobody_shows_is_refused(data_copy, real_content, problems_of):
    row = real_content.rows("comparisons")[0]
    with (data_copy / "comparisons.csv").open("a", encoding="utf-8") as f:
        values = {**row, "compare_id": "orphan_os", "result": "",
                  "checked": row["checked"].isoformat()}
        f.write(",".join(f'"{"" if v is None else v}"' for v in values.values()) + "\n")
    found = problems_of(data_copy)
    assert any("comparisons.csv" in p and "no option number uses this comparison" in p
               for p in found)


def test_missing_evidence_words_are_named(data_copy, problems_of):
    meta = data_copy / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("\nstale = ", "\nstal = "),
                    encoding="utf-8")
    assert any(p.startswith("meta.toml: [evidence_words] needs:") for p in problems_of(data_copy))
