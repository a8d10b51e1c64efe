"""`jcg serve`: the API under tornado's HTTP server, in worker processes that tornado forks and
replaces when one dies (`tornado.process.fork_processes`).

Chosen by measurement over granian and gunicorn (issue 18): tornado reads each request whole,
headers and body, on its event loop and within deadlines before the app's threads see it, so
slow or stalled clients hold no thread; a worker killed with SIGKILL is forked again; and a
request's WSGI environ is built from the request alone, with nothing of the process environment.

Tables come from `jcg db upgrade`, run before: the server checks they are there, and each worker
builds its own app after the fork with table creation off, so no database connection is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import logging.config
import os
import signal
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from cli import Commands, logs

# A client has this long to send a request's line and headers (and a kept-alive connection may
# stay idle this long), then this long for its body; then the connection is closed.
HEADER_DEADLINE = 10.0
BODY_DEADLINE = 30.0
# Bodies larger than this are refused before they are read whole; the app refuses anything over
# its own MAX_CONTENT_LENGTH (256 KiB) with a 413 the caller can read.
MAX_BODY = 1024 * 1024
# Workers replaced at most this many times in the server's life; then it stops, for its
# supervisor (systemd, docker) to see.
MAX_RESTARTS = 10_000
# Measured on 2 cores (bench/README): with more processes, fewer threads take turns at each
# interpreter and requests cost less (4 x 2 against 2 x 4: SQLite writes 0.19 of the raw save
# against 0.16-0.18); two threads, so that a long request (an import) does not hold up every
# other request its worker has accepted, as under 4 x 1.
WORKERS, THREADS = 4, 2

log = logging.getLogger("jcg.serve")


def add_parser(commands: Commands) -> None:
    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default=None, help="address to listen on (default: $JCG_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port (default: $JCG_PORT or 8080)")
    serve.add_argument("--workers", type=int, default=None,
                       help=f"worker processes (default: $JCG_WORKERS or {WORKERS})")
    serve.add_argument("--threads", type=int, default=None,
                       help=f"threads per worker running the app (default: $JCG_THREADS or {THREADS})")
    logs.add_level_option(serve)
    serve.set_defaults(run=serve_api)


def settings(args: argparse.Namespace, environ: Mapping[str, str]) -> dict[str, Any]:
    """Flags beat JCG_* variables, which beat the defaults."""
    return {"host": args.host or environ.get("JCG_HOST") or "127.0.0.1",
            "port": args.port or int(environ.get("JCG_PORT") or 8080),
            "workers": args.workers or int(environ.get("JCG_WORKERS") or WORKERS),
            "threads": args.threads or int(environ.get("JCG_THREADS") or THREADS),
            "log_level": logs.chosen_level(args, environ)}


def serve_api(args: argparse.Namespace) -> int:
    from tornado.netutil import bind_sockets
    from tornado.process import fork_processes

    from cli.db import check_upgraded
    from storage.database import database_url

    chosen = settings(args, os.environ)
    url = database_url()
    check_upgraded(url)
    config = logs.config(chosen["log_level"], logs.REQUEST_FILTER)
    # The app logs each request itself, with its request id: tornado's access line stays off.
    config["loggers"]["tornado.access"] = {"level": "WARNING", "handlers": [], "propagate": True}
    logging.config.dictConfig(config)
    sockets = bind_sockets(chosen["port"], chosen["host"])
    # SIGTERM stops this process; the workers see it gone and stop too (see `run_worker`).
    signal.signal(signal.SIGTERM, lambda *_: _exit_supervisor())
    try:
        fork_processes(chosen["workers"], max_restarts=MAX_RESTARTS)
    except (SystemExit, KeyboardInterrupt):
        return 0
    run_worker(sockets, url, chosen["threads"], supervisor=os.getppid())
    return 0


def _exit_supervisor() -> None:
    raise SystemExit(0)


def run_worker(sockets: list[Any], url: str, threads: int, supervisor: int) -> None:
    """One worker: its own app, threads running it, tornado's loop reading the requests."""
    from api import create_app
    from cli.gc_tuning import relax_gc

    relax_gc()
    app = create_app({"DATABASE_URL": url, "CREATE_TABLES": False})
    try:
        asyncio.run(_serve(app, sockets, threads, supervisor))
    finally:
        app.extensions["jcg"].close()


def _largest_body(app: Any) -> int:
    """A workbook uploaded to POST /imports may be far larger than a JSON body: the app refuses
    beyond IMPORT_MAX_BYTES with its own 413; the multipart envelope adds a little."""
    return max(MAX_BODY, int(app.config.get("IMPORT_MAX_BYTES", 0)) + 64 * 1024)


async def _serve(app: Any, sockets: list[Any], threads: int, supervisor: int) -> None:
    from tornado.httpserver import HTTPServer
    from tornado.wsgi import WSGIContainer

    threads_running_app = ThreadPoolExecutor(threads)
    def whole_body(environ: dict[str, Any], start_response: Any) -> Any:
        # tornado hands over the body read whole, chunked or not: the app may read it to its end.
        environ["wsgi.input_terminated"] = True
        return app(environ, start_response)

    server = HTTPServer(WSGIContainer(whole_body, executor=threads_running_app),
                        idle_connection_timeout=HEADER_DEADLINE, body_timeout=BODY_DEADLINE,
                        max_body_size=_largest_body(app))
    server.add_sockets(sockets)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    log.info("worker %s ready", os.getpid())
    while not stopping.is_set() and os.getppid() == supervisor:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=1)
    # No new connections; answer the requests under way, then close the rest.
    server.stop()
    await asyncio.to_thread(threads_running_app.shutdown)
    await asyncio.sleep(0.1)
    await server.close_all_connections()
