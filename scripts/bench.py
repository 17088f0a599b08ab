"""Benchmark what a person feels: rerun time after a widget change, Largest Contentful Paint,
summary download build times and server memory, each next to a bare one-widget Streamlit page
started the same way. Prints a table and writes it to scripts/bench_results.md (and .json).

Run: `make bench` (or `.venv/bin/python scripts/bench.py [--rounds N] [--pages a,b]`).
Not a test: the machine's load changes the numbers; compare ratios, not absolute times, and run
it on a quiet machine. Targets (issue 7.4): rerun median <= 1.5x and LCP <= 1.2x the bare page;
(issue 14) download build p95 under 1.5 s for the PDF and under 100 ms for HTML and text.

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
from collections.abc import Callable
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
TARGETS = {"rerun_ratio": 1.5, "lcp_ratio": 1.2}  # downloads: scripts/bench_pdf.TARGET_P95_MS
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
) -> tuple[list[float], list[float], int]:
    """Milliseconds from each widget change to the last DOM update of the rerun it caused.

    Returns (times, browser_tails, failures). A browser tail is the part of a rerun after the
    page received the server's last message (drawing, mostly). A round fails when no rerun
    finished, or the page did not settle, within ROUND_TIMEOUT_S.
    """
    page.evaluate(OBSERVE_JS)
    wait_rerun(page, counter, counter.finished - 1, quiet_ms)  # let the setup's reruns end
    times: list[float] = []
    tails: list[float] = []
    failures = 0
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
    return times, tails, failures


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
    browser: Browser, url: str, act, setup, rounds: int, lcp_rounds: int, quiet_ms: float
) -> dict[str, Any]:
    """Rerun times (one session) and LCP (fresh sessions) for one page."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.add_init_script(WEBSOCKET_JS)
    try:
        page = context.new_page()
        counter = RerunCounter(page)
        helpers.open_page(page, url)
        if setup is not None:
            setup(page)
        reruns, tails, failures = measure_rerun(page, counter, act, rounds, quiet_ms)
        helpers.expect_no_exception(page)
    finally:
        context.close()
    lcp = measure_lcp(browser, url, lcp_rounds)
    return {
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
        f"{result['lcp_rounds']} fresh loads for LCP; headless Chromium; load average "
        f"{result['load_before']} before, {result['load_after']} after).",
        "",
        "| page | widget change | rerun median (ms) | rerun p95 (ms) | rerun vs bare "
        "| drawing after the last message (ms, at least) | LCP median (ms) | LCP vs bare |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in result["pages"]:
        if "error" in r:
            lines.append(f"| {r['page']} | {WHAT.get(r['stem'], '')} | failed: {r['error']} "
                         "| | | | | |")
            continue
        fails = f" ({r['rerun_failures']} failed)" if r.get("rerun_failures") else ""
        bare = r["stem"] == "bare"
        rerun_mark = "" if bare else " " + mark(r["rerun_ratio"] <= TARGETS["rerun_ratio"])
        lcp_mark = "" if bare else " " + mark(r["lcp_ratio"] <= TARGETS["lcp_ratio"])
        lines.append(
            f"| {r['page']} | {WHAT.get(r['stem'], '')} | {r['rerun_median_ms']:.0f}{fails} "
            f"| {r['rerun_p95_ms']:.0f} | {r['rerun_ratio']:.2f}x{rerun_mark} "
            f"| {r['browser_tail_median_ms']:.0f} "
            f"| {r['lcp_median_ms']:.0f} | {r['lcp_ratio']:.2f}x{lcp_mark} |"
        )
    mem = result["memory_mib"]
    lines += ["", "| measure | value | target |", "|---|---|---|"]
    for name, r in result["pdf_ms"].items():
        target = f"p95 <= {r['target_p95']:.0f} ms {mark(r['p95'] <= r['target_p95'])}"
        label = f"download build, {name} ({result['pdf_rounds']} runs)"
        lines.append(f"| {label} | p50 {r['p50']:.0f} ms, p95 {r['p95']:.0f} ms | {target} |")
    if result.get("pdf_error"):
        lines.append(f"| download build | failed: {result['pdf_error']} | |")
    lines += [
        f"| server memory, bare page, 1 session | {mem['bare_one']:.0f} MiB | |",
        f"| server memory, app after the page tour (no open session) | {mem['idle']:.0f} MiB | |",
        f"| server memory, app, 1 open session | {mem['one']:.0f} MiB | |",
        f"| server memory, app, {sessions} concurrent sessions | {mem['many']:.0f} MiB | |",
        f"| memory per extra session | {mem['per_session']:.2f} MiB | |",
        "",
        f"Targets: rerun median <= {TARGETS['rerun_ratio']}x and LCP <= {TARGETS['lcp_ratio']}x "
        "the bare page. Rerun = from the click or key press to the last DOM change it caused, "
        "in the page; the drawing part starts when the page received the server's last "
        "message for that rerun.",
    ]
    return "\n".join(lines)


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
    parser.add_argument("--lcp-rounds", type=int, default=5, help="fresh loads per page for LCP")
    parser.add_argument("--pdf-rounds", type=int, default=21, help="PDF builds per summary")
    parser.add_argument("--sessions", type=int, default=10, help="concurrent sessions for memory")
    parser.add_argument("--quiet-ms", type=float, default=400, help="DOM quiet time ending a rerun")
    parser.add_argument("--pages", default="", help="comma-separated page stems (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "scripts" / "bench_results.md")
    args = parser.parse_args()
    if not (1 <= args.rounds <= 500 and 1 <= args.lcp_rounds <= 50 and 1 <= args.sessions <= 60):
        parser.error("rounds 1-500, lcp-rounds 1-50, sessions 1-60")
    from scripts.bench_interactions import EXTRA_ROWS, INTERACTIONS, SETUP, bare_act

    check_content()
    specs = [p for p in sitemap.PAGES if not args.pages or p.url_path in args.pages.split(",")]
    missing = [p.url_path for p in specs if p.url_path not in INTERACTIONS]
    if missing:
        parser.error(f"no interaction for: {', '.join(missing)}")

    result: dict[str, Any] = {
        "when": f"{dt.datetime.now():%Y-%m-%d %H:%M}",
        "machine": f"{os.cpu_count()} cores",
        "rounds": args.rounds,
        "lcp_rounds": args.lcp_rounds,
        "pdf_rounds": args.pdf_rounds,
        "sessions": args.sessions,
        "load_before": load_average(),
        "pages": [],
    }
    memory: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                bare = Path(tmp) / "bare.py"
                bare.write_text(BARE_APP, encoding="utf-8")
                with running_server(script=str(bare)) as srv:
                    print("bare page ...", flush=True)
                    row = bench_page(
                        browser, srv.url, bare_act, None, args.rounds, args.lcp_rounds,
                        args.quiet_ms,
                    )
                    contexts = open_sessions(browser, srv.url, 1)
                    memory["bare_one"] = vm_rss_mib(srv.process.pid)
                    for context in contexts:
                        context.close()
            base = row
            result["pages"].append(
                {"page": "bare one-widget page", "stem": "bare", **row,
                 "rerun_ratio": 1.0, "lcp_ratio": 1.0}
            )  # fmt: skip

            rows = [(p.url_path, p.url_path, p.title) for p in specs] + [
                (stem, page, title) for stem, (page, title) in EXTRA_ROWS.items()
                if page in {p.url_path for p in specs}
            ]
            with running_server() as srv:
                for stem, page_stem, title in rows:
                    print(f"{stem} ...", flush=True)
                    try:
                        row = bench_page(
                            browser, f"{srv.url}/{page_stem}", INTERACTIONS[stem],
                            SETUP.get(stem), args.rounds, args.lcp_rounds, args.quiet_ms,
                        )  # fmt: skip
                    except Exception as exc:  # noqa: BLE001 - report it and measure the rest
                        message = str(exc).splitlines()[0][:200]
                        print(f"  {stem} failed: {message}", flush=True)
                        result["pages"].append({"page": title, "stem": stem, "error": message})
                        continue
                    row["rerun_ratio"] = row["rerun_median_ms"] / base["rerun_median_ms"]
                    row["lcp_ratio"] = row["lcp_median_ms"] / base["lcp_median_ms"]
                    result["pages"].append({"page": title, "stem": stem, **row})
                print("memory ...", flush=True)
                for context in open_sessions(browser, srv.url, len(sitemap.PAGES)):
                    context.close()  # every page once: all imports done before measuring
                time.sleep(1)
                memory["idle"] = vm_rss_mib(srv.process.pid)
                contexts = open_sessions(browser, srv.url, 1)
                time.sleep(1)
                memory["one"] = vm_rss_mib(srv.process.pid)
                contexts += open_sessions(browser, srv.url, args.sessions - 1)
                time.sleep(1)
                memory["many"] = vm_rss_mib(srv.process.pid)
                for context in contexts:
                    context.close()
        finally:
            browser.close()
    memory["per_session"] = (memory["many"] - memory["one"]) / max(1, args.sessions - 1)
    result["memory_mib"] = memory

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


if __name__ == "__main__":
    main()
