"""`jcg serve`: the API under granian (the default; see cli/granian_server.py) or gunicorn's
threaded workers (`--server gunicorn`, or JCG_SERVER=gunicorn).

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

SERVERS = ("granian", "gunicorn")


def add_parser(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="serve the HTTP API (granian, or gunicorn's gthread workers)")
    serve.add_argument("--server", choices=SERVERS, default=None,
                       help="the HTTP server (default: $JCG_SERVER or granian)")
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

    return settings(environ, **_flags(args))


def chosen_server(args: argparse.Namespace, environ: os._Environ | dict[str, str]) -> str:
    chosen = getattr(args, "server", None) or environ.get("JCG_SERVER") or "granian"
    if chosen not in SERVERS:
        raise SystemExit(f"JCG_SERVER must be one of {', '.join(SERVERS)}, not {chosen!r}")
    return chosen


def granian_options(args: argparse.Namespace, environ: os._Environ | dict[str, str]) -> dict[str, Any]:
    from cli.granian_server import settings

    return settings(environ, **_flags(args))


def _flags(args: argparse.Namespace) -> dict[str, Any]:
    return {"host": args.host, "port": args.port, "workers": args.workers, "threads": args.threads,
            "log_level": getattr(args, "log_level", None)}


def serve_api(args: argparse.Namespace) -> int:
    from cli.db import check_upgraded
    from registry.settings import database_url

    server = chosen_server(args, os.environ)
    url = database_url()
    check_upgraded(url)
    if server == "granian":
        from cli import granian_server

        # The workers build their apps on the same database (see granian_server.worker_app).
        os.environ["JCG_DATABASE_URL"] = url
        granian_server.run(granian_options(args, os.environ))
    else:
        Server(gunicorn_options(args, os.environ), {"DATABASE_URL": url, "CREATE_TABLES": False}).run()
    return 0
