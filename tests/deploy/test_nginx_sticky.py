"""nginx in front of two replicas, configured from the compose file's template: every request
of a session (page, websocket, download, upload) reaches its own replica, and stopping one
replica harms nobody on the other. Skips when nginx is missing (fails under CI)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from scripts import scale_out
from scripts.load.streamlit_client import ProtocolError, StreamlitSession

if not Path(scale_out.NGINX).exists():
    message = "nginx is not installed: run scripts/install-system-packages.sh test"
    if os.environ.get("CI"):
        raise RuntimeError(f"CI=true but {message}")
    pytest.skip(message, allow_module_level=True)


def owner(session: StreamlitSession, replicas: list[scale_out.Replica]) -> int:
    """The replica that holds this session: only it accepts an upload for the session id."""
    held = []
    for r in replicas:
        response = session.http.put(
            f"{r.url}/_stcore/upload_file/{session.session_id}/probe",
            files={"file": ("probe.txt", b"probe")},
            headers={"X-Xsrftoken": session.http.cookies.get("_streamlit_xsrf", "")}, timeout=10,
        )
        if response.status_code < 400:
            held.append(r.port)
    assert len(held) == 1, f"session held by {held}"
    return held[0]


def round_trip(s: StreamlitSession, cancer: str) -> None:
    """A widget change, a download and an upload, all through nginx."""
    s.switch_page("Is it for me?")
    s.set_widget("Which cancer do you have?", cancer)
    s.switch_page("Options side by side")  # a full run draws the answers file with the choice
    _, answers = s.download("Download your answers file")
    assert b'"diagnosis"' in answers
    s.switch_page("Home")
    s.upload("Load your answers file", "cart-answers-test.json", answers)
    assert "Loaded" in s.text()


def test_sessions_stick_and_a_stopped_replica_harms_no_one_else():
    with scale_out.scaled_out(2) as (proxy, replicas):
        sessions: dict[int, list[StreamlitSession]] = {r.port: [] for r in replicas}
        try:
            for _ in range(30):
                s = StreamlitSession(proxy.url, timeout=60)
                s.open()
                assert s.http.cookies.get("st_affinity"), "nginx set no affinity cookie"
                sessions[owner(s, replicas)].append(s)
                if all(len(v) >= 2 for v in sessions.values()):
                    break
            assert all(len(v) >= 2 for v in sessions.values()), {k: len(v) for k, v in sessions.items()}
            for group in sessions.values():
                for s in group:
                    round_trip(s, "Follicular lymphoma")

            gone, kept = replicas
            gone.stop(signal.SIGKILL)

            for s in sessions[kept.port]:  # nothing happened to these people
                round_trip(s, "Mantle cell lymphoma")
                assert owner(s, [kept]) == kept.port

            for s in sessions[gone.port]:  # these lost their connection ...
                with pytest.raises(ProtocolError):
                    s.switch_page("Is it for me?")
                # ... and their browser reconnects through nginx (same cookies) to the other
                again = StreamlitSession(proxy.url, timeout=60, http=s.http)
                again.open(earlier_session=s.session_id)
                assert owner(again, [kept]) == kept.port
                # ... where they are told calmly, with the box to load their answers file
                assert "the aid had to restart" in again.text()
                assert "Load your answers file" in again.labels()
                round_trip(again, "Follicular lymphoma")
                again.close()
        finally:
            for group in sessions.values():
                for s in group:
                    s.close()
