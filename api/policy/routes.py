"""The policy versions the engine applies, with every clause and parameter."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from api.auth import READERS, SECURITY, STAFF, auth
from api.blueprint import Blueprint
from api.errors import BEHIND
from api.languages import language
from api.wired import current_services, services
from i18n.catalogue import ENGLISH
from projections.policy.what_if import compare, draft_book
from projections.replay import every_history
from registry.clock import park_day

blp = Blueprint("policy", __name__, url_prefix="/api/v1",
                description="阳政发〔2024〕15号 and its successors, as versioned data.")


@blp.route("/policy")
class PolicyViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.response(200)
    def get(self) -> dict[str, Any]:
        """The policy versions in force by date, their clauses and parameters."""
        versions = services().policy.to_json()["versions"]
        return {"versions": [{**_titled(v), "clauses": [_titled(c) for c in v["clauses"]]}
                             for v in versions]}


def _titled(item: dict[str, Any]) -> dict[str, Any]:
    # `title` in the reader's language, as an entitlement's: `中文 / English`, the Chinese alone
    # in Chinese; `title_zh` and `title_en` stay, since keys never change with the language.
    title = item["title_zh"] if language() != ENGLISH else f"{item['title_zh']} / {item['title_en']}"
    return {"id": item["id"], "title": title, **item}


class WhatIfSchema(Schema):
    changes = fields.Dict(keys=fields.String(), values=fields.Raw(), required=True, metadata={
        "description": "{CLAUSE: {PARAMETER: VALUE}}, the parameters named as GET /policy shows "
                       "them; money and shares as strings (\"1200000.00\", \"0.25\")"})
    year = fields.Integer(validate=validate.Range(min=2000, max=2100),
                          metadata={"description": "only that year's entitlements"})


@blp.route("/policy/what-if")
class WhatIfViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=STAFF)
    @blp.arguments(WhatIfSchema())
    @blp.response(200)
    @blp.alt_response(503, description=BEHIND)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Every entity's history replayed under the policy so changed; nothing is recorded."""
        svc = current_services(whole=True)
        draft = draft_book(svc.policy, body["changes"])
        return compare(every_history(svc), svc.policy, draft, body.get("year"), park_day(svc.clock()))
