"""How `jcg serve` configures gunicorn: flags beat JCG_WORKERS / JCG_THREADS, which beat defaults."""

from __future__ import annotations

from cli.main import build_parser
from cli.serve import gunicorn_options


def options(argv: list[str], environ: dict[str, str]) -> dict:
    return gunicorn_options(build_parser().parse_args(["serve", *argv]), environ)


def test_serve_runs_two_threaded_workers_by_default() -> None:
    chosen = options([], {})
    assert (chosen["workers"], chosen["threads"], chosen["worker_class"]) == (2, 4, "gthread")
    assert chosen["bind"] == "127.0.0.1:8080"
    assert chosen["control_socket_disable"] is True


def test_environment_overrides_defaults_and_flags_override_the_environment() -> None:
    environ = {"JCG_WORKERS": "3", "JCG_THREADS": "8"}
    assert (options([], environ)["workers"], options([], environ)["threads"]) == (3, 8)
    chosen = options(["--workers", "1", "--threads", "2", "--port", "9000"], environ)
    assert (chosen["workers"], chosen["threads"], chosen["bind"]) == (1, 2, "127.0.0.1:9000")
