"""The money's life cycle on the write side, through the API on each backend (SQLite, and
PostgreSQL when JCG_TEST_POSTGRES_URL is set): departure settles, re-entry brings back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api import create_app
from projections.wiring import bootstrap
from tests.api.conftest import Park

ZH = {"Accept-Language": "zh-CN"}


@pytest.fixture
def park(database_url: str, clock: Any) -> Iterator[Park]:
    """The API on each backend, with the park's clock movable."""
    services = bootstrap(database_url, clock=clock)
    app = create_app({"TESTING": True}, services=services)
    yield Park(app, app.test_client())
    services.close()


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def one_one(park: Park, entity: str) -> list[dict[str, Any]]:
    return [e for e in park.entitlements(entity) if e["clause"] == "1.1"]


def test_a_departed_entitys_still_owed_award_is_approved_paid_and_revoked(park: Park) -> None:
    entity = park.register()["id"]
    for achievement in ("碳化硅", "氢能"):
        created(park.record(entity, "achievement_recognised",
                            {"achievement": achievement, "stage": "lab", "amount": "300000.00"},
                            occurred_on="2025-03-01"))
    created(park.record(entity, "departed", {"reason": "迁往太原"}, occurred_on="2025-09-01"))
    paid, revoked = one_one(park, entity)
    created(park.record(entity, "entitlement_approved", {"entitlement_id": paid["id"]},
                        occurred_on="2025-10-08"))
    created(park.record(entity, "entitlement_disbursed", {"entitlement_id": paid["id"],
                        "amount": paid["amount"], "paid_on": "2025-10-20"}, occurred_on="2025-10-20"))
    created(park.record(entity, "entitlement_revoked", {"entitlement_id": revoked["id"],
                        "reason": "成果认定撤销"}, occurred_on="2025-11-01"))
    created(park.record(entity, "external_support_recorded", {"entitlement_id": revoked["id"],
                        "policy": "省级政策", "amount": "1000.00"}, occurred_on="2025-11-02"))
    statuses = {e["id"]: e["status"] for e in one_one(park, entity)}
    assert statuses == {paid["id"]: "disbursed", revoked["id"]: "revoked"}
    entity_now = park.client.get(f"/api/v1/entities/{entity}", headers=park.admin).get_json()
    assert entity_now["status"] == "departed"


def test_a_departed_entitys_new_activity_is_refused_naming_the_day_and_reentry(park: Park) -> None:
    entity = park.register(name="阳泉碳材料")["id"]
    created(park.record(entity, "departed", {"reason": "迁往太原"}, occurred_on="2025-09-01"))
    award = {"achievement": "碳化硅", "stage": "lab", "amount": "300000.00"}
    english = park.record(entity, "achievement_recognised", award, occurred_on="2025-10-01")
    assert english.status_code == 422
    message = english.get_json()["message"]
    assert "departed the park (迁出) on 2025-09-01" in message and "reentered" in message
    chinese = park.client.post(f"/api/v1/entities/{entity}/events", headers={**park.admin, **ZH},
                               json={"type": "achievement_recognised", "occurred_on": "2025-10-01",
                                     "data": award})
    assert chinese.status_code == 422
    message = chinese.get_json()["message"]
    assert "阳泉碳材料已于2025-09-01迁出园区" in message and "重新入驻" in message
    assert [e["type"] for e in park.history(entity)] == ["registered", "departed"]


def test_a_departed_entity_reenters_and_records_again(park: Park) -> None:
    entity = park.register()["id"]
    created(park.record(entity, "departed", {"reason": "迁往太原"}, occurred_on="2025-09-01"))
    early = park.record(entity, "reentered", {}, occurred_on="2025-08-31")
    assert early.status_code == 422
    assert "before it left" in early.get_json()["message"]
    back = created(park.record(entity, "reentered", {}, occurred_on="2026-01-05"))
    assert back["type"] == "reentered"
    state = park.client.get(f"/api/v1/entities/{entity}", headers=park.admin).get_json()
    assert (state["status"], state["version"]) == ("registered", 3)
    listed = park.client.get(f"/api/v1/entities?q={state['credit_code']}", headers=park.admin).get_json()
    assert [e["status"] for e in listed] == ["registered"]
    created(park.record(entity, "achievement_recognised",
                        {"achievement": "碳化硅", "stage": "lab", "amount": "300000.00"},
                        occurred_on="2026-02-01"))


def test_reentry_of_an_entity_in_the_park_is_refused(park: Park) -> None:
    entity = park.register()["id"]
    response = park.client.post(f"/api/v1/entities/{entity}/events", headers={**park.admin, **ZH},
                                json={"type": "reentered", "occurred_on": "2025-06-01", "data": {}})
    assert response.status_code == 422
    assert "未迁出" in response.get_json()["message"]
    assert len(park.history(entity)) == 1
