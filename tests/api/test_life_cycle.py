"""The money's life cycle on the write side, through the API on each backend (SQLite, and
PostgreSQL when JCG_TEST_POSTGRES_URL is set): departure settles, re-entry brings back."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Park
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)
from tests.api.samples import credit_code

ZH = {"Accept-Language": "zh-CN"}


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


def test_registering_a_taken_credit_code_names_the_entity_holding_it(park: Park) -> None:
    holder = park.register(credit_code=credit_code(77))
    response = park.client.post("/api/v1/entities", headers={**park.admin, **ZH}, json={
        "kind": "enterprise", "name": "同码企业", "credit_code": credit_code(77),
        "zone": "gaoxin", "entered_on": "2025-01-02"})
    body = response.get_json()
    assert response.status_code == 409
    assert body["existing_id"] == holder["id"]
    assert {"code", "status", "message"} <= body.keys()
    assert holder["id"] in body["message"] and credit_code(77) in body["message"]


def test_a_corrected_credit_code_frees_the_mistake_for_the_real_company(park: Park) -> None:
    mistaken = park.register(name="阳泉新材料", credit_code=credit_code(11))
    entity = mistaken["id"]
    created(park.record(entity, "registration_corrected", {"credit_code": credit_code(12).lower()},
                        occurred_on="2025-03-01"))
    state = park.client.get(f"/api/v1/entities/{entity}", headers=park.admin).get_json()
    assert state["credit_code"] == credit_code(12)
    real = park.register(name="真正的公司", credit_code=credit_code(11))
    assert real["id"] != entity
    retaken = park.client.post("/api/v1/entities", headers=park.admin, json={
        "kind": "fund", "name": "又一家", "credit_code": credit_code(12), "zone": "other",
        "entered_on": "2025-01-02"})
    assert (retaken.status_code, retaken.get_json()["existing_id"]) == (409, entity)
    # The read model follows: the new code finds the corrected entity, the old one the real company.
    found = park.client.get(f"/api/v1/entities?q={credit_code(12)}", headers=park.admin).get_json()
    assert [e["id"] for e in found] == [entity]
    found = park.client.get(f"/api/v1/entities?q={credit_code(11)}", headers=park.admin).get_json()
    assert [e["id"] for e in found] == [real["id"]]
    # The history keeps the mistake and its correction.
    history = park.history(entity)
    assert [(e["type"], e["data"].get("credit_code")) for e in history] == [
        ("registered", credit_code(11)), ("registration_corrected", credit_code(12))]


def test_a_correction_onto_another_entitys_code_is_a_conflict_that_moves_nothing(park: Park) -> None:
    first, second = park.register(), park.register()
    response = park.record(second["id"], "registration_corrected",
                           {"credit_code": first["credit_code"], "name": "改正的名称"})
    assert (response.status_code, response.get_json()["existing_id"]) == (409, first["id"])
    assert len(park.history(second["id"])) == 1
    # Its own code is still its own: nothing was released.
    again = park.client.post("/api/v1/entities", headers=park.admin, json={
        "kind": "enterprise", "name": "x", "credit_code": second["credit_code"], "zone": "gaoxin",
        "entered_on": "2025-01-02"})
    assert (again.status_code, again.get_json()["existing_id"]) == (409, second["id"])


def test_a_correction_shows_everywhere_the_entity_is_read(park: Park) -> None:
    bank = park.register("financial_institution", subtype="bank", zone="gaoxin")
    created(park.record(bank["id"], "registration_corrected", {
        "name": "阳泉融资担保", "zone": "平定县", "entered_on": "2024-12-01", "subtype": "guarantor"}))
    state = park.client.get(f"/api/v1/entities/{bank['id']}", headers=park.admin).get_json()
    assert (state["name"], state["zone"], state["entered_on"], state["subtype"]) == (
        "阳泉融资担保", "pingding", "2024-12-01", "guarantor")
    [listed] = park.client.get("/api/v1/entities?q=阳泉融资担保", headers=park.admin).get_json()
    assert (listed["zone"], listed["entered_on"], listed["version"]) == ("pingding", "2024-12-01", 2)


def test_a_correction_is_checked_as_a_registration_is(park: Park) -> None:
    entity = park.register()["id"]
    bad_code = credit_code(5)[:-1] + ("0" if credit_code(5)[-1] != "0" else "1")
    response = park.record(entity, "registration_corrected", {
        "credit_code": bad_code, "zone": "火星", "entered_on": "2025-02-30", "name": " "})
    errors = response.get_json()["errors"]
    assert response.status_code == 422
    assert set(errors) == {"data.credit_code", "data.zone", "data.entered_on", "data.name"}
    assert "check character" in errors["data.credit_code"][0]
    nothing = park.client.post(f"/api/v1/entities/{entity}/events", headers={**park.admin, **ZH},
                               json={"type": "registration_corrected", "occurred_on": "2025-06-01",
                                     "data": {}})
    assert nothing.status_code == 422
    assert "至少" in nothing.get_json()["errors"]["data.name"][0]
    subtype = park.client.post(f"/api/v1/entities/{entity}/events", headers={**park.admin, **ZH},
                               json={"type": "registration_corrected", "occurred_on": "2025-06-01",
                                     "data": {"subtype": "bank"}})
    assert subtype.status_code == 422
    assert "只有 financial_institution 有子类型" in subtype.get_json()["errors"]["data.subtype"][0]
    assert len(park.history(entity)) == 1


def test_the_policy_reads_the_registration_as_corrected(park: Park) -> None:
    """Articles 10 and 12 weigh how long the borrower has been in the park: by its corrected
    entered_on, not the mistyped one."""
    borrower = park.register(entered_on="2019-01-02")["id"]
    created(park.record(borrower, "registration_corrected", {"entered_on": "2025-03-01"}))
    bank = park.register("financial_institution", subtype="bank")["id"]
    created(park.record(bank, "loan_issued", {
        "loan_ref": "JCD-1", "borrower_entity_id": borrower, "category": "tech_transfer",
        "principal": "1000000.00", "annual_rate": "0.0435", "start_on": "2025-06-30",
        "end_on": "2026-06-29", "quankedai": False}, occurred_on="2025-06-30"))
    [loan] = [e for e in park.history(bank) if e["type"] == "loan_issued"]
    assert loan["data"]["borrower_registered_on"] == "2025-03-01"


def test_an_entity_token_sees_who_recorded_by_role_only(park: Park) -> None:
    """An agency reading its own history learns that park management recorded a fact, not
    which staff member's token did; staff still see the full recorder."""
    entity = park.register()["id"]
    created(park.record(entity, "incubation_started", {}))
    own = park.history(entity, headers=park.entity_token(entity))
    assert [e["recorded_by"] for e in own] == [{"role": "admin"}, {"role": "admin"}]
    for staff in (park.admin, park.auditor):
        assert [e["recorded_by"] for e in park.history(entity, headers=staff)] == [
            {"label": "园区管理", "role": "admin"}] * 2
