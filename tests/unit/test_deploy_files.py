"""The container image, the compose file, nginx's template and the Kubernetes manifests agree
with each other and with .streamlit/config.toml: port, health path, upload size, affinity
cookie, settings by environment variable, packages for the PDF. None of them can run here (no
container engine), so these checks are what keeps them from drifting."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
PORT = CONFIG["server"]["port"]
HEALTH = "/_stcore/health"
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
TEMPLATE = (ROOT / "deploy" / "nginx" / "streamlit.conf.template").read_text(encoding="utf-8")
K8S_DIR = ROOT / "deploy" / "kubernetes"
K8S = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(K8S_DIR.glob("*.yaml"))}
DEPLOYMENT = K8S["deployment.yaml"]
CONTAINER = DEPLOYMENT["spec"]["template"]["spec"]["containers"][0]
INGRESS = K8S["ingress.yaml"]["metadata"]["annotations"]


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for block in re.findall(r"^ENV (.+?)(?<!\\)$", DOCKERFILE, flags=re.M | re.S):
        for pair in shlex.split(block.replace("\\\n", " ")):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def streamlit_env_names() -> set[str]:
    """STREAMLIT_<SECTION>_<OPTION> for every Streamlit option (how Streamlit reads env vars)."""
    from streamlit import config

    config.get_config_options()
    return {"STREAMLIT_" + re.sub(r"([a-z])([A-Z])", r"\1_\2", key.replace(".", "_")).upper()
            for key in config._config_options}


def nginx_upload_mb() -> float:
    value = re.search(r"client_max_body_size\s+(\d+)m;", TEMPLATE).group(1)
    return float(value)


def test_every_yaml_file_parses_and_kustomization_lists_the_manifests():
    assert COMPOSE["services"]
    listed = set(K8S["kustomization.yaml"]["resources"])
    assert listed == {"deployment.yaml", "service.yaml", "ingress.yaml", "hpa.yaml", "pdb.yaml"}
    assert all(K8S[name]["kind"] for name in listed)


def test_the_port_is_the_same_everywhere():
    env = dockerfile_env()
    assert int(env["STREAMLIT_SERVER_PORT"]) == PORT
    assert re.search(rf"^EXPOSE {PORT}$", DOCKERFILE, flags=re.M)
    app = COMPOSE["services"]["app"]
    assert int(app["environment"]["STREAMLIT_SERVER_PORT"]) == PORT
    assert str(PORT) in app["expose"]
    assert f"app:{PORT}" in COMPOSE["services"]["proxy"]["environment"]["NGINX_APP_SERVERS"]
    assert CONTAINER["ports"][0]["containerPort"] == PORT
    env_k8s = {e["name"]: e.get("value") for e in CONTAINER["env"]}
    assert int(env_k8s["STREAMLIT_SERVER_PORT"]) == PORT
    assert K8S["service.yaml"]["spec"]["ports"][0]["targetPort"] == CONTAINER["ports"][0]["name"]


def test_health_checks_ask_streamlits_health_endpoint():
    assert f"127.0.0.1:{PORT}{HEALTH}" in re.search(r"HEALTHCHECK .+", DOCKERFILE, re.S).group(0)
    for probe in ("readinessProbe", "livenessProbe"):
        assert CONTAINER[probe]["httpGet"]["path"] == HEALTH
        assert CONTAINER[probe]["httpGet"]["port"] == CONTAINER["ports"][0]["name"]
    assert f"location = {HEALTH}" in TEMPLATE


def test_settings_come_from_streamlit_environment_variables_it_knows():
    known = streamlit_env_names()
    names = {k for k in dockerfile_env() if k.startswith("STREAMLIT_")}
    names |= {k for k in COMPOSE["services"]["app"]["environment"] if k.startswith("STREAMLIT_")}
    names |= {e["name"] for e in CONTAINER["env"] if e["name"].startswith("STREAMLIT_")}
    assert names and names <= known, names - known
    # In a container the server listens on every interface; the shipped file says loopback.
    assert dockerfile_env()["STREAMLIT_SERVER_ADDRESS"] == "0.0.0.0"  # noqa: S104
    assert CONFIG["server"]["address"] == "127.0.0.1"


def test_one_cookie_secret_shared_by_every_replica_and_never_in_git():
    app_env = COMPOSE["services"]["app"]["environment"]
    assert app_env["STREAMLIT_SERVER_COOKIE_SECRET"].startswith("${COOKIE_SECRET:?")
    secret = next(e for e in CONTAINER["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET")
    assert secret["valueFrom"]["secretKeyRef"]["name"] == "cart-decision-aid"
    assert "secret.example.yaml" not in K8S["kustomization.yaml"]["resources"]
    assert "COOKIE_SECRET" not in dockerfile_env()
    assert "STREAMLIT_SERVER_COOKIE_SECRET" not in dockerfile_env()


def test_uploads_fit_through_the_proxies():
    mb = CONFIG["server"]["maxUploadSize"]
    assert mb < nginx_upload_mb() <= mb + 2
    assert INGRESS["nginx.ingress.kubernetes.io/proxy-body-size"] == f"{nginx_upload_mb():.0f}m"


def test_sticky_sessions_and_long_websocket_timeouts_in_both_proxies():
    assert "hash $st_affinity consistent;" in TEMPLATE
    assert "st_affinity=$request_id" in TEMPLATE
    assert INGRESS["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert INGRESS["nginx.ingress.kubernetes.io/session-cookie-name"] == "st_affinity"
    stream = TEMPLATE.split("location = /_stcore/stream", 1)[1].split("}", 1)[0]
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    timeout = int(re.search(r"proxy_read_timeout (\d+)s;", stream).group(1))
    assert timeout >= 3600
    assert int(INGRESS["nginx.ingress.kubernetes.io/proxy-read-timeout"]) == timeout
    assert "proxy_cache decision_aid_static;" in TEMPLATE.split("location /static/", 1)[1]


def test_the_template_fills_in_from_the_compose_file():
    from scripts.scale_out import render

    env = COMPOSE["services"]["proxy"]["environment"]
    text = render(TEMPLATE, env)
    assert "${" not in text
    assert f"listen {env['NGINX_PORT']};" in text
    mount = COMPOSE["services"]["proxy"]["volumes"][0]
    assert mount.startswith("./nginx/streamlit.conf.template:/etc/nginx/templates/")


def test_the_image_installs_what_the_pdf_needs_and_runs_as_a_user():
    script = (ROOT / "scripts" / "install-system-packages.sh").read_text(encoding="utf-8")
    wanted = set(re.search(r"RUN_PACKAGES=\(([^)]*)\)", script).group(1).split())
    install = re.search(r"apt-get install[^&]*", DOCKERFILE).group(0).replace("\\", " ").split()
    assert wanted <= set(install), wanted - set(install)
    assert re.search(r"^FROM python:3\.\d+-slim", DOCKERFILE, flags=re.M)
    users = re.findall(r"^USER (\S+)$", DOCKERFILE, flags=re.M)
    assert users and users[-1] not in {"root", "0"}
    assert DEPLOYMENT["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


@pytest.mark.parametrize("path", ["app.py", "components", "pages", "data", ".streamlit/config.toml"])
def test_the_image_copies_what_the_app_reads(path):
    assert re.search(rf"^COPY {re.escape(path)}/?\s", DOCKERFILE, flags=re.M)


def test_kubernetes_has_limits_autoscaling_and_a_disruption_budget():
    res = CONTAINER["resources"]
    assert res["requests"]["cpu"] and res["limits"]["cpu"] and res["limits"]["memory"]
    hpa = K8S["hpa.yaml"]
    assert hpa["spec"]["scaleTargetRef"]["name"] == DEPLOYMENT["metadata"]["name"]
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    pdb = K8S["pdb.yaml"]["spec"]
    assert pdb["selector"]["matchLabels"] == DEPLOYMENT["spec"]["selector"]["matchLabels"]
    assert DEPLOYMENT["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
