"""Browser-test fixtures: Debian's Chromium via Playwright, and a Streamlit server per module."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.server import running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def pytest_collection_modifyitems(config, items):
    """Skip the browser tier with a clear reason when no Chromium exists (fail under CI)."""
    if Path(CHROMIUM).exists():
        return
    message = (
        "Chromium not found at /usr/bin/chromium: install it with "
        "`apt-get install -y chromium` (or run `make test`, which does)."
    )
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI=true but {message}")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (Playwright cannot download its own browsers here)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-quic", "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Accept downloads, and use a laptop-sized window."""
    return {**browser_context_args, "accept_downloads": True, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def server():
    """A Streamlit server for this test module, stopped afterwards."""
    with running_server() as srv:
        yield srv


@pytest.fixture
def screenshot_dir() -> Path:
    """Folder (ignored by git) where the tests save what a person would see."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
