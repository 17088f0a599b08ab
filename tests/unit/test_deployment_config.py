"""The shipped Streamlit config keeps patients' data private and their screens free of tracebacks."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = tomllib.loads(
    (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text(encoding="utf-8")
)


def test_usage_statistics_are_off():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_no_tracebacks_reach_patients():
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_toolbar_hides_developer_options():
    assert CONFIG["client"]["toolbarMode"] in {"viewer", "minimal"}


def test_xsrf_protection_on_and_cors_not_opened():
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableCORS"] is True
    assert "corsAllowedOrigins" not in CONFIG["server"]


def test_bound_to_loopback_by_default():
    assert CONFIG["server"]["address"] == "127.0.0.1"


def test_uploads_are_capped_small():
    assert 0 < CONFIG["server"]["maxUploadSize"] <= 1
