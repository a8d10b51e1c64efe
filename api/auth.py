"""Bearer tokens and roles: admin (everything), auditor (read everything), entity (its own)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import current_app, request
from flask_httpauth import HTTPTokenAuth
from flask_smorest import Api, abort

from api.auth_limit import TOO_MANY_FAILURES
from api.wired import services
from i18n import Text
from registry.access import Principal

auth = HTTPTokenAuth(scheme="Bearer")
READERS = ["admin", "auditor", "entity"]
STAFF = ["admin", "auditor"]
ADMIN = ["admin"]
SECURITY = [{"bearerAuth": []}]


@auth.verify_token
def _verify(token: str) -> Principal | None:
    if not token:
        return None
    registry = services().registry
    # A token recognised lately costs no read and is never held back by the failure limit.
    remembered = registry.remembered(token)
    if remembered is not None:
        return remembered
    failures = current_app.extensions["jcg_failed_authentication"]
    address = request.remote_addr or "unknown"
    wait = failures.wait(address)
    if wait:
        abort(429, message=Text(TOO_MANY_FAILURES, seconds=wait), headers={"Retry-After": str(wait)})
    principal = registry.authenticate(token)
    if principal is None:
        failures.failed(address)
    return principal


@auth.get_user_roles
def _roles(principal: Principal) -> list[str]:
    return [principal.role]


@auth.error_handler
def _refused(status: int) -> tuple[dict[str, Any], int]:
    from api.errors import body

    if status == 401:
        return body(401, Text("a valid API token is required: send Authorization: Bearer <token>")), 401
    return body(status, Text("this token's role may not do this")), status


def caller() -> Principal:
    return auth.current_user()


def check_may_read(entity_id: UUID) -> None:
    """Entity tokens read their own entity and nothing else."""
    who = caller()
    if who.role == "entity" and who.entity_id != entity_id:
        abort(403, message=Text("an entity token reads only its own entity's data"))


def declare(api: Api) -> None:
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer",
                       "description": "A token made with `jcg token create`."})
