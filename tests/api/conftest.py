"""An app on a new SQLite file (tests/databases.py) with a fixed clock, and a token for each role."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import count
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import create_app
from projections.wiring import bootstrap
from registry.clock import PARK_TZ
from tests.api.samples import credit_code
from tests.databases import SQLiteTemplate

FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=PARK_TZ)


class MovableClock:
    """The park's clock in tests: it says what it is told."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(FIXED_NOW)


@pytest.fixture
def app(tmp_path: Any, clock: MovableClock, sqlite_template: SQLiteTemplate) -> Iterator[Flask]:
    services = bootstrap(sqlite_template.copy(tmp_path / "api.db"), clock=clock)
    yield create_app({"TESTING": True}, services=services)
    services.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Park:
    """Registers entities and records events as park management, through the API."""

    def __init__(self, app: Flask, client: FlaskClient):
        self.app, self.client = app, client
        self.registry = app.extensions["jcg"].registry
        self.admin = self.headers(self.registry.issue_token("admin", "园区管理"))
        self.auditor = self.headers(self.registry.issue_token("auditor", "财政局"))
        self._codes = count(1)

    @staticmethod
    def headers(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def register(self, kind: str = "enterprise", **fields: Any) -> dict[str, Any]:
        body = {"kind": kind, "name": f"{kind} {next(self._codes)}", "credit_code": credit_code(next(self._codes)),
                "zone": "gaoxin", "entered_on": "2025-01-02", **fields}
        response = self.client.post("/api/v1/entities", json=body, headers=self.admin)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def entity_token(self, entity_id: str) -> dict[str, str]:
        from uuid import UUID

        return self.headers(self.registry.issue_token("entity", "企业自助", UUID(entity_id)))

    def record(self, entity_id: str, type_name: str, data: dict, occurred_on: str = "2025-06-01",
               **headers: str) -> Any:
        return self.client.post(f"/api/v1/entities/{entity_id}/events",
                                json={"type": type_name, "occurred_on": occurred_on, "data": data},
                                headers={**self.admin, **headers})

    def entitlements(self, entity_id: str) -> list[dict[str, Any]]:
        response = self.client.get(f"/api/v1/entities/{entity_id}/entitlements?page_size=1000",
                                   headers=self.admin)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def history(self, entity_id: str, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
        response = self.client.get(f"/api/v1/entities/{entity_id}/events?page_size=1000",
                                   headers=headers or self.admin)
        assert response.status_code == 200, response.get_json()
        return response.get_json()


@pytest.fixture
def park(app: Flask, client: FlaskClient) -> Park:
    return Park(app, client)
