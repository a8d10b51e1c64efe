"""If-Match and Idempotency-Key: the two ways a client keeps its writes honest."""

from __future__ import annotations

import threading


def test_if_match_on_the_current_version_records(park):
    entity = park.register("enterprise")
    response = park.record(entity["id"], "incubation_started", {}, **{"If-Match": '"1"'})
    assert response.status_code == 201
    assert response.headers["ETag"] == '"2"'


def test_if_match_on_a_stale_version_is_412_and_records_nothing(park):
    entity = park.register("enterprise")
    park.record(entity["id"], "incubation_started", {})
    response = park.record(entity["id"], "incubation_graduated", {}, **{"If-Match": '"1"'})
    assert response.status_code == 412
    assert "version 2" in response.get_json()["message"]
    assert len(park.history(entity["id"])) == 2


def test_a_malformed_if_match_is_refused(park):
    entity = park.register("enterprise")
    response = park.record(entity["id"], "incubation_started", {}, **{"If-Match": "yesterday"})
    assert response.status_code == 422
    assert len(park.history(entity["id"])) == 1


def test_an_idempotent_retry_returns_the_first_response_and_records_nothing(park):
    entity = park.register("enterprise")
    data = {"standard": "T/1", "role": "lead", "amount": "100000.00"}
    first = park.record(entity["id"], "standard_drafted", data, **{"Idempotency-Key": "req-1"})
    again = park.record(entity["id"], "standard_drafted", data, **{"Idempotency-Key": "req-1"})
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(park.history(entity["id"])) == 2


def test_an_idempotency_key_reused_for_another_request_is_refused(park):
    entity = park.register("enterprise")
    park.record(entity["id"], "departed", {"reason": "a"}, **{"Idempotency-Key": "k"})
    response = park.record(entity["id"], "departed", {"reason": "b"}, **{"Idempotency-Key": "k"})
    assert response.status_code == 422
    assert "different request" in response.get_json()["message"]


def test_two_concurrent_registrations_of_one_credit_code_give_one_201_and_one_409(app, park):
    body = {"kind": "enterprise", "name": "并发", "credit_code": "91350100M000100Y43",
            "zone": "gaoxin", "entered_on": "2025-01-02"}
    barrier, statuses = threading.Barrier(2), []

    def register() -> None:
        client = app.test_client()
        barrier.wait()
        statuses.append(client.post("/api/v1/entities", json=body, headers=park.admin).status_code)

    threads = [threading.Thread(target=register) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201, 409]


def test_concurrent_writers_to_one_entity_lose_no_event(app, park):
    entity = park.register("enterprise")
    writers, each = 6, 10
    barrier = threading.Barrier(writers)

    def write(n: int) -> None:
        client = app.test_client()
        barrier.wait()
        for i in range(each):
            response = client.post(f"/api/v1/entities/{entity['id']}/events", headers=park.admin,
                                   json={"type": "talent_introduced", "occurred_on": "2025-06-01",
                                         "data": {"talent": f"{n}-{i}", "level": "provincial",
                                                  "start_on": "2025-06-01"}})
            assert response.status_code == 201

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    history = park.history(entity["id"])
    assert len(history) == 1 + writers * each
    assert [e["version"] for e in history] == list(range(1, 2 + writers * each))
