"""The commonest request, one event recorded with an admin token, served beneath Flask.

Flask, flask-smorest, webargs and flask-httpauth cost about 0.75 ms of CPU on that request
beyond the recording itself (profiled in-process: 1.17 ms a write, 0.42 ms of it recording),
and the two cores are shared by every worker: served here, a write took the server 0.91-0.94
ms of CPU instead of 1.27-1.31, and the API wrote 1,531-1,601 events a second instead of
1,170-1,200 (bench/README.md, session 8).

The lane answers only when all is well, and with the route's own parts: its schemas, the
registry, the request id and the log line. Anything else goes to Flask untouched, which answers
as it always does: another method, path or token; the headers the route interprets (If-Match,
Idempotency-Key); a body that is not a JSON object the schema accepts; a refusal by the
registry. A refusal changes nothing, so what Flask then does is done once.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from flask import Flask
from werkzeug.exceptions import InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

from api import errors
from api.events.schemas import EventCreateSchema, RecordedSchema
from api.observability import HEADER, accepted_id, log_request, outside_flask

# The path of POST /api/v1/entities/<uuid:entity_id>/events, as Werkzeug's uuid converter reads it.
_PATH = re.compile(r"^/api/v1/entities/([A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-"
                   r"[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12})/events$")
# WSGI names of the request headers the route reads beyond the body.
_INTERPRETED = ("HTTP_IF_MATCH", "HTTP_IDEMPOTENCY_KEY")

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def install(app: Flask) -> None:
    """Serve the one-event POST's common case ahead of Flask (not in debug mode, whose JSON is
    indented and whose errors are shown as pages)."""
    if not app.debug:
        app.wsgi_app = ExpressLane(app, app.wsgi_app)  # type: ignore[method-assign]


class ExpressLane:
    def __init__(self, app: Flask, flask: Wsgi):
        self.flask = flask
        self.registry = app.extensions["jcg"].registry
        self.json = app.json
        self.max_length = app.config.get("MAX_CONTENT_LENGTH")
        self.event = EventCreateSchema()
        self.recorded = RecordedSchema()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        found = self._eligible(environ)
        if found is None:
            return self.flask(environ, start_response)
        entity_id, principal = found
        length = int(environ["CONTENT_LENGTH"])
        raw = environ["wsgi.input"].read(length)
        request_id = accepted_id(environ.get("HTTP_X_REQUEST_ID"))
        served = outside_flask.set((request_id, principal.label))
        try:
            try:
                event = self.event.load(self.json.loads(raw))
                recorded = self.registry.record(entity_id, event["type"], event["occurred_on"],
                                                event["data"], principal)
            except Exception:
                # Nothing was recorded: Flask reads the same body and answers in its own way.
                environ["wsgi.input"] = io.BytesIO(raw)
                return self.flask(environ, start_response)
            try:
                status, payload = 201, self.recorded.dump(recorded)
                headers = [("ETag", f'"{recorded["version"]}"')]
            except Exception as exc:
                # A bug, answered as Flask answers one; the event is recorded, so not by Flask.
                errors.log.exception("unexpected error", exc_info=exc)
                status, payload, headers = 500, errors.body(500, InternalServerError.description), []
            body = f"{self.json.dumps(payload, separators=(',', ':'))}\n".encode()
            start_response(f"{status} {HTTP_STATUS_CODES[status].upper()}", [
                ("Content-Type", self.json.mimetype), ("Content-Length", str(len(body))),
                *headers, (HEADER, request_id)])
            log_request("POST", environ["PATH_INFO"], status, started)
            return [body]
        finally:
            outside_flask.reset(served)

    def _eligible(self, environ: dict[str, Any]) -> tuple[UUID, Any] | None:
        """(entity id, admin principal) when the lane may serve the request, else None."""
        if environ["REQUEST_METHOD"] != "POST" or any(h in environ for h in _INTERPRETED):
            return None
        path = _PATH.match(environ.get("PATH_INFO", ""))
        if path is None:
            return None
        if environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() != "application/json":
            return None
        length = environ.get("CONTENT_LENGTH") or ""
        if not length.isdigit() or (self.max_length is not None and int(length) > self.max_length):
            return None
        # As Werkzeug reads the header for flask-httpauth: a token with "=" inside is not one.
        scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or "=" in token.rstrip("="):
            return None
        principal = self.registry.authenticate(token)
        if principal is None or principal.role != "admin":
            return None
        return UUID(path.group(1)), principal
