"""GET /api/v1/entities/{id}/gaps: each clause open to the entity's kind that it does not get
in full, what it still lacks in the caller's language, and the money short of a threshold.

The contract's "What-if and gaps" promised it; the route did not exist (404), so an official
could not tell an enterprise what stood between it and a clause."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Park
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)
from tests.api.samples import sample_events

ZH = {"Accept-Language": "zh-CN"}
KINDS = ("enterprise", "pilot_platform", "tech_transfer_agency", "ip_service_firm", "fund",
         "financial_institution")


def gaps_of(park: Park, entity: str, **headers: str) -> dict[str, dict[str, Any]]:
    answer = park.client.get(f"/api/v1/entities/{entity}/gaps", headers={**park.admin, **headers})
    assert answer.status_code == 200, answer.get_json()
    return {g["clause"]: g for g in answer.get_json()}


def test_purchases_short_of_the_threshold_show_the_money_still_short_to_the_fen(park: Park) -> None:
    """2.1: 中试设备购置额达1000万元以上. 4,000,000.01 bought in 2025 (2024's 5,000,000.00 begins
    before the policy and counts toward no threshold): 5,999,999.99 still short."""
    platform = park.register("pilot_platform")["id"]
    for year, value in ((2024, "5000000.00"), (2025, "4000000.01")):
        assert park.record(platform, "equipment_purchased", {"year": year, "original_value": value},
                           occurred_on="2025-07-01").status_code == 201

    gap = gaps_of(park, platform)["2.1"]
    in_chinese = gaps_of(park, platform, **ZH)["2.1"]

    assert gap["shortfall"] == in_chinese["shortfall"] == "5999999.99"
    assert "the purchase threshold is not reached" in gap["missing"]
    assert "累计设备购置" in in_chinese["missing"] and in_chinese["title"] == "中试平台设备购置补助"
    assert gaps_of(park, park.register("pilot_platform")["id"])["2.1"]["shortfall"] == "10000000.00"


def test_a_budget_below_the_minimum_is_short_by_the_difference(park: Park) -> None:
    """5.1: 30万元以上的自主选题项目. A budget of 299,999.99 is 0.01 short."""
    enterprise = park.register()["id"]
    park.record(enterprise, "self_initiated_project_filed", {"project": "P", "budget": "299999.99"})

    assert gaps_of(park, enterprise)["5.1"]["shortfall"] == "0.01"


def test_a_clause_closed_by_non_duplication_or_the_higher_benefit_says_so(park: Park) -> None:
    """从优、就高、不重复: support of 900,000.00 elsewhere supersedes 1.1's 800,000.00; a talent
    both brought in (8.1) and hired (8.2) gets the higher benefit, 8.1's."""
    enterprise = park.register()["id"]
    park.record(enterprise, "achievement_recognised", {"achievement": "碳化硅", "stage": "pilot",
                                                       "amount": "800000.00"})
    fund = next(e for e in park.client.get(f"/api/v1/entities/{enterprise}/entitlements",
                                           headers=park.admin).get_json() if e["clause"] == "1.1")
    park.record(enterprise, "external_support_recorded", {"entitlement_id": fund["id"],
                                                          "policy": "省科技厅〔2025〕3号", "amount": "900000.00"})
    park.record(enterprise, "talent_introduced", {"talent": "张三", "level": "provincial", "start_on": "2025-03-01"})
    park.record(enterprise, "graduate_project_funded", {"researcher": "张三", "degree": "phd", "project": "P6"})

    gaps = gaps_of(park, enterprise, **ZH)

    assert "不重复" in gaps["1.1"]["missing"] and "省科技厅〔2025〕3号" in gaps["1.1"]["missing"]
    assert "就高" in gaps["8.2"]["missing"] and "第8.1条" in gaps["8.2"]["missing"]
    assert "1.2" in gaps and "尚未登记" in gaps["1.2"]["missing"]


def test_a_departed_entity_is_told_it_departed_not_what_to_record(park: Park) -> None:
    enterprise = park.register()["id"]
    park.record(enterprise, "departed", {"reason": "迁往太原"}, occurred_on="2025-08-01")

    gap = gaps_of(park, enterprise, **ZH)["1.1"]

    assert gap["missing"] == "该主体已于 2025-08-01 迁出园区：重新入驻前不再登记其新的事项"
    assert gap["shortfall"] is None


def test_every_kind_with_or_without_a_history_answers_its_gaps(park: Park) -> None:
    entities = {kind: park.register(kind, **({"subtype": "bank"} if kind == "financial_institution" else {}))["id"]
                for kind in KINDS}
    fresh = {kind: park.register(kind, **({"subtype": "bank"} if kind == "financial_institution" else {}))["id"]
             for kind in KINDS}
    for kind, type_name, data in sample_events(entities["enterprise"]):
        park.record(entities[kind], type_name, data, occurred_on="2025-07-01")

    for entity in [*entities.values(), *fresh.values()]:
        for language in ({}, ZH):
            assert "3.2" not in gaps_of(park, entity, **language)  # a position, not a benefit
    assert "13" not in gaps_of(park, fresh["fund"]) and "11" in gaps_of(park, fresh["fund"])


def test_an_entity_sees_its_own_gaps_only(park: Park) -> None:
    mine, other = park.register()["id"], park.register()["id"]
    token = park.entity_token(mine)

    assert park.client.get(f"/api/v1/entities/{mine}/gaps", headers=token).status_code == 200
    assert park.client.get(f"/api/v1/entities/{other}/gaps", headers=token).status_code == 403


def test_a_matured_project_shows_its_industrialisation_window_open_then_closed(park: Park, clock: Any) -> None:
    """1.3: 完成中试熟化且三年内实现产业化. Matured on 2025-03-01, the window ends on 2028-02-29:
    before it, industrialised is still to be recorded; after it, the window has closed."""
    enterprise = park.register()["id"]
    park.record(enterprise, "pilot_maturation_completed", {"project": "碳化硅"}, occurred_on="2025-03-01")

    open_gap = gaps_of(park, enterprise, **ZH)["1.3"]["missing"]
    clock.now = clock.now.replace(year=2028, month=3)
    closed_gap = gaps_of(park, enterprise, **ZH)["1.3"]["missing"]

    assert open_gap == "尚未登记：实现产业化；中试熟化后三年内产业化期限截止（碳化硅）为 2028-02-29"
    assert closed_gap.startswith("已超过期限：") and "2028-02-29" in closed_gap and "尚未登记" not in closed_gap


def test_a_clause_paid_then_closed_is_a_gap_before_and_after_the_money_comes_back(park: Park) -> None:
    """不重复 and revocation close a clause whether or not it was paid first. 1.1's 800,000.00
    paid, then 900,000.00 received under 省科技厅〔2025〕3号 (owed here 0.00, 应追回 800,000.00);
    2.2's 300,000.00 paid, then revoked: neither was a gap while its money was to be recovered
    (status overpaid), and each became one once it came back. Each is a gap throughout."""
    enterprise = park.register()["id"]
    park.record(enterprise, "achievement_recognised", {"achievement": "碳化硅", "stage": "pilot",
                                                       "amount": "800000.00"})
    platform = park.register("pilot_platform")["id"]
    park.record(platform, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                occurred_on="2026-01-15")
    paid = {}
    for entity, clause in ((enterprise, "1.1"), (platform, "2.2")):
        [owed] = [e for e in park.entitlements(entity) if e["clause"] == clause]
        for kind, data in (("entitlement_approved", {}), ("entitlement_disbursed", {
                "amount": owed["amount"], "paid_on": "2026-02-01"})):
            assert park.record(entity, kind, {"entitlement_id": owed["id"], **data},
                               occurred_on="2026-02-01").status_code == 201
        assert clause not in gaps_of(park, entity)
        paid[entity] = owed
    park.record(enterprise, "external_support_recorded", {
        "entitlement_id": paid[enterprise]["id"], "policy": "省科技厅〔2025〕3号", "amount": "900000.00"},
        occurred_on="2026-02-10")
    park.record(platform, "entitlement_revoked", {"entitlement_id": paid[platform]["id"],
                                                  "reason": "材料不实"}, occurred_on="2026-02-10")

    for entity, clause, why in ((enterprise, "1.1", "省科技厅〔2025〕3号"), (platform, "2.2", "撤销")):
        assert [e["status"] for e in park.entitlements(entity) if e["clause"] == clause] == ["overpaid"]
        overpaid = gaps_of(park, entity, **ZH)[clause]
        assert why in overpaid["missing"] and "应追回" in overpaid["missing"]
        assert park.record(entity, "entitlement_recovered", {
            "entitlement_id": paid[entity]["id"], "amount": paid[entity]["amount"],
            "recovered_on": "2026-03-01"}, occurred_on="2026-03-01").status_code == 201
        assert why in gaps_of(park, entity, **ZH)[clause]["missing"]


def test_a_matter_revoked_and_recorded_again_is_no_gap(park: Park) -> None:
    """One matter, one benefit: 1.1's 碳化硅 recorded at 800,000.00 by mistake, revoked, and
    recorded again at 700,000.00 is owed 700,000.00 — the enterprise gets the clause for it. The
    gaps still listed 1.1 as lacking ('revoked: 录错'); a second achievement revoked and never
    recorded again is still a gap."""
    enterprise = park.register()["id"]
    park.record(enterprise, "achievement_recognised", {"achievement": "碳化硅", "stage": "pilot",
                                                       "amount": "800000.00"})
    [wrong] = [e for e in park.entitlements(enterprise) if e["clause"] == "1.1"]
    assert park.record(enterprise, "entitlement_revoked", {"entitlement_id": wrong["id"],
                                                           "reason": "录错"}).status_code == 201
    assert park.record(enterprise, "achievement_recognised", {
        "achievement": "碳化硅 ", "stage": "pilot", "amount": "700000.00"},
        occurred_on="2025-07-01").status_code == 201
    assert sorted((e["status"], e["amount"]) for e in park.entitlements(enterprise)
                  if e["clause"] == "1.1") == [("eligible", "700000.00"), ("revoked", "800000.00")]

    assert "1.1" not in gaps_of(park, enterprise)

    park.record(enterprise, "achievement_recognised", {"achievement": "氮化镓", "stage": "pilot",
                                                       "amount": "500000.00"}, occurred_on="2025-08-01")
    [other] = [e for e in park.entitlements(enterprise) if e["clause"] == "1.1" and e["amount"] == "500000.00"]
    park.record(enterprise, "entitlement_revoked", {"entitlement_id": other["id"], "reason": "材料不实"},
                occurred_on="2025-08-02")
    assert "材料不实" in gaps_of(park, enterprise)["1.1"]["missing"]


def test_a_year_paid_that_a_shared_cap_leaves_owing_nothing_is_no_gap(park: Park) -> None:
    """2.2: ≤ 100万 in total over 3 consecutive years. 2026's 1,000,000.00 paid, then 2025's
    revenue reported takes the whole cap: 2026 owes 0.00 (overpaid, 应追回 1,000,000.00) and
    2025 owes 1,000,000.00 — all the clause gives, so no gap, as before 2026 was paid."""
    platform = park.register("pilot_platform")["id"]
    park.record(platform, "pilot_service_revenue_reported", {"year": 2026, "revenue": "3400000.00"},
                occurred_on="2026-01-10")
    [owed] = [e for e in park.entitlements(platform) if e["clause"] == "2.2"]
    for kind, data in (("entitlement_approved", {}), ("entitlement_disbursed", {
            "amount": "1000000.00", "paid_on": "2026-02-01"})):
        assert park.record(platform, kind, {"entitlement_id": owed["id"], **data},
                           occurred_on="2026-02-01").status_code == 201
    park.record(platform, "pilot_service_revenue_reported", {"year": 2025, "revenue": "3400000.00"},
                occurred_on="2026-02-15")
    assert sorted((e["year"], e["status"], e["amount"]) for e in park.entitlements(platform)
                  if e["clause"] == "2.2") == [(2025, "eligible", "1000000.00"), (2026, "overpaid", "0.00")]

    assert "2.2" not in gaps_of(park, platform)
