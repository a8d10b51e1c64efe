"""Every route × every caller: who may call what, generated from the app's own URL map.

A route added to the app is a new row of this one test; without an entry in WHO_MAY it fails,
so no route can go out without someone saying who may call it. Callers: no header, malformed
headers, an unknown and a revoked token, and each role (an entity token on its own entity and
on another's).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from flask import Flask

from api import create_app
from projections.wiring import bootstrap
from tests.api.conftest import FIXED_NOW, MovableClock
from tests.api.samples import credit_code

PUBLIC, READERS, OWN, STAFF, ADMIN = "public", "readers", "own entity", "staff", "admin"

# Who may call each route: PUBLIC anyone; READERS every role (an entity token sees its own
# part); OWN every role, an entity token only on its own entity; STAFF admin and auditor.
WHO_MAY = {
    ("GET", "/static/<path:filename>"): PUBLIC,
    ("GET", "/api/v1/openapi.json"): PUBLIC,
    ("GET", "/api/v1/docs/"): PUBLIC,
    ("GET", "/api/v1/docs/index.html"): PUBLIC,
    ("GET", "/api/v1/docs/jcg-docs.js"): PUBLIC,
    ("GET", "/api/v1/docs/<path:name>"): PUBLIC,
    ("GET", "/api/v1/health"): PUBLIC,
    ("GET", "/api/v1/ready"): PUBLIC,
    ("GET", "/api/v1/entities"): READERS,
    ("POST", "/api/v1/entities"): ADMIN,
    ("GET", "/api/v1/entities/<uuid:entity_id>"): OWN,
    ("GET", "/api/v1/entities/<uuid:entity_id>/events"): OWN,
    ("POST", "/api/v1/entities/<uuid:entity_id>/events"): ADMIN,
    ("POST", "/api/v1/events/batch"): ADMIN,
    ("GET", "/api/v1/entities/<uuid:entity_id>/entitlements"): OWN,
    ("GET", "/api/v1/entities/<uuid:entity_id>/gaps"): OWN,
    ("GET", "/api/v1/subsidies"): STAFF,
    ("GET", "/api/v1/deadlines"): READERS,
    ("GET", "/api/v1/policy"): READERS,
    ("POST", "/api/v1/policy/what-if"): STAFF,
    ("GET", "/api/v1/alerts"): READERS,
    ("GET", "/api/v1/quotas"): STAFF,
    ("GET", "/api/v1/imports/template.xlsx"): ADMIN,
    ("POST", "/api/v1/imports"): ADMIN,
    ("GET", "/api/v1/exports/publicity.xlsx"): STAFF,
    ("GET", "/api/v1/exports/publicity.csv"): STAFF,
    ("GET", "/api/v1/exports/payments.xlsx"): STAFF,
    ("GET", "/api/v1/exports/payments.csv"): STAFF,
}

MAY_CALL = {
    READERS: {"admin", "auditor", "own entity", "other entity"},
    OWN: {"admin", "auditor", "own entity"},
    STAFF: {"admin", "auditor"},
    ADMIN: {"admin"},
}

# Headers that name no valid token; each must be a 401, never a 403, 422 or 500.
REFUSED = {
    "no header": None,
    "empty": "",
    "scheme only": "Bearer",
    "scheme and blank": "Bearer   ",
    "basic scheme": "Basic YWRtaW46YWRtaW4=",
    "two words": "Bearer jcg_a jcg_b",
    "non-ASCII": "Bearer 令牌".encode().decode("latin-1"),
    "control character": "Bearer jcg_\x01abc",
    "10,000 characters": "Bearer " + "A" * 10_000,
    "unknown token": "Bearer jcg_unknown",
    "revoked token": "REVOKED",
}
ROLES = ["admin", "auditor", "own entity", "other entity"]
# Stand-ins for a route's variable parts.
SAMPLE_PATHS = {"path": "swagger-ui.css", "name": "swagger-ui.css", "filename": "none.css"}
BODIES = {"/api/v1/entities": {"kind": "enterprise"}, "/api/v1/events/batch": {"events": []},
          "/api/v1/policy/what-if": {"changes": {}},
          "/api/v1/entities/<uuid:entity_id>/events": {"type": "incubation_started"}}


def routes() -> list[tuple[str, str]]:
    # The app's own URL map, built without a database: only the routes are read. The console's
    # pages (and `/`, its redirect) sign in by session, not bearer token: tests/console holds
    # their roles.
    app = create_app({"TESTING": True}, services=object())
    return sorted((method, rule.rule) for rule in app.url_map.iter_rules()
                  for method in rule.methods - {"HEAD", "OPTIONS"}
                  if not rule.endpoint.startswith("console"))


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    services = bootstrap(f"sqlite:///{tmp_path_factory.mktemp('matrix')}/api.db", clock=MovableClock(FIXED_NOW))
    # The failed-authentication limit has a test of its own; here it would answer 429.
    app = create_app({"TESTING": True, "AUTH_FAILURES_PER_MINUTE": 1_000_000}, services=services)
    registry = services.registry
    admin = registry.issue_token("admin", "park")
    own, other = (UUID(app.test_client().post("/api/v1/entities", headers={"Authorization": f"Bearer {admin}"}, json={
        "kind": "enterprise", "name": f"企业{i}", "credit_code": credit_code(i), "zone": "gaoxin",
        "entered_on": "2025-01-02"}).get_json()["id"]) for i in (1, 2))
    revoked = registry.issue_token("admin", "former colleague")
    registry.revoke_token(next(t["id"] for t in registry.tokens() if t["label"] == "former colleague"))
    tokens = {"admin": admin, "auditor": registry.issue_token("auditor", "finance"),
              "own entity": registry.issue_token("entity", "own", own),
              "other entity": registry.issue_token("entity", "other", other)}
    yield {"app": app, "own": own, "tokens": tokens, "revoked": revoked}
    services.close()


def call(app: Flask, method: str, rule: str, entity: UUID, authorization: str | None) -> Any:
    path = rule.replace("<uuid:entity_id>", str(entity))
    for name, value in SAMPLE_PATHS.items():
        path = path.replace(f"<path:{name}>", value)
    headers = {} if authorization is None else {"Authorization": authorization}
    return app.test_client().open(path, method=method, headers=headers, json=BODIES.get(rule))


@pytest.mark.parametrize("caller", [*REFUSED, *ROLES])
@pytest.mark.parametrize("method, rule", routes())
def test_every_route_answers_every_caller_as_its_rule_says(
        matrix: dict[str, Any], method: str, rule: str, caller: str) -> None:
    assert (method, rule) in WHO_MAY, f"{method} {rule} is new: add who may call it to WHO_MAY"
    who_may = WHO_MAY[(method, rule)]
    if caller in ROLES:
        authorization = f"Bearer {matrix['tokens'][caller]}"
    else:
        authorization = f"Bearer {matrix['revoked']}" if caller == "revoked token" else REFUSED[caller]
    response = call(matrix["app"], method, rule, matrix["own"], authorization)
    status = response.status_code
    response.close()
    assert status < 500, response.get_data(as_text=True)[:300]
    if who_may == PUBLIC:
        assert status not in (401, 403)
    elif caller not in ROLES:
        assert status == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.get_json()["code"] == 401
    elif caller in MAY_CALL[who_may]:
        assert status not in (401, 403)
    else:
        assert status == 403 and response.get_json()["code"] == 403
