"""Run the aid as it scales out, on this machine: Streamlit replicas on loopback and Debian's
nginx in front of them, configured from `deploy/nginx/streamlit.conf.template` (the same
template the compose file uses).

    .venv/bin/python scripts/scale_out.py --replicas 2 --port 8080   # until Ctrl-C

Needs Debian's nginx (`scripts/install-system-packages.sh test` installs it). Everything
listens on 127.0.0.1 only; every process started here is stopped by its own id at the end.
The load runner (`scripts/load/run.py`) and `tests/deploy/test_nginx_sticky.py` use the
context managers below.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/scale_out.py`
    sys.path.insert(0, str(ROOT))

from scripts.local_server import free_port, stop, wait_healthy  # noqa: E402

TEMPLATE = ROOT / "deploy" / "nginx" / "streamlit.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def render(template: str, values: dict[str, str]) -> str:
    """Fill in `${NAME}` as the nginx image's envsubst does: only the names given."""
    def fill(match: re.Match) -> str:
        name = match.group(1)
        return values[name] if name in values else match.group(0)

    out = re.sub(r"\$\{([A-Z_][A-Z0-9_]*)\}", fill, template)
    missing = re.findall(r"\$\{(NGINX_[A-Z0-9_]*)\}", out)
    if missing:
        raise ValueError(f"no value for {missing}")
    return out


def site_config(ports: list[int], listen: int, cache_dir: str) -> str:
    servers = " ".join(f"server 127.0.0.1:{p};" for p in ports)
    return render(TEMPLATE.read_text(encoding="utf-8"), {
        "NGINX_PORT": f"127.0.0.1:{listen}",
        "NGINX_APP_SERVERS": servers,
        "NGINX_CACHE_DIR": cache_dir,
    })


def main_config(site: str, workdir: Path) -> str:
    """The few lines Debian's nginx needs around the site to run in the foreground, unprivileged
    paths only (the nginx image has its own)."""
    temp = workdir / "temp"
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\ndaemon off;\npid {workdir}/nginx.pid;\n"
        f"error_log stderr warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n"
        "  access_log off;\n"
        f"  client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;\n"
        f"  fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi;\n"
        f"  scgi_temp_path {temp}/scgi;\n"
        + site + "\n}\n"
    )


@dataclass
class Local:
    """A process started here, listening on a loopback port."""

    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Replica(Local):
    log_path: Path

    def stop(self, sig: int = signal.SIGKILL) -> None:
        stop(self.process, sig)


@contextmanager
def replicas(n: int, cookie_secret: str | None = None) -> Iterator[list[Replica]]:
    """N identical Streamlit servers on free loopback ports, one shared cookie secret."""
    secret = cookie_secret or secrets.token_hex(32)
    started: list[Replica] = []
    try:
        for _ in range(n):
            port = free_port()
            log = Path(tempfile.mkstemp(prefix=f"replica-{port}-", suffix=".log")[1])
            env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port),
                   "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
                   "STREAMLIT_SERVER_COOKIE_SECRET": secret}
            with log.open("wb") as out:
                process = subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "app.py"],
                    cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                )
            started.append(Replica(port, process, log))
        for r in started:
            wait_healthy(r.url, r.process, r.log_path)
        yield started
    finally:
        for r in started:
            r.stop(signal.SIGTERM)
            r.log_path.unlink(missing_ok=True)


@dataclass
class Proxy(Local):
    workdir: Path


@contextmanager
def nginx(ports: list[int], listen: int | None = None) -> Iterator[Proxy]:
    """Debian's nginx in the foreground, in front of the given loopback ports."""
    if not Path(NGINX).exists():
        raise FileNotFoundError(
            "nginx is not installed: run scripts/install-system-packages.sh test")
    listen = listen or free_port()
    workdir = Path(tempfile.mkdtemp(prefix="nginx-decision-aid-"))
    for sub in ("cache", "temp"):
        (workdir / sub).mkdir()
    conf = workdir / "nginx.conf"
    conf.write_text(main_config(site_config(ports, listen, str(workdir / "cache")), workdir))
    check = subprocess.run([NGINX, "-t", "-q", "-c", str(conf)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx rejected the configuration:\n{check.stderr}")
    log = (workdir / "nginx.log").open("wb")
    process = subprocess.Popen([NGINX, "-c", str(conf)], stdout=log, stderr=subprocess.STDOUT)
    proxy = Proxy(listen, process, workdir)
    try:
        wait_healthy(proxy.url, process, workdir / "nginx.log", seconds=20)
        yield proxy
    finally:
        stop(process, signal.SIGQUIT)  # graceful: workers finish, then exit
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def scaled_out(n: int, listen: int | None = None) -> Iterator[tuple[Proxy, list[Replica]]]:
    with ExitStack() as stack:
        reps = stack.enter_context(replicas(n))
        proxy = stack.enter_context(nginx([r.port for r in reps], listen))
        yield proxy, reps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    with scaled_out(args.replicas, args.port) as (proxy, reps):
        print(f"nginx on {proxy.url}, replicas on " + ", ".join(r.url for r in reps), flush=True)
        try:
            while all(r.process.poll() is None for r in reps) and proxy.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
