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


def granian(argv: list[str], environ: dict[str, str]) -> dict:
    from cli.serve import granian_options

    return granian_options(build_parser().parse_args(["serve", *argv]), environ)


def test_granian_is_the_default_server_and_gunicorn_may_be_chosen() -> None:
    import pytest

    from cli.serve import chosen_server

    def chosen(argv: list[str], environ: dict[str, str]) -> str:
        return chosen_server(build_parser().parse_args(["serve", *argv]), environ)

    assert chosen([], {}) == "granian"
    assert chosen([], {"JCG_SERVER": "gunicorn"}) == "gunicorn"
    assert chosen(["--server", "granian"], {"JCG_SERVER": "gunicorn"}) == "granian"
    with pytest.raises(SystemExit, match="JCG_SERVER must be one of granian, gunicorn, not 'uwsgi'"):
        chosen([], {"JCG_SERVER": "uwsgi"})


def test_granian_takes_the_same_sizes_and_address_as_gunicorn() -> None:
    from granian.constants import HTTPModes, Interfaces

    chosen = granian([], {})
    assert (chosen["workers"], chosen["blocking_threads"], chosen["address"], chosen["port"]) == (2, 4, "127.0.0.1", 8080)
    assert (chosen["interface"], chosen["http"], chosen["factory"]) == (Interfaces.WSGI, HTTPModes.http1, True)
    assert chosen["target"] == "cli.granian_server:worker_app"
    environ = {"JCG_WORKERS": "3", "JCG_THREADS": "8", "JCG_HOST": "0.0.0.0", "JCG_PORT": "8000"}
    assert {k: granian([], environ)[k] for k in ("workers", "blocking_threads", "address", "port")} == {
        "workers": 3, "blocking_threads": 8, "address": "0.0.0.0", "port": 8000}
    flags = granian(["--workers", "1", "--threads", "2", "--port", "9000"], environ)
    assert (flags["workers"], flags["blocking_threads"], flags["port"]) == (1, 2, 9000)


def test_granian_logs_as_json_at_the_chosen_level_without_an_access_line() -> None:
    chosen = granian(["--log-level", "warning"], {})
    config = chosen["log_dictconfig"]
    assert chosen["log_level"] == "warning" and chosen["log_access"] is False
    assert config["root"]["level"] == "WARNING" and "request" in config["filters"]
    # granian's loggers write through the app's JSON handler, its access logger only warnings.
    assert config["loggers"]["_granian"] == {"level": "WARNING", "handlers": [], "propagate": True}
    assert config["loggers"]["granian.access"]["level"] == "WARNING"
