"""`jcg serve`: the API under gunicorn's threaded workers.

Tables are created once, in the master, before the workers fork; the workers then build the
app with table creation off (concurrent DDL fails on PostgreSQL). Each worker builds its own
app after the fork, so no database connection is shared between processes.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from gunicorn.app.base import BaseApplication


def add_parser(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="serve the HTTP API (gunicorn, gthread workers)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--workers", type=int, default=None,
                       help="worker processes (default: $JCG_WORKERS or 2)")
    serve.add_argument("--threads", type=int, default=None,
                       help="threads per worker (default: $JCG_THREADS or 4)")
    serve.add_argument("--access-log", action="store_true", help="log each request on stdout")
    serve.set_defaults(run=serve_api)


class Server(BaseApplication):
    """gunicorn, configured in code rather than from the command line or a file."""

    def __init__(self, options: dict[str, Any], app_config: dict[str, Any]):
        self.options = options
        self.app_config = app_config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from api import create_app

        return create_app(self.app_config)


def gunicorn_options(args: argparse.Namespace, environ: os._Environ | dict[str, str]) -> dict[str, Any]:
    options = {
        "bind": f"{args.host}:{args.port}",
        "workers": args.workers or int(environ.get("JCG_WORKERS") or 2),
        "threads": args.threads or int(environ.get("JCG_THREADS") or 4),
        "worker_class": "gthread",
        # The control socket lives under the home directory, which may be read-only.
        "control_socket_disable": True,
    }
    if args.access_log:
        options["accesslog"] = "-"
    return options


def serve_api(args: argparse.Namespace) -> int:
    from cli.db import create_tables
    from registry.settings import database_url

    url = database_url()
    create_tables(url)
    Server(gunicorn_options(args, os.environ), {"DATABASE_URL": url, "CREATE_TABLES": False}).run()
    return 0
