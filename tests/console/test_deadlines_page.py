"""The deadlines page, filtered and paged by the database: the same rows, in the same order, as
the API's list of deadlines gives for the same window and unit, and its count never a write behind."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.console.conftest import Browser

ROW = re.compile(r'<tr data-clause="([^"]*)"><td>(\d{4}-\d{2}-\d{2})</td>')
# The park's clock says 2026-03-02: the page shows what falls due from that day on.
YESTERDAY = "2026-03-01"


def grant(park, n: int) -> None:
    for _ in range(n):
        entity = park.register("enterprise")["id"]
        assert park.record(entity, "space_granted", {"project": "P", "space": "office",
                                                     "start_on": "2025-03-01", "months": 36},
                           occurred_on="2025-03-01").status_code == 201
        assert park.record(entity, "talent_introduced", {"talent": "T", "level": "provincial",
                                                         "start_on": "2025-03-01"},
                           occurred_on="2025-03-01").status_code == 201


def expected(park, unit: str | None = None, clause: str | None = None) -> list[tuple[str, str]]:
    query = "&unit=" + unit if unit else ""
    response = park.client.get(f"/api/v1/deadlines?before=2099-12-30&page_size=1000{query}",
                               headers=park.admin)
    assert response.status_code == 200, response.get_json()
    return [(r["clause"] or "", r["due_on"]) for r in response.get_json()
            if r["due_on"] > YESTERDAY and (clause is None or r["clause"] == clause)]


def every_page(admin: Browser, query: str) -> tuple[int, list[tuple[str, str]]]:
    first = admin.html(f"/console/deadlines?before=2099-12-30{query}")
    total = int(re.search(r"共 (\d+) 项到期事项", first).group(1))
    rows: list[tuple[str, str]] = []
    for page in range(1, -(-total // 25) + 2):  # and one past the last: empty
        rows += ROW.findall(admin.html(f"/console/deadlines?before=2099-12-30{query}&page={page}"))
    return total, rows


@pytest.mark.parametrize("filters", [{}, {"unit": "高新区管委会"}, {"unit": "市委人才办"},
                                     {"clause": "1.2"}, {"clause": "8.1", "unit": "市委人才办"},
                                     {"clause": "1.2", "unit": "市委人才办"}])
def test_the_deadlines_page_lists_the_apis_deadlines_a_page_at_a_time(admin: Browser, park,
                                                                       filters: dict[str, Any]) -> None:
    grant(park, 15)
    query = "".join(f"&{k}={v}" for k, v in filters.items())
    want = expected(park, filters.get("unit"), filters.get("clause"))
    total, rows = every_page(admin, query)
    assert (total, rows) == (len(want), want)
    if not filters:
        assert total > 25  # more than a page


def test_the_deadlines_count_is_that_of_its_filters_and_follows_a_write(admin: Browser, park) -> None:
    grant(park, 1)
    everything, _rows = every_page(admin, "")
    space, _rows = every_page(admin, "&clause=1.2")
    assert 0 < space == len(expected(park, clause="1.2")) < everything == len(expected(park))
    grant(park, 1)
    assert every_page(admin, "&clause=1.2")[0] == 2 * space
    assert every_page(admin, "")[0] == len(expected(park)) > everything
