"""Failed authentication is limited per client address: 429 with Retry-After, and the store is
not read for the refused guesses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import create_app

LIMIT = 3


@pytest.fixture
def limited(app: Flask) -> Iterator[Flask]:
    yield create_app({"TESTING": True, "AUTH_FAILURES_PER_MINUTE": LIMIT}, services=app.extensions["jcg"])


def get(client: FlaskClient, token: str, address: str = "203.0.113.7") -> Any:
    return client.get("/api/v1/entities", headers={"Authorization": f"Bearer {token}"},
                      environ_base={"REMOTE_ADDR": address})


def test_past_the_limit_an_address_is_told_to_wait_and_the_store_is_not_read(
        limited: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = limited.extensions["jcg"].registry
    lookups = []
    authenticate = registry.authenticate
    monkeypatch.setattr(registry, "authenticate", lambda token: lookups.append(token) or authenticate(token))
    client = limited.test_client()
    assert [get(client, f"jcg_guess_{i}").status_code for i in range(LIMIT)] == [401] * LIMIT
    for i in range(5):
        refused = get(client, f"jcg_more_{i}")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        answer = refused.get_json()
        assert answer["code"] == 429 and answer["status"] == "Too Many Requests"
        assert f"try again in {refused.headers['Retry-After']} seconds" in answer["message"]
    assert len(lookups) == LIMIT


def test_another_address_and_a_token_already_recognised_are_not_held_back(limited: Flask) -> None:
    client = limited.test_client()
    admin = limited.extensions["jcg"].registry.issue_token("admin", "park")
    assert get(client, admin).status_code == 200
    for i in range(LIMIT + 1):
        get(client, f"jcg_guess_{i}")
    assert get(client, "jcg_guess_again").status_code == 429
    assert get(client, admin).status_code == 200
    assert get(client, "jcg_guess_elsewhere", address="198.51.100.1").status_code == 401


def test_a_request_without_a_token_costs_nothing_and_is_never_held_back(limited: Flask) -> None:
    client = limited.test_client()
    for _ in range(LIMIT * 3):
        assert client.get("/api/v1/entities", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code == 401


def test_behind_a_trusted_proxy_the_clients_own_address_is_counted(app: Flask) -> None:
    proxied = create_app({"TESTING": True, "AUTH_FAILURES_PER_MINUTE": LIMIT, "TRUSTED_PROXIES": 1},
                         services=app.extensions["jcg"]).test_client()

    def via_proxy(client_address: str) -> int:
        return proxied.get("/api/v1/entities", headers={"Authorization": "Bearer jcg_x",
                                                        "X-Forwarded-For": client_address},
                           environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code

    assert [via_proxy("203.0.113.1") for _ in range(LIMIT + 1)] == [401] * LIMIT + [429]
    assert via_proxy("203.0.113.2") == 401
