"""The 年度补贴 page reads a page of entities at a time from the database, and its figures by
clause are the database's sums of the year's annual money: the same as adding up every annual
entitlement of the year, which it no longer reads (a province's year holds hundreds of thousands)."""

from __future__ import annotations

import re

from registry.clock import park_day
from tests.api.conftest import Park
from tests.console.conftest import Browser
from tests.park import money_by_clause


def _talents(park: Park, n: int) -> list[str]:
    ids = []
    for i in range(n):
        entity = park.register("enterprise")["id"]
        assert park.record(entity, "talent_introduced", {"talent": f"人才{i}", "level": "provincial",
                                                         "start_on": "2025-02-01"}).status_code == 201
        ids.append(entity)
    return ids


def test_the_entities_come_a_page_at_a_time_in_id_order(admin: Browser, park: Park) -> None:
    ids = sorted(_talents(park, 27))
    first, second = admin.html("/console/subsidies?year=2025"), admin.html("/console/subsidies?year=2025&page=2")
    shown = [re.findall(r'href="/console/entities/([0-9a-f-]{36})"', html) for html in (first, second)]
    assert shown == [ids[:25], ids[25:]]
    assert "page=2" in first and "page=1" in second
    assert admin.html("/console/subsidies?year=2025&page=3").count('data-entitlement-id=') == 0


def test_the_figures_by_clause_are_every_annual_entitlement_of_the_year_added_up(admin: Browser,
                                                                                 park: Park) -> None:
    ids = _talents(park, 3)
    park.record(ids[0], "achievement_recognised", {"achievement": "成果", "stage": "lab",
                                                   "amount": "500000.00"}, occurred_on="2025-03-01")
    entitlements = park.client.get(f"/api/v1/entities/{ids[1]}/entitlements", headers=park.admin).get_json()
    talent_2025 = next(e for e in entitlements if e["clause"] == "8.1" and e["year"] == 2025)
    park.record(ids[1], "entitlement_approved", {"entitlement_id": talent_2025["id"]}, occurred_on="2026-01-10")
    park.record(ids[1], "entitlement_disbursed", {"entitlement_id": talent_2025["id"], "amount": "20000.00",
                                                  "paid_on": "2026-01-20"}, occurred_on="2026-01-20")
    html = admin.html("/console/subsidies?year=2025")  # the read models caught up first
    svc = park.app.extensions["jcg"]
    every = money_by_clause(svc.model.annual_entitlements(2025, park_day(svc.clock())), 2025)
    shown = re.findall(r'<tr data-clause="([^"]+)"><td>[^<]*</td><td>[^<]*</td><td class="num">([^<]*)</td>'
                       r'<td class="num">([^<]*)</td><td class="num">([^<]*)</td></tr>', html)
    assert shown == [(line["clause"], *(f"{line[k]:,.2f}" for k in ("owed", "approved", "paid")))
                     for line in every]
    assert [c for c, *_ in shown] == ["8.1"]  # 1.1's award of the year is one-time support
    assert shown[0][2:] == ("50,000.00", "20,000.00")
