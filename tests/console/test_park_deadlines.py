"""The policy's end is one deadline of the whole park (entity_id null): the console's deadlines
page shows it once, as 全园区, whatever the number of enterprises."""

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
