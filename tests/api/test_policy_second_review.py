"""Every example at the top of issue 19, replayed through the API on each backend (SQLite, and
PostgreSQL when JCG_TEST_POSTGRES_URL is set): the answer the second review's readings give."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from registry.clock import PARK_TZ
from tests.api.conftest import Park
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)


def of(park: Park, entity: str, clause: str) -> list[dict[str, Any]]:
    return [e for e in park.entitlements(entity) if e["clause"] == clause]


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def pay(park: Park, entity: str, entitlement: dict[str, Any], amount: str) -> None:
    created(park.record(entity, "entitlement_approved", {"entitlement_id": entitlement["id"]}))
    created(park.record(entity, "entitlement_disbursed", {"entitlement_id": entitlement["id"],
                                                          "amount": amount,
                                                          "paid_on": "2025-07-01"}))


INVEST = {"project": "P", "total_investment": "10000000.00", "amount": "5000000.00",
          "equity_ratio": "0.20", "exit_deadline": "2026-01-31"}
SAME_MATTER = [
    ("3.1", "invest_first_approved", INVEST, INVEST),
    ("1.1", "achievement_recognised",
     {"achievement": "碳化硅", "stage": "pilot", "amount": "1000000.00"},
     {"achievement": "碳化硅", "stage": "lab", "amount": "1000000.00"}),
    ("8.1", "talent_introduced", {"talent": "张三", "level": "national", "start_on": "2025-03-01"},
     {"talent": "张三", "level": "provincial", "start_on": "2025-03-01"}),
    ("6.1", "award_received", {"award": "国家奖", "level": "national", "amount": "200000.00",
                               "first_completing_unit": False},
     {"award": "国家奖", "level": "national", "amount": "200000.00",
      "first_completing_unit": False}),
    ("7.2", "standard_drafted", {"standard": "T/1", "role": "lead", "amount": "300000.00"},
     {"standard": "T/1", "role": "participant", "amount": "100000.00"}),
    ("8.2", "graduate_project_funded", {"researcher": "李四", "degree": "phd", "project": "P"},
     {"researcher": "李四", "degree": "phd", "project": "P"}),
]


@pytest.mark.parametrize(("clause", "type_name", "first", "again"), SAME_MATTER,
                         ids=[s[0] for s in SAME_MATTER])
def test_one_matter_recorded_twice_is_refused_with_409_naming_clause_and_earlier_event(
        park, clause, type_name, first, again):
    """不重复: the same project approved twice, the same achievement twice, one talent as
    national then provincial... each is refused the second time, recording nothing."""
    enterprise = park.register("enterprise")["id"]
    earlier = created(park.record(enterprise, type_name, first))
    refused = park.record(enterprise, type_name, again)
    body = refused.get_json()
    assert refused.status_code == 409, body
    assert (body["clause"], body["earlier_event_id"]) == (clause, earlier["event_id"])
    assert earlier["event_id"] in body["message"] and body["message"].startswith(f"{clause}: ")
    assert len(park.history(enterprise)) == 2


def test_a_won_case_recorded_twice_is_refused(park):
    """7.1, the same case."""
    firm, client = park.register("ip_service_firm")["id"], park.register("enterprise")["id"]
    created(park.record(firm, "cnipa_filing_recorded", {"filing_no": "F-1"}))
    case = {"case_no": "(2025)晋03知1号", "client_entity_id": client}
    earlier = created(park.record(firm, "patent_case_won", case))
    refused = park.record(firm, "patent_case_won", case)
    assert refused.status_code == 409
    assert refused.get_json()["earlier_event_id"] == earlier["event_id"]


def test_two_grants_of_space_for_one_project_never_exceed_three_years(park):
    """1.2 最长不超过3年 (the issue's example: two grants, six years free)."""
    enterprise = park.register("enterprise")["id"]
    grant = {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}
    created(park.record(enterprise, "space_granted", grant))
    created(park.record(enterprise, "space_granted", {**grant, "start_on": "2028-03-01"}))
    first, second = sorted(of(park, enterprise, "1.2"), key=lambda e: e["valid_from"])
    assert (first["status"], first["expires_on"]) == ("eligible", "2028-02-29")
    assert second["status"] == "ineligible" and "36 months for P are used" in second["explanation"]


def test_no_period_before_the_policy_is_paid(park, clock):
    """自2024年12月16日起实施: a talent from 2019 gets no year (nor may one be paid); calendar
    2024 counts under neither 2.1 nor 2.2; 12.3 pays 2024 from 16 December only."""
    enterprise = park.register("enterprise")["id"]
    created(park.record(enterprise, "talent_introduced", {"talent": "张三", "level": "national",
                                                          "start_on": "2019-01-01"},
                        occurred_on="2025-01-10"))
    years = of(park, enterprise, "8.1")
    assert {e["status"] for e in years} == {"ineligible"}
    assert [e["year"] for e in years] == [2019, 2020, 2021, 2022, 2023]
    paying_2019 = park.record(enterprise, "entitlement_disbursed", {
        "entitlement_id": years[0]["id"], "amount": "100000.00", "paid_on": "2025-02-01"})
    assert paying_2019.status_code == 422
    platform = park.register("pilot_platform")["id"]
    created(park.record(platform, "equipment_purchased",
                        {"year": 2024, "original_value": "12000000.00"}))
    created(park.record(platform, "pilot_service_revenue_reported",
                        {"year": 2024, "revenue": "3000000.00"}))
    assert [(e["status"], e["amount"]) for e in of(park, platform, "2.1") + of(
        park, platform, "2.2")] == [("ineligible", "0.00"), ("ineligible", "0.00")]
    lender = park.register("financial_institution", subtype="guarantor")["id"]
    created(park.record(lender, "guarantee_issued", {
        "guarantee_ref": "G-1", "beneficiary_entity_id": enterprise, "amount": "3660000.00",
        "fee_rate": "0.005", "start_on": "2024-01-01", "end_on": "2024-12-31"},
        occurred_on="2024-12-20"))
    [gap] = of(park, lender, "12.3")
    assert (gap["amount"], gap["status"]) == ("1600.00", "eligible")  # 16/366, not 366/366


def test_agency_performance_follows_the_year_assessed(park, clock):
    """4.1: year 2027 assessed on 2028-03-01 is paid; 2023 and 2028 are not."""
    clock.now = datetime(2029, 6, 1, 9, tzinfo=PARK_TZ)
    agency = park.register("tech_transfer_agency")["id"]
    for year, on in ((2027, "2028-03-01"), (2023, "2025-03-01"), (2028, "2029-03-01")):
        created(park.record(agency, "transfer_performance_assessed",
                            {"year": year, "amount": "500000.00"}, occurred_on=on))
    found = {e["year"]: e["status"] for e in of(park, agency, "4.1")}
    assert found == {2023: "ineligible", 2027: "eligible", 2028: "awaiting_renewal"}


def test_major_projects_are_rewarded_for_the_previous_year(park):
    """6.3 上年度: a 2027 allocation awaits renewal (rewarded 2028); a 2024 one is paid."""
    enterprise = park.register("enterprise")["id"]
    for project, year, on in (("A", 2027, "2027-06-01"), ("B", 2024, "2025-06-01")):
        created(park.record(enterprise, "major_project_funding_reported", {
            "project": project, "level": "national", "year": year,
            "allocation": "1000000.00", "in_good_standing": True}, occurred_on=on))
    found = {e["year"]: (e["status"], e["amount"]) for e in of(park, enterprise, "6.3")}
    assert found == {2024: ("eligible", "30000.00"), 2027: ("awaiting_renewal", "30000.00")}


def test_an_rd_credit_loss_follows_the_provincial_share(park):
    """12.2 比照省财政分担比例, 最高不超过45%."""
    lender = park.register("financial_institution", subtype="bank")["id"]
    borrower = park.register("enterprise")["id"]
    created(park.record(lender, "loan_issued", {
        "loan_ref": "L-1", "borrower_entity_id": borrower, "category": "early_rd_credit",
        "principal": "1000000.00", "annual_rate": "0.0435", "start_on": "2025-06-01",
        "end_on": "2027-05-31", "quankedai": False}))
    unstated = park.record(lender, "loan_principal_lost", {"loan_ref": "L-1",
                                                           "amount": "200000.00"})
    assert unstated.status_code == 422
    assert "data.provincial_share_rate" in unstated.get_json()["errors"]
    created(park.record(lender, "loan_principal_lost", {
        "loan_ref": "L-1", "amount": "200000.00", "provincial_share_rate": "0.30"}))
    [loss] = of(park, lender, "12.2")
    assert (loss["amount"], loss["status"]) == ("60000.00", "eligible")


def test_money_paid_beyond_what_is_owed_is_recoverable(park):
    """应追回: paid 1,000,000.00, then 600,000.00 received elsewhere."""
    enterprise = park.register("enterprise")["id"]
    created(park.record(enterprise, "case_by_case_support_granted",
                        {"clause": "1.4", "decision_ref": "阳科〔2025〕1号",
                         "amount": "1000000.00"}))
    [decision] = of(park, enterprise, "1.4")
    assert decision["recoverable"] == "0.00"
    pay(park, enterprise, decision, "1000000.00")
    created(park.record(enterprise, "external_support_recorded", {
        "entitlement_id": decision["id"], "policy": "省级", "amount": "600000.00"}))
    [after] = of(park, enterprise, "1.4")
    assert (after["amount"], after["disbursed"], after["recoverable"], after["status"]) == (
        "400000.00", "1000000.00", "600000.00", "overpaid")
    overpaid = park.client.get(f"/api/v1/entities/{enterprise}/entitlements?status=overpaid",
                               headers=park.admin)
    assert [e["id"] for e in overpaid.get_json()] == [after["id"]]


def test_invest_first_positions_never_go_negative_and_a_missed_exit_is_overdue(park):
    """3.2: converting 9,000,000.00 or recovering 7,000,000.00 on 5,000,000.00 disbursed, or
    recovering for a project never approved, is refused; past the exit deadline with money
    outstanding the position is overdue (the park's today is 2026-03-02)."""
    enterprise = park.register("enterprise")["id"]
    created(park.record(enterprise, "invest_first_approved", INVEST))
    pay(park, enterprise, of(park, enterprise, "3.1")[0], "5000000.00")
    for type_name, data in (
            ("invest_first_converted", {"project": "P", "mode": "grant_to_equity",
                                        "amount": "9000000.00"}),
            ("invest_first_recovered", {"project": "P", "amount": "7000000.00"}),
            ("invest_first_recovered", {"project": "Q", "amount": "1.00"})):
        refused = park.record(enterprise, type_name, data)
        assert refused.status_code == 422 and refused.get_json()["message"].startswith("3.2: ")
    created(park.record(enterprise, "invest_first_recovered", {"project": "P",
                                                               "amount": "1000000.00"}))
    [position] = of(park, enterprise, "3.2")
    assert position["status"] == "overdue"
    assert position["figures"]["outstanding"] == "4000000.00"


def test_half_a_fen_over_the_invest_first_limit_is_refused(park):
    """3.1: 50% of 3,000,000.01 is 1,500,000.005, so 1,500,000.01 is over it."""
    enterprise = park.register("enterprise")["id"]
    over = park.record(enterprise, "invest_first_approved",
                       {**INVEST, "total_investment": "3000000.01", "amount": "1500000.01"})
    assert over.status_code == 422 and "1500000.005" in over.get_json()["message"]
    created(park.record(enterprise, "invest_first_approved",
                        {**INVEST, "total_investment": "3000000.01", "amount": "1500000.00"}))


def test_industrialisation_after_the_policy_awaits_renewal_while_the_window_is_open(park, clock):
    """1.3: matured 2027-06-01, industrialised 2027-12-20, inside its three years."""
    clock.now = datetime(2028, 1, 10, 9, tzinfo=PARK_TZ)
    enterprise = park.register("enterprise")["id"]
    created(park.record(enterprise, "pilot_maturation_completed", {"project": "P"},
                        occurred_on="2027-06-01"))
    created(park.record(enterprise, "industrialised", {"project": "P", "amount": "2000000.00"},
                        occurred_on="2027-12-20"))
    [reward] = of(park, enterprise, "1.3")
    assert (reward["status"], reward["amount"]) == ("awaiting_renewal", "2000000.00")


def test_joint_funding_and_the_title_green_channel_are_recordable(park):
    """5.2 and 8.3."""
    enterprise = park.register("enterprise")["id"]
    created(park.record(enterprise, "joint_funding_granted", {"project": "P",
                                                              "amount": "400000.00"}))
    created(park.record(enterprise, "title_green_channel_granted", {"talent": "王五"}))
    [joint] = of(park, enterprise, "5.2")
    [channel] = of(park, enterprise, "8.3")
    assert (joint["amount"], channel["amount"], channel["kind"]) == ("400000.00", None, "status")


def test_the_higher_benefit_is_weighed_on_what_the_policy_in_force_pays(park):
    """8. “对企业柔性引进的领军人才……每年分别为引才单位发放10万元、5万元补贴，最多不超过5年。支持
    企业全职引进的博士、硕士研究生牵头开展科研项目，经评审分别给予10万元、5万元项目经费支持”;
    “本措施自2024年12月16日起实施，有效期3年”; “从优、就高、不重复”. Our reading (README, second
    review): one person gets the higher benefit (就高), 8.1 or 8.2, not both; a period beginning
    after 2027-12-15 is awaiting_renewal, not owed.

    王五's 8.2 project money, 100,000.00, is paid; recorded as a provincial talent (8.1) from
    2027-03-01, only 2027's 50,000.00 is owed under the policy in force. 就高 used to weigh the
    four years awaiting renewal too (250,000.00), supersede the paid 8.2 and ask for its
    100,000.00 back: 8.2 is the higher benefit and is kept, 8.1 gives way."""
    enterprise = park.register("enterprise")["id"]
    created(park.record(enterprise, "graduate_project_funded",
                        {"researcher": "王五", "degree": "phd", "project": "燃料电池电堆"}))
    [phd] = of(park, enterprise, "8.2")
    pay(park, enterprise, phd, "100000.00")
    created(park.record(enterprise, "talent_introduced",
                        {"talent": "王五", "level": "provincial", "start_on": "2027-03-01"},
                        occurred_on="2026-02-10"))
    [phd] = of(park, enterprise, "8.2")
    assert (phd["status"], phd["amount"], phd["recoverable"]) == ("disbursed", "100000.00",
                                                                  "0.00")
    talent = {e["year"]: (e["status"], e["amount"]) for e in of(park, enterprise, "8.1")}
    assert talent == {year: ("superseded", "0.00") for year in range(2027, 2032)}
