"""Load test: N people use the decision aid at the same time, each through the whole flow.

Every session is its own browser context in one headless Chromium, against one Streamlit
server on 127.0.0.1 (started and stopped here). Each goes home -> Is it for me? (picks a
diagnosis) -> Treatment journey (next step) -> Side effects (picks a product) -> Options ->
Self-assessment (answers who, types a name, goes to part 2, answers a question) -> Summary
(downloads the text version and checks the typed name is in it).

Reports per level: errors (by step), p50/p95/max interaction time (from the click or key
press to the last DOM change of the rerun it caused, measured in the page), first-load time,
the server's memory (VmRSS: before, peak, after), the server's CPU time per interaction (its
capacity, whatever the browsers cost) and whether any typed name reached the log.
Target (issue 8.6): 0 errors at 50 sessions, p95 <= 1.5 s.

Run: `make load-test` (levels 10, 25, 50) or
`.venv/bin/python scripts/load_test.py --sessions 3,10 [--think 10] [--ramp 2] [--out r.md]`.
Not part of the test run. The browsers share the machine's cores with the server, so on a
small machine the interaction times include the browsers' own work.
Exit status 1 if any session had an error (or, with --strict, if p95 misses the target).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import Browser, Page, async_playwright, expect  # noqa: E402
from playwright.async_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from scripts.bench import (  # noqa: E402
    LAUNCH_ARGS,
    OBSERVE_JS,
    VIEWPORT,
    RerunCounter,
    check_content,
    vm_rss_mib,
)
from tests.e2e.conftest import CHROMIUM  # noqa: E402
from tests.e2e.server import running_server  # noqa: E402

TARGET_P95_MS = 1500.0
STEP_TIMEOUT_MS = 90_000  # one step may take this long before it counts as an error
QUIET_MS = 300  # the DOM must be this quiet before a rerun counts as finished
MAX_SESSIONS = 60

APP = '[data-testid="stApp"]'
IDLE = f'{APP}[data-test-script-state="notRunning"]'
CONNECTED = f'{APP}[data-test-connection-state="CONNECTED"]'

LBCL = "Large B-cell lymphoma (including DLBCL)"
YESCARTA = "Yescarta (axicabtagene ciloleucel)"

STATE_JS = """() => ({
  now: performance.now(),
  input: window.__lastInput,
  mutation: window.__lastMutation,
  idle: !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]'),
})"""


class FlowError(Exception):
    """A step did not do what a person would expect."""


@dataclass
class SessionResult:
    index: int
    timings: dict[str, float] = field(default_factory=dict)  # step -> interaction ms
    first_load_ms: float | None = None
    error: str | None = None
    failed_step: str | None = None
    detail: str = ""  # the full error message (Playwright's call log), for --out
    completed: bool = False


# --- small flow helpers (async; the browser tests' helpers are sync) -----------------------


async def settle(
    page: Page, counter: RerunCounter, before: int, deadline_s: float = STEP_TIMEOUT_MS / 1000
) -> dict[str, Any]:
    """Wait until a script run after `before` finished, and the DOM has been quiet for
    QUIET_MS (the websocket count, not the DOM attribute, says a rerun happened)."""
    end = time.monotonic() + deadline_s
    while counter.finished <= before:
        if time.monotonic() > end:
            raise FlowError("no rerun finished")
        await asyncio.sleep(0.01)
    while True:
        state = await page.evaluate(STATE_JS)
        if state["idle"] and state["now"] - state["mutation"] >= QUIET_MS:
            return state
        if time.monotonic() > end:
            raise FlowError("the page never settled")
        await asyncio.sleep(0.05)


async def no_exception(page: Page) -> None:
    if await page.get_by_test_id("stException").count():
        raise FlowError("the page shows an exception")


REOPENED = {"count": 0}  # how often a list did not open on the first click (see choose)


async def choose(page: Page, label: str, option: str) -> None:
    """Open the selectbox labelled `label` and click `option`.

    With many tabs in one browser, a click on the box now and then leaves the list closed (the
    box has focus, no list). A person would click again; so does this, then tries the arrow
    key, and counts it (reported with the results).
    """
    box = page.get_by_role("combobox", name=label, exact=True)
    item = page.get_by_role("option", name=option, exact=True)
    for attempt in range(4):
        if attempt % 2:
            await box.press("ArrowDown")
        else:
            await box.click()
        try:
            await item.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            REOPENED["count"] += 1
    await item.click()


async def pick_radio(page: Page, label: str, option: str) -> None:
    group = page.get_by_role("radiogroup", name=label, exact=True)
    await group.get_by_text(option, exact=True).click()


async def sidebar(page: Page, title: str) -> None:
    await page.get_by_test_id("stSidebar").get_by_role("link", name=title, exact=True).click()


class Flow:
    """One person's way through the app, timing every rerun they cause."""

    def __init__(self, page: Page, base_url: str, result: SessionResult, think_s: float) -> None:
        self.page, self.url, self.result = page, base_url, result
        self.name = f"Tester {result.index}"
        self.counter = RerunCounter(page)
        self.think_s = think_s
        self.rng = random.Random(result.index)  # the same pauses on every run

    async def step(self, name: str, action, check=None) -> None:
        """Do one thing, wait for the rerun, check what a person would check, time it."""
        self.result.failed_step = name
        if self.think_s:  # reading time before the next click: 0.5x to 1.5x of --think
            await asyncio.sleep(self.think_s * self.rng.uniform(0.5, 1.5))
        before = self.counter.finished
        await action()
        state = await settle(self.page, self.counter, before)
        if check is not None:
            await check()
        await no_exception(self.page)
        if state["mutation"] <= state["input"]:
            raise FlowError("nothing changed on the page")
        self.result.timings[name] = state["mutation"] - state["input"]

    def title_is(self, title: str):
        """The browser tab names this page (then the aid: "Side effects · CAR-T decision aid")."""
        tab = re.compile(f"^{re.escape(title)}( · |$)")
        return lambda: expect(self.page).to_have_title(tab, timeout=STEP_TIMEOUT_MS)

    def visible(self, locator):
        return lambda: expect(locator).to_be_visible(timeout=STEP_TIMEOUT_MS)

    async def run(self) -> None:
        page, r = self.page, self.result
        r.failed_step = "open home"
        await page.goto(self.url, timeout=STEP_TIMEOUT_MS)
        await page.wait_for_selector(CONNECTED, timeout=STEP_TIMEOUT_MS)
        await page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT_MS)
        await expect(page.get_by_role("heading", level=1)).to_contain_text("CAR-T")
        r.first_load_ms = await page.evaluate("() => performance.now()")
        await page.evaluate(OBSERVE_JS)
        await settle(page, self.counter, 0)

        await self.step("open Is it for me?", lambda: sidebar(page, "Is it for me?"),
                        self.title_is("Is it for me?"))
        await self.step(
            "pick a diagnosis", lambda: choose(page, "Which cancer do you have?", LBCL),
            self.visible(page.get_by_role("heading", name="Which CAR-T products may fit")),
        )
        await self.step("open Treatment journey", lambda: sidebar(page, "Treatment journey"),
                        self.title_is("Treatment journey"))
        await self.step(
            "next journey step", lambda: page.get_by_role("button", name="Next step").click(),
            self.visible(page.get_by_text("Step 2 of", exact=False)),
        )
        await self.step("open Side effects", lambda: sidebar(page, "Side effects"),
                        self.title_is("Side effects"))
        await self.step(
            "pick a product", lambda: choose(page, "Your CAR-T product", YESCARTA),
            self.visible(page.get_by_test_id("stImage").first),
        )
        await self.step(
            "open Options", lambda: sidebar(page, "Options side by side"),
            self.visible(page.get_by_role("radiogroup",
                                          name="How would you like to see the options?")),
        )
        await self.step("open Self-assessment", lambda: sidebar(page, "Self-assessment"),
                        self.title_is("Self-assessment"))
        await self.step(
            "answer who", lambda: pick_radio(page, "Who is filling this in?", "I am the patient")
        )

        async def type_name() -> None:
            box = page.get_by_label("What name should we put on your summary?", exact=True)
            await box.fill(self.name)
            await box.press("Enter")

        await self.step("type a name", type_name)
        await self.step(
            "next part", lambda: page.get_by_role("button", name="Next", exact=True).click(),
            self.visible(page.get_by_text("Part 2 of", exact=False)),
        )
        await self.step(
            "answer a knowledge question",
            lambda: pick_radio(
                page, "What happens at cell collection (leukapheresis)?",
                "A surgeon takes out a piece of bone marrow while you are asleep",
            ),
        )  # fmt: skip
        await self.step(
            "open Your summary", lambda: sidebar(page, "Your summary"),
            self.visible(page.get_by_text(self.name, exact=False).first),
        )

        r.failed_step = "download the text version"
        button = page.get_by_test_id("stDownloadButton").filter(has_text="Download as text")
        start = time.perf_counter()
        async with page.expect_download(timeout=STEP_TIMEOUT_MS) as info:
            await button.get_by_role("button").click()
        download = await info.value
        text = Path(await download.path()).read_text(encoding="utf-8")
        r.timings["download the text version"] = (time.perf_counter() - start) * 1000
        who = next((line for line in text.splitlines() if "Filled in by" in line), "")
        if self.name not in text or not who or "Not answered" in who:
            raise FlowError("the downloaded summary lacks the answers given")
        await no_exception(page)
        r.failed_step = None
        r.completed = True


async def one_session(
    browser: Browser,
    url: str,
    index: int,
    start_at: float,
    shots: Path | None = None,
    think_s: float = 0.0,
) -> SessionResult:
    result = SessionResult(index)
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    context = await browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = None
    try:
        page = await context.new_page()
        await Flow(page, url, result, think_s).run()
    except Exception as exc:  # noqa: BLE001 - every failure is a finding to report
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
        result.detail = str(exc)[:1500]
        if shots is not None and page is not None:
            with contextlib.suppress(Exception):
                await page.screenshot(path=shots / f"session-{index}.png", full_page=True)
    finally:
        await context.close()
    return result


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far, in seconds (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def sample_memory(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(vm_rss_mib(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


async def run_level(
    sessions: int,
    ramp_s: float,
    time_limit_s: float,
    shots: Path | None = None,
    think_s: float = 0.0,
) -> dict[str, Any]:
    """One fresh server, one warm-up session, then `sessions` people at once."""
    with running_server() as srv:
        pid = srv.process.pid
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                warm = await one_session(browser, srv.url, 0, time.monotonic(), shots)
                if warm.error:
                    raise RuntimeError(
                        f"warm-up flow failed at {warm.failed_step}: {warm.detail or warm.error}"
                    )
                await asyncio.sleep(1)
                before = vm_rss_mib(pid)
                cpu_before = cpu_seconds(pid)
                samples: list[float] = []
                stop = asyncio.Event()
                sampler = asyncio.create_task(sample_memory(pid, samples, stop))
                REOPENED["count"] = 0
                t0 = time.monotonic()
                tasks = [
                    asyncio.create_task(
                        one_session(
                            browser, srv.url, i, t0 + ramp_s * (i - 1) / max(1, sessions), shots,
                            think_s,
                        )  # fmt: skip
                    )
                    for i in range(1, sessions + 1)
                ]
                done, pending = await asyncio.wait(tasks, timeout=time_limit_s)
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
                results = [t.result() for t in done if not t.cancelled() and not t.exception()]
                timed_out = len(pending)
                wall = time.monotonic() - t0
                stop.set()
                await sampler
                after = vm_rss_mib(pid)
                server_cpu = cpu_seconds(pid) - cpu_before
                reopened = REOPENED["count"]
            finally:
                await browser.close()
        log = srv.log()
    names_in_log = sum(1 for i in range(0, sessions + 1) if f"Tester {i}" in log)
    tracebacks = len(re.findall(r"Traceback \(most recent call last\)", log))
    level = summarise(sessions, results, timed_out, wall, before, samples, after, names_in_log,
                      tracebacks, server_cpu)  # fmt: skip
    level["lists_clicked_again"] = reopened
    return level


def summarise(sessions, results, timed_out, wall, before, samples, after, names_in_log,
              tracebacks, server_cpu) -> dict[str, Any]:  # fmt: skip
    steps = [v for r in results for k, v in r.timings.items() if k != "download the text version"]
    errors = [r for r in results if r.error] + [None] * timed_out
    by_step: dict[str, int] = {}
    for r in errors:
        key = "time limit" if r is None else f"{r.failed_step}: {r.error}"
        by_step[key] = by_step.get(key, 0) + 1
    per_step = {}
    for name in dict.fromkeys(k for r in results for k in r.timings):
        values = [r.timings[name] for r in results if name in r.timings]
        per_step[name] = {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95)}
    loads = [r.first_load_ms for r in results if r.first_load_ms]
    peak = max(samples) if samples else float("nan")
    return {
        "sessions": sessions,
        "completed": sum(r.completed for r in results),
        "errors": len(errors) + tracebacks,
        "error_kinds": by_step,
        "error_details": [r.detail for r in errors if r is not None][:5],
        "server_tracebacks": tracebacks,
        "interactions": len(steps),
        "p50_ms": percentile(steps, 0.5),
        "p95_ms": percentile(steps, 0.95),
        "max_ms": max(steps) if steps else float("nan"),
        "first_load_p50_ms": percentile(loads, 0.5),
        "first_load_p95_ms": percentile(loads, 0.95),
        "per_step": per_step,
        "rss_before_mib": before,
        "rss_peak_mib": peak,
        "rss_after_mib": after,
        "rss_per_session_mib": (peak - before) / sessions if sessions else float("nan"),
        "wall_s": wall,
        "server_cpu_s": server_cpu,
        # What one interaction costs the server, whatever the browsers cost the machine: one
        # Streamlit process runs scripts on one interpreter, so about 1000 / this many
        # interactions per second is its ceiling.
        "server_cpu_ms_per_interaction": 1000 * server_cpu / max(1, len(steps)),
        "typed_names_in_server_log": names_in_log,
    }


def render(levels: list[dict[str, Any]], started: str, think_s: float = 0.0) -> str:
    pause = f"{think_s:g} s (0.5x-1.5x) reading time before each click" if think_s else (
        "no reading time between clicks"
    )
    lines = [
        f"Load test {started}, {os.cpu_count()} cores, server and headless Chromium on this "
        f"machine, {pause} (load average now "
        f"{' '.join(f'{v:.1f}' for v in os.getloadavg())}).",
        "",
        "| sessions | completed | errors | interactions | p50 (ms) | p95 (ms) | max (ms) "
        "| first load p50/p95 (ms) | server RSS before / peak / after (MiB) "
        "| MiB per session | server CPU per interaction (ms) | wall (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    def f(value: float, digits: int = 0) -> str:
        return "n/a" if value != value else f"{value:.{digits}f}"

    for lv in levels:
        ok = "ok" if lv["p95_ms"] <= TARGET_P95_MS else "**MISS**"
        cpu = lv["server_cpu_ms_per_interaction"] if lv["interactions"] else float("nan")
        lines.append(
            f"| {lv['sessions']} | {lv['completed']} | {lv['errors']} | {lv['interactions']} "
            f"| {f(lv['p50_ms'])} | {f(lv['p95_ms'])} {ok} | {f(lv['max_ms'])} "
            f"| {f(lv['first_load_p50_ms'])} / {f(lv['first_load_p95_ms'])} "
            f"| {f(lv['rss_before_mib'])} / {f(lv['rss_peak_mib'])} / {f(lv['rss_after_mib'])} "
            f"| {f(lv['rss_per_session_mib'], 2)} | {f(cpu)} | {lv['wall_s']:.0f} |"
        )
    lines += ["", f"Target: 0 errors at 50 sessions, p95 <= {TARGET_P95_MS / 1000:g} s."]
    for lv in levels:
        if lv.get("lists_clicked_again"):
            lines.append(
                f"\nWith {lv['sessions']} sessions a dropdown list stayed closed after a click "
                f"{lv['lists_clicked_again']} times and was opened again (browser focus with "
                "many tabs; timings start at the click on the option)."
            )
    for lv in levels:
        if lv["error_kinds"]:
            lines.append(f"\nErrors with {lv['sessions']} sessions:")
            lines += [f"- {n} x {kind}" for kind, n in lv["error_kinds"].items()]
        if lv["typed_names_in_server_log"]:
            lines.append(f"\nPRIVACY: {lv['typed_names_in_server_log']} typed names in the log!")
    last = levels[-1]
    lines += ["", f"Per step with {last['sessions']} sessions (p50 / p95 ms):", ""]
    lines += [f"- {k}: {v['p50']:.0f} / {v['p95']:.0f}" for k, v in last["per_step"].items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="10,25,50",
                        help="comma-separated numbers of concurrent sessions (default 10,25,50)")
    parser.add_argument("--ramp", type=float, default=0.0,
                        help="spread the session starts over this many seconds (default 0)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds a person reads before each click (0.5x-1.5x, default 0: "
                        "everyone clicks as fast as the app answers, the hardest case)")
    parser.add_argument("--time-limit", type=float, default=1800,
                        help="seconds a level may take before unfinished sessions are errors")
    parser.add_argument("--out", type=Path, help="also write the report here (and .json)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if p95 misses the target")
    parser.add_argument("--screenshots", type=Path,
                        help="save a screenshot of each failed session in this folder")
    args = parser.parse_args()
    try:
        counts = [int(n) for n in args.sessions.split(",") if n.strip()]
    except ValueError:
        parser.error("--sessions takes numbers, e.g. 10,25,50")
    if not counts or any(not 1 <= n <= MAX_SESSIONS for n in counts):
        parser.error(f"each level must be 1-{MAX_SESSIONS} sessions")
    if not (0 <= args.ramp <= 300 and 10 <= args.time_limit <= 3600 and 0 <= args.think <= 60):
        parser.error("--ramp 0-300 s, --think 0-60 s, --time-limit 10-3600 s")

    check_content()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    started = f"{dt.datetime.now():%Y-%m-%d %H:%M}"
    levels = []
    for n in counts:
        print(f"{n} sessions ...", flush=True)
        levels.append(
            asyncio.run(run_level(n, args.ramp, args.time_limit, args.screenshots, args.think))
        )
    report = render(levels, started, args.think)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
        args.out.with_suffix(".json").write_text(json.dumps(levels, indent=2), encoding="utf-8")
    failed = any(lv["errors"] or lv["typed_names_in_server_log"] for lv in levels)
    slow = any(lv["p95_ms"] > TARGET_P95_MS for lv in levels)
    sys.exit(1 if failed or (args.strict and slow) else 0)


if __name__ == "__main__":
    main()
