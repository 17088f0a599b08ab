"""A person's browser, as the server sees it: Streamlit's websocket protocol, spoken through
Streamlit's own protobuf classes (BackMsg, ForwardMsg, ClientState, WidgetStates).

What a browser tab does, and this client does the same way (checked against Streamlit's
server in `.venv/.../streamlit/web/server/starlette/` and the frontend's `App.tsx`):

- opens the page (`GET /`, which may set a proxy's affinity cookie), asks
  `/_stcore/host-config` and `/_stcore/health` (which sets the `_streamlit_xsrf` cookie),
  opens the websocket `/_stcore/stream` with the subprotocols `streamlit, <xsrf token>`,
  and sends `rerun_script` with an empty `ClientState`;
- after every run keeps the widgets the server drew (found by their label) and their values;
  a changed widget sends `rerun_script` with every widget's value, the current page's script
  hash and, for a widget drawn inside `st.fragment`, that fragment's id;
- a page switch (a sidebar link) sends `rerun_script` with the new page's script hash and only
  the values of widgets drawn by the main script (the frontend's `onPageChange`);
- keeps cacheable messages and declares their hashes, so the server sends references
  (`ref_hash`) as it does to a browser;
- a download of bytes given at run time fetches the element's media URL; a deferred download
  (`data=callable`) sends `backend_operation_request.deferred_file` and fetches the URL the
  answer names;
- an upload asks for upload URLs (`file_urls_request`), PUTs the file over HTTP to
  `/_stcore/upload_file/<session>/<file>` with the XSRF header, then reruns with the
  uploader's `file_uploader_state_value`.

Each action is timed from the message sent to the script-finished message (or to the last
byte of a download). Nothing here imports Streamlit's runtime: only `streamlit.proto`.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
# Widget element types and the WidgetState field their value goes in (Streamlit 1.67).
VALUE_FIELD = {
    "selectbox": "string_value",
    "radio": "string_value",
    "text_input": "string_value",
    "text_area": "string_value",
    "checkbox": "bool_value",
    "multiselect": "string_array_value",
    "slider": "double_array_value",
    "select_slider": "string_array_value",
    "date_input": "string_array_value",
    "number_input": "double_value",
    "button_group": "string_array_value",
    "button": "trigger_value",
    "download_button": None,
    "file_uploader": "file_uploader_state_value",
}


class ProtocolError(Exception):
    """The server answered in a way a browser would show as an error (or not at all)."""


@dataclass
class Widget:
    id: str
    kind: str
    label: str
    fragment_id: str
    script_hash: str
    proto: Any


@dataclass
class Timing:
    name: str
    seconds: float
    bytes_received: int


@dataclass
class StreamlitSession:
    """One person's session. `base_url` like `http://127.0.0.1:8501` (or the proxy's)."""

    base_url: str
    timeout: float = 60.0
    on_timing: Callable[[Timing], None] | None = None
    http: requests.Session = field(default_factory=requests.Session)
    ws: websocket.WebSocket | None = None
    session_id: str = ""
    main_script_hash: str = ""
    page_hash: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # page name and url path -> hash
    widgets: dict[str, Widget] = field(default_factory=dict)  # id -> widget drawn last run
    values: dict[str, Any] = field(default_factory=dict)  # id -> WidgetState
    cache: dict[str, ForwardMsg] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # markdown/text drawn by the last run
    exceptions: list[str] = field(default_factory=list)
    _request_no: int = 0

    # ---- connection -------------------------------------------------------------------
    def open(self, earlier_session: str = "") -> Timing:
        """A first visit: the page, then the websocket and the first run of the home page.
        `earlier_session`: the session id a reconnecting browser names (the third
        subprotocol), as after its replica went away."""
        start = time.perf_counter()
        received = self._get("/").content
        host_config = self._get("/_stcore/host-config").content
        self._get("/_stcore/health")  # the frontend asks first; it sets the XSRF cookie
        xsrf = self.http.cookies.get("_streamlit_xsrf", "")
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        try:
            self.ws = websocket.create_connection(
                f"{scheme}://{parts.netloc}/_stcore/stream",
                subprotocols=["streamlit", xsrf, earlier_session] if earlier_session
                else ["streamlit", xsrf] if xsrf else ["streamlit"],
                origin=self.base_url,
                cookie=cookie or None,
                timeout=self.timeout,
                enable_multithread=False,
            )
        except (OSError, websocket.WebSocketException) as exc:
            raise ProtocolError(f"websocket: {exc}") from exc
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_script_hash = ""
        back.rerun_script.context_info.timezone = "UTC"
        back.rerun_script.context_info.locale = "en-US"
        back.rerun_script.context_info.url = self.base_url + "/"
        n = self._send_and_wait(back, full_run=True)
        return self._timed("open", start, len(received) + len(host_config) + n)

    def close(self) -> None:
        self.close_socket()
        self.http.close()

    def close_socket(self) -> None:
        """Close the websocket only (a reconnect keeps the cookies)."""
        if self.ws is not None:
            with contextlib.suppress(Exception):  # a socket already gone is closed
                self.ws.close()
            self.ws = None

    # ---- actions ------------------------------------------------------------------------
    def switch_page(self, name: str) -> Timing:
        """What a sidebar link does: run another page, keeping only the main script's widgets."""
        target = self.pages.get(name)
        if target is None:
            raise ProtocolError(f"no page {name!r}; pages: {sorted(self.pages)}")
        start = time.perf_counter()
        keep = {wid for wid, w in self.widgets.items() if w.script_hash == self.main_script_hash}
        self.values = {wid: v for wid, v in self.values.items() if wid in keep}
        n = self._rerun(page_hash=target, full_run=True)
        return self._timed(f"page {name}", start, n)

    def set_widget(self, label: str, value: Any) -> Timing:
        """Change a widget found by its label, as a person would, and wait for the rerun."""
        widget = self.widget(label)
        state = self._state(widget, value)
        start = time.perf_counter()
        self.values[widget.id] = state
        n = self._rerun(fragment_id=widget.fragment_id, full_run=not widget.fragment_id)
        if widget.kind == "button":  # a trigger fires once
            self.values.pop(widget.id, None)
        return self._timed(f"{widget.kind} {label}", start, n)

    def click(self, label: str) -> Timing:
        return self.set_widget(label, True)

    def download(self, label: str) -> tuple[Timing, bytes]:
        """A download button found by its label: its file, fetched as the browser does."""
        widget = self.widget(label, kind="download_button")
        start = time.perf_counter()
        proto = widget.proto
        if proto.deferred_file_id:
            self._request_no += 1
            back = BackMsg()
            request_id = f"load-{self._request_no}"
            back.backend_operation_request.request_id = request_id
            back.backend_operation_request.session_id = self.session_id
            back.backend_operation_request.deferred_file.file_id = proto.deferred_file_id
            self._send(back)
            answer = self._receive_until(
                lambda m: m.WhichOneof("type") == "backend_operation_response"
                and m.backend_operation_response.request_id == request_id
            ).backend_operation_response
            if answer.error_msg:
                raise ProtocolError(f"download {label!r}: {answer.error_msg}")
            url = answer.deferred_file.url
        else:
            url = proto.url
        body = self._get(url).content
        return self._timed(f"download {label}", start, len(body)), body

    def upload(self, label: str, name: str, data: bytes, mime: str = "application/json") -> Timing:
        """Load a file through the uploader with this label, then wait for the rerun."""
        widget = self.widget(label, kind="file_uploader")
        start = time.perf_counter()
        self._request_no += 1
        request_id = f"load-{self._request_no}"
        back = BackMsg()
        back.file_urls_request.request_id = request_id
        back.file_urls_request.session_id = self.session_id
        back.file_urls_request.file_names.append(name)
        self._send(back)
        answer = self._receive_until(
            lambda m: m.WhichOneof("type") == "file_urls_response"
            and m.file_urls_response.response_id == request_id
        ).file_urls_response
        if answer.error_msg or not answer.file_urls:
            raise ProtocolError(f"upload {label!r}: no upload URL ({answer.error_msg})")
        urls = answer.file_urls[0]
        try:
            response = self.http.put(
                self._url(urls.upload_url),
                files={"file": (name, data, mime)},
                headers={"X-Xsrftoken": self.http.cookies.get("_streamlit_xsrf", "")},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise ProtocolError(f"upload {label!r}: {exc}") from exc
        if response.status_code >= 400:
            raise ProtocolError(f"upload {label!r}: HTTP {response.status_code} {response.text}")
        state = BackMsg().rerun_script.widget_states.widgets.add()
        state.id = widget.id
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(data), urls.file_id
        info.file_urls.CopyFrom(urls)
        self.values[widget.id] = state
        n = self._rerun(fragment_id=widget.fragment_id, full_run=not widget.fragment_id)
        return self._timed(f"upload {label}", start, len(data) + n)

    # ---- what the last run drew ---------------------------------------------------------
    def widget(self, label: str, kind: str | None = None) -> Widget:
        found = [w for w in self.widgets.values()
                 if w.label == label and (kind is None or w.kind == kind)]
        if not found:
            known = sorted({f"{w.kind}: {w.label}" for w in self.widgets.values()})
            raise ProtocolError(f"no widget labelled {label!r} on this page; found {known}")
        return found[0]

    def labels(self) -> list[str]:
        return [w.label for w in self.widgets.values()]

    def text(self) -> str:
        return "\n".join(self.texts)

    # ---- protocol -----------------------------------------------------------------------
    def _state(self, widget: Widget, value: Any):
        state = BackMsg().rerun_script.widget_states.widgets.add()
        state.id = widget.id
        kind = VALUE_FIELD.get(widget.kind)
        if kind is None:
            raise ProtocolError(f"cannot set a {widget.kind} ({widget.label!r})")
        if kind == "trigger_value":
            state.trigger_value = True
        elif kind == "bool_value":
            state.bool_value = bool(value)
        elif kind == "string_value":
            state.string_value = str(value)
        elif kind == "double_value":
            state.double_value = float(value)
        elif kind == "string_array_value":
            values = value if isinstance(value, (list, tuple)) else [value]
            state.string_array_value.data.extend(str(v) for v in values)
        elif kind == "double_array_value":
            values = value if isinstance(value, (list, tuple)) else [value]
            state.double_array_value.data.extend(float(v) for v in values)
        else:
            raise ProtocolError(f"cannot set a {widget.kind} ({widget.label!r}) directly")
        return state

    def _rerun(self, *, page_hash: str | None = None, fragment_id: str = "",
               full_run: bool = True) -> int:
        back = BackMsg()
        rerun = back.rerun_script
        rerun.query_string = ""
        rerun.page_script_hash = page_hash or self.page_hash
        if fragment_id:
            rerun.fragment_id = fragment_id
        rerun.widget_states.widgets.extend(self.values.values())
        rerun.cached_message_hashes.extend(self.cache)
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "en-US"
        return self._send_and_wait(back, full_run=full_run)

    def _send(self, back: BackMsg) -> None:
        if self.ws is None:
            raise ProtocolError("not connected")
        try:
            self.ws.send_binary(back.SerializeToString())
        except (OSError, websocket.WebSocketException) as exc:
            raise ProtocolError(f"connection lost while sending: {exc}") from exc

    def _receive(self) -> tuple[ForwardMsg, int]:
        try:
            data = self.ws.recv()
        except websocket.WebSocketTimeoutException as exc:
            raise ProtocolError(f"no answer within {self.timeout} s") from exc
        except (OSError, websocket.WebSocketException) as exc:
            raise ProtocolError(f"connection lost: {exc}") from exc
        if not data:
            raise ProtocolError("connection closed by the server")
        msg = ForwardMsg()
        msg.ParseFromString(data)
        if msg.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                raise ProtocolError(f"reference to a message not in the cache: {msg.ref_hash}")
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(msg.metadata)
            msg = resolved
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        return msg, len(data)

    def _receive_until(self, done: Callable[[ForwardMsg], bool]) -> ForwardMsg:
        while True:
            msg, _ = self._receive()
            self._handle(msg)
            if done(msg):
                return msg

    def _send_and_wait(self, back: BackMsg, *, full_run: bool) -> int:
        """Send a rerun and read until its script-finished message; returns bytes received."""
        drawn: dict[str, Widget] = {}
        self.texts = [] if full_run else self.texts
        self.exceptions = []
        self._send(back)
        total = 0
        deadline = time.monotonic() + self.timeout
        while True:
            msg, size = self._receive()
            total += size
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._delta(msg, drawn)
            else:
                self._handle(msg)
            if kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the script did not compile")
                if status in FINISHED:
                    break
            if kind == "page_not_found":
                raise ProtocolError(f"page not found: {msg.page_not_found.page_name}")
            if time.monotonic() > deadline:
                raise ProtocolError(f"no script-finished message within {self.timeout} s")
        if full_run:
            self.widgets = drawn
            # the frontend drops the values of widgets that are no longer drawn
            self.values = {wid: v for wid, v in self.values.items() if wid in drawn}
        else:
            self.widgets.update(drawn)
        if self.exceptions:
            raise ProtocolError("the page showed an error: " + " | ".join(self.exceptions))
        return total

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            new = msg.new_session
            if new.initialize.session_id:
                self.session_id = new.initialize.session_id
            self.main_script_hash = new.main_script_hash
            self.page_hash = new.page_script_hash
            self._pages(new.app_pages)
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
            self._pages(msg.navigation.app_pages)
        elif kind == "page_info_changed":
            pass

    def _pages(self, app_pages) -> None:
        for page in app_pages:
            self.pages[page.page_name] = page.page_script_hash
            if page.url_pathname:
                self.pages[page.url_pathname] = page.page_script_hash

    def _delta(self, msg: ForwardMsg, drawn: dict[str, Widget]) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind is None:
            return
        proto = getattr(element, kind)
        if kind == "exception":
            self.exceptions.append(f"{proto.type}: {proto.message}")
            return
        if kind in ("markdown", "text", "heading", "alert"):
            body = getattr(proto, "body", "")
            if body:
                self.texts.append(body)
        widget_id = getattr(proto, "id", "") if kind in VALUE_FIELD else ""
        if widget_id:
            drawn[widget_id] = Widget(
                id=widget_id, kind=kind, label=getattr(proto, "label", ""),
                fragment_id=delta.fragment_id, script_hash=msg.metadata.active_script_hash,
                proto=proto,
            )

    # ---- HTTP ---------------------------------------------------------------------------
    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")

    def _get(self, path: str) -> requests.Response:
        try:
            response = self.http.get(self._url(path), timeout=self.timeout)
        except requests.RequestException as exc:
            raise ProtocolError(f"GET {path}: {exc}") from exc
        if response.status_code >= 400:
            raise ProtocolError(f"GET {path}: HTTP {response.status_code}")
        return response

    def _timed(self, name: str, start: float, size: int) -> Timing:
        timing = Timing(name, time.perf_counter() - start, size)
        if self.on_timing is not None:
            self.on_timing(timing)
        return timing


def new_person_id() -> str:
    return uuid.uuid4().hex[:8]
