"""Shared fixtures for the content tests: a private copy of data/ to damage, and the list of
problems the loader reports for it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from components import catalog, content


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
