"""Many events in one request, for bulk entry and imports, where per-request overhead dominates."""

from __future__ import annotations

import logging
from typing import Any

from flask.views import MethodView
from flask_smorest.error_handler import ErrorSchema

from api.auth import ADMIN, SECURITY, auth
from api.blueprint import Blueprint
from api.errors import refusal
from api.events.routes import record
from api.events.schemas import BatchRecordedSchema, BatchSchema, RecordedSchema

log = logging.getLogger(__name__)

blp = Blueprint("events_batch", __name__, url_prefix="/api/v1/events",
                description="Recording many events, each as if it had been sent alone.")

_RECORDED = RecordedSchema()


@blp.route("/batch")
class EventBatchViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=ADMIN)
    @blp.arguments(BatchSchema())
    @blp.response(200, BatchRecordedSchema)
    @blp.alt_response(422, schema=ErrorSchema, description="The body is malformed; nothing was recorded.")
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Record a batch of events, each as if posted alone to its entity.

        The body is checked whole first: a malformed one, an empty list, more than 500 items or
        an item with a missing or invalid field is 422, naming the item (`events.3.occurred_on`),
        and nothing is recorded. Then each item is recorded in order, exactly as
        `POST /entities/{entity_id}/events` with `If-Match: if_match` and
        `Idempotency-Key: idempotency_key` would record it: not atomically, so a refused item
        (404, 412, 422, ...) leaves the items before it recorded and does not stop those after.
        The answer is 200 with one result per item, in order: `status` 201 and the single
        route's body (`replayed: true` when its key replayed an earlier recording), or the
        status and error body the single route would have given. An unexpected failure is a
        500, with the items before it recorded.
        """
        results = [_outcome(index, item) for index, item in enumerate(body["events"])]
        refused = sum(1 for r in results if "error" in r)
        # The request's own log line says 200; this says how many items were refused.
        log.info("batch of %d events: %d refused", len(results), refused,
                 extra={"recorded": len(results) - refused, "refused": refused})
        return {"recorded": len(results) - refused, "refused": refused, "results": results}


def _outcome(index: int, item: dict[str, Any]) -> dict[str, Any]:
    """One item's result; an exception the API does not know (a bug) is not swallowed."""
    try:
        recorded = record(item["entity_id"], item, if_match=item.get("if_match"),
                          idempotency_key=item.get("idempotency_key"))
    except Exception as exc:
        known = refusal(exc)
        if known is None:
            raise
        status, error = known
        return {"index": index, "status": status, "error": error}
    result = {"index": index, "status": 201, **_RECORDED.dump(recorded)}
    if recorded.get("replayed"):
        result["replayed"] = True
    return result
