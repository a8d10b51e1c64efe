"""`jcg serve`: the API under gunicorn's threaded workers.

Tables come from `jcg db upgrade`, run before: the server checks they are there and then starts
its workers with table creation off (concurrent DDL fails on PostgreSQL). Each worker builds its
own app after the fork, so no database connection is shared between processes.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from gunicorn.app.base import BaseApplication

from cli import logs


def add_parser(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="serve the HTTP API (gunicorn, gthread workers)")
    serve.add_argument("--host", default=None, help="address to listen on (default: $JCG_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default: $JCG_PORT or 8080)")
    serve.add_argument("--workers", type=int, default=None,
                       help="worker processes (default: $JCG_WORKERS or 2)")
    serve.add_argument("--threads", type=int, default=None,
                       help="threads per worker (default: $JCG_THREADS or 4)")
    logs.add_level_option(serve)
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
    from cli.gunicorn_settings import settings

    return settings(environ, host=args.host, port=args.port, workers=args.workers,
                    threads=args.threads, log_level=getattr(args, "log_level", None))


def serve_api(args: argparse.Namespace) -> int:
    from cli.db import check_upgraded
    from registry.settings import database_url

    url = database_url()
    check_upgraded(url)
    Server(gunicorn_options(args, os.environ), {"DATABASE_URL": url, "CREATE_TABLES": False}).run()
    return 0
