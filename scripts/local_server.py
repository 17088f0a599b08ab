"""Servers started on this machine for tests, benchmarks and the scale-out run: a free loopback
port, waiting until a server answers its health check, and stopping the one process started.

Used by `scripts/scale_out.py` (replicas and nginx) and `tests/e2e/server.py` (the browser
tests' server). Standard library only, and it imports nothing of the project, so the test tree
and the scripts can both import it.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    """Return once `url`/_stcore/health answers "ok"; raise RuntimeError with the process's
    log if it stops first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Send `sig` to this one process (if it still runs), wait up to 10 s, then kill it."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
