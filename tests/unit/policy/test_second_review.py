"""The readings settled in the second review, each at its boundaries."""

from datetime import date
from decimal import Decimal

import pytest

from projections.policy import PolicyRefusal, check_admissible, load_book
from projections.policy.money import term_end

from .helpers import History, yuan

BOOK = load_book()


def refuse(h: History, type_: str, data: dict, on: date = date(2025, 6, 1)) -> PolicyRefusal:
    with pytest.raises(PolicyRefusal) as caught:
        check_admissible(h.events, type_, on, data, BOOK, lambda ref: True)
    return caught.value


def admit(h: History, type_: str, data: dict, on: date = date(2025, 6, 1)) -> None:
    check_admissible(h.events, type_, on, data, BOOK, lambda ref: True)


# 自2024年12月16日起实施，有效期3年: periods inside the window.

@pytest.mark.parametrize(("start", "status"), [(date(2024, 12, 15), "ineligible"),
                                               (date(2024, 12, 16), "eligible")])
def test_a_talent_year_beginning_before_the_policy_is_not_paid(start, status):
    """8.1 and 自2024年12月16日起实施: a year beginning the day before is paid nothing."""
    h = History()
    h.add("talent_introduced", date(2025, 1, 10), talent="张三", level="national", start_on=start)
    first = h.of("8.1")[0]
    assert (first.valid_from, first.status) == (start, status)


def test_a_talent_brought_in_from_2019_is_paid_no_year_before_the_policy():
    """The issue's example: introduced 2025-01-10 with start_on 2019-01-01: five years from
    2019 all begin before 2024-12-16, so none is paid and none may be disbursed."""
    h = History()
    h.add("talent_introduced", date(2025, 1, 10), talent="张三", level="national",
          start_on=date(2019, 1, 1))
    years = h.of("8.1")
    assert [e.year for e in years] == [2019, 2020, 2021, 2022, 2023]
    assert {e.status for e in years} == {"ineligible"}
    err = refuse(h, "entitlement_disbursed", {"entitlement_id": years[0].id,
                                              "amount": yuan("100000.00"),
                                              "paid_on": date(2025, 2, 1)})
    assert err.clause == "review" and "ineligible" in str(err)


@pytest.mark.parametrize(("start", "status"), [(date(2027, 12, 15), "eligible"),
                                               (date(2027, 12, 16), "awaiting_renewal")])
def test_a_talent_year_beginning_after_the_policy_awaits_renewal(start, status):
    """8.1, 有效期3年 (to 2027-12-15): a year beginning after it awaits the revised policy."""
    h = History()
    h.add("talent_introduced", date(2025, 1, 10), talent="张三", level="national",
          start_on=start)
    assert h.of("8.1")[0].status == status


def test_calendar_year_2024_counts_under_no_annual_clause():
    """The issue's example: 2024 began before 2024-12-16, so neither 2.1 (1,000,000.00) nor
    2.2 (900,000.00) pays it, and 2.2's three years start in 2025."""
    h = History("pilot_platform")
    h.add("equipment_purchased", date(2025, 1, 5), year=2024, original_value=yuan("12000000.00"))
    h.add("pilot_service_revenue_reported", date(2025, 1, 5), year=2024,
          revenue=yuan("3000000.00"))
    h.add("pilot_service_revenue_reported", date(2025, 6, 5), year=2025,
          revenue=yuan("1000000.00"))
    [equipment] = h.of("2.1")
    assert (equipment.status, equipment.amount) == ("ineligible", yuan("0.00"))
    y2024, y2025 = h.of("2.2")
    assert (y2024.status, y2024.amount) == ("ineligible", yuan("0.00"))
    assert (y2025.status, y2025.amount) == ("eligible", yuan("300000.00"))
    assert "2025–2027" in y2025.explanation


@pytest.mark.parametrize(("start", "days"), [(date(2024, 1, 1), 16), (date(2024, 12, 15), 16),
                                             (date(2024, 12, 16), 16), (date(2024, 12, 17), 15)])
def test_a_guarantees_days_before_the_policy_are_not_paid(start, days):
    """12.3 and 自2024年12月16日起实施: of 2024, only 16 December onwards counts (x/366)."""
    h = History("financial_institution", "阳泉担保")
    h.add("guarantee_issued", date(2024, 12, 20), guarantee_ref="G-1",
          beneficiary_entity_id="b", amount=yuan("3660000.00"), fee_rate=yuan("0.005"),
          start_on=start, end_on=date(2024, 12, 31))
    [e] = h.of("12.3")
    # (1.5% − 0.5%) × 3,660,000.00 × days/366 = 100.00 a day
    assert (e.amount, e.status) == (yuan("100.00") * days, "eligible")
    assert f"{days}/366 days of 2024" in e.explanation


def test_a_guarantee_wholly_before_the_policy_is_not_paid():
    h = History("financial_institution", "阳泉担保")
    h.add("guarantee_issued", date(2024, 12, 20), guarantee_ref="G-1",
          beneficiary_entity_id="b", amount=yuan("3660000.00"), fee_rate=yuan("0.005"),
          start_on=date(2024, 1, 1), end_on=date(2024, 12, 15))
    [e] = h.of("12.3")
    assert (e.amount, e.status) == (yuan("0.00"), "ineligible")


@pytest.mark.parametrize(("year", "assessed", "status"), [
    (2023, date(2025, 3, 1), "ineligible"), (2024, date(2025, 3, 1), "ineligible"),
    (2025, date(2026, 3, 1), "eligible"), (2027, date(2028, 3, 1), "eligible"),
    (2028, date(2027, 12, 1), "awaiting_renewal")])
def test_agency_performance_is_judged_by_the_year_assessed(year, assessed, status):
    """4.1 by the year assessed (the issue's example: 2027 assessed on 2028-03-01 is paid;
    2023 and 2028 are not)."""
    h = History("tech_transfer_agency")
    h.add("transfer_performance_assessed", assessed, year=year, amount=yuan("500000.00"))
    assert h.one("4.1").status == status


@pytest.mark.parametrize(("allocation_year", "status"), [
    (2023, "ineligible"), (2024, "eligible"), (2026, "eligible"), (2027, "awaiting_renewal")])
def test_a_major_project_allocation_is_rewarded_the_year_after(allocation_year, status):
    """6.3 按上年度……给予奖励: allocation year Y is rewarded in Y+1, which must begin inside
    the window (a 2027 allocation awaits renewal; a 2024 one is paid in 2025)."""
    h = History()
    h.add("major_project_funding_reported", date(2025, 3, 1), project="P", level="national",
          year=allocation_year, allocation=yuan("1000000.00"), in_good_standing=True)
    e = h.one("6.3")
    assert (e.status, e.valid_from) == (status, date(allocation_year + 1, 1, 1))
    assert f"rewarded in {allocation_year + 1}" in e.explanation


@pytest.mark.parametrize(("on", "status"), [(date(2027, 12, 15), "eligible"),
                                            (date(2027, 12, 16), "awaiting_renewal"),
                                            (date(2030, 5, 31), "awaiting_renewal"),
                                            (date(2030, 6, 1), "ineligible")])
def test_industrialisation_after_the_policy_awaits_renewal_while_its_window_is_open(on, status):
    """1.3 中试熟化后三年内: matured 2027-06-01, the window runs to 2030-05-31; after
    2027-12-15 the reward awaits the revised policy rather than being dropped."""
    h = History()
    h.add("pilot_maturation_completed", date(2027, 6, 1), project="P")
    h.add("industrialised", on, project="P", amount=yuan("2000000.00"))
    assert h.one("1.3").status == status


# Limits compared exactly.

def test_invest_first_half_is_compared_exactly_at_the_door():
    """3.1 不超过项目总投资的50%: 50% of 3,000,000.01 is 1,500,000.005."""
    data = {"project": "P", "total_investment": yuan("3000000.01"),
            "equity_ratio": yuan("0.1"), "exit_deadline": date(2030, 1, 1)}
    err = refuse(History(), "invest_first_approved", {**data, "amount": yuan("1500000.01")})
    assert (err.clause, err.field) == ("3.1", "amount")
    assert "(1500000.005)" in str(err)
    admit(History(), "invest_first_approved", {**data, "amount": yuan("1500000.00")})


@pytest.mark.parametrize(("failed", "total", "flagged"), [(4, 5, False), (4001, 5001, True),
                                                          (3999, 5000, False)])
def test_the_failure_ceiling_is_compared_on_the_exact_ratio(failed, total, flagged):
    """13 失败率不超过80%: 4001/5001 = 80.004% is over it, though it rounds to 80.00%."""
    h = History("fund")
    for n in range(total):
        h.add("fund_project_outcome_recorded", date(2025, 6, 1), project=f"F{n}",
              outcome="failed" if n < failed else "succeeded")
    e = h.one("13")
    assert ("flagged" in e.explanation) == flagged


# 应追回 and 3.2.

def test_support_recorded_after_payment_leaves_money_to_recover():
    """The issue's example: paid 1,000,000.00, then 600,000.00 received elsewhere: owed
    400,000.00, 600,000.00 recoverable (应追回), status overpaid."""
    h = History()
    h.add("case_by_case_support_granted", date(2025, 5, 1), clause="1.4", decision_ref="d",
          amount=yuan("1000000.00"))
    e = h.one("1.4")
    assert e.recoverable == yuan("0.00") and e.to_json()["recoverable"] == "0.00"
    h.review("entitlement_approved", date(2025, 5, 2), e)
    h.review("entitlement_disbursed", date(2025, 5, 3), e, amount=yuan("1000000.00"),
             paid_on=date(2025, 5, 3))
    h.review("external_support_recorded", date(2025, 6, 1), e, policy="省级",
             amount=yuan("600000.00"))
    after = h.one("1.4")
    assert (after.amount, after.disbursed, after.recoverable, after.status) == (
        yuan("400000.00"), yuan("1000000.00"), yuan("600000.00"), "overpaid")
    assert after.to_json()["recoverable"] == "600000.00"
    assert "应追回" in after.explanation


def test_a_revocation_after_payment_leaves_all_of_it_to_recover():
    h = History()
    h.add("standard_drafted", date(2025, 5, 1), standard="S", role="lead",
          amount=yuan("300000.00"))
    e = h.one("7.2")
    h.review("entitlement_disbursed", date(2025, 5, 3), e, amount=yuan("100000.00"),
             paid_on=date(2025, 5, 3))
    h.review("entitlement_revoked", date(2025, 6, 1), e, reason="材料不实")
    after = h.one("7.2")
    assert (after.recoverable, after.status, after.amount) == (yuan("100000.00"), "overpaid",
                                                               yuan("0.00"))


def invested(disbursed: str = "5000000.00") -> History:
    h = History()
    h.add("invest_first_approved", date(2025, 4, 1), project="P",
          total_investment=yuan("10000000.00"), amount=yuan("5000000.00"),
          equity_ratio=yuan("0.1"), exit_deadline=date(2026, 1, 31))
    if Decimal(disbursed):
        h.review("entitlement_disbursed", date(2025, 4, 2), h.one("3.1"), amount=yuan(disbursed),
                 paid_on=date(2025, 4, 2))
    return h


@pytest.mark.parametrize("kind", ["invest_first_converted", "invest_first_recovered"])
def test_a_position_cannot_go_negative(kind):
    """3.2 (the issue's example: 9,000,000.00 converted and 7,000,000.00 recovered on
    5,000,000.00 disbursed): beyond what is outstanding is refused naming 3.2."""
    h = invested()
    extra = {"mode": "grant_to_equity"} if kind == "invest_first_converted" else {}
    err = refuse(h, kind, {"project": "P", "amount": yuan("5000000.01"), **extra})
    assert (err.clause, err.field) == ("3.2", "amount")
    admit(h, kind, {"project": "P", "amount": yuan("5000000.00"), **extra})
    h.add("invest_first_recovered", date(2025, 9, 1), project="P", amount=yuan("3000000.00"))
    left = "may still be converted" if kind == "invest_first_converted" else "is outstanding"
    assert f"{left} on P, 2000000.00" in str(
        refuse(h, kind, {"project": "P", "amount": yuan("2000000.01"), **extra}))


def test_a_recovery_for_a_project_never_approved_is_refused():
    err = refuse(invested(), "invest_first_recovered", {"project": "Q", "amount": yuan("1.00")})
    assert (err.clause, err.field) == ("3.2", "project")


@pytest.mark.parametrize(("recovered", "status"), [("4999999.99", "overdue"),
                                                   ("5000000.00", "expired")])
def test_a_missed_exit_with_money_outstanding_is_overdue(recovered, status):
    """3.2 退出: past the exit deadline with money outstanding the position is overdue."""
    h = invested()
    h.add("invest_first_recovered", date(2025, 12, 1), project="P", amount=yuan(recovered))
    assert h.one("3.2", today=date(2026, 1, 31)).status == "eligible"
    assert h.one("3.2", today=date(2026, 2, 1)).status == status


# New events and 就高.

def test_joint_funding_and_the_title_green_channel_are_recorded():
    """5.2 联合资助 (the amount the funders decided) and 8.3 职称评审绿色通道 (a status)."""
    h = History()
    h.add("joint_funding_granted", date(2025, 5, 1), project="P", amount=yuan("400000.00"))
    h.add("title_green_channel_granted", date(2025, 5, 1), talent="王五")
    assert (h.one("5.2").amount, h.one("5.2").status) == (yuan("400000.00"), "eligible")
    assert (h.one("8.3").amount, h.one("8.3").kind) == (None, "status")


def test_a_talent_gets_the_higher_of_flexible_and_full_time_support():
    """就高: 张三 brought in flexibly (8.1, 5 × 50,000.00) and hired as a PhD (8.2,
    100,000.00) keeps 8.1; the 8.2 money is superseded."""
    h = History()
    h.add("talent_introduced", date(2025, 3, 1), talent="张三", level="provincial",
          start_on=date(2025, 3, 1))
    h.add("graduate_project_funded", date(2025, 4, 1), researcher="张三", degree="phd",
          project="P")
    graduate = h.one("8.2")
    assert (graduate.status, graduate.amount) == ("superseded", yuan("0.00"))
    assert "就高" in graduate.explanation
    assert {e.status for e in h.of("8.1")} == {"eligible", "awaiting_renewal"}


def test_a_case_by_case_decision_replaces_what_it_names():
    """1.3 vs 1.4 (就高): the 1.4 decision states which entitlements it replaces."""
    h = History()
    h.add("pilot_maturation_completed", date(2025, 3, 1), project="P")
    h.add("industrialised", date(2025, 6, 1), project="P", amount=yuan("2000000.00"))
    reward = h.one("1.3")
    h.add("case_by_case_support_granted", date(2025, 7, 1), clause="1.4", decision_ref="d",
          amount=yuan("5000000.00"), replaces=[reward.id])
    assert (h.one("1.3").status, h.one("1.3").amount) == ("superseded", yuan("0.00"))
    assert h.one("1.4").amount == yuan("5000000.00")
    err = refuse(h, "case_by_case_support_granted", {"clause": "9", "decision_ref": "e",
                                                     "amount": yuan("1.00"),
                                                     "replaces": ["not-an-entitlement"]})
    assert (err.clause, err.field) == ("9", "replaces")


# 就高 weighs each benefit's worth under the policy in force: before 不重复, and nothing for a
# period the policy in force does not pay.

def talent_both_ways(elsewhere: str) -> History:
    """张三, a provincial talent brought in flexibly for one year (8.1: 50,000.00; the later
    years end with the departure) and a PhD hire leading project P1 (8.2: 100,000.00), with
    `elsewhere` received under another policy for the 8.2 matter."""
    h = History()
    h.add("talent_introduced", date(2025, 3, 1), talent="张三", level="provincial",
          start_on=date(2025, 3, 1))
    h.add("talent_departed", date(2026, 2, 1), talent="张三")
    h.add("graduate_project_funded", date(2025, 4, 1), researcher="张三", degree="phd",
          project="P1")
    assert h.one("8.2").status == "eligible"
    h.review("external_support_recorded", date(2025, 5, 1), h.one("8.2"), policy="省人才政策",
             amount=yuan(elsewhere))
    return h


def talent_year(h: History, year: int):
    return next(e for e in h.of("8.1") if e.year == year)


def test_the_lower_benefit_stays_superseded_when_the_higher_is_paid_elsewhere():
    """8. “对企业柔性引进的领军人才……每年分别为引才单位发放10万元、5万元补贴……支持企业全职引进的
    博士、硕士研究生牵头开展科研项目，经评审分别给予10万元、5万元项目经费支持”; scope: “按‘从优、
    就高、不重复’原则予以支持”. Our reading (README, second review): one person gets the higher
    benefit (就高), a talent is either brought in flexibly (8.1) or hired full time (8.2); with x
    received elsewhere for a benefit worth y the registry owes max(0, y − x).

    8.2 (100,000.00) beats 8.1's one year (50,000.00). 100,000.00 received elsewhere for 8.2
    leaves 8.2 superseded (不重复) and 8.1 superseded too (就高): it was once revived, 150,000.00
    for one person."""
    h = talent_both_ways("100000.00")
    assert (h.one("8.2").status, h.one("8.2").amount) == ("superseded", yuan("0.00"))
    first = talent_year(h, 2025)
    assert (first.status, first.amount) == ("superseded", yuan("0.00"))
    assert "就高" in first.explanation


def test_the_higher_benefit_partly_paid_elsewhere_still_wins_and_owes_its_top_up():
    """8. (8.1 “每年……5万元”, 8.2 “博士……10万元项目经费支持”) and “从优、就高、不重复”: the
    higher benefit (就高) is the one worth more, 8.2's 100,000.00; 60,000.00 received elsewhere
    leaves max(0, 100,000.00 − 60,000.00) = 40,000.00 owed here (不重复).

    The engine used to weigh 8.2's top-up (40,000.00) against 8.1's 50,000.00 and keep 8.1: the
    person ended with 60,000.00 + 50,000.00 = 110,000.00."""
    h = talent_both_ways("60000.00")
    assert (h.one("8.2").status, h.one("8.2").amount) == ("eligible", yuan("40000.00"))
    assert talent_year(h, 2025).status == "superseded"
    owed_here = sum(e.amount for e in h.entitlements() if e.status in ("eligible", "approved",
                                                                        "disbursed"))
    assert owed_here == yuan("40000.00")


def test_the_higher_benefit_is_weighed_on_the_years_the_policy_in_force_pays():
    """8.1 “每年……5万元补贴，最多不超过5年”, 8.2 “博士……10万元”; “本措施自2024年12月16日起实施，
    有效期3年” and “本政策措施到期后根据实际情况进行修订”. Our reading: a period beginning after
    2027-12-15 is awaiting_renewal, not owed; 就高 keeps the higher benefit.

    From 2027-03-01 only 8.1's first year (50,000.00) falls in the policy in force; the four
    later years await renewal. 8.2's 100,000.00, paid, is the higher: 8.1 gives way, every year
    of it (the engine used to weigh 250,000.00 and ask for the 100,000.00 back)."""
    h = History()
    h.add("graduate_project_funded", date(2025, 6, 1), researcher="王五", degree="phd",
          project="燃料电池电堆")
    h.review("entitlement_approved", date(2025, 6, 2), h.one("8.2"))
    h.review("entitlement_disbursed", date(2025, 7, 1), h.one("8.2"), amount=yuan("100000.00"),
             paid_on=date(2025, 7, 1))
    h.add("talent_introduced", date(2026, 2, 10), talent="王五", level="provincial",
          start_on=date(2027, 3, 1))
    phd = h.one("8.2")
    assert (phd.status, phd.amount, phd.recoverable) == ("disbursed", yuan("100000.00"),
                                                         yuan("0.00"))
    assert {e.status for e in h.of("8.1")} == {"superseded"}
    assert "(100,000.00 against 50,000.00 here)" in talent_year(h, 2027).explanation


def rewarded_then_decided() -> tuple[History, object]:
    """Project P's 1.3 reward (1,000,000.00), then a 1.4 decision (3,000,000.00) naming it in
    `replaces`."""
    h = History()
    h.add("pilot_maturation_completed", date(2025, 1, 10), project="P")
    h.add("industrialised", date(2025, 6, 1), project="P", amount=yuan("1000000.00"))
    reward = h.one("1.3")
    h.add("case_by_case_support_granted", date(2025, 7, 1), clause="1.4",
          decision_ref="阳科〔2025〕7号", amount=yuan("3000000.00"), replaces=[reward.id])
    assert h.one("1.3").status == "superseded"
    return h, reward


def test_a_decision_paid_elsewhere_still_replaces_what_it_names():
    """1. “对完成中试熟化且在三年内实现产业化的项目，一次性给予企业最高200万元的奖补资金。对重点
    优秀科技成果转化项目，可采取‘一事一议’的方式予以支持”; “从优、就高、不重复”. Our reading: a
    project rewarded under 1.3 and decided case by case under 1.4 gets what the 1.4 decision says
    it replaces, never both.

    The decision is then paid in full under another policy (superseded by 不重复): it still
    replaces the 1.3 reward, which used to come back (3,000,000.00 elsewhere + 1,000,000.00
    here)."""
    h, _ = rewarded_then_decided()
    h.review("external_support_recorded", date(2025, 8, 1), h.one("1.4"), policy="省重大专项",
             amount=yuan("3000000.00"))
    assert h.one("1.4").status == "superseded"
    assert (h.one("1.3").status, h.one("1.3").amount) == ("superseded", yuan("0.00"))


@pytest.mark.parametrize("paid", ["0.00", "3000000.00"])
def test_a_revoked_decision_replaces_nothing(paid):
    """1.3 “一次性给予企业最高200万元的奖补资金”, 1.4 “一事一议”: a revoked decision is void, so
    the 1.3 reward it named is owed again (paid before the revocation, the decision shows
    overpaid: still void)."""
    h, reward = rewarded_then_decided()
    decision = h.one("1.4")
    if Decimal(paid):
        h.review("entitlement_approved", date(2025, 7, 2), decision)
        h.review("entitlement_disbursed", date(2025, 7, 3), decision, amount=yuan(paid),
                 paid_on=date(2025, 7, 3))
    h.review("entitlement_revoked", date(2025, 8, 1), decision, reason="决定撤销")
    assert h.one("1.4").status == ("overpaid" if Decimal(paid) else "revoked")
    assert (h.one("1.3").status, h.one("1.3").amount) == ("eligible", yuan("1000000.00"))


def test_a_term_of_thirty_six_months_from_the_first_of_march_ends_on_a_leap_day():
    """民法典 art. 202 (month rule), art. 201 (first day): 2025-03-01 + 36 months."""
    assert term_end(date(2025, 3, 1), 36) == date(2028, 2, 29)
    assert term_end(date(2024, 2, 29), 12) == date(2025, 2, 28)


# Found by a second audit of the engine (2026-12-04): each passed the door before.

def test_conversions_together_never_exceed_what_was_put_in():
    """3.2 positions cannot go negative (the issue's example: 9,000,000.00 converted on
    5,000,000.00 disbursed): 5,000,000.00 converted, a further 4,000,000.00 was admitted, each
    conversion compared with disbursed − recovered alone. Now refused naming what may still
    be converted; converting the rest exactly is admitted."""
    h = History()
    h.add("invest_first_approved", date(2025, 4, 1), project="P", total_investment=yuan("10000000.00"),
          amount=yuan("5000000.00"), equity_ratio=yuan("0.10"), exit_deadline=date(2030, 1, 31))
    h.review("entitlement_disbursed", date(2025, 4, 2), h.one("3.1"), amount=yuan("5000000.00"),
             paid_on=date(2025, 4, 2))
    h.add("invest_first_converted", date(2025, 6, 1), project="P", mode="grant_to_equity",
          amount=yuan("3000000.00"))
    err = refuse(h, "invest_first_converted", {"project": "P", "mode": "grant_to_equity",
                                               "amount": yuan("2000000.01")}, date(2025, 7, 1))
    assert (err.clause, err.field) == ("3.2", "amount")
    assert "may still be converted on P, 2000000.00" in str(err)
    admit(h, "invest_first_converted", {"project": "P", "mode": "grant_to_equity",
                                        "amount": yuan("2000000.00")}, date(2025, 7, 1))
    admit(h, "invest_first_recovered", {"project": "P", "amount": yuan("5000000.00")}, date(2025, 7, 1))


@pytest.mark.parametrize(("type_", "kind", "data"), [
    ("equipment_purchased", "pilot_platform", {"original_value": yuan("10000000.00")}),
    ("pilot_service_revenue_reported", "pilot_platform", {"revenue": yuan("1000000.00")}),
    ("transfer_performance_assessed", "tech_transfer_agency", {"amount": yuan("100000.00")}),
    ("major_project_funding_reported", "enterprise",
     {"project": "X", "level": "national", "allocation": yuan("1000000.00"), "in_good_standing": True}),
])
def test_a_years_figures_are_not_recorded_before_the_year_begins(type_, kind, data):
    """2.1 “按照年度新购置设备总原值的30%，给予不超过100万元的补助” (and 2.2, 4.1, 6.3, each of
    a year): 20,000,000.00 of equipment bought on 2025-03-01, half recorded as 2026's, earned
    two years' caps (2 × 1,000,000.00). A year's figures recorded before it begins are refused;
    on its first day, and later, they are admitted."""
    h = History(kind=kind)
    err = refuse(h, type_, {**data, "year": 2026}, date(2025, 12, 31))
    assert (err.field, str(err).split(": ")[1]) == ("year", "year 2026 had not begun on 2025-12-31")
    admit(h, type_, {**data, "year": 2026}, date(2026, 1, 1))
    admit(h, type_, {**data, "year": 2025}, date(2026, 3, 1))


@pytest.mark.parametrize(("terms", "field"), [({"agreed_ratio": yuan("1.01")}, "agreed_ratio"),
                                              ({"agreed_amount": yuan("100000.01")}, "agreed_amount")])
def test_a_broker_reward_is_never_more_than_the_contract_it_is_paid_from(terms, field):
    """4.2 “奖励经费从横向经费合同或技术交易合同经费中列支”: on a 100,000.00 contract a ratio of
    150% or an agreed 500,000.00 was admitted. One fen over the contract is refused; the whole
    contract is admitted."""
    h = History(kind="tech_transfer_agency")
    base = {"contract_ref": "C1", "contract_amount": yuan("100000.00")}
    err = refuse(h, "technology_transfer_brokered", {**base, **terms})
    assert (err.clause, err.field) == ("4.2", field)
    assert "exceeds the contract 100000.00 it is paid from" in str(err)
    admit(h, "technology_transfer_brokered", {**base, "agreed_ratio": yuan("1")})
    admit(h, "technology_transfer_brokered", {**base, "agreed_amount": yuan("100000.00")})


@pytest.mark.parametrize("on", [date(2024, 12, 10), date(2027, 12, 15), date(2027, 12, 20)])
def test_a_quankedai_loan_never_overdraws_the_line_whatever_its_date(on):
    """10 “设立5亿元‘泉科贷’支小再贷款专项额度”: with 499,000,000.00 drawn, a 2,000,000.00 泉科贷
    loan was refused on 2027-12-15 but admitted, and drawn on the line (501,000,000.00), on a
    day no version is in force. The line is one sum: refused on any day; 1,000,000.00 fits."""
    bank, borrower = History(kind="financial_institution", name="银行"), History(name="借款企业")
    data = {"loan_ref": "L1", "borrower_entity_id": str(borrower.entity_id), "category": "other",
            "principal": yuan("2000000.00"), "annual_rate": yuan("0.04"), "start_on": on,
            "end_on": date(2029, 1, 1), "quankedai": True}

    def check(principal: str) -> None:
        check_admissible(bank.events, "loan_issued", on, {**data, "principal": yuan(principal)}, BOOK,
                         lambda ref: True, history_of=lambda ref: borrower.events,
                         drawn=yuan("499000000.00"))

    with pytest.raises(PolicyRefusal) as caught:
        check("2000000.00")
    assert (caught.value.clause, caught.value.field) == ("10", "principal")
    check("1000000.00")


def away_and_back() -> History:
    h = History()
    h.add("departed", date(2025, 6, 1), reason="迁往外地")
    h.add("reentered", date(2026, 1, 1))
    return h


@pytest.mark.parametrize(("type_", "clause", "data"), [
    ("achievement_recognised", "1.1", {"achievement": "A", "stage": "lab", "amount": yuan("500000.00")}),
    ("standard_drafted", "7.2", {"standard": "GB/T 1", "role": "lead", "amount": yuan("300000.00")}),
])
@pytest.mark.parametrize(("on", "owed"), [(date(2025, 5, 31), True), (date(2025, 9, 1), False),
                                          (date(2025, 12, 31), False), (date(2026, 1, 1), True)])
def test_a_one_time_fact_dated_while_away_from_the_park_is_owed_nothing(type_, clause, data, on, owed):
    """1.1 “在‘晋创谷·阳泉’转化或产出”; 迁出 stops the entity's activity in the park. Away from
    2025-06-01, back on 2026-01-01: a fact dated 2025-09-01, recorded after the re-entry, was
    paid in full (500,000.00 under 1.1, 300,000.00 under 7.2). Now the door refuses it naming
    the departure, and one already in a history owes nothing; the day before leaving and the
    day of the return are in the park."""
    h = away_and_back()
    if owed:
        admit(h, type_, data, on)
    else:
        err = refuse(h, type_, data, on)
        assert (err.clause, err.field) == (clause, "occurred_on")
        assert f"{on} falls while the entity was away from the park (迁出 on 2025-06-01)" in str(err)
    h.add(type_, on, **data)
    found = h.one(clause)
    assert (found.status, found.amount) == (("eligible", data["amount"]) if owed else ("ineligible", yuan("0.00")))


def test_the_position_follows_the_approval_recorded_anew_after_a_revocation():
    """3.1 → 3.2, “to change its figures, revoke the entitlement and record it anew”: the first
    approval (1,000,000.00, exit 2026-03-31) is revoked unpaid; the project is approved anew at
    2,000,000.00 (exit 2028-03-31) and all of it disbursed. The position read the void first
    approval (disbursed 0.00, outstanding 0.00, exit 2026-03-31): the money was invisible to
    the exit watch and a recovery of it was refused. Now the position is the new approval's."""
    h = History()
    h.add("invest_first_approved", date(2025, 4, 1), project="P", total_investment=yuan("4000000.00"),
          amount=yuan("1000000.00"), equity_ratio=yuan("0.10"), exit_deadline=date(2026, 3, 31))
    h.review("entitlement_revoked", date(2025, 4, 5), h.one("3.1"), reason="金额有误")
    h.add("invest_first_approved", date(2025, 4, 10), project="P", total_investment=yuan("4000000.00"),
          amount=yuan("2000000.00"), equity_ratio=yuan("0.10"), exit_deadline=date(2028, 3, 31))
    anew = next(e for e in h.of("3.1") if e.status == "eligible")
    h.review("entitlement_disbursed", date(2025, 4, 12), anew, amount=yuan("2000000.00"), paid_on=date(2025, 4, 12))
    position = h.one("3.2")
    assert (position.figures["approved"], position.figures["disbursed"], position.figures["outstanding"]) == (
        yuan("2000000.00"), yuan("2000000.00"), yuan("2000000.00"))
    assert position.expires_on == date(2028, 3, 31)
    admit(h, "invest_first_recovered", {"project": "P", "amount": yuan("500000.00")}, date(2025, 6, 1))
