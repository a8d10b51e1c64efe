"""`jcg serve` under granian, the default server: HTTP parsed in Rust, the app in worker threads.

Why not gunicorn (still there: `--server gunicorn`): with 8 clients posting one event a request
to 2 workers on 2 cores, gunicorn's request handling in Python (reading and parsing the request,
building the environ, writing the response) was about a quarter of a write's CPU. Under granian
the same writes cost 0.90-1.06 ms of server CPU against 1.15-1.44, and ran at 1,247-1,479
writes/s against 1,004-1,252 (three alternating pairs, 1,000 entities; bench/README.md).

Each worker is forked before it builds its app (`worker_app`), so no database connection is
shared between processes, as under gunicorn.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from cli import logs


def settings(environ: Mapping[str, str], *, host: str | None = None, port: int | None = None,
             workers: int | None = None, threads: int | None = None,
             log_level: str | None = None) -> dict[str, Any]:
    """granian's arguments: explicit ones beat JCG_* variables, which beat the defaults (the same
    variables and defaults as under gunicorn)."""
    from granian.constants import HTTPModes, Interfaces
    from granian.log import LogLevels

    level = log_level or logs.chosen_level(None, environ)
    config = logs.config(level, logs.REQUEST_FILTER)
    # granian's own loggers write through the same JSON handler; its access log stays off, as
    # the app logs each request itself, with its request id.
    config["loggers"].update({
        "_granian": {"level": level.upper(), "handlers": [], "propagate": True},
        "granian.access": {"level": "WARNING", "handlers": [], "propagate": True}})
    return {
        "target": "cli.granian_server:worker_app",
        "factory": True,
        "interface": Interfaces.WSGI,
        "address": host or environ.get("JCG_HOST") or "127.0.0.1",
        "port": port or int(environ.get("JCG_PORT") or 8080),
        "workers": workers or int(environ.get("JCG_WORKERS") or 2),
        "blocking_threads": threads or int(environ.get("JCG_THREADS") or 4),
        # The API speaks HTTP/1.1 only; a proxy in front terminates TLS and HTTP/2.
        "http": HTTPModes.http1,
        "websockets": False,
        "log_level": LogLevels(level),
        "log_dictconfig": config,
        "log_access": False,
    }


def run(options: dict[str, Any]) -> None:
    from granian import Granian

    Granian(**options).serve()


def worker_app() -> Any:
    """The app of one worker, built after the fork on JCG_DATABASE_URL without DDL (`jcg serve`
    checked the tables first); logged once built, since the port answers long before (the
    master binds it) and a benchmark or a deploy waits for this line."""
    from api import create_app
    from registry.gc_tuning import relax_gc
    from registry.settings import database_url

    relax_gc()
    app = create_app({"DATABASE_URL": database_url(), "CREATE_TABLES": False})
    logging.getLogger("jcg.serve").info("worker %s ready", os.getpid())
    return app
