"""Alerts issued by the scheduler, newest first."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, fields

from api.auth import READERS, SECURITY, auth, caller
from api.blueprint import Blueprint
from api.languages import in_language
from api.units import clauses_for, unit_field
from api.wired import current_services
from i18n import Text

blp = Blueprint("alerts", __name__, url_prefix="/api/v1",
                description="Expiry, deadline, report and renewal alerts (提醒), each issued once.")


class AlertSchema(Schema):
    id = fields.String(required=True)
    entity_id = fields.String(allow_none=True, metadata={"description": "null for a policy renewal"})
    clause = fields.String(allow_none=True)
    kind = fields.String(required=True, metadata={"description": "expiry, annual_report or policy_renewal"})
    threshold = fields.String(metadata={"description": "e.g. 90d, 0d, opens, overdue+30d"})
    due_on = fields.String(required=True, metadata={"format": "date"})
    issued_on = fields.String(required=True, metadata={"format": "date"})
    late = fields.Boolean(metadata={"description": "issued after its day, by a scan catching up"})
    message = fields.String(required=True)
    units = fields.List(fields.String(), metadata={"description": "责任单位 of the clause's article"})
    entitlement_id = fields.String(allow_none=True)
    delivered_at = fields.String(allow_none=True, metadata={"format": "date-time"})
    attempts = fields.List(fields.Dict(), metadata={"description": "webhook delivery attempts"})


class AlertQueryArgsSchema(Schema):
    entity_id = fields.UUID()
    unit = unit_field()


@blp.route("/alerts")
class AlertViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.arguments(AlertQueryArgsSchema(), location="query")
    @blp.response(200, AlertSchema(many=True))
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> list[dict[str, Any]]:
        """Alerts issued, newest first; an entity token sees its own."""
        svc = current_services()
        who = caller()
        wanted = str(args["entity_id"]) if args.get("entity_id") else None
        if who.role == "entity":
            if wanted and wanted != str(who.entity_id):
                abort(403, message=Text("an entity token reads only its own entity's alerts"))
            wanted = str(who.entity_id)
        rows, total = svc.model.alerts(wanted, pagination_parameters.first_item,
                                       pagination_parameters.page_size, clauses_for(args.get("unit")))
        pagination_parameters.item_count = total
        return [in_language(row, "message") for row in rows]
