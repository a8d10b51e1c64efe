"""gunicorn's settings for the API, shared by `jcg serve` and `deploy/gunicorn.conf.py` so
both run the same server: threaded workers sized by JCG_WORKERS / JCG_THREADS, JSON logs, and
gunicorn's access log off in favour of the app's own line per request (with its request id)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gunicorn import glogging

from cli import logs


def settings(environ: Mapping[str, str], *, host: str | None = None, port: int | None = None,
             workers: int | None = None, threads: int | None = None,
             log_level: str | None = None) -> dict[str, Any]:
    """gunicorn settings: explicit arguments beat JCG_* variables, which beat the defaults."""
    host = host or environ.get("JCG_HOST") or "127.0.0.1"
    port = port or int(environ.get("JCG_PORT") or 8080)
    level = log_level or logs.chosen_level(None, environ)
    return {
        "bind": f"{host}:{port}",
        "workers": workers or int(environ.get("JCG_WORKERS") or 2),
        "threads": threads or int(environ.get("JCG_THREADS") or 4),
        "worker_class": "cli.balanced_worker.BalancedThreadWorker",
        # The control socket lives under the home directory, which may be read-only.
        "control_socket_disable": True,
        "accesslog": None,
        "loglevel": level,
        "logconfig_dict": logs.config(level, logs.REQUEST_FILTER),
        "post_worker_init": worker_ready,
        "logger_class": QuietAccessLogger,
    }


class QuietAccessLogger(glogging.Logger):
    """gunicorn's logger without its access line, which the app's own line per request replaces.
    Turning `accesslog` off is not enough: with a logging config given, gunicorn still builds
    the line's fields for every request (3% of a write's CPU, measured), then drops them."""

    def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
        return None


def worker_ready(worker: Any) -> None:
    """Logged once a worker has built its app: the port answers long before (the master binds
    it), and a request meanwhile waits for the boot, so a benchmark or a deploy waits for this."""
    from registry.gc_tuning import relax_gc

    relax_gc()
    worker.log.info("worker %s ready", worker.pid)
