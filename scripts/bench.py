"""Benchmark what a person feels: rerun time after a widget change, Largest Contentful Paint,
PDF build time and server memory, each next to a bare one-widget Streamlit page started the
same way. Prints a table and writes it to scripts/bench_results.md (and .json).

Run: `make bench` (or `.venv/bin/python scripts/bench.py [--rounds N]`). Not a test: the machine's
load changes the numbers; compare ratios, not absolute times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from components import sitemap  # noqa: E402
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

# Install a DOM observer; the rerun is over when the app is idle and the DOM has been quiet.
OBSERVE_JS = """() => {
  window.__lastMutation = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => { window.__lastMutation = performance.now(); })
    .observe(app, {subtree: true, childList: true, characterData: true, attributes: true});
}"""

LCP_JS = """() => new Promise(resolve => {
  let last = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) last = e.startTime;
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(last), 300);
})"""


def choose_option(page: Page, label: str, option: str) -> None:
    """Open a selectbox by its label and pick an option by its visible text."""
    page.get_by_label(label, exact=False).first.click()
    page.get_by_role("option", name=option).first.click()


def select_toggle(label_a: str, label_b: str) -> Callable[[Page, int], None]:
    """An interaction that switches a selectbox between two options on each round."""

    def act(page: Page, i: int) -> None:
        # Label-first, as a person would; the label is the selectbox's aria-label.
        box = page.get_by_role("combobox").first
        box.click()
        page.get_by_role("option", name=label_a if i % 2 else label_b).first.click()

    return act


def fill_toggle(label: str) -> Callable[[Page, int], None]:
    def act(page: Page, i: int) -> None:
        field = page.get_by_label(label).first
        field.fill("crs" if i % 2 else "fever")
        field.press("Enter")

    return act


def measure_rerun(page: Page, act: Callable[[Page, int], None], rounds: int) -> list[float]:
    """Milliseconds from a widget change to the last DOM update of the rerun it caused."""
    times = []
    for i in range(rounds):
        page.evaluate(OBSERVE_JS)
        start = page.evaluate("() => performance.now()")
        act(page, i)
        helpers.wait_idle(page)
        while True:  # wait until the DOM has been quiet for 400 ms
            quiet = page.evaluate("() => performance.now() - window.__lastMutation")
            if quiet > 400:
                break
            time.sleep(0.05)
        end = page.evaluate("() => window.__lastMutation")
        times.append(max(0.0, end - start))
    return times


def measure_lcp(browser, url: str, rounds: int) -> list[float]:
    values = []
    for _ in range(rounds):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        helpers.open_page(page, url)
        values.append(page.evaluate(LCP_JS))
        context.close()
    return values


def vm_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def bench_pdf(rounds: int) -> dict[str, float]:
    """Median PDF build time for a full Latin-script summary and for a mixed-script one."""
    from scripts.bench_pdf import time_pdf_builds  # the summary helper's benchmark

    return time_pdf_builds(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    from scripts.bench_interactions import INTERACTIONS

    rows: list[dict[str, object]] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        with tempfile.TemporaryDirectory() as tmp:
            bare = Path(tmp) / "bare.py"
            bare.write_text(BARE_APP, encoding="utf-8")
            with running_server(script=str(bare)) as srv:
                page = browser.new_page()
                helpers.open_page(page, srv.url)
                bare_rerun = measure_rerun(page, select_toggle("a", "b"), args.rounds)
                bare_lcp = measure_lcp(browser, srv.url, max(3, args.rounds // 3))
                page.close()
        base_med = statistics.median(bare_rerun)
        base_lcp = statistics.median(bare_lcp)
        rows.append(
            {
                "page": "bare one-widget page",
                "rerun_median_ms": base_med,
                "rerun_p95_ms": p95(bare_rerun),
                "rerun_ratio": 1.0,
                "lcp_median_ms": base_lcp,
                "lcp_ratio": 1.0,
            }
        )

        with running_server() as srv:
            for spec in sitemap.PAGES:
                act = INTERACTIONS[spec.url_path]
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                helpers.open_page(page, f"{srv.url}/{spec.url_path}")
                reruns = measure_rerun(page, act, args.rounds)
                page.close()
                lcp = measure_lcp(browser, f"{srv.url}/{spec.url_path}", max(3, args.rounds // 3))
                med, lcp_med = statistics.median(reruns), statistics.median(lcp)
                rows.append(
                    {
                        "page": spec.title,
                        "rerun_median_ms": med,
                        "rerun_p95_ms": p95(reruns),
                        "rerun_ratio": med / base_med,
                        "lcp_median_ms": lcp_med,
                        "lcp_ratio": lcp_med / base_lcp,
                    }
                )

            idle = vm_rss_mib(srv.process.pid)
            contexts = []
            for i in range(10):
                ctx = browser.new_context()
                pg = ctx.new_page()
                helpers.open_page(pg, f"{srv.url}/{sitemap.PAGES[i % len(sitemap.PAGES)].url_path}")
                contexts.append(ctx)
                if i == 0:
                    one = vm_rss_mib(srv.process.pid)
            ten = vm_rss_mib(srv.process.pid)
            for ctx in contexts:
                ctx.close()
        browser.close()

    pdf = bench_pdf(max(10, args.rounds))
    lines = [
        f"Benchmark run {dt.datetime.now():%Y-%m-%d %H:%M} on this machine "
        f"({args.rounds} reruns per page; headless Chromium).",
        "",
        "| page | rerun median (ms) | rerun p95 (ms) | rerun vs bare "
        "| LCP median (ms) | LCP vs bare |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['rerun_median_ms']:.0f} | {r['rerun_p95_ms']:.0f} | "
            f"{r['rerun_ratio']:.2f}x | {r['lcp_median_ms']:.0f} | {r['lcp_ratio']:.2f}x |"
        )
    lines += [
        "",
        "| measure | value |",
        "|---|---|",
        *[f"| PDF build, {name} (median) | {ms:.0f} ms |" for name, ms in pdf.items()],
        f"| server memory, idle after page tour | {idle:.0f} MiB |",
        f"| server memory, 1 session | {one:.0f} MiB |",
        f"| server memory, 10 concurrent sessions | {ten:.0f} MiB |",
    ]
    report = "\n".join(lines)
    print(report)
    out = ROOT / "scripts" / "bench_results.md"
    out.write_text(report + "\n", encoding="utf-8")
    (ROOT / "scripts" / "bench_results.json").write_text(
        json.dumps(
            {"pages": rows, "pdf_ms": pdf, "memory_mib": {"idle": idle, "one": one, "ten": ten}},
            indent=2,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
