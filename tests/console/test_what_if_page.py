"""/console/what-if (contract): change a clause's parameter and see the difference, by clause and
by entity. The page did not exist (404); the 政策测算 link now leads to it."""

from __future__ import annotations

from uuid import UUID

from tests.api.conftest import Park
from tests.console.conftest import Browser


def a_platform_buying(park: Park) -> str:
    platform = park.register("pilot_platform")["id"]
    park.record(platform, "equipment_purchased", {"year": 2025, "original_value": "11000000.01"},
                occurred_on="2025-06-01")
    park.record(platform, "equipment_purchased", {"year": 2026, "original_value": "2500000.03"},
                occurred_on="2026-02-01")
    return platform


def test_the_page_shows_the_difference_by_clause_and_entity(admin: Browser, park: Park) -> None:
    """2.1 at 40%: 2026's 2,500,000.03 owes 1,000,000.00 (capped) rather than 750,000.01."""
    platform = a_platform_buying(park)

    html = admin.html("/console/what-if?clause=2.1&parameter=rate&value=0.40&year=2026")

    assert 'data-baseline-total="750000.01" data-draft-total="1000000.00" data-difference="249999.99"' in html
    assert f'data-entity-id="{platform}" data-clause="2.1" data-difference="249999.99"' in html
    assert "249,999.99" in html and "政策测算" in html


def test_a_value_the_policy_cannot_hold_is_shown_beside_its_field_in_chinese(admin: Browser, park: Park) -> None:
    a_platform_buying(park)
    before = park.client.get("/api/v1/policy", headers=park.admin).get_json()

    refused = admin.get("/console/what-if?clause=2.1&parameter=rate&value=1.5")
    unknown = admin.get("/console/what-if?clause=2.1&parameter=speed&value=1")

    assert refused.status_code == unknown.status_code == 422
    assert '<li data-field="value">第2.1条：参数 “rate” 是比例，不能大于 1' in refused.get_data(as_text=True)
    assert '<li data-field="parameter">第2.1条：该条款没有参数 “speed”' in unknown.get_data(as_text=True)
    assert park.client.get("/api/v1/policy", headers=park.admin).get_json() == before


def test_an_entity_may_not_open_the_page(app, park: Park) -> None:
    entity = park.register()["id"]
    browser = Browser(app)
    browser.sign_in(park.registry.issue_token("entity", "企业自助", UUID(entity)))

    assert browser.get("/console/what-if").status_code == 403
