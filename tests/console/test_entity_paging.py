"""An entity's page shows its entitlements, its deadlines, its alerts and its history a page at a
time each, the links to the other pages keeping `as_of` and the other lists' pages."""

from __future__ import annotations

import html as markup
import json
import re
from datetime import date, datetime, timedelta
from uuid import UUID

from jobs.scan import scan
from registry.clock import PARK_TZ
from tests.console.conftest import Browser

EVENTS = 30  # with the registration, 31 events: two pages of history (25, then 6)


def _busy(park) -> str:
    entity_id = park.register("enterprise")["id"]
    for i in range(EVENTS):
        response = park.record(entity_id, "award_received", {
            "award": f"奖{i}", "level": "provincial", "amount": f"{10000 + i}.00",
            "first_completing_unit": True}, occurred_on="2025-06-01")
        assert response.status_code == 201, response.get_json()
    return entity_id


def _links(html: str) -> list[str]:
    return [markup.unescape(h) for h in re.findall(r'<a rel="(?:next|prev)" href="([^"]+)"', html)]


def test_the_history_and_the_entitlements_come_a_page_at_a_time(admin: Browser, park) -> None:
    entity_id = _busy(park)
    entitled = len(park.entitlements(entity_id))
    assert entitled > 25
    first = admin.html(f"/console/entities/{entity_id}")
    assert first.count("<tr data-event-id=") == 25 and first.count("<tr data-entitlement-id=") == 25
    newest = park.history(entity_id)[-1]["event_id"]
    assert f'data-event-id="{newest}"' in first  # newest first
    assert _links(first) == ["?entitlements_page=2#entitled", "?history_page=2#history"]

    second = admin.html(f"/console/entities/{entity_id}?history_page=2&entitlements_page=2")
    assert second.count("<tr data-event-id=") == EVENTS + 1 - 25
    assert 'data-type="registered"' in second and 'data-type="registered"' not in first
    assert second.count("<tr data-entitlement-id=") == entitled - 25
    # Every entitlement once over the two pages, each with its automation hooks.
    ids = re.findall(r'<tr data-entitlement-id="([^"]+)" data-clause="[^"]+" data-status="[^"]+" '
                     r'data-amount="[^"]*">', first + second)
    assert sorted(ids) == sorted(e["id"] for e in park.entitlements(entity_id))


def test_the_pages_keep_as_of_and_each_other(admin: Browser, park) -> None:
    entity_id = _busy(park)
    html = admin.html(f"/console/entities/{entity_id}?as_of=2026-03-02&entitlements_page=2")
    assert 'value="2026-03-02"' in html
    assert _links(html) == ["?as_of=2026-03-02&entitlements_page=1#entitled",
                            "?as_of=2026-03-02&entitlements_page=2&history_page=2#history"]
    # A page past the last shows the last; a page that is no number is refused.
    assert admin.html(f"/console/entities/{entity_id}?history_page=99").count("<tr data-event-id=") == 6
    assert admin.get(f"/console/entities/{entity_id}?history_page=x").status_code == 400


PROJECTS = 101  # 101 industrialisation windows (1.3) and the policy's end: 102 deadlines, 5 pages


def _matured(park) -> str:
    """An enterprise whose 101 pilot projects matured a day apart from 2025-01-02, each opening a
    three-year window to industrialise it, due 2028-01-01 to 2028-04-11."""
    entity_id = park.register("enterprise")["id"]
    for i in range(PROJECTS):
        day = date(2025, 1, 2) + timedelta(days=i)
        response = park.record(entity_id, "pilot_maturation_completed", {"project": f"项目{i}"},
                               occurred_on=day.isoformat())
        assert response.status_code == 201, response.get_json()
    return entity_id


def _alerted(park, app, clock) -> str:
    """`_matured`, scanned on 2028-01-01 (4 thresholds fall that day) and again on 2028-01-31
    (100 more fell since): 104 alerts, the 4 oldest issued a month before the rest."""
    entity_id = _matured(park)
    for day in (date(2028, 1, 1), date(2028, 1, 31)):
        clock.now = datetime(day.year, day.month, day.day, 8, tzinfo=PARK_TZ)
        assert scan(app.extensions["jcg"], day)
    return entity_id


def _section(html: str, heading: str) -> str:
    return html.split(f'<h2 id="{heading}">', 1)[1].split("</section>", 1)[0]


def _api_total(park, path: str) -> int:
    response = park.client.get(path, headers=park.admin)
    assert response.status_code == 200, response.get_json()
    return json.loads(response.headers["X-Pagination"])["total"]


def test_every_deadline_of_an_entity_is_reachable_and_counted(admin: Browser, park) -> None:
    entity_id = _matured(park)
    page = f"/console/entities/{entity_id}"
    total = _api_total(park, f"/api/v1/deadlines?entity_id={entity_id}&before=2036-01-01")
    assert total == PROJECTS + 1
    first = _section(admin.html(page), "due")
    assert first.count("<tr><td>") == 25 and f"共 {total} 项到期事项。" in first
    assert _links(first) == ["?deadlines_page=2#due"]
    # The last window, 项目100's, due 2028-04-11: on the fifth page of two rows, not on the first.
    last = _section(admin.html(f"{page}?deadlines_page=5"), "due")
    assert last.count("<tr><td>") == 2 and "<td>2028-04-11</td>" in last and "（项目100）" in last
    assert "（项目100）" not in first
    assert _links(last) == ["?deadlines_page=4#due"]
    # A page past the last shows the last.
    assert _section(admin.html(f"{page}?deadlines_page=99"), "due") == last
    assert admin.get(f"{page}?deadlines_page=0").status_code == 400


def test_every_alert_of_an_entity_is_reachable_and_counted(admin: Browser, park, app, clock) -> None:
    entity_id = _alerted(park, app, clock)
    page = f"/console/entities/{entity_id}"
    total = _api_total(park, f"/api/v1/alerts?entity_id={entity_id}")
    assert total == 104
    first = _section(admin.html(f"{page}?deadlines_page=2"), "alerted")
    assert first.count("<tr><td>") == 25 and f"共 {total} 条提醒。" in first
    assert _links(first) == ["?deadlines_page=2&alerts_page=2#alerted"]
    assert "<td>2028-01-01</td>" not in first  # newest first
    # The four oldest, issued on the first scan, end the fifth page.
    last = _section(admin.html(f"{page}?deadlines_page=2&alerts_page=5"), "alerted")
    assert last.count("<tr><td>") == 4 and last.count("<td>2028-01-01</td>") == 4
    assert _links(last) == ["?deadlines_page=2&alerts_page=4#alerted"]
    assert _section(admin.html(f"{page}?alerts_page=6"), "alerted").count("<td>2028-01-01</td>") == 4


def test_an_entity_pages_its_own_deadlines_and_alerts(app, park, clock) -> None:
    entity_id = _alerted(park, app, clock)
    own = Browser(app)
    assert own.sign_in(park.registry.issue_token("entity", "企业自助", UUID(entity_id))).status_code == 302
    html = own.html(f"/console/entities/{entity_id}?alerts_page=5&deadlines_page=5")
    assert "（项目100）" in _section(html, "due") and "共 102 项到期事项。" in _section(html, "due")
    assert _section(html, "alerted").count("<td>2028-01-01</td>") == 4


def test_a_few_deadlines_and_alerts_show_as_one_list_without_a_count(admin: Browser, park, app) -> None:
    entity_id = park.register("enterprise")["id"]
    assert park.record(entity_id, "pilot_maturation_completed", {"project": "P"},
                       occurred_on="2025-03-01").status_code == 201
    assert scan(app.extensions["jcg"], date(2028, 2, 29))  # the window's last day: one alert
    html = admin.html(f"/console/entities/{entity_id}")
    for heading in ("due", "alerted"):
        shown = _section(html, heading)
        assert shown.count("<tr><td>") >= 1 and "共 " not in shown and "<nav" not in shown, heading
