"""Liveness and readiness, for load balancers, systemd watchdogs and compose healthchecks."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from flask import jsonify
from flask.views import MethodView
from marshmallow import Schema, fields

from api.blueprint import Blueprint
from api.errors import body
from api.wired import services
from i18n import Text

log = logging.getLogger(__name__)
blp = Blueprint("health", __name__, url_prefix="/api/v1",
                description="Is the process alive, and is it ready to serve (no token needed).")


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})


class ProjectionLagSchema(Schema):
    position = fields.Integer(required=True, metadata={"description": "last event in the read models"})
    head = fields.Integer(required=True, metadata={"description": "last event recorded"})
    lag_events = fields.Integer(required=True, metadata={"description": "head − position"})
    lag_seconds = fields.Float(required=True, metadata={
        "description": "age of the oldest event not yet in the read models; 0 when none"})


class ReadySchema(Schema):
    status = fields.String(required=True, metadata={"example": "ready"})
    database = fields.String(required=True, metadata={"example": "reachable"})
    projection = fields.Nested(ProjectionLagSchema, required=True)


@blp.route("/health")
class HealthViews(MethodView):
    @blp.response(200, HealthSchema)
    def get(self) -> dict[str, str]:
        """Liveness: the process answers (the database is not consulted)."""
        return {"status": "ok"}


@blp.route("/ready")
class ReadyViews(MethodView):
    @blp.response(200, ReadySchema)
    @blp.alt_response(503, description="The database cannot be reached.")
    def get(self) -> Any:
        """Readiness: the database answers; how far the read models lag behind the events."""
        svc = services()
        try:
            lag = projection_lag(svc)
        except Exception as exc:  # a probe answers; whatever broke, the answer is "not ready"
            log.warning("not ready: %s", type(exc).__name__, exc_info=exc)
            # A Response passes flask-smorest's 200 schema by, keeping the contract's error shape.
            down = Text("the database cannot be reached (%(error)s)", error=type(exc).__name__)
            response = jsonify(body(503, down))
            response.status_code = 503
            return response
        return {"status": "ready", "database": "reachable", "projection": lag}


def projection_lag(svc: Any) -> dict[str, Any]:
    """Events recorded but not yet projected, and how long the oldest of them has waited."""
    position, head = svc.projector.position(), svc.projector.head()
    seconds = 0.0
    if head > position:
        recorder = svc.registry.recorder
        oldest = recorder.select_notifications(start=position, limit=1, inclusive_of_start=False)
        if oldest:
            recorded = svc.registry.mapper.to_domain_event(oldest[0]).timestamp
            # The library stamps events with the wall clock, not the registry's (testable) one.
            seconds = max((datetime.now(UTC) - recorded).total_seconds(), 0.0)
    return {"position": position, "head": head, "lag_events": max(head - position, 0),
            "lag_seconds": round(seconds, 3)}
