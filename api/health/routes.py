"""Liveness and readiness, for load balancers, systemd watchdogs and compose healthchecks."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from flask import current_app, jsonify
from flask.views import MethodView
from marshmallow import Schema, fields

from api.blueprint import Blueprint
from api.errors import body
from api.languages import say
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
    stalled_seconds = fields.Float(required=True, metadata={
        "description": "how long the lag has not shrunk (0 when there is none); above "
                       "JCG_READY_STALL_SECONDS the answer is 503"})
    heartbeat_at = fields.String(allow_none=True, metadata={
        "format": "date-time",
        "description": "the long-running projector's last loop; null before its first"})
    quarantined = fields.Integer(required=True, metadata={
        "description": "events that could not be applied (`jcg projections quarantined` lists them); "
                       "any makes the answer 503"})


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
    @blp.alt_response(503, description="The database cannot be reached, the read models have not "
                                       "caught up for JCG_READY_STALL_SECONDS, or events are quarantined: "
                                       "`message` says which, in the caller's language.")
    def get(self) -> Any:
        """Readiness: the database answers and the read models keep up with the events."""
        svc = services()
        try:
            projection = projection_state(svc)
        except Exception as exc:  # a probe answers; whatever broke, the answer is "not ready"
            log.warning("not ready: %s", type(exc).__name__, exc_info=exc)
            return unavailable(body(503, Text("the database cannot be reached (%(error)s)",
                                              error=type(exc).__name__)))
        reasons = not_ready_because(projection, current_app.config["READY_STALL_SECONDS"])
        if reasons:
            # info: a probe asks every few seconds, and the quarantine was logged as an error once.
            log.info("not ready", extra={"projection": projection})
            return unavailable({**body(503, reasons[0]), "reasons": [say(r) for r in reasons],
                                "database": "reachable", "projection": projection})
        return {"status": "ready", "database": "reachable", "projection": projection}


def unavailable(payload: dict[str, Any]) -> Any:
    # A Response passes flask-smorest's 200 schema by, keeping the contract's error shape.
    response = jsonify(payload)
    response.status_code = 503
    return response


def not_ready_because(projection: dict[str, Any], stall_seconds: float) -> list[Text]:
    """Why the read models cannot be trusted now; empty when they can."""
    reasons = []
    if projection["stalled_seconds"] > stall_seconds:
        reasons.append(Text(
            "the read models have not caught up for %(seconds)s seconds (JCG_READY_STALL_SECONDS is "
            "%(limit)s): %(lag)s events wait to be applied; is `jcg projector` running?",
            seconds=round(projection["stalled_seconds"]), limit=f"{stall_seconds:g}",
            lag=projection["lag_events"]))
    if projection["quarantined"]:
        reasons.append(Text(
            "%(count)s events could not be applied to the read models and are quarantined: "
            "`jcg projections quarantined` lists them and why", count=projection["quarantined"]))
    return reasons


def projection_state(svc: Any) -> dict[str, Any]:
    """The lag, how long it has not shrunk, the heartbeat and the events set aside."""
    lag = projection_lag(svc)
    beat = svc.model.heartbeat(svc.projector.name)
    return {**lag, "stalled_seconds": stalled_seconds(lag, beat, svc.clock()),
            "heartbeat_at": beat["beat_at"] if beat else None,
            "quarantined": svc.model.quarantine_count()}


def stalled_seconds(lag: dict[str, Any], beat: dict[str, Any] | None, now: datetime) -> float:
    """How long the lag has not shrunk, by the registry's clock: since the position last moved
    or a projector last found nothing to do. Before any has, the oldest waiting event's age."""
    if lag["lag_events"] == 0:
        return 0.0
    if beat is None:
        return float(lag["lag_seconds"])
    progressed = datetime.fromisoformat(beat["progressed_at"])
    return round(max((now - progressed).total_seconds(), 0.0), 3)


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


@blp.record_once
def check_stall_setting(state: Any) -> None:
    """JCG_READY_STALL_SECONDS is read when the app is built: a wrong value stops it there."""
    value = state.app.config.get("READY_STALL_SECONDS")
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = -1.0
    if not seconds > 0:
        raise ValueError(f"JCG_READY_STALL_SECONDS={value!r} is not a number of seconds above 0 (e.g. 60)")
    state.app.config["READY_STALL_SECONDS"] = seconds
