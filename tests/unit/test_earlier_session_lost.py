"""A tab that reconnects to a server without its session is told so (see ui_answers)."""

import pytest

from components.answers_file import earlier_session_lost


@pytest.mark.parametrize(("header", "session", "lost"), [
    (None, "s2", False),                                  # no header (AppTest, tools)
    ("streamlit", "s2", False),                           # first visit, no XSRF
    ("streamlit, 2|ab|cd|1", "s2", False),                # first visit
    ("streamlit, 2|ab|cd|1, s2", "s2", False),            # same session again (a network blip)
    ("streamlit, 2|ab|cd|1, s1", "s2", True),             # another replica / restarted server
    ("streamlit, , s1", "s2", True),                      # no XSRF token, still a lost session
    ("streamlit, 2|ab|cd|1,  ", "s2", False),             # empty third entry
])
def test_earlier_session_lost(header, session, lost):
    assert earlier_session_lost(header, session) is lost
