"""A body that is not readable JSON, of whatever kind, is a 400 in the contract's shape, on every
route that takes one, and records nothing."""

from __future__ import annotations

from typing import Any

import flask_smorest
import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.errors import ContractApi
from tests.api.conftest import Park

DEEP = 100_000

MALFORMED = {
    "arrays nested 100,000 deep": b"[" * DEEP + b"]" * DEEP,
    # 30,000 deep: 100,000 would pass the 256 KiB limit (413 before any parsing).
    "objects nested 30,000 deep": b'{"a":' * 30_000 + b"1" + b"}" * 30_000,
    "deep inside the data": b'{"type": "departed", "occurred_on": "2025-06-01", "data": {"reason": '
                            + b"[" * DEEP + b"]" * DEEP + b"}}",
    "deep inside a batch": b'{"events": [' + b"[" * DEEP + b"]" * DEEP + b"]}",
    "unclosed": b'{"kind": "enterprise"',
    "not UTF-8": b'{"name": "\xff\xfe"}',
    "UTF-16": '{"kind": "enterprise"}'.encode("utf-16"),
    "a number of 5,000 digits": b'{"name": ' + b"1" * 5000 + b"}",
    "a bare word": b"hello",
}


def json_routes(app: Flask) -> list[str]:
    """Every route the OpenAPI document says takes a JSON body, with a real entity id in it."""
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    return [f"{method} {path}" for path, ops in spec["paths"].items() for method, op in ops.items()
            if method != "parameters" and "application/json" in (op.get("requestBody") or {}).get("content", {})]


def test_the_routes_that_take_a_body_are_found(app: Flask) -> None:
    assert {"post /api/v1/entities", "post /api/v1/entities/{entity_id}/events",
            "post /api/v1/events/batch"} <= set(json_routes(app))


@pytest.mark.parametrize("what", list(MALFORMED))
def test_a_body_that_is_not_readable_json_is_400_and_records_nothing(
        app: Flask, client: FlaskClient, park: Park, what: str) -> None:
    entity = park.register()
    before = park.history(entity["id"])
    for route in json_routes(app):
        method, path = route.split(" ")
        response = client.open(path.replace("{entity_id}", entity["id"]), method=method.upper(),
                               data=MALFORMED[what], headers={**park.admin, "Content-Type": "application/json"})
        assert response.status_code == 400, (route, response.get_data(as_text=True)[:300])
        answer = response.get_json()
        assert answer["code"] == 400 and answer["status"] == "Bad Request"
        assert answer["message"].startswith("the body is not") and answer["errors"] == {"body": [answer["message"]]}
    assert park.history(entity["id"]) == before
    assert len(client.get("/api/v1/entities", headers=park.admin).get_json()) == 1


def test_the_messages_say_what_is_wrong(client: FlaskClient, park: Park) -> None:
    def message(body: bytes) -> str:
        return client.post("/api/v1/entities", data=body, headers={
            **park.admin, "Content-Type": "application/json"}).get_json()["message"]

    assert message(MALFORMED["arrays nested 100,000 deep"]).endswith("nests arrays or objects too deeply")
    assert message(MALFORMED["unclosed"]) == ("the body is not valid JSON: Expecting ',' delimiter "
                                              "(line 1, column 22)")
    assert "position 10" in message(MALFORMED["not UTF-8"])
    assert message(MALFORMED["a number of 5,000 digits"]).endswith("a number too long to read")


def test_a_blueprint_that_would_read_bodies_another_way_is_refused(app: Flask) -> None:
    api = ContractApi(Flask("other", root_path=app.root_path), spec_kwargs={
        "title": "t", "version": "1", "openapi_version": "3.1.0"})
    with pytest.raises(TypeError, match="api.blueprint.Blueprint"):
        api.register_blueprint(flask_smorest.Blueprint("plain", __name__))


def test_an_empty_body_is_no_body_the_schema_names_what_is_required(client: FlaskClient, park: Park) -> Any:
    response = client.post("/api/v1/entities", data=b"", headers={**park.admin, "Content-Type": "application/json"})
    assert response.status_code == 422 and "name" in response.get_json()["errors"]
