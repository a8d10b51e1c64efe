"""What every answer tells browsers and proxies, and the docs page's confinement."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.api.conftest import Park


@pytest.mark.parametrize("path, token", [
    ("/api/v1/entities", "admin"), ("/api/v1/entities", None), ("/api/v1/health", None),
    ("/api/v1/openapi.json", None), ("/api/v1/nowhere", "admin"), ("/api/v1/subsidies", "admin"),
    ("/api/v1/docs/", None),
])
def test_every_answer_says_keep_nothing_and_sniff_nothing(client: FlaskClient, park: Park, path: str,
                                                          token: Any) -> None:
    response = client.get(path, headers=park.admin if token else {})
    response.close()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_refused_write_and_a_malformed_body_say_it_too(client: FlaskClient, park: Park) -> None:
    for response in (client.post("/api/v1/entities", json={}, headers=park.admin),
                     client.post("/api/v1/entities", data=b"[", headers={**park.admin, "Content-Type": "application/json"})):
        assert response.status_code in (400, 422)
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_docs_page_is_confined_and_runs_no_inline_script(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    assert page.headers["X-Frame-Options"] == "DENY"
    html = page.get_data(as_text=True)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all("src=" in attributes and not body.strip() for attributes, body in scripts)
    assert not re.search(r"\son\w+=", html)  # no inline event handlers either


def test_every_file_the_docs_page_names_is_served_from_the_app(client: FlaskClient) -> None:
    html = client.get("/api/v1/docs/").get_data(as_text=True)
    names = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/api/v1/docs/jcg-docs.js" in names and "/api/v1/docs/swagger-ui-bundle.js" in names
    for name in names:
        response = client.get(name)
        assert response.status_code == 200, name
        assert response.headers["X-Frame-Options"] == "DENY"
        response.close()
    start = client.get("/api/v1/docs/jcg-docs.js").get_data(as_text=True)
    assert "/api/v1/openapi.json" in start and "validatorUrl: null" in start
