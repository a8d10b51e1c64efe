"""An entity's events: record one, read the whole history."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from flask import request
from flask.views import MethodView
from flask_smorest import abort

from api.auth import ADMIN, READERS, SECURITY, auth, caller, check_may_read
from api.blueprint import Blueprint
from api.errors import UNREADABLE
from api.events.schemas import EventCreateSchema, HistoryItemSchema, RecordedSchema
from api.json import plain
from api.pages import page_of
from api.wired import services
from contract.catalogue import InvalidFact
from contract.text import text_problem
from i18n import Text
from registry.access import Principal

blp = Blueprint("events", __name__, url_prefix="/api/v1/entities",
                description="The facts of an entity's life in the park; never edited, only added.")

_VERSION = re.compile(r'^(W/)?"?(\d{1,9})"?$')

RECORD_HEADERS = [
    {"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
     "description": "the entity version the event was decided on; 412 when it moved on"},
    {"in": "header", "name": "Idempotency-Key", "required": False,
     "schema": {"type": "string", "maxLength": 200},
     "description": "a retry with the same key returns the first response and records nothing"},
]


def _if_match() -> int | None:
    raw = request.headers.get("If-Match")
    if raw is None:
        return None
    found = _VERSION.match(raw.strip())
    if not found:
        abort(422, message=Text('If-Match must be the entity\'s version, e.g. "3" (its ETag)'),
              errors={"If-Match": [Text("is not a version")]})
    return int(found.group(2))


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not 1 <= len(key) <= 200:
        abort(422, message=Text("Idempotency-Key must be 1 to 200 characters"),
              errors={"Idempotency-Key": [Text("must be 1 to 200 characters")]})
    problem = None if key is None else text_problem(key)
    if problem is not None:
        abort(422, message=Text("Idempotency-Key %(problem)s", problem=problem),
              errors={"Idempotency-Key": [problem]})
    return key


def record(entity_id: UUID, event: dict[str, Any], *, if_match: int | None,
           idempotency_key: str | None, by: Principal | None = None) -> dict[str, Any]:
    """Record one event as admin (the caller, or `by`); shared with the batch route and imports
    so that an item fares as if sent alone."""
    with _named_as_requested():
        return services().registry.record(entity_id, event["type"], event["occurred_on"], event["data"],
                                          by or caller(), if_match=if_match, idempotency_key=idempotency_key)


def rehearse(entity: Any, history: list[Any], event: dict[str, Any], by: Principal,
             admission: Any, held: dict[UUID, Any]) -> None:
    """Decide one event as `record` does, on an entity held in memory, saving nothing: an
    import's dry run, refused in the same words as the import."""
    with _named_as_requested():
        services().registry.rehearse(entity, history, event["type"], event["occurred_on"], event["data"],
                                     by, admission, held)


@contextmanager
def _named_as_requested() -> Iterator[None]:
    try:
        yield
    except InvalidFact as exc:
        # The registry names fields of the data; the request nests them under `data`.
        raise InvalidFact({f"data.{k}" if k != "data" else k: v for k, v in exc.errors.items()}) from None


@blp.route("/<uuid:entity_id>/events")
class EntityEventsViews(MethodView):
    @blp.doc(security=SECURITY, parameters=RECORD_HEADERS)
    @auth.login_required(role=ADMIN)
    @blp.arguments(EventCreateSchema())
    @blp.response(201, RecordedSchema)
    @blp.alt_response(404, description="No such entity.")
    @blp.alt_response(412, description="The entity moved past the If-Match version.")
    @blp.alt_response(409, description=UNREADABLE)
    def post(self, body: dict[str, Any], entity_id: UUID) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Record an event against an entity."""
        recorded = record(entity_id, body, if_match=_if_match(), idempotency_key=_idempotency_key())
        headers = {"ETag": f'"{recorded["version"]}"'}
        if recorded.pop("replayed", False):
            headers["Idempotent-Replayed"] = "true"
        return recorded, 201, headers

    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.response(200, HistoryItemSchema(many=True))
    @blp.alt_response(404, description="No such entity.")
    @blp.alt_response(409, description=UNREADABLE)
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, entity_id: UUID, pagination_parameters: Any) -> list[dict[str, Any]]:
        """The entity's full history, oldest first."""
        check_may_read(entity_id)
        page = page_of(services().registry.history(entity_id), pagination_parameters)
        reader = caller()
        return [{"event_id": r.event_id, "type": r.type, "occurred_on": r.occurred_on,
                 "recorded_at": r.recorded_at, "recorded_by": reader.sees_recorder(r.recorded_by),
                 "version": r.version, "data": plain(r.data)} for r in page]
