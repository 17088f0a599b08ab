"""Benchmark what a person feels: rerun time after a widget change, Largest Contentful Paint,
summary download build times and server memory, each next to a bare one-widget Streamlit page
started the same way. Prints a table and writes it to scripts/bench_results.md (and .json).

Run: `make bench` (or `.venv/bin/python scripts/bench.py [--rounds N] [--pages a,b]`; only the
page switches: `--parts switch`).
Not a test: the machine's load changes the numbers; compare ratios, not absolute times, and run
it on a quiet machine. Targets (issue 7.4): rerun median <= 1.5x and LCP <= 1.2x the bare page;
(issue 14) download build p95 under 1.5 s for the PDF and under 100 ms for HTML and text;
(issue 17) server CPU per page switch <= 2x and click to last change <= 1.5x a bare
three-page app.

How it measures:
- rerun: in the page, a capture listener notes the time of the last real (trusted) click or key
  press, and a MutationObserver the time of the last DOM change. After each widget change the
  script waits for Streamlit to report `notRunning` and for the DOM to be quiet for --quiet-ms;
  the rerun time is last DOM change minus the change that caused it (changes inside a
  <canvas>, never painted, do not count). The wait starts only once the server's websocket
  says the script run finished (RerunCounter), so a slow rerun is never cut short. One fresh
  session per page; SETUP in scripts/bench_interactions.py brings it into state first.
  "Drawing after the last message" is the part after the page received the server's last
  websocket message for the rerun (a lower bound of the browser's share: charts that arrive
  earlier are drawn while later messages wait).
- LCP: a fresh browser context per load, PerformanceObserver('largest-contentful-paint').
- downloads: scripts/bench_pdf.py's time_downloads (p50 and p95 of --pdf-rounds builds of each
  download, PDF, HTML and text, after a warm-up).
- page switch (issue 17): a person clicks every sidebar link in turn, --switch-tours times
  after one warm-up tour, in one session, against a bare three-page app (st.navigation, a
  title and a line per page) started the same way. Per switch: the server's CPU time
  (utime + stime of the whole process, all threads, from /proc/<pid>/stat, from the click
  until the page is quiet) and click to last DOM change as for a rerun. The app is toured
  twice: a fresh session, and one with a cancer and product chosen (so the pages draw their
  charts). The server's CPU while idle (no click) is reported too: a polling thread would
  show there.
- server CPU per widget change: the same /proc reading around each rerun round.
- memory: VmRSS of the streamlit process (from /proc), after the page tour, with 1 open
  session and with --sessions open sessions.
Everything it starts (servers, Chromium) is stopped on exit, also on errors and Ctrl-C.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from components import catalog, sitemap  # noqa: E402
from tests.e2e import helpers  # noqa: E402
from tests.e2e.conftest import CHROMIUM  # noqa: E402
from tests.e2e.server import running_server  # noqa: E402

BARE_APP = """import streamlit as st
st.title("Bare page")
value = st.selectbox("Pick one", ["a", "b", "c"], key="bare__pick")
st.write(f"You picked {value}")
"""

# A bare three-page app for the page-switch measure: Streamlit's own sidebar links.
BARE_PAGES = ("One", "Two", "Three")
BARE_NAV_APP = """import streamlit as st
page = st.navigation([st.Page(f"bare_{n}.py", title=n) for n in ("One", "Two", "Three")])
page.run()
"""
BARE_NAV_PAGE = """import streamlit as st
st.title("Page {name}")
st.write("A line of text on page {name}.")
"""

LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
TARGETS = {  # downloads: scripts/bench_pdf.TARGET_P95_MS
    "rerun_ratio": 1.5, "lcp_ratio": 1.2, "switch_cpu_ratio": 2.0, "switch_time_ratio": 1.5,
}
PARTS = ("rerun", "switch", "memory", "downloads")
ROUND_TIMEOUT_S = 20.0  # a rerun that takes longer than this counts as failed

# Installed once per page: the time of the last real input and of the last DOM change.
OBSERVE_JS = """() => {
  if (window.__benchObserver) return;
  window.__lastInput = 0;
  window.__lastMutation = performance.now();
  for (const type of ['pointerdown', 'click', 'keydown', 'change']) {
    document.addEventListener(type, e => {
      if (e.isTrusted) window.__lastInput = performance.now();
    }, true);
  }
  const app = document.querySelector('[data-testid="stApp"]');
  window.__benchObserver = new MutationObserver(records => {
    // Content inside a <canvas> (the data grid's screen-reader copy) is never painted, and
    // the grid updates it lazily a few hundred ms later: it does not end a rerun.
    const painted = records.some(r => {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      return !(el && el.closest('canvas'));
    });
    if (painted) window.__lastMutation = performance.now();
  });
  window.__benchObserver.observe(app,
    {subtree: true, childList: true, characterData: true, attributes: true});
}"""

# Added before the app loads: the time the page received the last websocket message (the
# rerun's last delta or its "script finished"), to split a rerun into server and browser parts.
WEBSOCKET_JS = """(() => {
  const Original = window.WebSocket;
  window.__lastMessage = 0;
  window.WebSocket = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__lastMessage = performance.now(); });
    }
  };
})();"""

QUIET_JS = """() => ({
  quiet: performance.now() - window.__lastMutation,
  input: window.__lastInput,
  mutation: window.__lastMutation,
  message: window.__lastMessage || 0,
  idle: !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]'),
})"""

LCP_JS = """() => new Promise(resolve => {
  let last = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) last = e.startTime;
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(last), 300);
})"""


class RerunCounter:
    """Counts the script runs a page's server finished, from the websocket's ForwardMsgs.

    Streamlit's `data-test-script-state` attribute can stay `notRunning` through a fast rerun
    (React batches the change), so waits start from this count instead. Works with the sync
    and the async Playwright API (attach it before the page opens the app).
    """

    def __init__(self, page) -> None:
        self.finished = 0
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, ws) -> None:
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:  # noqa: BLE001, S112 - not a ForwardMsg: not ours to count
            return
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in (
            ForwardMsg.FINISHED_SUCCESSFULLY,
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
        ):
            self.finished += 1


def wait_rerun(page: Page, counter: RerunCounter, before: int, quiet_ms: float) -> dict:
    """Wait for a script run after `before` to finish and the DOM to be quiet; return the
    page's timing state. Raises TimeoutError after ROUND_TIMEOUT_S."""
    deadline = time.monotonic() + ROUND_TIMEOUT_S
    while counter.finished <= before:
        if time.monotonic() > deadline:
            raise TimeoutError("no rerun finished")
        page.wait_for_timeout(10)  # lets Playwright deliver websocket events
    while True:
        state = page.evaluate(QUIET_JS)
        if state["idle"] and state["quiet"] >= quiet_ms:
            return state
        if time.monotonic() > deadline:
            raise TimeoutError("the page never settled")
        page.wait_for_timeout(min(50, max(10, quiet_ms - state["quiet"])))


def measure_rerun(
    page: Page,
    counter: RerunCounter,
    act: Callable[[Page, int], None],
    rounds: int,
    quiet_ms: float,
    pid: int | None = None,
) -> tuple[list[float], list[float], int, float]:
    """Milliseconds from each widget change to the last DOM update of the rerun it caused.

    Returns (times, browser_tails, failures, server CPU ms per round). A browser tail is the
    part of a rerun after the page received the server's last message (drawing, mostly). A
    round fails when no rerun finished, or the page did not settle, within ROUND_TIMEOUT_S.
    The CPU is the server process's (`pid`, all threads) over all rounds, divided by them.
    """
    page.evaluate(OBSERVE_JS)
    wait_rerun(page, counter, counter.finished - 1, quiet_ms)  # let the setup's reruns end
    times: list[float] = []
    tails: list[float] = []
    failures = 0
    cpu_start = cpu_ms(pid) if pid else float("nan")
    for i in range(rounds):
        before = counter.finished
        try:
            act(page, i)
            state = wait_rerun(page, counter, before, quiet_ms)
        except (TimeoutError, PlaywrightError) as exc:
            failures += 1
            print(f"  round {i} failed: {str(exc).splitlines()[0][:160]}", flush=True)
            if failures >= 3:
                raise
            page.keyboard.press("Escape")  # close a list left open, then go on
            wait_rerun(page, counter, counter.finished - 1, quiet_ms)
            continue
        if state["input"] <= 0 or state["mutation"] <= state["input"]:
            failures += 1  # the change caused no visible rerun
            continue
        times.append(state["mutation"] - state["input"])
        if state["message"] > state["input"]:
            tails.append(max(0.0, state["mutation"] - state["message"]))
    cpu = (cpu_ms(pid) - cpu_start) / rounds if pid else float("nan")
    return times, tails, failures, cpu


def cpu_ms(pid: int) -> float:
    """CPU time (user + system, all threads) a process used so far, in ms (Linux /proc;
    counted in clock ticks, 10 ms here: average it over many interactions)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


@contextmanager
def measured_page(browser: Browser, url: str, setup: Callable[[Page], None] | None = None,
                  **context_args: Any) -> Iterator[tuple[Page, RerunCounter]]:
    """One measured session: a fresh browser context that counts the app's reruns (WEBSOCKET_JS),
    the page at `url` opened and `setup` done; the context is closed at the end."""
    context = browser.new_context(viewport=VIEWPORT, **context_args)
    context.add_init_script(WEBSOCKET_JS)
    try:
        page = context.new_page()
        counter = RerunCounter(page)
        helpers.open_page(page, url)
        if setup is not None:
            setup(page)
        yield page, counter
    finally:
        context.close()


def measure_switches(
    browser: Browser,
    url: str,
    titles: list[str],
    tours: int,
    quiet_ms: float,
    pid: int,
    setup: Callable[[Page], None] | None = None,
) -> dict[str, Any]:
    """Click the sidebar links `titles` in turn, one warm-up tour then `tours` measured ones,
    in one session. Per switch: server CPU (from the click until the page is quiet) and click
    to last DOM change. Also the server's CPU while the page sits idle."""
    per_page: dict[str, dict[str, list[float]]] = {t: {"cpu": [], "ms": []} for t in titles}
    runs: list[int] = []
    with measured_page(browser, url, setup) as (page, counter):
        page.evaluate(OBSERVE_JS)
        wait_rerun(page, counter, counter.finished - 1, quiet_ms)
        order = titles[1:] + titles[:1]  # start on the first page: the tour ends there
        for tour in range(tours + 1):
            for title in order:
                before, cpu_before = counter.finished, cpu_ms(pid)
                helpers.sidebar_link(page, title).click()
                state = wait_rerun(page, counter, before, quiet_ms)
                if tour == 0:
                    continue  # warm-up: each page's first visit imports and fills caches
                per_page[title]["cpu"].append(cpu_ms(pid) - cpu_before)
                per_page[title]["ms"].append(state["mutation"] - state["input"])
                runs.append(counter.finished - before)
        helpers.expect_no_exception(page)
        cpu_before = cpu_ms(pid)
        page.wait_for_timeout(3000)
        idle_cpu_per_s = (cpu_ms(pid) - cpu_before) / 3
    cpu = [c for t in titles for c in per_page[t]["cpu"]]
    times = [m for t in titles for m in per_page[t]["ms"]]
    return {
        "switches": len(cpu),
        "cpu_mean_ms": statistics.fmean(cpu),
        "time_median_ms": median(times),
        "time_p95_ms": p95(times),
        "runs_per_switch": statistics.fmean(runs),
        "idle_cpu_ms_per_s": idle_cpu_per_s,
        "per_page": {
            t: {"cpu_mean_ms": statistics.fmean(v["cpu"]), "time_median_ms": median(v["ms"])}
            for t, v in per_page.items()
        },
    }


def measure_lcp(browser: Browser, url: str, rounds: int) -> list[float]:
    """LCP in ms for `rounds` first visits, each in a fresh browser context."""
    values = []
    for _ in range(rounds):
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            helpers.open_page(page, url)
            values.append(float(page.evaluate(LCP_JS)))
        finally:
            context.close()
    return values


def vm_rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def p95(values: list[float]) -> float:
    """The 95th percentile, nearest-rank (the largest value for fewer than 20 values)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def bench_pdf(rounds: int) -> dict[str, dict[str, float]]:
    """p50/p95 build time of each summary download (PDF, HTML, text), Latin and mixed scripts."""
    from scripts.bench_pdf import time_downloads  # the summary downloads' benchmark

    return time_downloads(rounds)


def bench_page(
    browser: Browser, url: str, act, setup, rounds: int, lcp_rounds: int, quiet_ms: float,
    pid: int | None = None,
) -> dict[str, Any]:
    """Rerun times and server CPU per rerun (one session) and LCP (fresh sessions) for one
    page."""
    with measured_page(browser, url, setup, accept_downloads=True) as (page, counter):
        reruns, tails, failures, cpu = measure_rerun(page, counter, act, rounds, quiet_ms, pid)
        helpers.expect_no_exception(page)
    lcp = measure_lcp(browser, url, lcp_rounds) if lcp_rounds else []
    return {
        "rerun_cpu_ms": cpu,
        "rerun_median_ms": median(reruns),
        "rerun_p95_ms": p95(reruns),
        "rerun_n": len(reruns),
        "rerun_failures": failures,
        "rerun_ms": [round(t, 1) for t in reruns],
        "browser_tail_median_ms": median(tails),
        "lcp_median_ms": median(lcp),
        "lcp_ms": [round(t, 1) for t in lcp],
    }


def open_sessions(browser: Browser, url: str, count: int) -> list:
    """`count` concurrent sessions, each a fresh context on one of the pages (round robin)."""
    contexts = []
    for i in range(count):
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        helpers.open_page(page, f"{url}/{sitemap.PAGES[i % len(sitemap.PAGES)].url_path}")
    return contexts


def mark(ok: bool) -> str:
    return "ok" if ok else "**MISS**"


def render(result: dict[str, Any]) -> str:
    """The results as Markdown tables."""
    from scripts.bench_interactions import WHAT

    rounds, sessions = result["rounds"], result["sessions"]
    lines = [
        f"Benchmark run {result['when']} on {result['machine']} ({rounds} reruns per page, "
        f"{result['lcp_rounds']} fresh loads for LCP, {result['switch_tours']} tours of the "
        f"sidebar; headless Chromium; load average {result['load_before']} before, "
        f"{result['load_after']} after; parts: {', '.join(result['parts'])}).",
    ]
    if result["pages"]:
        lines += render_reruns(result, WHAT)
    if result.get("switch"):
        lines += render_switches(result["switch"])
    if result.get("pdf_ms") or result.get("pdf_error") or result.get("memory_mib"):
        lines += ["", "| measure | value | target |", "|---|---|---|"]
    for name, r in result.get("pdf_ms", {}).items():
        target = f"p95 <= {r['target_p95']:.0f} ms {mark(r['p95'] <= r['target_p95'])}"
        label = f"download build, {name} ({result['pdf_rounds']} runs)"
        lines.append(f"| {label} | p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms | {target} |")
    if result.get("pdf_error"):
        lines.append(f"| download build | failed: {result['pdf_error']} | |")
    mem = result.get("memory_mib")
    if mem:
        lines += [
            f"| server memory, bare page, 1 session | {mem['bare_one']:.0f} MiB | |",
            f"| server memory, app after the page tour (no open session) | {mem['idle']:.0f} MiB "
            "| |",
            f"| server memory, app, 1 open session | {mem['one']:.0f} MiB | |",
            f"| server memory, app, {sessions} concurrent sessions | {mem['many']:.0f} MiB | |",
            f"| memory per extra session | {mem['per_session']:.2f} MiB | |",
        ]
    lines += [
        "",
        f"Targets: rerun median <= {TARGETS['rerun_ratio']}x and LCP <= {TARGETS['lcp_ratio']}x "
        "the bare page; per page switch, server CPU <= "
        f"{TARGETS['switch_cpu_ratio']}x and click to last change <= "
        f"{TARGETS['switch_time_ratio']}x the bare three-page app. Rerun = from the click or "
        "key press to the last DOM change it caused, in the page; the drawing part starts when "
        "the page received the server's last message for that rerun. Server CPU = user + "
        "system time of the whole server process (all threads) from /proc, from the click "
        "until the page was quiet.",
    ]
    return "\n".join(lines)


def render_reruns(result: dict[str, Any], what: dict[str, str]) -> list[str]:
    lines = [
        "",
        "| page | widget change | rerun median (ms) | rerun p95 (ms) | rerun vs bare "
        "| drawing after the last message (ms, at least) | server CPU per rerun (ms) "
        "| LCP median (ms) | LCP vs bare |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["pages"]:
        if "error" in r:
            lines.append(f"| {r['page']} | {what.get(r['stem'], '')} | failed: {r['error']} "
                         "| | | | | | |")
            continue
        fails = f" ({r['rerun_failures']} failed)" if r.get("rerun_failures") else ""
        bare = r["stem"] == "bare"
        rerun_mark = "" if bare else " " + mark(r["rerun_ratio"] <= TARGETS["rerun_ratio"])
        if r["lcp_ms"]:
            lcp_mark = "" if bare else " " + mark(r["lcp_ratio"] <= TARGETS["lcp_ratio"])
            lcp = f"{r['lcp_median_ms']:.0f} | {r['lcp_ratio']:.2f}x{lcp_mark}"
        else:
            lcp = "not measured | "
        lines.append(
            f"| {r['page']} | {what.get(r['stem'], '')} | {r['rerun_median_ms']:.0f}{fails} "
            f"| {r['rerun_p95_ms']:.0f} | {r['rerun_ratio']:.2f}x{rerun_mark} "
            f"| {r['browser_tail_median_ms']:.0f} | {r['rerun_cpu_ms']:.0f} | {lcp} |"
        )
    return lines


def render_switches(switch: dict[str, dict[str, Any]]) -> list[str]:
    """The page-switch tables: bare app and the app side by side, then the app per page."""
    base = switch["bare"]
    lines = [
        "",
        "Page switch from the sidebar (one session clicks every link in turn):",
        "",
        "| app | switches | server CPU per switch (ms, mean) | CPU vs bare | click to last "
        "change median (ms) | p95 (ms) | time vs bare | script runs per switch "
        "| server CPU while idle (ms per s) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in switch.items():
        cpu_ratio = r["cpu_mean_ms"] / base["cpu_mean_ms"]
        time_ratio = r["time_median_ms"] / base["time_median_ms"]
        marks = ("", "") if name == "bare" else (
            " " + mark(cpu_ratio <= TARGETS["switch_cpu_ratio"]),
            " " + mark(time_ratio <= TARGETS["switch_time_ratio"]),
        )
        lines.append(
            f"| {SWITCH_TITLES[name]} | {r['switches']} | {r['cpu_mean_ms']:.0f} "
            f"| {cpu_ratio:.2f}x{marks[0]} | {r['time_median_ms']:.0f} | {r['time_p95_ms']:.0f} "
            f"| {time_ratio:.2f}x{marks[1]} | {r['runs_per_switch']:.1f} "
            f"| {r['idle_cpu_ms_per_s']:.1f} |"
        )
    apps = [name for name in switch if name != "bare"]
    if apps:
        lines += [
            "",
            "Per page switched to (server CPU mean ms / click to last change median ms): "
            + ", ".join(SWITCH_TITLES[a] for a in apps) + ".",
            "",
            "| page | " + " | ".join(SWITCH_TITLES[a] for a in apps) + " |",
            "|---|" + "---|" * len(apps),
        ]
        for title in switch[apps[0]]["per_page"]:
            cells = [
                f"{switch[a]['per_page'][title]['cpu_mean_ms']:.0f} / "
                f"{switch[a]['per_page'][title]['time_median_ms']:.0f}"
                for a in apps
            ]
            lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return lines


SWITCH_TITLES = {
    "bare": "bare three-page app",
    "fresh": "the app, fresh session",
    "chosen": "the app, cancer and product chosen",
}


def check_content() -> None:
    """Stop early, with the reason, if data/ does not load (every page would show only the
    calm error message, and the numbers would mean nothing)."""
    from components import content

    try:
        catalog.load()
    except content.ContentError as exc:
        sys.exit(f"data/ does not load, so there is nothing to measure: {exc}")


def load_average() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="reruns per page (default 20)")
    parser.add_argument("--lcp-rounds", type=int, default=5,
                        help="fresh loads per page for LCP (0: none)")
    parser.add_argument("--switch-tours", type=int, default=4,
                        help="measured tours of every sidebar link (after one warm-up)")
    parser.add_argument("--pdf-rounds", type=int, default=21, help="PDF builds per summary")
    parser.add_argument("--sessions", type=int, default=10, help="concurrent sessions for memory")
    parser.add_argument("--quiet-ms", type=float, default=400, help="DOM quiet time ending a rerun")
    parser.add_argument("--pages", default="", help="comma-separated page stems (default: all)")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"what to measure (default: all of {','.join(PARTS)})")
    parser.add_argument("--out", type=Path, default=ROOT / "scripts" / "bench_results.md")
    args = parser.parse_args()
    if not (1 <= args.rounds <= 500 and 0 <= args.lcp_rounds <= 50 and 1 <= args.sessions <= 60
            and 1 <= args.switch_tours <= 50):
        parser.error("rounds 1-500, lcp-rounds 0-50, sessions 1-60, switch-tours 1-50")
    parts = [p for p in args.parts.split(",") if p]
    if not parts or set(parts) - set(PARTS):
        parser.error(f"parts: some of {','.join(PARTS)}")
    from scripts.bench_interactions import EXTRA_ROWS, INTERACTIONS, SETUP, bare_act, chosen_setup

    check_content()
    specs = [p for p in sitemap.PAGES if not args.pages or p.url_path in args.pages.split(",")]
    missing = [p.url_path for p in specs if p.url_path not in INTERACTIONS]
    if missing:
        parser.error(f"no interaction for: {', '.join(missing)}")

    result: dict[str, Any] = {
        "when": f"{dt.datetime.now():%Y-%m-%d %H:%M}",
        "machine": f"{os.cpu_count()} cores",
        "parts": parts,
        "rounds": args.rounds,
        "lcp_rounds": args.lcp_rounds,
        "switch_tours": args.switch_tours,
        "pdf_rounds": args.pdf_rounds,
        "sessions": args.sessions,
        "load_before": load_average(),
        "pages": [],
        "switch": {},
    }
    memory: dict[str, float] = {}
    titles = [p.title for p in sitemap.PAGES]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                bare = Path(tmp) / "bare.py"
                bare.write_text(BARE_APP, encoding="utf-8")
                with running_server(script=str(bare)) as srv:
                    if "rerun" in parts:
                        print("bare page ...", flush=True)
                        row = bench_page(
                            browser, srv.url, bare_act, None, args.rounds, args.lcp_rounds,
                            args.quiet_ms, srv.process.pid,
                        )
                        base = row
                        result["pages"].append(
                            {"page": "bare one-widget page", "stem": "bare", **row,
                             "rerun_ratio": 1.0, "lcp_ratio": 1.0}
                        )  # fmt: skip
                    if "memory" in parts:
                        contexts = open_sessions(browser, srv.url, 1)
                        memory["bare_one"] = vm_rss_mib(srv.process.pid)
                        for context in contexts:
                            context.close()
                if "switch" in parts:
                    nav = Path(tmp) / "bare_nav.py"
                    nav.write_text(BARE_NAV_APP, encoding="utf-8")
                    for name in BARE_PAGES:
                        (Path(tmp) / f"bare_{name}.py").write_text(
                            BARE_NAV_PAGE.format(name=name), encoding="utf-8"
                        )
                    with running_server(script=str(nav)) as srv:
                        print("bare three-page app: page switches ...", flush=True)
                        result["switch"]["bare"] = measure_switches(
                            browser, srv.url, list(BARE_PAGES), args.switch_tours,
                            args.quiet_ms, srv.process.pid,
                        )

            rows = [(p.url_path, p.url_path, p.title) for p in specs] + [
                (stem, page, title) for stem, (page, title) in EXTRA_ROWS.items()
                if page in {p.url_path for p in specs}
            ]
            with running_server() as srv:
                warm_up(browser, srv.url)
                if "switch" in parts:
                    for name, setup in (("fresh", None), ("chosen", chosen_setup)):
                        print(f"the app ({name}): page switches ...", flush=True)
                        result["switch"][name] = measure_switches(
                            browser, srv.url, titles, args.switch_tours, args.quiet_ms,
                            srv.process.pid, setup,
                        )
                for stem, page_stem, title in rows if "rerun" in parts else []:
                    print(f"{stem} ...", flush=True)
                    try:
                        row = bench_page(
                            browser, f"{srv.url}/{page_stem}", INTERACTIONS[stem],
                            SETUP.get(stem), args.rounds, args.lcp_rounds, args.quiet_ms,
                            srv.process.pid,
                        )  # fmt: skip
                    except Exception as exc:  # noqa: BLE001 - report it and measure the rest
                        message = str(exc).splitlines()[0][:200]
                        print(f"  {stem} failed: {message}", flush=True)
                        result["pages"].append({"page": title, "stem": stem, "error": message})
                        continue
                    row["rerun_ratio"] = row["rerun_median_ms"] / base["rerun_median_ms"]
                    row["lcp_ratio"] = (
                        row["lcp_median_ms"] / base["lcp_median_ms"] if row["lcp_ms"] else None
                    )
                    result["pages"].append({"page": title, "stem": stem, **row})
                if "memory" in parts:
                    print("memory ...", flush=True)
                    memory.update(measure_memory(browser, srv, args.sessions))
        finally:
            browser.close()
    if memory:
        memory["per_session"] = (memory["many"] - memory["one"]) / max(1, args.sessions - 1)
        result["memory_mib"] = memory

    if "downloads" in parts:
        print("Downloads (PDF, HTML, text) ...", flush=True)
        try:
            result["pdf_ms"] = bench_pdf(args.pdf_rounds)
        except Exception as exc:  # noqa: BLE001 - report it with the rest
            print(f"  PDF failed: {exc}", flush=True)
            result["pdf_ms"] = {}
            result["pdf_error"] = str(exc)[:200]
    result["load_after"] = load_average()

    report = render(result)
    print(report)
    args.out.write_text(report + "\n", encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nWritten to {args.out} and {args.out.with_suffix('.json')}")


def warm_up(browser: Browser, url: str) -> None:
    """Open the app once, not measured: a fresh server's first run imports everything, which on
    a busy machine can outlast helpers.open_page's wait."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(helpers.APP_CONNECTED, timeout=60_000)
        page.wait_for_selector(helpers.APP_IDLE, timeout=60_000)
    finally:
        context.close()


def measure_memory(browser: Browser, srv, sessions: int) -> dict[str, float]:
    """VmRSS after every page was opened once, with 1 and with `sessions` open sessions."""
    memory: dict[str, float] = {}
    for context in open_sessions(browser, srv.url, len(sitemap.PAGES)):
        context.close()  # every page once: all imports done before measuring
    time.sleep(1)
    memory["idle"] = vm_rss_mib(srv.process.pid)
    contexts = open_sessions(browser, srv.url, 1)
    time.sleep(1)
    memory["one"] = vm_rss_mib(srv.process.pid)
    contexts += open_sessions(browser, srv.url, sessions - 1)
    time.sleep(1)
    memory["many"] = vm_rss_mib(srv.process.pid)
    for context in contexts:
        context.close()
    return memory


if __name__ == "__main__":
    main()
