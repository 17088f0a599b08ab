"""Architecture rules: pure modules stay free of Streamlit; pages stay thin and safe."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Only these may import streamlit: the state registry and the render helpers (ui.py, ui_*.py).
PURE = sorted(
    p
    for p in (ROOT / "components").glob("*.py")
    if p.name != "state.py" and not (p.name == "ui.py" or p.name.startswith("ui_"))
)
APP_FILES = sorted(
    [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", PURE, ids=lambda p: p.name)
def test_pure_module_does_not_import_streamlit(path):
    assert "streamlit" not in imported_modules(path)


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_no_raw_html_and_no_shared_resource_cache(path):
    """User text must never reach HTML; no cache_resource may hold anything shared."""
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"unsafe_allow_html\s*=\s*True", source)
    assert "st.html(" not in source
    assert "cache_resource" not in source


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_no_small_faded_captions(path):
    """Streamlit draws st.caption at 0.875 rem and 60 % opacity; every word in the aid is meant
    to be read, so it is drawn at full size and contrast (st.markdown)."""
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"\.caption\(", source)


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_page_starts_through_the_frame(path):
    """Every page calls ui.start_page() first: content check and direct-link recovery."""
    source = path.read_text(encoding="utf-8")
    assert "ui.start_page()" in source


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_no_writes_or_prints_in_app_code(path):
    """Nothing a user types may be written to disk or printed; app code writes nothing."""
    source = path.read_text(encoding="utf-8")
    for pattern in (
        r"\bprint\(",
        r"open\([^)]*['\"][wa]",
        r"\.to_csv\(",
        r"write_text\(",
        r"write_bytes\(",
    ):
        assert not re.search(pattern, source), pattern


def test_every_cross_file_validator_is_passed_to_the_loader_and_none_registers_itself():
    """Validators are listed once, in components/catalog.py, and passed explicitly: a module's
    `validate*(content)` that is not on that list would silently never run."""
    from components import catalog

    defined = set()
    for path in (ROOT / "components").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "VALIDATORS.append" not in text, path.name
        for name in re.findall(r"(?m)^def (validate\w*)\(content\b", text):
            defined.add(f"components.{path.stem}.{name}")
    listed = {f"{v.__module__}.{v.__name__}" for v in catalog.VALIDATORS}
    assert listed == defined
