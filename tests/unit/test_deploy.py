"""deploy/ holds together without a Docker engine or systemd: the compose file, the units and the
image say what the registry's topology needs (one schema step first, then the processes)."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
AFTER_MIGRATE = {"migrate": {"condition": "service_completed_successfully"}}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))["services"]


def test_compose_runs_postgres_a_migration_and_the_three_processes(compose):
    assert set(compose) == {"postgres", "migrate", "api", "projector", "scheduler", "nginx"}
    assert compose["migrate"]["command"] == ["jcg", "db", "upgrade"]
    assert compose["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert compose["migrate"]["restart"] == "no"
    for name, command in (("api", "serve"), ("projector", "projector"), ("scheduler", "scheduler")):
        assert compose[name]["command"][:2] == ["jcg", command]
        assert compose[name]["depends_on"] == AFTER_MIGRATE


def test_compose_serves_with_several_workers_and_one_projector_and_scheduler(compose):
    assert int(compose["api"]["environment"]["JCG_WORKERS"]) >= 2
    assert compose["projector"]["deploy"]["replicas"] == compose["scheduler"]["deploy"]["replicas"] == 1
    for name in ("migrate", "api", "projector", "scheduler"):
        url = compose[name]["environment"]["JCG_DATABASE_URL"]
        assert url.startswith("postgresql://") and "@postgres:5432/" in url
        assert compose[name]["build"]["dockerfile"] == "deploy/Dockerfile"


def test_compose_checks_health(compose):
    assert "pg_isready" in " ".join(compose["postgres"]["healthcheck"]["test"])
    assert "/api/v1/ready" in " ".join(compose["api"]["healthcheck"]["test"])
    assert all("healthcheck" in compose[name] for name in ("projector", "scheduler"))


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(DEPLOY / "systemd" / name, encoding="utf-8")
    return parser


def test_the_migration_unit_is_a_oneshot_the_process_units_require():
    assert unit("jcg-migrate.service")["Service"]["Type"] == "oneshot"
    assert unit("jcg-migrate.service")["Service"]["ExecStart"].endswith("jcg db upgrade")
    for name, command in (("api", "serve"), ("projector", "projector"), ("scheduler", "scheduler")):
        parsed = unit(f"jcg-{name}.service")
        assert parsed["Unit"]["Requires"] == "jcg-migrate.service"
        assert "jcg-migrate.service" in parsed["Unit"]["After"]
        assert parsed["Service"]["ExecStart"].endswith(f"jcg {command}")
        assert parsed["Service"]["EnvironmentFile"] == "/etc/jcg/jcg.env"
        assert parsed["Service"]["User"] == "jcg"


def test_the_image_is_slim_python_with_tzdata_run_by_a_user_not_root():
    lines = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines()
    assert "FROM python:3.11-slim" in lines
    text = "\n".join(lines)
    assert "tzdata" in text and '".[postgres]"' in text
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")


def test_the_image_copies_every_package_the_install_carries():
    import tomllib

    root = DEPLOY.parent
    included = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    copied = {line.split()[1] for line in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines()
              if line.startswith("COPY ")}
    assert {p.removesuffix("*") for p in included["include"]} <= copied


def test_the_environment_template_names_every_setting_the_processes_read():
    names = {line.split("=")[0] for line in (DEPLOY / "jcg.env.example").read_text().splitlines()
             if line and not line.startswith("#")}
    assert names >= {"JCG_DATABASE_URL", "JCG_WORKERS", "JCG_THREADS", "JCG_LOG_LEVEL", "JCG_HOST", "JCG_PORT",
                     "JCG_READY_STALL_SECONDS"}


def test_an_installed_copy_carries_every_data_file_the_code_reads():
    import tomllib

    root = DEPLOY.parent
    globs = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    shipped = {p for package, patterns in globs.items() for pattern in patterns
               for p in (root / package).glob(pattern)}
    assert set((root / "projections").rglob("*.toml")) <= shipped


def test_nginx_fronts_the_api_with_tls_buffering_timeouts_and_a_body_limit(compose):
    conf = (DEPLOY / "nginx" / "jcg-registry.conf").read_text(encoding="utf-8")
    directives = {line.split()[0]: line.split(None, 1)[1].rstrip(";") for line in conf.splitlines()
                  if line.strip() and not line.strip().startswith("#") and line.strip().endswith(";")
                  for line in [line.strip()]}
    assert "listen 443 ssl http2;" in conf and directives["ssl_protocols"] == "TLSv1.2 TLSv1.3"
    assert directives["proxy_request_buffering"] == "on" and directives["proxy_buffering"] == "on"
    assert directives["client_header_timeout"] == directives["client_body_timeout"] == "10s"
    # The API's own limit (api/config.py), so nginx refuses first and alike.
    from api.config import Config
    assert directives["client_max_body_size"] == f"{Config.MAX_CONTENT_LENGTH // 1024}k"
    assert directives["proxy_set_header"] and "X-Forwarded-For $remote_addr" in conf
    assert "server 127.0.0.1:8080;" in conf
    # In compose nginx shares the API's network, so the same 127.0.0.1:8080 reaches it.
    assert compose["nginx"]["network_mode"] == "service:api"
    assert "./nginx/jcg-registry.conf:/etc/nginx/conf.d/default.conf:ro" in compose["nginx"]["volumes"]
    assert compose["api"]["environment"]["JCG_TRUSTED_PROXIES"] == "1"


def test_behind_the_tls_front_the_consoles_session_cookie_is_sent_over_https_only(compose, monkeypatch, tmp_path):
    # nginx answers plain HTTP with a redirect: a cookie without Secure would cross it in clear.
    template = dict(line.split("=", 1) for line in (DEPLOY / "jcg.env.example").read_text().splitlines()
                    if line and not line.startswith("#"))
    assert template["JCG_SESSION_COOKIE_SECURE"] == compose["api"]["environment"]["JCG_SESSION_COOKIE_SECURE"] == "true"
    from api import create_app

    monkeypatch.setenv("JCG_SESSION_COOKIE_SECURE", "true")
    assert create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/r.db"}).config["SESSION_COOKIE_SECURE"] is True
