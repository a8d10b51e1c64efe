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
