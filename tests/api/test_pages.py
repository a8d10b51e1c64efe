"""Every list answers a page past its end with an empty list, and a page number too large to
mean anything with 422 in the caller's language, never a 500 (contract, "Responsible units")."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import Park

HUGE = "88164208597387904"


def lists(park: Park) -> list[str]:
    entity = park.register()["id"]
    # The gaps too: "Every list endpoint answers a page past the end with an empty list".
    return ["/api/v1/entities", "/api/v1/deadlines", "/api/v1/alerts", f"/api/v1/entities/{entity}/events",
            f"/api/v1/entities/{entity}/entitlements", f"/api/v1/entities/{entity}/gaps"]


def test_the_gaps_unpaged_are_every_gap_on_one_page(park: Park) -> None:
    entity = park.register()["id"]
    response = park.client.get(f"/api/v1/entities/{entity}/gaps", headers=park.admin)
    every = response.get_json()
    assert len(every) > 10 and json.loads(response.headers["X-Pagination"])["total"] == len(every)
    second = park.client.get(f"/api/v1/entities/{entity}/gaps?page=2&page_size=10", headers=park.admin)
    assert second.get_json() == every[10:20]


def test_a_page_past_the_end_is_an_empty_list(park: Park) -> None:
    for path in lists(park):
        response = park.client.get(f"{path}?page=1000&page_size=10", headers=park.admin)
        assert response.status_code == 200, path
        assert response.get_json() == [], path
        assert json.loads(response.headers["X-Pagination"])["total"] >= 0, path


@pytest.mark.parametrize("page", [HUGE, "1000000001", str(2**63)])
def test_a_page_too_large_to_mean_anything_is_422_in_either_language(park: Park, page: str) -> None:
    for path in lists(park):
        en = park.client.get(f"{path}?page={page}", headers=park.admin)
        zh = park.client.get(f"{path}?page={page}", headers={**park.admin, "Accept-Language": "zh-CN"})
        assert en.status_code == zh.status_code == 422, path
        assert en.get_json()["errors"] == {"page": [
            "must be at most 1000000000: a page number that large lies past the end of any list"]}
        assert zh.get_json()["errors"]["page"] == ["不能大于 1000000000：这么大的页码超出了任何列表的末尾"]


def test_the_last_meaningful_page_is_still_a_page(park: Park) -> None:
    response = park.client.get("/api/v1/entities?page=1000000000&page_size=100", headers=park.admin)
    assert response.status_code == 200 and response.get_json() == []
