"""Alerts read in the page's language, as the API renders them for a Chinese reader."""

from __future__ import annotations

import re
from datetime import date

from jobs.scan import scan
from tests.console.conftest import Browser


def test_an_alert_reads_in_chinese_on_the_pages_that_list_it(admin: Browser, park, app) -> None:
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "space_granted", {"project": "P", "space": "office", "start_on": "2025-03-01",
                                                 "months": 36}, occurred_on="2025-03-01").status_code == 201
    assert scan(app.extensions["jcg"], date(2027, 12, 1))
    api = park.client.get("/api/v1/alerts", headers={**park.admin, "Accept-Language": "zh-CN"}).get_json()
    chinese = next(a["message"] for a in api if a["clause"] == "1.2")
    assert re.search(r"[\u4e00-\u9fff]", chinese)
    for path in ("/console/", "/console/alerts", f"/console/entities/{entity}"):
        html = admin.html(path)
        assert chinese in html, path


def test_the_alerts_page_counts_and_reaches_every_alert_as_the_api_does(admin: Browser, park, app) -> None:
    import json

    from projections.views import tables

    entity = park.register("enterprise")["id"]
    assert park.record(entity, "space_granted", {"project": "P", "space": "office", "start_on": "2025-03-01",
                                                 "months": 36}, occurred_on="2025-03-01").status_code == 201
    assert scan(app.extensions["jcg"], date(2027, 12, 1))
    first = park.client.get("/api/v1/alerts", headers=park.admin).get_json()[0]  # the read models caught up
    model = app.extensions["jcg"].model
    # A park that has issued more than ten thousand alerts: the oldest, issued in 2020.
    rows = [{"id": f"old-{i:05d}", "entity_id": entity, "issued_at": f"2020-01-01T00:00:{i % 60:02d}+00:00",
             "next_attempt_at": None, "clause": first["clause"], "body": json.dumps({**first, "id": f"old-{i:05d}"})}
            for i in range(10_010)]
    with model.datastore.transaction(commit=True) as cursor:
        cursor.executemany(model.sql(tables.UPSERT_ALERT), rows)
    api = park.client.get("/api/v1/alerts", headers=park.admin)
    total = json.loads(api.headers["X-Pagination"])["total"]
    assert total > 10_010
    assert f"共 {total} 条提醒。" in admin.html("/console/alerts")
    last = -(-total // 25)
    assert admin.html(f"/console/alerts?page={last}").count("<tr data-clause=") == total - (last - 1) * 25
    unit = first["units"][0]
    by_unit = park.client.get("/api/v1/alerts", headers=park.admin, query_string={"unit": unit})
    assert f"共 {json.loads(by_unit.headers['X-Pagination'])['total']} 条提醒。" in admin.html(
        f"/console/alerts?unit={unit}&clause={first['clause']}")
