"""How `jcg serve` is configured: flags beat JCG_* variables, which beat the defaults."""

from __future__ import annotations

from cli.main import build_parser
from cli.serve import settings


def options(argv: list[str], environ: dict[str, str]) -> dict:
    return settings(build_parser().parse_args(["serve", *argv]), environ)


def test_serve_runs_four_workers_of_two_threads_on_localhost_by_default() -> None:
    assert options([], {}) == {"host": "127.0.0.1", "port": 8080, "workers": 4, "threads": 2,
                               "log_level": "info"}


def test_environment_overrides_defaults_and_flags_override_the_environment() -> None:
    environ = {"JCG_WORKERS": "3", "JCG_THREADS": "8", "JCG_HOST": "0.0.0.0", "JCG_PORT": "8000",
               "JCG_LOG_LEVEL": "warning"}
    assert options([], environ) == {"host": "0.0.0.0", "port": 8000, "workers": 3, "threads": 8,
                                    "log_level": "warning"}
    chosen = options(["--workers", "1", "--threads", "2", "--port", "9000", "--log-level", "debug"], environ)
    assert chosen == {"host": "0.0.0.0", "port": 9000, "workers": 1, "threads": 2, "log_level": "debug"}
