"""The running server sends no open CORS header and answers on loopback only."""

from __future__ import annotations

import urllib.request


def test_no_wildcard_cors_header(server):
    req = urllib.request.Request(f"{server.url}/_stcore/health", headers={"Origin": "https://evil.example"})
    with urllib.request.urlopen(req, timeout=5) as response:
        assert response.headers.get("Access-Control-Allow-Origin") in (None, "")


def test_server_listens_on_loopback(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert "checkip" not in server.log()  # no outbound IP lookup at start
