"""An entity whose stored history holds an event that cannot be decoded (written straight into the
store, as issue 20's quarantine tests do) is answered deliberately on every read and write of it,
through the API and the console, on each backend: a 409 saying, Chinese first, that one of its
events cannot be read and is set aside, naming that event, never a 500."""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import date
from typing import Any

import pytest

from registry.records import event_id
from tests.park import ADMIN, register

ZH = {"Accept-Language": "zh-CN"}
MESSAGE_ZH = "该主体的历史中有一条无法读取的事件（已隔离），请联系系统管理员"


def spoiled(services: Any) -> tuple[uuid.UUID, str]:
    """An enterprise with an award, then an event at version 3 whose state is not even JSON.
    Returns the entity and the id of that event."""
    firm = register(services.registry, 1)
    services.registry.record(firm, "achievement_recognised", date(2025, 4, 1),
                             {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}, ADMIN)
    [award] = [e for e in services.registry.recorder.select_events(firm) if e.originator_version == 2]
    services.registry.recorder.insert_events([dataclasses.replace(
        award, originator_version=3, topic="registry.events:Departed", state=b'{"occurred_on": \xff not json')])
    return firm, str(event_id(firm, 3))


@pytest.fixture
def app(services: Any) -> Any:
    from api import create_app

    return create_app({"TESTING": True}, services=services)


@pytest.fixture
def admin(services: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {services.registry.issue_token('admin', '园区')}"}


@pytest.mark.parametrize("path", ["", "/entitlements", "/entitlements?as_of=2026-01-01",
                                  "/entitlements?on=2025-12-31", "/events"])
def test_reading_it_through_the_api_says_what_is_wrong_and_whom_to_ask(services, app, admin, path) -> None:
    firm, bad = spoiled(services)
    client = app.test_client()

    response = client.get(f"/api/v1/entities/{firm}{path}", headers={**admin, **ZH})

    assert response.status_code == 409, response.get_data(as_text=True)
    answer = response.get_json()
    assert answer["message"].startswith(MESSAGE_ZH)
    assert bad in answer["message"] and "第 3 版" in answer["message"]
    assert (answer["code"], answer["entity_id"], answer["event_id"], answer["version"]) == (
        409, str(firm), bad, 3)
    english = client.get(f"/api/v1/entities/{firm}{path}", headers=admin).get_json()
    assert "cannot be read" in english["message"] and bad in english["message"]


def test_its_entitlements_are_refused_so_too_when_the_read_models_hold_them_from_before(
        services, app, admin) -> None:
    """The read models worked its rows out before the event was written: they are not answered
    as if the history ended there."""
    firm = register(services.registry, 1)
    services.projector.catch_up()
    services.registry.recorder.insert_events([dataclasses.replace(
        services.registry.recorder.select_events(firm)[-1], originator_version=2,
        topic="registry.events:Departed", state=b'{"occurred_on": \xff not json')])

    response = app.test_client().get(f"/api/v1/entities/{firm}/entitlements", headers={**admin, **ZH})

    assert response.status_code == 409 and response.get_json()["message"].startswith(MESSAGE_ZH)
    assert response.get_json()["version"] == 2


def test_recording_onto_it_is_refused_the_same_way_and_records_nothing(services, app, admin) -> None:
    firm, bad = spoiled(services)
    client = app.test_client()

    response = client.post(f"/api/v1/entities/{firm}/events", headers={**admin, **ZH}, json={
        "type": "incubation_started", "occurred_on": "2025-06-01", "data": {}})
    batch = client.post("/api/v1/events/batch", headers=admin, json={"events": [
        {"entity_id": str(firm), "type": "incubation_started", "occurred_on": "2025-06-01"}]})

    assert response.status_code == 409 and response.get_json()["message"].startswith(MESSAGE_ZH)
    assert batch.status_code == 200 and batch.get_json()["results"][0]["status"] == 409
    assert [e.originator_version for e in services.registry.recorder.select_events(firm)] == [1, 2, 3]


def test_the_other_entities_still_answer(services, app, admin) -> None:
    spoiled(services)
    other = register(services.registry, 2)
    client = app.test_client()
    assert client.get(f"/api/v1/entities/{other}", headers=admin).status_code == 200
    assert client.get("/api/v1/entities", headers=admin).status_code == 200


def test_the_console_shows_an_error_page_saying_the_same(services, app) -> None:
    from tests.console.conftest import Browser

    firm, bad = spoiled(services)
    browser = Browser(app)
    assert browser.sign_in(services.registry.issue_token("admin", "园区管理员")).status_code == 302

    for path in (f"/console/entities/{firm}", f"/console/entities/{firm}/events/new?type=incubation_started"):
        page = browser.get(path)
        html = page.get_data(as_text=True)
        assert page.status_code == 409, (path, html[:300])
        assert MESSAGE_ZH in html and bad in html and "<h1>主体历史无法读取</h1>" in html
        assert "Traceback" not in html and re.search(r"<html[^>]*lang=\"zh-CN\"", html)


def test_recording_a_fact_that_names_it_is_refused_the_same_way(services, app, admin) -> None:
    """11: a fund's investment names its investee; an investee whose first event cannot be
    read is not taken for an unregistered one."""
    from tests.integration.test_quarantine import undecodable

    investee = undecodable(services, "registry.entities:Enterprise.Registered").originator_id
    fund = register(services.registry, 3, "fund")
    response = app.test_client().post(f"/api/v1/entities/{fund}/events", headers={**admin, **ZH}, json={
        "type": "fund_investment_made", "occurred_on": "2025-06-01",
        "data": {"investee_entity_id": str(investee), "amount_paid_in": "1000000.00"}})
    assert response.status_code == 409 and response.get_json()["event_id"] == str(event_id(investee, 1))
