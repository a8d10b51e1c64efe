"""POST /api/v1/policy/what-if: every entity's history replayed under the policy so changed.

The contract's "What-if and gaps" promised it; the route did not exist (404), so the park could
not see what raising a cap or a rate would cost before revising the policy. A change the policy
data cannot hold is 422 naming it in the caller's language; nothing is recorded and the live
policy is untouched."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.api.conftest import Park
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)

URL = "/api/v1/policy/what-if"
ZH = {"Accept-Language": "zh-CN"}


def platform_buying(park: Park, value: str, year: int = 2025) -> str:
    entity = park.register("pilot_platform")["id"]
    assert park.record(entity, "equipment_purchased", {"year": year, "original_value": value},
                       occurred_on=f"{year}-06-01").status_code == 201
    return entity


def what_if(park: Park, body: dict[str, Any], **headers: str) -> Any:
    return park.client.post(URL, json=body, headers={**park.admin, **headers})


def test_raising_the_equipment_rate_shows_what_each_platform_would_be_owed(park: Park) -> None:
    """2.1: 30% of the year's new equipment, at most 1,000,000 a year, once purchases reach
    10,000,000. 11,000,000.01 bought in 2025 is capped at 1,000,000.00 at 30% and at 40%;
    2,500,000.03 more in 2026 gives 750,000.01 at 30% and 1,000,000.01, capped at
    1,000,000.00, at 40%: the draft owes 249,999.99 more, to the fen."""
    entity = platform_buying(park, "11000000.01")
    assert park.record(entity, "equipment_purchased", {"year": 2026, "original_value": "2500000.03"},
                       occurred_on="2026-02-01").status_code == 201
    before = park.client.get("/api/v1/policy", headers=park.admin).get_json()

    answer = what_if(park, {"changes": {"2.1": {"rate": "0.40"}}})

    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert (body["baseline_total"], body["draft_total"], body["difference"]) == (
        "1750000.01", "2000000.00", "249999.99")
    assert body["by_clause"] == [{"clause": "2.1", "baseline": "1750000.01", "draft": "2000000.00",
                                  "difference": "249999.99"}]
    assert [(e["entity_id"], e["clause"], e["baseline"], e["draft"], e["difference"])
            for e in body["entities"]] == [(entity, "2.1", "1750000.01", "2000000.00", "249999.99")]
    # Nothing recorded, and the live policy is as it was for every later request.
    assert park.client.get("/api/v1/policy", headers=park.admin).get_json() == before
    assert [e["type"] for e in park.client.get(f"/api/v1/entities/{entity}/events",
                                               headers=park.admin).get_json()] == [
        "registered", "equipment_purchased", "equipment_purchased"]
    owed = park.client.get("/api/v1/subsidies?year=2026", headers=park.admin).get_json()["total"]
    assert owed == "750000.01"


def test_a_year_limits_the_what_if_to_that_years_entitlements(park: Park) -> None:
    """2.1 at 40%: 2025's 1,000,000.00 stays capped; only 2026's grows."""
    entity = platform_buying(park, "11000000.01")
    park.record(entity, "equipment_purchased", {"year": 2026, "original_value": "2500000.03"},
                occurred_on="2026-02-01")

    body = what_if(park, {"changes": {"2.1": {"rate": "0.40"}}, "year": 2025}).get_json()

    assert (body["baseline_total"], body["draft_total"], body["difference"], body["entities"]) == (
        "1000000.00", "1000000.00", "0.00", [])


def test_the_totals_are_the_sums_of_the_clauses_to_the_fen(park: Park) -> None:
    platform_buying(park, "10000000.03")
    enterprise = park.register()["id"]
    park.record(enterprise, "achievement_recognised", {"achievement": "A", "stage": "lab",
                                                       "amount": "333333.33"})

    body = what_if(park, {"changes": {"2.1": {"rate": "0.333333"}, "1.1": {"cap": "300000.01"}}}).get_json()

    for side in ("baseline", "draft", "difference"):
        total = body["difference" if side == "difference" else f"{side}_total"]
        assert sum(Decimal(c[side]) for c in body["by_clause"]) == Decimal(total)
    assert Decimal(body["difference"]) == Decimal(body["draft_total"]) - Decimal(body["baseline_total"])
    # 2.1: 33.3333% × 10,000,000.03 is capped at 1,000,000.00 as 30% is (unchanged); 1.1's
    # decision of 333,333.33 capped at 300,000.01.
    assert {c["clause"]: c["difference"] for c in body["by_clause"]} == {"1.1": "-33333.32", "2.1": "0.00"}


@pytest.mark.parametrize("changes, field, english, chinese", [
    ({"1.1": {"cap": "200000.00"}}, "changes.1.1",
     "1.1: 'min_amount' 300000.00 would exceed 'cap' 200000.00",
     "第1.1条：“min_amount” 300,000.00 元将高于 “cap” 200,000.00 元"),
    ({"2.1": {"rate": "-0.10"}}, "changes.2.1.rate", "'rate' takes a non-negative decimal", "非负小数"),
    ({"2.1": {"rate": "1.5"}}, "changes.2.1.rate", "'rate' is a share of a whole and cannot exceed 1",
     "是比例，不能大于 1"),
    ({"1.3": {"window_months": -1}}, "changes.1.3.window_months", "a whole number from 1 to 1200",
     "介于 1 至 1200 之间的整数"),
    ({"1.3": {"window_months": 10 ** 30}}, "changes.1.3.window_months", "a whole number from 1 to 1200",
     "介于 1 至 1200 之间的整数"),
    ({"1.2": {"max_months": True}}, "changes.1.2.max_months", "True is not one", "True 不符合"),
    ({"1.1": {"cap": "1e400"}}, "changes.1.1.cap", "'1e400' is not one", "“1e400” 不符合"),
    ({"1.1": {"cap": "NaN"}}, "changes.1.1.cap", "'NaN' is not one", "“NaN” 不符合"),
    ({"1.1": {"cap": "Infinity"}}, "changes.1.1.cap", "'Infinity' is not one", "“Infinity” 不符合"),
    ({"1.1": {"cap": 1000000}}, "changes.1.1.cap", "written as a string", "以字符串书写"),
    ({"1.1": {"cap": "1000000.001"}}, "changes.1.1.cap", "'1000000.001' is not one", "不符合"),
    ({"1.1": {"cap": {"value": "1"}}}, "changes.1.1.cap", "written as a string", "以字符串书写"),
    ({"6.2": {"requires_first_completing_unit": "yes"}}, "changes.6.2.requires_first_completing_unit",
     "takes true or false", "布尔值"),
    ({"2.1": {"threshold_basis": "monthly"}}, "changes.2.1.threshold_basis", "takes one of 'cumulative'",
     "应为以下之一"),
    ({"1.1": {"matter": ["project"]}}, "changes.1.1.matter", "not a figure a what-if can change",
     "不是测算可以改变的数值"),
    # 就高's pairing names a clause, which the policy data reads as a number ("8.2").
    ({"8.1": {"highest_with": "1.1"}}, "changes.8.1.highest_with",
     "not a figure a what-if can change", "不是测算可以改变的数值"),
    ({"1.1": "1200000.00"}, "changes.1.1", "as an object", "应为按条款列出参数的对象"),
    ({"99": {"cap": "1.00"}}, "changes.99", "the policy has no such clause", "政策中没有条款"),
    ({"1.1": {"ceiling": "1.00"}}, "changes.1.1.ceiling", "the clause has no parameter 'ceiling'",
     "该条款没有参数 “ceiling”"),
])
def test_a_change_the_policy_cannot_hold_is_refused_naming_it_and_changes_nothing(
        park: Park, changes: dict, field: str, english: str, chinese: str) -> None:
    entity = platform_buying(park, "11000000.00")
    before = park.client.get("/api/v1/policy", headers=park.admin).get_json()

    refused = what_if(park, {"changes": changes})
    in_chinese = what_if(park, {"changes": changes}, **ZH)

    assert refused.status_code == in_chinese.status_code == 422
    assert english in refused.get_json()["message"]
    assert list(refused.get_json()["errors"]) == [field]
    assert chinese in in_chinese.get_json()["message"]
    assert park.client.get("/api/v1/policy", headers=park.admin).get_json() == before
    assert len(park.client.get(f"/api/v1/entities/{entity}/events", headers=park.admin).get_json()) == 2


def test_a_year_far_outside_the_policy_is_refused(park: Park) -> None:
    refused = what_if(park, {"changes": {}, "year": 9999})

    assert refused.status_code == 422
    assert "year" in refused.get_json()["errors"]


def test_an_entity_token_may_not_ask_what_if(park: Park) -> None:
    entity = park.register()["id"]

    refused = park.client.post(URL, json={"changes": {}}, headers=park.entity_token(entity))

    assert refused.status_code == 403
