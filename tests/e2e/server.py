"""Start and stop `streamlit run app.py` on a free loopback port, for the browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scripts.local_server import free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running_server(
    script: str = "app.py", extra_env: dict[str, str] | None = None
) -> Iterator[Server]:
    """A fresh Streamlit server for `script` (app.py); stops only the process it started."""
    port = free_port()
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        prefix="streamlit-e2e-", suffix=".log", delete=False
    )
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    env = {**os.environ, **(extra_env or {})}
    process = subprocess.Popen(cmd, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT, env=env)
    server = Server(f"http://127.0.0.1:{port}", process, Path(log_file.name))
    try:
        wait_healthy(server.url, process, server.log_path, seconds=30)
        yield server
    finally:
        stop(process)
        log_file.close()
        os.unlink(log_file.name)
