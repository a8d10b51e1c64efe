"""The money's life cycle in the console: the policy's end shown once, as 全园区, on the deadlines
page whatever the number of enterprises; an entity's page read by the events' own dates."""

from __future__ import annotations

from tests.console.conftest import Browser


def test_the_deadlines_page_shows_the_policys_end_once_for_the_whole_park(admin: Browser, park) -> None:
    for k in range(3):
        entity = park.register("enterprise")
        park.record(entity["id"], "talent_introduced", {"talent": f"T{k}", "level": "provincial",
                                                        "start_on": "2025-03-01"}, occurred_on="2025-03-01")
    html = admin.html("/console/deadlines?before=2028-01-01")
    assert html.count("全园区") == 1
    assert html.count("2027-12-15") == 1


def test_the_entity_page_reads_a_day_by_the_events_own_dates(admin: Browser, park) -> None:
    """?on= beside ?as_of=: the talent's years as they stood on 2025-12-31 (the history was
    recorded later), where ?as_of= of that day knew nothing yet."""
    entity = park.register("enterprise", entered_on="2025-01-02")
    park.record(entity["id"], "talent_introduced", {"talent": "王五", "level": "provincial",
                                                    "start_on": "2025-01-10"}, occurred_on="2025-01-10")
    html = admin.html(f"/console/entities/{entity['id']}?on=2025-12-31")
    assert 'data-clause="8.1"' in html and 'data-amount="50000.00"' in html
    assert "2025-12-31 当日" in html
    assert admin.get(f"/console/entities/{entity['id']}?on=not-a-day").status_code == 400
