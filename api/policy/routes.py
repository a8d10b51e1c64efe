"""The policy versions the engine applies, with every clause and parameter."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.auth import READERS, SECURITY, auth
from api.blueprint import Blueprint
from api.wired import services

blp = Blueprint("policy", __name__, url_prefix="/api/v1",
                description="阳政发〔2024〕15号 and its successors, as versioned data.")


@blp.route("/policy")
class PolicyViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.response(200)
    def get(self) -> dict[str, Any]:
        """The policy versions in force by date, their clauses and parameters."""
        return services().policy.to_json()
