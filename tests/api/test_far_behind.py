"""Money and the official lists are never answered from read models far behind the registry (a
rebuild under way, the projector stopped): a 503 that says how far, in the caller's language,
rather than totals that would silently miss the entities not yet worked out. Other reads answer
from the read models as they stand (Projector.ensure_current)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Park

ZH = {"Accept-Language": "zh-CN"}
MONEY = ["/api/v1/subsidies?year=2026", "/api/v1/exports/publicity.xlsx?year=2026",
         "/api/v1/exports/payments.csv?year=2026"]


def far_behind(park: Park) -> Any:
    """Five agencies with a reviewed 4.1 subsidy each, recorded while the read models, able to
    work out three events in a read, stood still."""
    services = park.app.extensions["jcg"]
    services.projector.bulk_batch = 3
    for _ in range(5):
        agency = park.register("tech_transfer_agency")
        assert park.record(agency["id"], "transfer_performance_assessed",
                           {"year": 2026, "amount": "100000.00"}, occurred_on="2026-01-15").status_code == 201
    assert services.projector.head() - services.projector.position() > 3
    return services


@pytest.mark.parametrize("path", MONEY)
def test_money_and_lists_far_behind_are_a_503_saying_how_far(park: Park, path: str) -> None:
    services = far_behind(park)
    pending = services.projector.head() - services.projector.position()

    response = park.client.get(path, headers={**park.admin, **ZH})

    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "60"
    assert response.get_json()["message"] == (
        f"统计数据尚有 {pending} 条记录未计入（正在重建统计数据，或更新进程已停止），此时给出的金额与名单将不完整，"
        "请几分钟后再试")
    assert "events behind the registry" in park.client.get(path, headers=park.admin).get_json()["message"]

    services.projector.catch_up()
    answered = park.client.get(path, headers=park.admin)
    answered.close()  # a workbook is sent from a temporary file the response closes
    assert answered.status_code == 200


def test_the_years_subsidies_once_caught_up_count_every_entity(park: Park) -> None:
    services = far_behind(park)
    services.projector.catch_up()
    subsidies = park.client.get("/api/v1/subsidies?year=2026", headers=park.admin).get_json()
    assert subsidies["totals_by_clause"] == {"4.1": "500000.00"}


def test_a_directory_far_behind_answers_as_the_read_models_stand(park: Park) -> None:
    services = far_behind(park)
    position = services.projector.position()
    assert park.client.get("/api/v1/entities", headers=park.admin).status_code == 200
    assert services.projector.position() == position


def test_an_answer_from_read_models_far_behind_says_how_many_events_it_lacks(park: Park) -> None:
    services = far_behind(park)
    pending = services.projector.head() - services.projector.position()
    assert park.client.get("/api/v1/entities", headers=park.admin).headers["X-JCG-Pending-Events"] == str(pending)
    services.projector.catch_up()
    assert "X-JCG-Pending-Events" not in park.client.get("/api/v1/entities", headers=park.admin).headers
