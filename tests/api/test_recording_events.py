"""Recording every contract event through the API and reading it back exactly."""

from __future__ import annotations

from datetime import datetime

from tests.api.samples import DERIVED, NEEDS_DISBURSED, sample_events


def test_every_contract_event_type_is_recorded_and_read_back_exactly(park):
    enterprise = park.register("enterprise")
    others = {kind: park.register(kind) for kind in
              ("pilot_platform", "tech_transfer_agency", "ip_service_firm", "fund")}
    others["enterprise"] = park.register("enterprise")
    others["financial_institution"] = park.register("financial_institution", subtype="bank")
    sent = []
    for kind, type_name, data in sample_events(enterprise["id"]):
        target = others[kind]["id"]
        if type_name in NEEDS_DISBURSED:
            clause, amount = NEEDS_DISBURSED[type_name]
            entitlement = next(e for e in park.entitlements(target) if e["clause"] == clause)
            park.record(target, "entitlement_approved", {"entitlement_id": entitlement["id"]},
                        occurred_on="2025-06-30")
            park.record(target, "entitlement_disbursed", {"entitlement_id": entitlement["id"],
                        "amount": amount, "paid_on": "2025-06-30"}, occurred_on="2025-06-30")
        response = park.record(target, type_name, data, occurred_on="2025-06-30")
        assert response.status_code == 201, (type_name, response.get_json())
        sent.append((target, type_name, data, response.get_json()))
    for target, type_name, data, recorded in sent:
        stored = next(e for e in park.history(target) if e["event_id"] == recorded["event_id"])
        assert stored["type"] == type_name
        sent_back = {k: v for k, v in stored["data"].items() if k in data}
        assert sent_back == data  # the money strings and dates exactly as sent
        assert stored["data"].keys() - data.keys() == DERIVED.get(type_name, set())
        assert stored["occurred_on"] == "2025-06-30"
        assert stored["recorded_by"] == {"label": "园区管理", "role": "admin"}
        assert datetime.fromisoformat(stored["recorded_at"]).utcoffset() is not None
        assert stored["version"] == recorded["version"]


def test_history_is_oldest_first_starting_with_registration(park):
    entity = park.register("enterprise")
    park.record(entity["id"], "incubation_started", {})
    park.record(entity["id"], "incubation_graduated", {})
    history = park.history(entity["id"])
    assert [e["type"] for e in history] == ["registered", "incubation_started", "incubation_graduated"]
    assert [e["version"] for e in history] == [1, 2, 3]


def test_an_event_of_another_kind_of_entity_is_refused_and_not_recorded(park):
    fund = park.register("fund")
    response = park.record(fund["id"], "equipment_purchased", {"year": 2025, "original_value": "1.00"})
    assert response.status_code == 422
    assert "pilot_platform" in response.get_json()["message"]
    assert len(park.history(fund["id"])) == 1


def test_no_new_activity_can_be_recorded_after_an_entity_departs(park):
    entity = park.register("enterprise")
    assert park.record(entity["id"], "departed", {"reason": "迁出"}).status_code == 201
    response = park.record(entity["id"], "incubation_started", {})
    assert response.status_code == 422
    assert "departed" in response.get_json()["message"]
    status = park.client.get(f"/api/v1/entities/{entity['id']}", headers=park.admin).get_json()["status"]
    assert status == "departed"


def test_invalid_data_names_each_wrong_field_and_records_nothing(park):
    entity = park.register("enterprise")
    response = park.record(entity["id"], "achievement_recognised",
                           {"achievement": "", "stage": "moon", "amount": 800000.0, "extra": 1})
    body = response.get_json()
    assert response.status_code == 422
    assert set(body["errors"]) == {"data.achievement", "data.stage", "data.amount", "data.extra"}
    assert "two decimals" in body["errors"]["data.amount"][0]
    assert len(park.history(entity["id"])) == 1


def test_money_with_three_decimals_is_refused_not_rounded(park):
    entity = park.register("enterprise")
    response = park.record(entity["id"], "standard_drafted",
                           {"standard": "S", "role": "lead", "amount": "99.999"})
    assert response.status_code == 422
    assert len(park.history(entity["id"])) == 1


def test_an_unknown_event_type_is_refused_with_the_known_ones(park):
    entity = park.register("enterprise")
    response = park.record(entity["id"], "subsidy_paid", {})
    assert response.status_code == 422
    assert "achievement_recognised" in response.get_json()["message"]


def test_malformed_json_is_a_400_and_records_nothing(park):
    entity = park.register("enterprise")
    response = park.client.post(f"/api/v1/entities/{entity['id']}/events", data="{not json",
                                headers={**park.admin, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["message"]
    assert len(park.history(entity["id"])) == 1


def test_a_huge_body_is_refused_before_it_is_read(park):
    entity = park.register("enterprise")
    response = park.record(entity["id"], "departed", {"reason": "x" * 400_000})
    assert response.status_code == 413
    assert response.get_json()["code"] == 413
    assert len(park.history(entity["id"])) == 1


def test_a_long_string_is_refused_with_its_limit(park):
    entity = park.register("enterprise")
    response = park.record(entity["id"], "departed", {"reason": "x" * 5000})
    assert response.status_code == 422
    assert "at most 200" in response.get_json()["errors"]["data.reason"][0]


def test_recording_on_an_unknown_entity_is_404(park):
    response = park.record("00000000-0000-0000-0000-000000000000", "incubation_started", {})
    assert response.status_code == 404


def test_a_failure_after_the_commit_answers_500_and_leaves_the_event_recorded_once(park, monkeypatch):
    # A request is served once: whatever fails after the event is saved, nothing records it again.
    entity = park.register("enterprise")["id"]
    record, failed = park.registry.record, []

    def failing_once_after_saving(*args, **kwargs):
        recorded = record(*args, **kwargs)
        if not failed:
            failed.append(True)
            raise RuntimeError("after the commit")
        return recorded

    monkeypatch.setattr(park.registry, "record", failing_once_after_saving)
    park.app.config["PROPAGATE_EXCEPTIONS"] = False
    response = park.record(entity, "incubation_started", {})

    assert response.status_code == 500
    assert [e["type"] for e in park.history(entity)] == ["registered", "incubation_started"]
