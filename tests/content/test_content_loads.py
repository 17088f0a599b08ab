"""The shipped content loads clean, and each kind of damage is reported precisely."""

from __future__ import annotations

import re
from pathlib import Path

from components import schema


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_content_loads_without_problems(real_content):
    assert set(real_content.tables) == {t.name for t in schema.TABLES}
    assert not real_content.table("products").empty


def test_missing_file_is_named(data_copy, problems_of):
    (data_copy / "products.csv").unlink()
    assert "products.csv: file is missing" in problems_of(data_copy)


def test_missing_column_is_named(data_copy, problems_of):
    edit(data_copy / "products.csv", "product_id,brand", "product_id,brnd")
    found = problems_of(data_copy)
    assert "products.csv, column 'brand': column is missing" in found


def test_bad_number_names_file_line_and_column(data_copy, problems_of):
    edit(data_copy / "sources.csv", ",2025,", ",twenty,")
    found = problems_of(data_copy)
    assert any(re.fullmatch(r"sources\.csv, line \d+, column 'year': 'twenty' is not a whole number", f) for f in found)


def test_out_of_range_value_is_named(data_copy, problems_of):
    edit(data_copy / "indications.csv", ",25,2017", ",250,2017")
    found = problems_of(data_copy)
    assert any("column 'max_age': 250 is above the maximum 120" in f for f in found)


def test_unknown_reference_is_named(data_copy, problems_of):
    edit(data_copy / "indications.csv", "kymriah_fl,kymriah", "kymriah_fl,kymria")
    found = problems_of(data_copy)
    assert any("column 'product_id': 'kymria' is not a known product_id" in f for f in found)


def test_duplicate_key_is_named(data_copy, problems_of):
    path = data_copy / "products.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    assert any("duplicate 'kymriah'" in f for f in problems_of(data_copy))


def test_bad_choice_is_named(data_copy, problems_of):
    edit(data_copy / "products.csv", ",CD19,Novartis", ",CD20,Novartis")
    assert any("'CD20' is not one of: CD19, BCMA" in f for f in problems_of(data_copy))


def test_unreadable_csv_is_reported_not_raised(data_copy, problems_of):
    (data_copy / "glossary.csv").write_bytes(b"\xff\xfe\x00bad")
    assert any(f.startswith("glossary.csv") for f in problems_of(data_copy))


def test_html_in_prose_is_rejected(data_copy, problems_of):
    path = next((data_copy / "text").glob("*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>x</script>\n", encoding="utf-8")
    assert any("contains HTML" in f for f in problems_of(data_copy))


def test_unknown_citation_in_prose_is_rejected(data_copy, problems_of):
    path = data_copy / "text" / "home__privacy.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n(Source: NOPE-2020)\n", encoding="utf-8")
    assert any("cites unknown source 'NOPE-2020'" in f for f in problems_of(data_copy))


def test_broken_meta_is_named(data_copy, problems_of):
    (data_copy / "meta.toml").write_text("content_version = \n", encoding="utf-8")
    assert any(f.startswith("meta.toml: cannot be read") for f in problems_of(data_copy))


def test_broken_json_document_is_named(data_copy, problems_of):
    (data_copy / "extra.json").write_text("{not json", encoding="utf-8")
    assert any(f.startswith("extra.json: is not valid JSON") for f in problems_of(data_copy))
