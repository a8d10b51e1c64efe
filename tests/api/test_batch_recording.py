"""POST /events/batch: many events in one request, each faring as it would if sent alone."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError

BATCH = "/api/v1/events/batch"
UNKNOWN = "00000000-0000-0000-0000-000000000000"
REVENUE = {"year": 2025, "revenue": "1234567.89"}


def item(entity_id: str, type_name: str, data: dict | None = None, occurred_on: str = "2025-06-01",
         **extra: Any) -> dict[str, Any]:
    return {"entity_id": entity_id, "type": type_name, "occurred_on": occurred_on, "data": data or {}, **extra}


def batch(park, *items: Any, headers: dict[str, str] | None = None) -> Any:
    return park.client.post(BATCH, json={"events": list(items)}, headers=headers or park.admin)


def alone(park, sent: dict[str, Any]) -> Any:
    """The same item POSTed to the single endpoint, its options as headers."""
    headers = {}
    if "if_match" in sent:
        headers["If-Match"] = f'"{sent["if_match"]}"'
    if "idempotency_key" in sent:
        headers["Idempotency-Key"] = sent["idempotency_key"]
    return park.record(sent["entity_id"], sent["type"], sent["data"], sent["occurred_on"], **headers)


def test_a_batch_for_several_entities_records_every_item(park):
    platforms = [park.register("pilot_platform") for _ in range(3)]
    sent = [item(p["id"], "pilot_service_revenue_reported", REVENUE, "2025-12-31") for p in platforms]

    response = batch(park, *sent)

    body = response.get_json()
    assert response.status_code == 200
    assert (body["recorded"], body["refused"]) == (3, 0)
    for index, (platform, result) in enumerate(zip(platforms, body["results"], strict=True)):
        assert result["index"] == index and result["status"] == 201
        assert result["entity_id"] == platform["id"] and result["version"] == 2
        assert "replayed" not in result
        [_, stored] = park.history(platform["id"])
        assert stored["event_id"] == result["event_id"] and stored["version"] == 2
        assert (stored["type"], stored["occurred_on"], stored["data"]) == (
            "pilot_service_revenue_reported", "2025-12-31", REVENUE)


def test_two_items_for_one_entity_land_in_order_with_consecutive_versions(park):
    enterprise = park.register("enterprise")

    body = batch(park, item(enterprise["id"], "incubation_started"),
                 item(enterprise["id"], "incubation_graduated", if_match=2)).get_json()

    assert [r["version"] for r in body["results"]] == [2, 3]
    history = park.history(enterprise["id"])
    assert [e["type"] for e in history] == ["registered", "incubation_started", "incubation_graduated"]
    assert [e["event_id"] for e in history[1:]] == [r["event_id"] for r in body["results"]]


def test_a_mixed_batch_refuses_each_bad_item_as_the_single_endpoint_does_and_records_the_rest(park):
    enterprise, platform, fund = park.register("enterprise"), park.register("pilot_platform"), park.register("fund")
    sent = [
        item(enterprise["id"], "incubation_started"),
        item(UNKNOWN, "incubation_started"),
        item(enterprise["id"], "achievement_recognised", {"achievement": "", "stage": "moon", "amount": 1.5}),
        item(enterprise["id"], "incubation_graduated", if_match=1),
        item(fund["id"], "equipment_purchased", {"year": 2025, "original_value": "1.00"}),
        item(enterprise["id"], "achievement_recognised", {"achievement": "A", "stage": "lab", "amount": "1000000.01"}),
        item(enterprise["id"], "subsidy_paid"),
        item(platform["id"], "equipment_purchased", {"year": 2025, "original_value": "12000000.00"}),
    ]

    body = batch(park, *sent).get_json()

    assert (body["recorded"], body["refused"]) == (2, 6)
    assert [r["status"] for r in body["results"]] == [201, 404, 422, 412, 422, 422, 422, 201]
    assert [r["index"] for r in body["results"]] == list(range(8))
    assert set(body["results"][2]["error"]["errors"]) == {"data.achievement", "data.stage", "data.amount"}
    assert body["results"][5]["error"]["message"].startswith("1.1:")
    # Nothing a refused item touched has moved since, so alone it must be refused just the same.
    for index in (1, 2, 3, 4, 5, 6):
        single = alone(park, sent[index])
        assert (single.status_code, single.get_json()) == (body["results"][index]["status"],
                                                           body["results"][index]["error"])
    assert [e["type"] for e in park.history(enterprise["id"])] == ["registered", "incubation_started"]
    assert [e["type"] for e in park.history(platform["id"])] == ["registered", "equipment_purchased"]
    assert [e["type"] for e in park.history(fund["id"])] == ["registered"]


def _two_entities_and_a_valid_item(park) -> tuple[str, str, dict[str, Any]]:
    first, second = park.register("enterprise"), park.register("enterprise")
    return first["id"], second["id"], item(first["id"], "incubation_started")


@pytest.mark.parametrize("events, field", [
    (lambda a, b, ok: [ok, {k: v for k, v in item(b, "departed", {"reason": "x"}).items() if k != "type"}],
     "events.1.type"),
    (lambda a, b, ok: [ok, item(b, "incubation_started", occurred_on="2025-02-30")], "events.1.occurred_on"),
    (lambda a, b, ok: [ok, item(b, "incubation_started", if_match="two")], "events.1.if_match"),
    (lambda a, b, ok: [ok, item(b, "incubation_started", idempotency_key="")], "events.1.idempotency_key"),
    (lambda a, b, ok: [ok, item("not-a-uuid", "incubation_started")], "events.1.entity_id"),
    (lambda a, b, ok: [ok, "incubation_started"], "events.1._schema"),
    (lambda a, b, ok: [ok] * 501, "events"),
    (lambda a, b, ok: [], "events"),
])
def test_a_malformed_batch_is_422_naming_the_item_and_records_nothing(park, events, field):
    first, second, valid = _two_entities_and_a_valid_item(park)

    response = park.client.post(BATCH, json={"events": events(first, second, valid)}, headers=park.admin)

    body = response.get_json()
    assert response.status_code == 422
    assert (body["code"], body["status"]) == (422, "Unprocessable Entity")
    assert field in body["errors"] and field in body["message"]
    assert len(park.history(first)) == len(park.history(second)) == 1


@pytest.mark.parametrize("sent", [{}, [], {"events": "all of them"}, {"events": [], "extra": 1}])
def test_a_body_of_the_wrong_shape_is_422(park, sent):
    response = park.client.post(BATCH, json=sent, headers=park.admin)
    assert response.status_code == 422
    assert response.get_json()["errors"]


def test_unparsable_json_is_a_400_as_on_the_single_endpoint(park):
    response = park.client.post(BATCH, data="{not json", headers={**park.admin, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["code"] == 400


def test_an_idempotency_key_replays_within_a_batch_across_batches_and_from_the_single_endpoint(park):
    enterprise = park.register("enterprise")
    standard = {"standard": "T/1", "role": "lead", "amount": "100000.00"}
    keyed = item(enterprise["id"], "standard_drafted", standard, idempotency_key="import-7")

    first = batch(park, keyed, keyed).get_json()
    again = batch(park, keyed).get_json()
    single = alone(park, keyed)

    recorded, replay = first["results"]
    assert "replayed" not in recorded and replay["replayed"] is True
    assert again["results"][0]["replayed"] is True
    assert replay["event_id"] == again["results"][0]["event_id"] == recorded["event_id"] == single.get_json()["event_id"]
    assert first["recorded"] == 2 and again["recorded"] == 1
    assert single.headers["Idempotent-Replayed"] == "true"
    assert len(park.history(enterprise["id"])) == 2


def test_a_key_reused_for_another_event_is_refused_as_alone(park):
    enterprise = park.register("enterprise")
    park.record(enterprise["id"], "departed", {"reason": "a"}, **{"Idempotency-Key": "k"})
    reused = item(enterprise["id"], "departed", {"reason": "b"}, idempotency_key="k")

    [result] = batch(park, reused).get_json()["results"]

    single = alone(park, reused)
    assert result["status"] == single.status_code == 422
    assert result["error"] == single.get_json()
    assert "different request" in result["error"]["message"]


def test_only_an_admin_records_a_batch(park):
    enterprise = park.register("enterprise")
    sent = item(enterprise["id"], "incubation_started")
    own = park.entity_token(enterprise["id"])

    assert park.client.post(BATCH, json={"events": [sent]}).status_code == 401
    assert batch(park, sent, headers=park.headers("jcg_forged")).status_code == 401
    assert batch(park, sent, headers=park.auditor).status_code == 403
    assert batch(park, sent, headers=own).status_code == 403
    assert len(park.history(enterprise["id"])) == 1


def test_a_bug_is_a_500_not_an_items_refusal(app, park, monkeypatch):
    enterprise = park.register("enterprise")
    registry = app.extensions["jcg"].registry

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(registry, "record", broken)
    response = batch(park, item(enterprise["id"], "incubation_started"))

    assert response.status_code == 500
    assert response.get_json()["code"] == 500


def test_the_openapi_document_describes_the_batch(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    post = spec["paths"][BATCH]["post"]
    assert post["security"] == [{"bearerAuth": []}]
    assert {"200", "422"} <= set(post["responses"])
    assert "nothing is recorded" in post["description"]
    item_schema = spec["components"]["schemas"]["BatchItem"]["properties"]
    assert {"entity_id", "type", "occurred_on", "data", "if_match", "idempotency_key"} <= set(item_schema)


def test_a_write_that_keeps_losing_to_other_writers_is_a_503_to_send_again_and_the_batch_goes_on(
        app, park, monkeypatch):
    """A write that every retry finds beaten by another writer (the 泉科贷 line, say, while
    lenders record at once) records nothing and says so, 503 with Retry-After, never a 500; in
    a batch that item alone, the others recorded and the report exact (the whole batch was a 500
    with the items before it recorded and unreported)."""
    busy, calm = park.register("enterprise"), park.register("enterprise")
    registry = app.extensions["jcg"].registry
    save = registry.save

    def beaten_on_busy(*aggregates: Any, **kwargs: Any) -> Any:
        if any(str(a.id) == busy["id"] for a in aggregates):
            raise IntegrityError("another writer saved first")
        return save(*aggregates, **kwargs)

    monkeypatch.setattr(registry, "save", beaten_on_busy)
    monkeypatch.setattr("registry.application.MAX_ATTEMPTS", 3)

    sent = alone(park, item(busy["id"], "incubation_started"))
    assert (sent.status_code, sent.get_json()["code"]) == (503, 503)
    assert int(sent.headers["Retry-After"]) >= 1
    report = batch(park, item(calm["id"], "incubation_started"), item(busy["id"], "incubation_started"),
                   item(calm["id"], "incubation_graduated")).get_json()
    assert [r["status"] for r in report["results"]] == [201, 503, 201]
    assert (report["recorded"], report["refused"]) == (2, 1)
    assert (len(park.history(busy["id"])), len(park.history(calm["id"]))) == (1, 3)
