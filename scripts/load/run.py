"""Protocol load test: Locust people against one replica, or two behind nginx, on loopback.

    make load-protocol                                          # 1 replica: 50, then up in steps
    .venv/bin/python scripts/load/run.py --replicas 1 --users 50 --duration 180
    .venv/bin/python scripts/load/run.py --replicas 2 --users 100,150 --duration 180
    .venv/bin/python scripts/load/run.py --replicas 2 --users 60 --duration 180 --stop-one-at 90

Each level starts Locust headless (`scripts/load/locustfile.py`) for a fixed time with a fixed
number of people (a ramp of `--ramp` people a second), bounded: at most `MAX_USERS` people and
`MAX_SECONDS` per level, and Locust stops by itself. Everything listens on 127.0.0.1. Levels
stop at the first one whose p95 passes the target (1.5 s) or that has errors.

For each level it records: the load average before and after (`/proc/loadavg`), actions,
errors, p50/p95/p99 of every action (from the message sent to the script-finished message),
the CPU time each replica used (`/proc/<pid>/stat`), its CPU time per action, and so people
per core: a person makes at most one action per mean think time, so one fully busy core
serves (mean think time / CPU time per action) people. With `--stop-one-at`, the last replica
is killed (SIGKILL) that many seconds in, and the errors are told apart by replica.
Results are appended to `--out` (scripts/load_results.md).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts import scale_out  # noqa: E402

TARGET_P95_MS = 1500.0
MAX_USERS = 400
MAX_SECONDS = 900
LOCUSTFILE = ROOT / "scripts" / "load" / "locustfile.py"
TICKS = os.sysconf("SC_CLK_TCK")
THINK_MEAN = sum(float(x) for x in os.environ.get("LOAD_THINK", "5,15").split(",")) / 2


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run_level(url: str, users: int, seconds: int, ramp: float, replicas, *,
              stop_one_at: float | None, events: Path, workdir: Path) -> dict:
    prefix = workdir / f"u{users}"
    env = {**os.environ, "LOAD_EVENTS": str(events),
           "LOAD_REPLICAS": ",".join(r.url for r in replicas) if len(replicas) > 1 else ""}
    cmd = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
           "-u", str(users), "-r", str(ramp), "-t", f"{seconds}s", "--host", url,
           "--csv", str(prefix), "--only-summary", "--stop-timeout", "30",
           "--exit-code-on-error", "0", "--loglevel", "WARNING"]
    before = {r.port: cpu_seconds(r.process.pid) for r in replicas}
    load_before = loadavg()
    started = time.time()
    locust = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(workdir / f"u{users}.log", "wb"))  # noqa: SIM115
    stopped_at = None
    cpu_at_stop: dict[int, float] = {}
    if stop_one_at is not None:
        def stop() -> None:
            nonlocal stopped_at
            stopped_at = time.time()
            cpu_at_stop[replicas[-1].port] = cpu_seconds(replicas[-1].process.pid)
            replicas[-1].stop(signal.SIGKILL)
        timer = threading.Timer(stop_one_at, stop)
        timer.start()
    try:
        locust.wait(timeout=seconds + 120)
    except subprocess.TimeoutExpired:
        locust.kill()
        locust.wait()
    wall = time.time() - started
    children = os.times()  # Locust has been reaped: its CPU is in our children's times
    locust_cpu = children.children_user + children.children_system
    cpu = {r.port: cpu_at_stop.get(r.port, cpu_seconds(r.process.pid)) - before[r.port]
           for r in replicas}
    stats = {row["Name"]: row for row in read_csv(Path(f"{prefix}_stats.csv"))}
    agg = stats.pop("Aggregated")
    result = {
        "users": users, "seconds": seconds, "wall": wall, "load_before": load_before,
        "load_after": loadavg(), "requests": int(agg["Request Count"]),
        "failures": int(agg["Failure Count"]), "p50": float(agg["50%"]),
        "p95": float(agg["95%"]), "p99": float(agg["99%"]), "max": float(agg["Max Response Time"]),
        "rate": float(agg["Requests/s"]), "cpu": cpu, "locust_cpu_total": locust_cpu,
        "rows": {name: {"n": int(r["Request Count"]), "fail": int(r["Failure Count"]),
                        "p50": float(r["50%"]), "p95": float(r["95%"])}
                 for name, r in stats.items()},
        "stopped_at": stopped_at - started if stopped_at else None,
    }
    failures_csv = Path(f"{prefix}_failures.csv")
    result["errors"] = [
        f'{r["Occurrences"]} x {r["Name"]}: {r["Error"][:160]}'
        for r in read_csv(failures_csv)] if failures_csv.exists() else []
    if stopped_at:
        result["by_replica"] = by_replica(events, stopped_at, replicas)
    return result


def by_replica(events: Path, stopped_at: float, replicas) -> dict:
    """Actions and errors per replica, before and after the stop."""
    gone = replicas[-1].url
    out: dict = {}
    for line in events.read_text().splitlines():
        e = json.loads(line)
        who = "stopped replica" if e["replica"] == gone else (
            "other replica" if e["replica"] else "no replica yet")
        when = "after" if e["t"] >= stopped_at else "before"
        row = out.setdefault(f"{who}, {when}", {"actions": 0, "errors": 0, "people": set(),
                                                "people_with_errors": set()})
        row["actions"] += 1
        row["people"].add(e["person"])
        if e["error"]:
            row["errors"] += 1
            row["people_with_errors"].add(e["person"])
    rows = {k: {"actions": v["actions"], "errors": v["errors"], "people": len(v["people"]),
                "people_with_errors": len(v["people_with_errors"])} for k, v in out.items()}
    lines = [json.loads(line) for line in events.read_text().splitlines()]
    rows["_reconnected"] = {
        "notice": sum(1 for e in lines if e["action"].startswith("reconnect") and not e["error"]),
        "file": sum(1 for e in lines if e["action"] == "reconnect, answers file loaded"
                    and not e["error"]),
        "failed": sum(1 for e in lines if e["action"].startswith("reconnect") and e["error"]),
    }
    return rows


def report(results: list[dict], replicas: int, proxy: bool, think: str) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### {replicas} replica{'s' if replicas > 1 else ''}"
        f"{' behind nginx' if proxy else ''}, {now}",
        "",
        f"{os.cpu_count()} cores; think time {think} s; Locust on the same machine.",
        "",
        "| people | s | load avg before / after | actions | errors | p50 ms | p95 ms | p99 ms "
        "| actions/s | replica CPU (cores busy) | CPU ms per action "
        "| people per core at full use |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        # One person makes one action per think time (at most); a core serves 1/CPU-per-action
        # actions a second, so it serves think/CPU-per-action people when fully busy.
        cpu_ms = 1000 * sum(r["cpu"].values()) / max(r["requests"], 1)
        per_core = THINK_MEAN * 1000 / cpu_ms if cpu_ms else 0
        cpu = " + ".join(f"{c / r['wall']:.2f}" for c in r["cpu"].values())
        ok = "ok" if r["p95"] <= TARGET_P95_MS and r["failures"] == 0 else "**MISS**"
        lines.append(
            f"| {r['users']} | {r['seconds']} | {r['load_before']} / {r['load_after']} "
            f"| {r['requests']} | {r['failures']} | {r['p50']:.0f} | {r['p95']:.0f} {ok} "
            f"| {r['p99']:.0f} | {r['rate']:.1f} | {cpu} | {cpu_ms:.0f} | {per_core:.0f} |")
    for r in results:
        slow = sorted(r["rows"].items(), key=lambda kv: -kv[1]["p95"])[:5]
        lines.append("")
        lines.append(f"{r['users']} people, slowest actions by p95: " + "; ".join(
            f"{name} {v['p95']:.0f} ms" for name, v in slow))
        if r["errors"]:
            lines.append("")
            lines.append("Errors: " + "; ".join(r["errors"]))
        if r.get("by_replica"):
            lines.append("")
            lines.append(f"Replica stopped (SIGKILL) {r['stopped_at']:.0f} s in:")
            lines.append("")
            lines.append("| whose session | actions | errors | people | people with an error |")
            lines.append("|---|---|---|---|---|")
            rec = r["by_replica"].pop("_reconnected")
            for k, v in sorted(r["by_replica"].items()):
                lines.append(f"| {k} | {v['actions']} | {v['errors']} | {v['people']} "
                             f"| {v['people_with_errors']} |")
            lines.append("")
            lines.append(f"After the stop, {rec['notice']} people reconnected through nginx and "
                         f"saw the calm restart notice ({rec['file']} of them had saved an "
                         f"answers file and loaded it there); {rec['failed']} reconnections "
                         "failed.")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--users", default="50", help="levels, e.g. 50,75,100")
    parser.add_argument("--step", type=int, default=0,
                        help="after the listed levels, go on up in steps of this many people")
    parser.add_argument("--duration", type=int, default=180, help="seconds per level")
    parser.add_argument("--ramp", type=float, default=2.0, help="people started per second")
    parser.add_argument("--stop-one-at", type=float, default=None,
                        help="kill the last replica this many seconds into each level")
    parser.add_argument("--out", default=str(ROOT / "scripts" / "load_results.md"))
    args = parser.parse_args()
    levels = [int(x) for x in args.users.split(",")]
    if max(levels) > MAX_USERS or args.duration > MAX_SECONDS:
        parser.error(f"at most {MAX_USERS} people and {MAX_SECONDS} s per level")
    think = os.environ.get("LOAD_THINK", "5,15").replace(",", " to ")
    results = []
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="load-") as tmp:
        workdir = Path(tmp)
        reps = stack.enter_context(scale_out.replicas(args.replicas))
        url = reps[0].url
        if args.replicas > 1:
            url = stack.enter_context(scale_out.nginx([r.port for r in reps])).url
        while levels:
            users = levels.pop(0)
            events = workdir / f"events-{users}.jsonl"
            print(f"{users} people for {args.duration} s (load {loadavg()}) ...", flush=True)
            r = run_level(url, users, args.duration, args.ramp, reps,
                          stop_one_at=args.stop_one_at, events=events, workdir=workdir)
            results.append(r)
            print(f"  actions {r['requests']}, errors {r['failures']}, p50 {r['p50']:.0f} ms, "
                  f"p95 {r['p95']:.0f} ms, replica CPU "
                  f"{sum(r['cpu'].values()) / r['wall']:.2f} cores", flush=True)
            if r["p95"] > TARGET_P95_MS or r["failures"] or args.stop_one_at is not None:
                break
            if not levels and args.step and users + args.step <= MAX_USERS:
                levels.append(users + args.step)
    text = report(results, args.replicas, args.replicas > 1, think)
    print(text)
    with open(args.out, "a", encoding="utf-8") as f:
        f.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
