"""The console through Flask's test client: a signed-in browser of each role, CSRF included."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from tests.api.conftest import Park, app, client, clock  # noqa: F401  (the API's fixtures)

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


class Browser:
    """A test client that signs in with a token and sends each form's CSRF token."""

    def __init__(self, flask_app: Flask):
        self.client = flask_app.test_client()

    def csrf(self, path: str = "/console/login") -> str:
        found = CSRF.search(self.client.get(path).get_data(as_text=True))
        assert found, f"no CSRF token on {path}"
        return found.group(1) or found.group(2)

    def sign_in(self, token: str) -> Any:
        return self.client.post("/console/login", data={"token": token, "csrf_token": self.csrf()})

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, **kw)

    def post(self, path: str, data: dict[str, Any], form_page: str | None = None) -> Any:
        return self.client.post(path, data={**data, "csrf_token": self.csrf(form_page or path)})

    def html(self, path: str) -> str:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.get_data(as_text=True)


@pytest.fixture
def park(app: Flask, client: Any) -> Park:  # noqa: F811
    return Park(app, client)


@pytest.fixture
def admin(app: Flask, park: Park) -> Browser:  # noqa: F811
    browser = Browser(app)
    assert browser.sign_in(park.registry.issue_token("admin", "园区管理员")).status_code == 302
    return browser


@pytest.fixture
def auditor(app: Flask, park: Park) -> Browser:  # noqa: F811
    browser = Browser(app)
    assert browser.sign_in(park.registry.issue_token("auditor", "财政局审计")).status_code == 302
    return browser


def lent(park: Park) -> tuple[str, str]:  # noqa: F811
    """A bank's 2,000,000.00 tech-transfer loan (YQ-1, 4.5%) to 阳泉氢能科技有限公司: (borrower, bank)."""
    borrower = park.register("enterprise", name="阳泉氢能科技有限公司")["id"]
    bank = park.register("financial_institution", subtype="bank")["id"]
    assert park.record(bank, "loan_issued", {"loan_ref": "YQ-1", "borrower_entity_id": borrower,
                                             "category": "tech_transfer", "principal": "2000000.00",
                                             "annual_rate": "0.045", "start_on": "2025-06-01",
                                             "end_on": "2026-05-31", "quankedai": True}).status_code == 201
    return borrower, bank
