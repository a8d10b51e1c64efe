"""An entity's page shows its entitlements and its history a page at a time each, the links to
the other pages keeping `as_of` and the other list's page."""

from __future__ import annotations

import html as markup
import re

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
