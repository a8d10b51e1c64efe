"""The OpenAPI document and the interactive docs, served without the internet."""

from __future__ import annotations

import re

from openapi_spec_validator import validate


def test_the_openapi_document_is_valid_and_declares_the_bearer_scheme(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    post = spec["paths"]["/api/v1/entities/{entity_id}/events"]["post"]
    assert post["security"] == [{"bearerAuth": []}]
    assert {p["name"] for p in post["parameters"] if p["in"] == "header"} >= {"If-Match", "Idempotency-Key"}


def test_the_docs_page_loads_its_assets_from_the_app_itself(client):
    page = client.get("/api/v1/docs/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "swagger-ui-bundle.js" in html
    outside = [u for u in re.findall(r"https?://[^\"' ]+", html) if not u.startswith("http://localhost/")]
    assert outside == []
    bundle = client.get("/api/v1/docs/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.get_data()) > 100_000
    bundle.close()


def test_every_event_types_data_is_documented_from_the_catalogue(client):
    from contract.catalogue import FACT_TYPES

    spec = client.get("/api/v1/openapi.json").get_json()
    body = spec["paths"]["/api/v1/entities/{entity_id}/events"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in body:
        body = spec["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    shapes = {s["title"]: s for s in body["properties"]["data"]["anyOf"]}
    assert set(shapes) == set(FACT_TYPES)
    amount = shapes["achievement_recognised"]["properties"]["amount"]
    assert amount["type"] == "string" and amount["pattern"].startswith("^")
    assert set(shapes["achievement_recognised"]["required"]) == {"achievement", "stage", "amount"}


def test_the_routes_of_one_entity_document_the_409_of_an_unreadable_history(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    for path, method in (("/api/v1/entities/{entity_id}", "get"),
                         ("/api/v1/entities/{entity_id}/events", "get"),
                         ("/api/v1/entities/{entity_id}/events", "post"),
                         ("/api/v1/entities/{entity_id}/entitlements", "get")):
        assert "cannot be read" in paths[path][method]["responses"]["409"]["description"], (path, method)
