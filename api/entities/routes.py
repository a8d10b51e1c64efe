"""Entities: register (入驻), list, read one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from api.auth import ADMIN, READERS, SECURITY, auth, caller, check_may_read
from api.blueprint import Blueprint
from api.entities.schemas import EntityCreateSchema, EntityQueryArgsSchema, EntitySchema
from api.errors import UNREADABLE
from api.wired import current_services, services
from registry.application import entity_view
from registry.registration import Registration

blp = Blueprint("entities", __name__, url_prefix="/api/v1/entities",
                description="Park entities (园区主体) and their registration.")


@blp.route("")
class EntityViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.arguments(EntityQueryArgsSchema(), location="query")
    @blp.response(200, EntitySchema(many=True))
    @blp.paginate()
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> list[dict[str, Any]]:
        """List entities, filtered by kind or by part of the name or credit code."""
        svc = current_services()
        who = caller()
        # An entity token's list is its own entity, filtered by the same search as everyone's.
        only = str(who.entity_id) if who.role == "entity" else None
        rows, total = svc.model.list_entities(
            args.get("kind"), args.get("q"),
            pagination_parameters.first_item, pagination_parameters.page_size, only)
        pagination_parameters.item_count = total
        return rows

    @blp.doc(security=SECURITY)
    @auth.login_required(role=ADMIN)
    @blp.arguments(EntityCreateSchema())
    @blp.response(201, EntitySchema)
    @blp.alt_response(409, description="The credit code is already registered; `existing_id` "
                                       "names the entity holding it.")
    def post(self, body: dict[str, Any]) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Register an entity (入驻)."""
        entity = services().registry.register(Registration.parse(body), caller())
        return entity, 201, {"ETag": f'"{entity["version"]}"',
                             "Location": f"/api/v1/entities/{entity['id']}"}


@blp.route("/<uuid:entity_id>")
class EntityByIdViews(MethodView):
    @blp.doc(security=SECURITY)
    @auth.login_required(role=READERS)
    @blp.response(200, EntitySchema, headers={"ETag": {"schema": {"type": "string"},
                                                       "description": "the entity's version"}})
    @blp.alt_response(404, description="No such entity.")
    @blp.alt_response(409, description=UNREADABLE)
    def get(self, entity_id: UUID) -> tuple[dict[str, Any], int, dict[str, str]]:
        """One entity's current state, with its version as ETag."""
        check_may_read(entity_id)
        entity = entity_view(services().registry.entity(entity_id))
        return entity, 200, {"ETag": f'"{entity["version"]}"'}
