"""How `jcg serve` configures gunicorn: flags beat JCG_WORKERS / JCG_THREADS, which beat defaults."""

from __future__ import annotations

from cli.main import build_parser
from cli.serve import gunicorn_options


def options(argv: list[str], environ: dict[str, str]) -> dict:
    return gunicorn_options(build_parser().parse_args(["serve", *argv]), environ)


def test_serve_runs_two_threaded_workers_by_default() -> None:
    chosen = options([], {})
    assert (chosen["workers"], chosen["threads"], chosen["worker_class"]) == (2, 4, "cli.balanced_worker.BalancedThreadWorker")
    assert chosen["bind"] == "127.0.0.1:8080"
    assert chosen["control_socket_disable"] is True


def test_environment_overrides_defaults_and_flags_override_the_environment() -> None:
    environ = {"JCG_WORKERS": "3", "JCG_THREADS": "8"}
    assert (options([], environ)["workers"], options([], environ)["threads"]) == (3, 8)
    chosen = options(["--workers", "1", "--threads", "2", "--port", "9000"], environ)
    assert (chosen["workers"], chosen["threads"], chosen["bind"]) == (1, 2, "127.0.0.1:9000")


def test_the_gunicorn_config_file_runs_the_server_jcg_serve_runs(monkeypatch) -> None:
    import runpy
    from pathlib import Path

    environ = {"JCG_WORKERS": "5", "JCG_THREADS": "3", "JCG_HOST": "0.0.0.0", "JCG_PORT": "8000"}
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JCG_CREATE_TABLES", "false")
    conf = runpy.run_path(str(Path(__file__).parents[2] / "deploy" / "gunicorn.conf.py"))
    served = options([], environ)
    assert {k: conf[k] for k in served} == served
    assert conf["wsgi_app"] == "api:create_app()" and served["accesslog"] is None
    assert (served["workers"], served["threads"], served["bind"]) == (5, 3, "0.0.0.0:8000")


def test_log_level_reaches_gunicorn_and_the_json_handler() -> None:
    chosen = options(["--log-level", "warning"], {})
    assert chosen["loglevel"] == "warning"
    assert chosen["logconfig_dict"]["root"]["level"] == "WARNING"
    assert "request" in chosen["logconfig_dict"]["filters"]


def test_gunicorn_builds_no_access_line_since_the_app_logs_each_request(monkeypatch) -> None:
    import pytest
    from gunicorn.config import Config

    config = Config()
    for name, value in options([], {}).items():
        config.set(name, value)
    logger = config.logger_class(config)
    monkeypatch.setattr(logger, "atoms", lambda *args: pytest.fail("gunicorn built an access line"))
    logger.access(None, None, {}, None)
