"""The counts the console keeps per position of the read models (the entity list's total, the
总览's figures): right for each filter, and never one write behind."""

from __future__ import annotations

import re
from datetime import date, timedelta

from jobs.scan import scan
from tests.console.conftest import Browser


def found(html: str) -> int:
    return int(re.search(r"共 (\d+) 个主体。", html).group(1))


def kinds_on_the_dashboard(html: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r'kind=(\w+)">[^<]+</a></td><td class="num">(\d+)<', html)}


def test_the_entity_lists_count_follows_a_write_on_the_next_page_load(admin: Browser, park) -> None:
    park.register("enterprise")
    assert found(admin.html("/console/entities")) == 1
    assert found(admin.html("/console/entities")) == 1
    park.register("enterprise")
    assert found(admin.html("/console/entities")) == 2


def test_the_entity_lists_count_is_that_of_its_filters(admin: Browser, park) -> None:
    for _ in range(3):
        park.register("enterprise")
    park.register("fund", name="晋创基金")
    park.register("fund", name="阳泉基金")
    assert found(admin.html("/console/entities")) == 5
    assert found(admin.html("/console/entities?kind=enterprise")) == 3
    assert found(admin.html("/console/entities?kind=fund")) == 2
    assert found(admin.html("/console/entities?kind=fund&q=晋创")) == 1
    assert found(admin.html("/console/entities?q=晋创")) == 1
    # Each filter set's count follows the next write, not only the one last read.
    park.register("fund", name="晋创二期基金")
    assert found(admin.html("/console/entities?kind=fund")) == 3
    assert found(admin.html("/console/entities?q=晋创")) == 2
    assert found(admin.html("/console/entities?kind=enterprise")) == 3
    assert found(admin.html("/console/entities")) == 6


def test_the_last_page_link_follows_the_count(admin: Browser, park) -> None:
    for _ in range(25):
        park.register("enterprise")
    assert "page=2" not in admin.html("/console/entities")
    park.register("enterprise")
    assert 'rel="next" href="?page=2"' in admin.html("/console/entities")
    html = admin.html("/console/entities?page=2")
    assert found(html) == 26 and html.count('data-entity-id="') == 1


def test_the_dashboards_counts_follow_a_write_on_the_next_page_load(admin: Browser, park) -> None:
    park.register("enterprise")
    assert kinds_on_the_dashboard(admin.html("/console/"))["enterprise"] == 1
    park.register("enterprise")
    park.register("fund")
    counts = kinds_on_the_dashboard(admin.html("/console/"))
    assert counts["enterprise"] == 2 and counts["fund"] == 1


def test_the_dashboard_and_the_alerts_page_show_the_alerts_issued_newest_first(admin: Browser, park, app,
                                                                               clock) -> None:
    """1.2: free space granted for 36 months from 2025-03-01 ends on 2028-02-29; its alerts fall
    90 and 30 days before."""
    entity = park.register("enterprise")
    assert park.record(entity["id"], "space_granted", {"project": "P", "space": "office",
                                                       "start_on": "2025-03-01", "months": 36},
                       occurred_on="2025-03-01").status_code == 201
    services = app.extensions["jcg"]
    assert "尚未发出提醒。" in admin.html("/console/")
    issued = scan(services, date(2027, 12, 1))
    # Newest is by the moment of issue: two scans never run at the same instant, as the fixed
    # test clock would have them (then the order between them was a coin toss).
    clock.now += timedelta(seconds=1)
    issued += scan(services, date(2028, 1, 30))
    assert [a["threshold"] for a in issued if a["clause"] == "1.2"] == ["90d", "30d"]
    for path in ("/console/", "/console/alerts"):
        html = admin.html(path)
        assert html.index("2028-01-30") < html.index("2027-12-01"), path
    assert re.search(r"共 (\d+) 条提醒", admin.html("/console/alerts")).group(1) == str(len(issued))
