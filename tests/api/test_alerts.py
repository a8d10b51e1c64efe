"""GET /alerts: newest first, filtered by entity; an entity token sees its own."""

from __future__ import annotations

from datetime import date, datetime, time

from jobs.scan import scan
from registry.clock import PARK_TZ


def test_alerts_are_listed_newest_first_and_an_entity_sees_only_its_own(app, park, clock):
    first, second = park.register("enterprise"), park.register("enterprise")
    park.record(first["id"], "space_granted", {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36})
    park.record(second["id"], "space_granted", {"project": "Q", "space": "office", "start_on": "2025-04-01", "months": 36})
    services = app.extensions["jcg"]
    for day in (date(2027, 12, 1), date(2028, 1, 1)):
        clock.now = datetime.combine(day, time(8), PARK_TZ)
        scan(services, day)
    every = park.client.get("/api/v1/alerts", headers=park.auditor).get_json()
    space = [(a["entity_id"], a["due_on"]) for a in every if a["clause"] == "1.2"]
    assert space == [(second["id"], "2028-03-31"), (first["id"], "2028-02-29")]
    own = park.client.get("/api/v1/alerts", headers=park.entity_token(first["id"])).get_json()
    assert {a["entity_id"] for a in own} == {first["id"]}
    filtered = park.client.get(f"/api/v1/alerts?entity_id={second['id']}", headers=park.admin).get_json()
    assert {a["entity_id"] for a in filtered} == {second["id"]}
    other = park.client.get(f"/api/v1/alerts?entity_id={second['id']}", headers=park.entity_token(first["id"]))
    assert other.status_code == 403
