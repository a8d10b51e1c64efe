"""What the policy entitles entities to: per entity, per year, and the deadlines ahead."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from flask import jsonify
from flask.views import MethodView

from api.auth import READERS, SECURITY, STAFF, auth, caller, check_may_read
from api.blueprint import Blueprint
from api.entitlements.schemas import (
    DeadlineQueryArgsSchema,
    DeadlineSchema,
    EntitlementQueryArgsSchema,
    EntitlementSchema,
    GapSchema,
    SubsidiesSchema,
    SubsidyQueryArgsSchema,
)
from api.entitlements.speech import deadlines_in_language, entitlements_in_language, titles_in_language
from api.errors import BEHIND, UNREADABLE
from api.languages import say
from api.pages import page_of
from api.units import clauses_for
from api.wired import current_services, services
from contract.entitlements import year_of
from projections.policy.gaps import gaps
from projections.policy.model import fiscal_owed
from projections.replay import read_entitlements
from registry.clock import park_day

blp = Blueprint("entitlements", __name__, url_prefix="/api/v1",
                description="Entitlements under 阳政发〔2024〕15号, derived from the recorded history.")


@blp.route("/entities/<uuid:entity_id>/entitlements")
class EntityEntitlementViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.arguments(EntitlementQueryArgsSchema(), location="query")
    @blp.response(200, EntitlementSchema(many=True))
    @blp.alt_response(404, description="No such entity.")
    @blp.alt_response(409, description=UNREADABLE)
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, args: dict[str, Any], entity_id: UUID, pagination_parameters: Any) -> list[dict[str, Any]]:
        """What the entity is entitled to, each figure explained; `as_of` and `on` replay the past."""
        check_may_read(entity_id)
        as_of, on = args.get("as_of"), args.get("on")
        svc = services()
        found = [e for e in read_entitlements(svc, entity_id, park_day(svc.clock()), as_of, on)
                 if _matches(e, args)]
        # The rows are already the contract's JSON (Entitlement.to_json, tested against the
        # schema): dumping them through marshmallow again took a third of each request.
        page = page_of(found, pagination_parameters)
        return jsonify(entitlements_in_language(page, svc.policy))


def _matches(entitlement: dict[str, Any], args: dict[str, Any]) -> bool:
    # A year's entitlements as the exports and what-if count them: a one-time award (year
    # null) in the year it became valid.
    return ((args.get("year") is None or year_of(entitlement) == args["year"])
            and (args.get("status") is None or entitlement["status"] == args["status"]))


@blp.route("/subsidies")
class SubsidyViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=STAFF)
    @blp.arguments(SubsidyQueryArgsSchema, location="query")
    @blp.response(200, SubsidiesSchema)
    @blp.alt_response(503, description=BEHIND)
    def get(self, args: dict[str, Any]) -> Any:
        """Every entity's annual performance subsidies for a year, with totals per clause."""
        svc = current_services(whole=True)
        by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
        by_clause: dict[str, Decimal] = defaultdict(Decimal)
        rows = svc.model.annual_entitlements(args["year"], park_day(svc.clock()))
        for e in entitlements_in_language(rows, svc.policy):
            by_entity[e["entity_id"]].append(e)
            by_clause[e["clause"]] += _owed(e)
        entities = [{"entity_id": k, "total": _money(sum(map(_owed, v), Decimal())), "entitlements": v}
                    for k, v in by_entity.items()]
        # The entitlements are already the contract's JSON, as for one entity's: dumping a
        # province's year through marshmallow again took most of a 27 s answer (bench/README).
        return jsonify({"year": args["year"], "total": _money(sum(by_clause.values(), Decimal())),
                        "totals_by_clause": {k: _money(v) for k, v in sorted(by_clause.items())},
                        "entities": entities})


def _owed(entitlement: dict[str, Any]) -> Decimal:
    amount = None if entitlement["amount"] is None else Decimal(entitlement["amount"])
    return fiscal_owed(entitlement["status"], entitlement["fiscal"], amount)


def _money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


@blp.route("/deadlines")
class DeadlineViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.arguments(DeadlineQueryArgsSchema, location="query")
    @blp.response(200, DeadlineSchema(many=True))
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> list[dict[str, Any]]:
        """Expiries and deadlines due before a day, soonest first."""
        svc = current_services()
        before = args.get("before") or park_day(svc.clock()) + timedelta(days=365)
        who = caller()
        if args.get("entity_id") is not None:
            check_may_read(args["entity_id"])
        only = str(who.entity_id) if who.role == "entity" else args.get("entity_id")
        only = None if only is None else str(only)
        rows, total = svc.model.deadlines(before, only, pagination_parameters.first_item,
                                          pagination_parameters.page_size, clauses_for(args.get("unit")))
        pagination_parameters.item_count = total
        return deadlines_in_language(rows)


@blp.route("/entities/<uuid:entity_id>/gaps")
class EntityGapViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.response(200, GapSchema(many=True))
    @blp.alt_response(404, description="No such entity.")
    @blp.alt_response(409, description=UNREADABLE)
    # Paged as every list; the first page holds every clause unless asked for less, so an
    # answer without `page` is the whole list, as before.
    @blp.paginate(page_size=100, max_page_size=1000)
    def get(self, entity_id: UUID, pagination_parameters: Any) -> list[dict[str, Any]]:
        """Each clause open to the entity that it does not get in full, and what it lacks."""
        check_may_read(entity_id)
        svc = services()
        found = gaps(svc.registry.history(entity_id), svc.policy, park_day(svc.clock()))
        found = page_of(found, pagination_parameters)
        # Titles as an entitlement's: the clause's `中文 / English`, its Chinese alone in Chinese.
        return titles_in_language([{**g.to_json(), "missing": say(g.missing)} for g in found], svc.policy)
