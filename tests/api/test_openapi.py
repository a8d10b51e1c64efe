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
