"""City credit lines that loans draw on: the 泉科贷 line of article 10."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.auth import SECURITY, STAFF, auth
from api.blueprint import Blueprint
from api.quotas.schemas import QuotaSchema
from api.wired import services
from projections.policy.quotas import LINES, quota_report
from registry.clock import park_day

blp = Blueprint("quotas", __name__, url_prefix="/api/v1",
                description="Credit lines set by the policy (泉科贷) and what loans have drawn.")


@blp.route("/quotas")
class QuotaViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=STAFF)
    @blp.response(200, QuotaSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Each line with its size, what is drawn on it and what remains."""
        svc = services()
        lines = {name: svc.registry.credit_line(name) for name in LINES}
        drawn = {name: (line.drawn, line.loans) for name, line in lines.items()}
        rows = quota_report(svc.policy, drawn, park_day(svc.clock()))
        return [{**row, **{k: f"{row[k]:.2f}" for k in ("line", "drawn", "remaining")}}
                for row in rows]
