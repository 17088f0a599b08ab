"""Locust: people walking through the decision aid, spoken in Streamlit's own protocol.

Each simulated person opens the aid, picks a cancer, steps through the treatment journey,
looks at side effects and options, answers part of the self-assessment (typing a name),
downloads the summary (text always, the PDF for some) and their answers file, then goes home
and loads that answers file back (an upload), and leaves. Between actions they think for
5 to 15 seconds (`LOAD_THINK`, "5,15"). Every action is timed from the message sent to the
script-finished message (downloads: to the file's last byte) and reported to Locust.

Run it through `scripts/load/run.py` (`make load-protocol`), which starts the server(s), bounds
people and time, and writes the results; by hand:
`.venv/bin/locust -f scripts/load/locustfile.py --headless -u 50 -r 2 -t 3m --host http://127.0.0.1:8501`.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

from locust import User, between, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.load.streamlit_client import (  # noqa: E402
    ProtocolError,
    StreamlitSession,
    Timing,
    new_person_id,
)

THINK = tuple(float(x) for x in os.environ.get("LOAD_THINK", "5,15").split(","))
PDF_SHARE = float(os.environ.get("LOAD_PDF_SHARE", "0.5"))  # people who also download the PDF
NAME_FIELD = "What name should we put on your summary?"
UPLOAD = "Load your answers file"
CANCERS = ("Large B-cell lymphoma (including DLBCL)", "Follicular lymphoma",
           "Mantle cell lymphoma")
# Set by scripts/load/run.py behind nginx: the replicas' own addresses, to tell which replica
# holds each person's session, and a file for one line per action (time, replica, outcome).
REPLICAS = [u for u in os.environ.get("LOAD_REPLICAS", "").split(",") if u]
EVENTS = os.environ.get("LOAD_EVENTS", "")
PRODUCTS = ("Kymriah (tisagenlecleucel)", "Yescarta (axicabtagene ciloleucel)",
            "Breyanzi (lisocabtagene maraleucel)")


def journey(person: str) -> list[tuple]:
    """One person's walk: (action, arguments...) in order."""
    steps: list[tuple] = [
        ("open",),
        ("page", "Is it for me?"),
        ("set", "Which cancer do you have?", random.choice(CANCERS)),
        ("page", "Treatment journey"),
        ("click", "Next step"),
        ("set", "Which CAR-T product? (optional)", random.choice(PRODUCTS)),
        ("page", "Side effects"),
        ("set", "Your CAR-T product", random.choice(PRODUCTS)),
        ("page", "Options side by side"),
        ("page", "Self-assessment"),
        ("set", "Who is filling this in?", "I am the patient"),
        ("set", NAME_FIELD, f"Person {person}"),
        ("click", "Next"),
        ("page", "Your summary"),
        ("download", "Download as text"),
    ]
    if random.random() < PDF_SHARE:
        steps.append(("download", "Download the PDF"))
    steps += [
        ("download", "Download your answers file"),
        ("page", "Home"),
        ("upload", UPLOAD),
    ]
    return steps


class Person(User):
    """One person at a time per simulated user: when a walk ends, a new person starts."""

    wait_time = between(*THINK)

    def on_start(self) -> None:
        self._new_person()

    def on_stop(self) -> None:
        self.session.close()

    def _new_person(self) -> None:
        self.person = new_person_id()
        self.steps = journey(self.person)
        self.answers_file = b""
        self.replica = ""
        self.session = StreamlitSession(self.host, on_timing=self._report)

    def _owner(self) -> str:
        """Which replica holds this session: only it accepts an upload for the session id."""
        for url in REPLICAS:
            try:
                r = self.session.http.put(
                    f"{url}/_stcore/upload_file/{self.session.session_id}/probe",
                    files={"file": ("probe.txt", b"probe")}, timeout=10,
                    headers={"X-Xsrftoken": self.session.http.cookies.get("_streamlit_xsrf", "")})
            except OSError:
                continue
            if r.status_code < 400:
                return url
        return ""

    def _log(self, name: str, error: Exception | None) -> None:
        if EVENTS:
            with open(EVENTS, "a", encoding="utf-8") as f:
                f.write(json.dumps({
                    "t": time.time(), "person": self.person, "replica": self.replica,
                    "action": name, "error": str(error) if error else "",
                }) + "\n")

    def _report(self, timing: Timing) -> None:
        self.environment.events.request.fire(
            request_type="streamlit", name=timing.name,
            response_time=timing.seconds * 1000, response_length=timing.bytes_received,
            exception=None, context={},
        )

    def _fail(self, name: str, started: float, exc: Exception) -> None:
        self.environment.events.request.fire(
            request_type="streamlit", name=name,
            response_time=(time.perf_counter() - started) * 1000, response_length=0,
            exception=exc, context={},
        )

    @task
    def next_step(self) -> None:
        if not self.steps:
            self.session.close()
            self._new_person()
        step = self.steps.pop(0)
        action, *args = step
        started = time.perf_counter()
        name = f"{action} {args[0]}" if args else action
        try:
            if action == "open":
                self.session.open()
                if REPLICAS:
                    self.replica = self._owner()
            elif action == "page":
                self.session.switch_page(args[0])
            elif action == "set":
                self.session.set_widget(args[0], args[1])
            elif action == "click":
                self.session.click(args[0])
            elif action == "download":
                _, body = self.session.download(args[0])
                if args[0] == "Download as text" and f"Person {self.person}".encode() not in body:
                    raise ProtocolError("the summary does not carry the typed name")
                if args[0] == "Download your answers file":
                    self.answers_file = body
            elif action == "upload":
                self.session.upload(args[0], "answers.json", self.answers_file)
                if "Loaded" not in self.session.text():
                    raise ProtocolError("the answers file did not load")
            self._log(name, None)
        except ProtocolError as exc:
            self._fail(name, started, exc)
            self._log(name, exc)
            if "connection" in str(exc) and action != "open":
                self._reconnect()
            else:  # a person whose page broke starts again, as they would by reloading
                self.session.close()
                self._new_person()

    def _reconnect(self) -> None:
        """What the browser does when its connection drops (its replica went away): connect
        again through the proxy, naming its earlier session. The aid should say calmly that it
        restarted; a person who saved an answers file loads it there and goes on."""
        old = self.session
        old.close_socket()
        self.session = StreamlitSession(self.host, on_timing=self._report, http=old.http)
        started = time.perf_counter()
        try:
            self.session.open(earlier_session=old.session_id)
            self.replica = self._owner() if REPLICAS else ""
            if "the aid had to restart" not in self.session.text():
                raise ProtocolError("no calm restart notice after reconnecting")
            if self.answers_file:
                self.session.upload(UPLOAD, "answers.json", self.answers_file)
                if "Loaded" not in self.session.text():
                    raise ProtocolError("the answers file did not load after the restart")
            self._log("reconnect, answers file loaded" if self.answers_file else "reconnect", None)
            # carry on from the start of the walk (without opening again)
            self.steps = [s for s in journey(self.person) if s[0] != "open"]
        except ProtocolError as exc:
            self._fail("reconnect", started, exc)
            self._log("reconnect", exc)
            self.session.close()
            self._new_person()

