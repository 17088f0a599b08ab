"""The load test's protocol client walks one person through the aid against a real server:
pages, widgets by label, a typed name in the text summary, the answers file downloaded and
loaded back (an upload). A few seconds; it keeps the Locust user honest as Streamlit changes."""

from __future__ import annotations

import pytest

from scripts.load.streamlit_client import ProtocolError, StreamlitSession
from tests.e2e.server import running_server


@pytest.fixture(scope="module")
def server():
    with running_server() as s:
        yield s


def test_one_person_walks_through_in_the_protocol(server):
    timings = []
    s = StreamlitSession(server.url, timeout=60, on_timing=timings.append)
    try:
        s.open()
        assert s.session_id and "Your summary" in s.pages
        s.switch_page("Is it for me?")
        s.set_widget("Which cancer do you have?", "Follicular lymphoma")
        s.switch_page("Self-assessment")
        s.set_widget("Who is filling this in?", "I am the patient")
        s.set_widget("What name should we put on your summary?", "Zoë Protocol")
        s.switch_page("Your summary")
        _, text = s.download("Download as text")
        assert "Zoë Protocol" in text.decode("utf-8")
        _, answers = s.download("Download your answers file")
        assert b'"diagnosis": "fl"' in answers
        s.switch_page("Home")
        s.upload("Load your answers file", "cart-answers-test.json", answers)
        assert "Loaded" in s.text(), s.text()[:500]
    finally:
        s.close()
    assert len(timings) == 11
    assert all(t.seconds > 0 for t in timings)


def test_an_unknown_label_is_a_clear_error(server):
    s = StreamlitSession(server.url, timeout=60)
    try:
        s.open()
        with pytest.raises(ProtocolError, match="no widget labelled"):
            s.set_widget("No such question", "x")
    finally:
        s.close()
