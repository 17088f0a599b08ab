"""Shared fixtures: the real content, and an AppTest factory with seeded session state."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components import catalog, content, situation, state, ui_situation

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def full_answers() -> dict[str, Any]:
    """A fresh copy of the one whole answer set (tests/answer_sets.py)."""
    from tests.answer_sets import FULL

    return copy.deepcopy(FULL)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may damage."""
    target = tmp_path / "data"
    shutil.copytree(content.DATA_DIR, target)
    return target


def _problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(content.ContentError) as info:
        catalog.load(data_dir)
    return [str(p) for p in info.value.problems]


@pytest.fixture
def problems_of() -> Callable[[Path], list[str]]:
    """problems_of(data_dir): every problem the loader reports, as 'file, line, column: ...'."""
    return _problems_of


@pytest.fixture(scope="session")
def real_content() -> content.Content:
    """The shipped content in data/, loaded and validated once."""
    return catalog.load()


def seed_as_kept(seed: dict[str, Any]) -> dict[str, Any]:
    """Session values as the app keeps them: About-me answers in seeded answers go to the
    situation's keys (unless those are seeded too), as loading a file puts them."""
    if state.K_ANSWERS not in seed:
        return seed
    rest, fields = situation.split_answers(seed[state.K_ANSWERS])
    moved = {ui_situation.KEYS[name]: value for name, value in fields.items()}
    return {**moved, **seed, state.K_ANSWERS: rest}


@pytest.fixture
def make_app():
    """Return a factory: make_app("pages/x.py", **state) -> an AppTest, seeded, not yet run.

    Pages are run through app.py (switch_page), exactly as the browser does, so the frame,
    the navigation and the state registry all take part.
    """
    st.cache_data.clear()

    def factory(page: str = "pages/home.py", **seed: Any) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        for key, default in state.DEFAULTS.items():
            at.session_state[key] = copy.deepcopy(default)
        for key, value in seed_as_kept(seed).items():
            at.session_state[key] = value
        at.run()
        if page != "pages/home.py":
            at.switch_page(page)
        return at

    return factory
