"""Registering, listing and reading entities."""

from __future__ import annotations

import json

from tests.api.samples import credit_code


def test_registering_returns_the_entity_with_its_version_as_etag(park):
    response = park.client.post("/api/v1/entities", headers=park.admin, json={
        "kind": "pilot_platform", "name": "阳泉中试基地", "credit_code": credit_code(7),
        "zone": "盂县", "entered_on": "2025-03-01"})
    body = response.get_json()
    assert response.status_code == 201
    assert body["zone"] == "yuxian" and body["zone_label"].startswith("盂县")
    assert body["kind_label"].startswith("中试平台")
    assert body["status"] == "registered" and body["version"] == 1
    got = park.client.get(f"/api/v1/entities/{body['id']}", headers=park.admin)
    assert got.headers["ETag"] == '"1"'
    assert got.get_json()["credit_code"] == credit_code(7)


def test_a_second_registration_of_a_credit_code_is_a_conflict(park):
    first = park.register(credit_code=credit_code(99))
    response = park.client.post("/api/v1/entities", headers=park.admin, json={
        "kind": "fund", "name": "另一个", "credit_code": credit_code(99).lower(),
        "zone": "other", "entered_on": "2025-01-02"})
    assert response.status_code == 409
    assert credit_code(99) in response.get_json()["message"]
    assert first["credit_code"] == credit_code(99)


def test_a_wrong_check_character_names_the_expected_one(park):
    good = credit_code(5)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = park.client.post("/api/v1/entities", headers=park.admin, json={
        "kind": "enterprise", "name": "甲", "credit_code": bad, "zone": "gaoxin", "entered_on": "2025-01-02"})
    assert response.status_code == 422
    assert repr(good[-1]) in response.get_json()["errors"]["credit_code"][0]


def test_listing_filters_by_kind_and_by_name_or_code_and_paginates(park):
    for _ in range(3):
        park.register("enterprise")
    fund = park.register("fund", name="阳泉引导基金")
    funds = park.client.get("/api/v1/entities?kind=fund", headers=park.admin)
    assert [e["id"] for e in funds.get_json()] == [fund["id"]]
    by_name = park.client.get("/api/v1/entities?q=引导", headers=park.admin).get_json()
    assert [e["id"] for e in by_name] == [fund["id"]]
    by_code = park.client.get(f"/api/v1/entities?q={fund['credit_code'][-8:]}", headers=park.admin).get_json()
    assert [e["id"] for e in by_code] == [fund["id"]]
    page = park.client.get("/api/v1/entities?page=2&page_size=3", headers=park.admin)
    assert json.loads(page.headers["X-Pagination"])["total"] == 4
    assert len(page.get_json()) == 1


def test_a_registration_is_listed_by_the_very_next_read(park):
    entity = park.register("enterprise", name="刚登记")
    listed = park.client.get("/api/v1/entities?q=刚登记", headers=park.admin).get_json()
    assert [e["id"] for e in listed] == [entity["id"]]


def test_a_name_amendment_shows_in_the_entity_and_the_list(park):
    entity = park.register("enterprise")
    park.record(entity["id"], "details_amended", {"name": "改名后"})
    assert park.client.get(f"/api/v1/entities/{entity['id']}", headers=park.admin).get_json()["name"] == "改名后"
    assert park.client.get("/api/v1/entities?q=改名后", headers=park.admin).get_json()[0]["version"] == 2
