"""A request id for every request, and one log line per request.

The id comes from the caller's `X-Request-Id` (a proxy's, say) when it is sensible, or is made
here; it is echoed in the response and added, with the token's label, to every line logged
while the request is served (`RequestContext`, installed by the process's logging config).
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, has_request_context, request

log = logging.getLogger("jcg.request")
HEADER = "X-Request-Id"
# Ids end up in logs: accept only short, plain ones, so a caller cannot forge log lines.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def accepted_id(offered: str | None) -> str:
    """The caller's request id when it is sensible, else a new one."""
    return offered if offered and _ACCEPTABLE.match(offered) else uuid.uuid4().hex


def log_request(method: str, path: str, status: int, started: float) -> None:
    """The one line per request."""
    took = (time.perf_counter() - started) * 1000
    log.info("%s %s %s", method, path, status,
             extra={"method": method, "path": path, "status": status, "duration_ms": round(took, 1)})


def request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def token_label() -> str | None:
    """The label of the token the request was authenticated with (never the token itself)."""
    if not has_request_context():
        return None
    principal = g.get("flask_httpauth_user")
    return getattr(principal, "label", None)


class RequestContext(logging.Filter):
    """Adds `request_id` and the token's `label` to records logged while serving a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not has_request_context():
            return True
        record.request_id, label = request_id(), token_label()
        if label is not None:
            record.label = label
        return True


def install(app: Flask) -> None:
    """Give each request an id, echo it, and log method, path, status and duration once."""

    @app.before_request
    def _start() -> None:
        g.request_id = accepted_id(request.headers.get(HEADER))
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers[HEADER] = g.get("request_id", "")
        log_request(request.method, request.path, response.status_code,
                    g.get("request_started", time.perf_counter()))
        return response
