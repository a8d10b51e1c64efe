"""The express lane answers the one-event POST exactly as Flask does, and leaves every other
request, refusals included, to Flask."""

from __future__ import annotations

import json
from typing import Any

import pytest
from werkzeug.exceptions import InternalServerError

from api import create_app
from api.express_lane import ExpressLane

NAVIGATION = {"type": "patent_navigation_funded", "occurred_on": "2025-05-01",
              "data": {"project": "N-1", "amount": "120000.00"}}


@pytest.fixture
def flask_calls(app) -> list[str]:
    """The paths of the requests for an entity's events that the lane handed to Flask."""
    lane = app.wsgi_app
    assert isinstance(lane, ExpressLane)
    calls: list[str] = []
    flask = lane.flask

    def counted(environ: dict[str, Any], start_response: Any) -> Any:
        if environ["PATH_INFO"].endswith("/events"):
            calls.append(environ["PATH_INFO"])
        return flask(environ, start_response)

    lane.flask = counted
    return calls


@pytest.fixture
def plain(app):
    """The same services behind Flask alone."""
    return create_app({"TESTING": True, "EXPRESS_LANE": False}, services=app.extensions["jcg"]).test_client()


def post(client, entity_id: str, body: Any, headers: dict[str, str], **kwargs: Any) -> Any:
    return client.post(f"/api/v1/entities/{entity_id}/events", headers=headers, **kwargs,
                       **({"json": body} if "data" not in kwargs else {}))


def answer(response, entity_id: str) -> tuple[int, dict[str, str], Any]:
    """Status, headers and body, with the entity's own ids made comparable."""
    text = response.get_data(as_text=True).replace(entity_id, "ENTITY")
    body = json.loads(text)
    if "event_id" in body:
        body["event_id"] = "EVENT"
    return response.status_code, dict(response.headers), body


def test_a_valid_event_is_recorded_by_the_lane_with_flasks_answer_to_the_byte(park, plain, flask_calls):
    a, b = park.register()["id"], park.register()["id"]
    headers = {**park.admin, "X-Request-Id": "req-7"}

    fast = post(park.client, a, NAVIGATION, headers)
    slow = post(plain, b, NAVIGATION, headers)

    assert flask_calls == []
    assert fast.status_code == 201
    assert answer(fast, a) == answer(slow, b)
    assert fast.get_data().endswith(b"}\n") and fast.headers["ETag"] == '"2"'
    assert [e["type"] for e in park.history(a)] == ["registered", "patent_navigation_funded"]
    assert park.history(a)[-1]["data"] == NAVIGATION["data"]


@pytest.mark.parametrize("case", ["if_match", "idempotency_key", "auditor", "no_token", "bad_token",
                                  "invalid_body", "unknown_field", "not_json", "policy_refusal",
                                  "no_such_entity"])
def test_every_other_request_goes_to_flask_which_answers_as_it_always_does(park, plain, flask_calls, case):
    a, b = park.register()["id"], park.register()["id"]
    headers, body, extra = dict(park.admin), dict(NAVIGATION), {}
    if case == "if_match":
        headers["If-Match"] = '"7"'
    elif case == "idempotency_key":
        headers["Idempotency-Key"] = "k-1"
    elif case == "auditor":
        headers = park.auditor
    elif case == "no_token":
        headers = {}
    elif case == "bad_token":
        headers = park.headers("not-a-token")
    elif case == "invalid_body":
        body = {**NAVIGATION, "occurred_on": "2025-02-30"}
    elif case == "unknown_field":
        body = {**NAVIGATION, "note": "x"}
    elif case == "not_json":
        extra = {"data": "type=x", "content_type": "application/x-www-form-urlencoded"}
    elif case == "policy_refusal":
        body = {"type": "equipment_purchased", "occurred_on": "2025-05-01",
                "data": {"year": 2025, "original_value": "1.00"}}  # a pilot platform's fact
    elif case == "no_such_entity":
        a = b = "00000000-0000-4000-8000-000000000000"

    fast = post(park.client, a, body, {**headers, "X-Request-Id": "req-8"}, **extra)
    slow = post(plain, b, body, {**headers, "X-Request-Id": "req-8"}, **extra)

    assert flask_calls == [f"/api/v1/entities/{a}/events"]
    assert fast.status_code == slow.status_code
    assert answer(fast, a) == answer(slow, b)
    if fast.status_code >= 400 and case != "no_such_entity":
        assert len(park.history(a)) == 1  # the refusal recorded nothing, once or twice


def test_a_body_over_the_limit_is_left_to_flask_unread(park, flask_calls):
    entity = park.register()["id"]
    huge = {**NAVIGATION, "data": {"project": "x" * (park.app.config["MAX_CONTENT_LENGTH"] + 1)}}
    response = post(park.client, entity, huge, park.admin)
    assert response.status_code == 413 and len(flask_calls) == 1


def test_debug_mode_has_no_lane(app):
    debugging = create_app({"TESTING": True, "DEBUG": True}, services=app.extensions["jcg"])
    assert not isinstance(debugging.wsgi_app, ExpressLane)


def test_the_lane_is_turned_off_by_jcg_express_lane_false(app, monkeypatch):
    monkeypatch.setenv("JCG_EXPRESS_LANE", "false")
    assert not isinstance(create_app({"TESTING": True}, services=app.extensions["jcg"]).wsgi_app, ExpressLane)
    monkeypatch.setenv("JCG_EXPRESS_LANE", "true")
    assert isinstance(create_app({"TESTING": True}, services=app.extensions["jcg"]).wsgi_app, ExpressLane)


def test_a_failure_after_the_event_is_recorded_is_a_500_in_the_contracts_shape_not_a_second_try(
        park, flask_calls, monkeypatch):
    entity = park.register()["id"]
    lane = park.app.wsgi_app

    def broken(recorded: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(lane.recorded, "dump", broken)
    response = post(park.client, entity, NAVIGATION, park.admin)

    assert response.status_code == 500 and flask_calls == []
    assert response.get_json() == {"code": 500, "status": "Internal Server Error",
                                   "message": InternalServerError.description}
    assert [e["type"] for e in park.history(entity)] == ["registered", "patent_navigation_funded"]
