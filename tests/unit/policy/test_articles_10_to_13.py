"""Articles 10 (金融: the borrower's side), 11 (引导基金) and 13 (尽职免责)."""

from datetime import date

import pytest

from .helpers import History, yuan

INVESTEE = "6f5b11fd-b3a8-5e00-bca9-e2b0793d21e8"


LENDER = "0d1c5f6e-2b3a-5c4d-8e9f-0a1b2c3d4e5f"
LOAN_EVENT = "1e2d3c4b-5a69-5788-9a0b-1c2d3e4f5a6b"


def subsidy(h: History, **link) -> None:
    h.add("ip_pledge_loan_subsidised", date(2025, 6, 1), loan_ref="L-1",
          interest_subsidy=yuan("32000.50"), guarantee_fee_subsidy=yuan("8000.25"), **link)


def test_an_ip_pledge_loan_gets_its_interest_and_guarantee_fee_subsidies():
    """10 对获得知识产权质押贷款的企业给予贴息、担保费补助。"""
    h = History()
    subsidy(h, loan_event_id=LOAN_EVENT, lender_entity_id=LENDER, loan_category="ip_pledge")
    e = h.one("10")
    assert (e.amount, e.status) == (yuan("40000.75"), "eligible")
    assert "中国人民银行阳泉市分行" in e.responsible_units
    assert e.explanation == (
        "10: loan L-1: interest subsidy 32,000.50 + guarantee-fee subsidy 8,000.25 = 40,000.75; "
        f"ip_pledge loan event {LOAN_EVENT} recorded by lender {LENDER}")


def test_a_subsidy_naming_no_recorded_loan_is_not_owed():
    """10 对获得知识产权质押贷款的企业: the loan must be on record."""
    h = History()
    subsidy(h)
    e = h.one("10")
    assert (e.amount, e.status) == (yuan("0.00"), "ineligible")
    assert "no loan L-1 to this enterprise was recorded by a lender" in e.explanation


def test_a_subsidy_on_a_loan_that_is_not_an_ip_pledge_loan_is_not_owed():
    h = History()
    subsidy(h, loan_event_id=LOAN_EVENT, lender_entity_id=LENDER, loan_category="tech_transfer")
    e = h.one("10")
    assert e.status == "ineligible"
    assert "loan L-1 is a tech_transfer loan, not an IP-pledge loan" in e.explanation


def test_a_fund_earns_one_percent_of_money_actually_paid_in():
    """11 按其实际到位投资额的1%给予奖励，最高奖励200万元。"""
    h = History("fund")
    h.add("fund_investment_made", date(2025, 6, 1), investee_entity_id=INVESTEE,
          amount_paid_in=yuan("50000050.00"))
    e = h.one("11")
    assert (e.year, e.amount, e.kind) == (2025, yuan("500000.50"), "annual")


def test_a_fund_reward_is_capped_at_two_million_per_investor_over_the_term():
    """11 最高奖励200万元: read as per investor over the policy term."""
    h = History("fund")
    for on in (date(2025, 6, 1), date(2026, 6, 1), date(2027, 6, 1)):
        h.add("fund_investment_made", on, investee_entity_id=INVESTEE,
              amount_paid_in=yuan("80000000.00"))
    assert [e.amount for e in h.of("11")] == [yuan("800000.00"), yuan("800000.00"),
                                               yuan("400000.00")]


@pytest.mark.parametrize(("second", "owed"), [("50000000.00", "500000.00"),    # the cap itself
                                               ("50000001.00", "500000.00")])   # a fen over
def test_a_fund_reward_reaches_two_million_over_the_term_and_no_fen_more(second, owed):
    """11 "按其实际到位投资额的1%给予奖励，最高奖励200万元" (read as per investor over the policy
    term): 1,500,000.00, then 1% of the second investment held to the 500,000.00 left, then
    0.00 for a third in another year."""
    h = History("fund")
    for on, paid_in in ((date(2025, 6, 1), "150000000.00"), (date(2026, 6, 1), second),
                        (date(2027, 6, 1), "100.00")):
        h.add("fund_investment_made", on, investee_entity_id=INVESTEE, amount_paid_in=yuan(paid_in))
    assert [e.amount for e in h.of("11")] == [yuan("1500000.00"), yuan(owed), yuan("0.00")]


def outcomes(failed: int, succeeded: int) -> History:
    h = History("fund")
    for i in range(failed):
        h.add("fund_project_outcome_recorded", date(2026, 1, 1), project=f"F{i}", outcome="failed")
    for i in range(succeeded):
        h.add("fund_project_outcome_recorded", date(2026, 1, 1), project=f"S{i}",
              outcome="succeeded")
    return h


def test_a_fund_at_eighty_percent_failure_is_within_tolerance():
    """13 政府投资基金允许不超过80%比例项目失败率."""
    e = outcomes(4, 1).one("13")
    assert e.figures["failure_ratio"] == yuan("0.8000")
    assert "within the ceiling 80%" in e.explanation


def test_a_fund_above_eighty_percent_failure_is_flagged():
    """13 不超过80%: 5 of 6 failed is 83.33%, above the ceiling."""
    e = outcomes(5, 1).one("13")
    assert "83.33% above the ceiling 80%: flagged" in e.explanation


def test_a_later_outcome_of_the_same_project_replaces_the_earlier_one():
    """13: an outcome is corrected by a later event, never counted twice."""
    h = outcomes(1, 1)
    h.add("fund_project_outcome_recorded", date(2026, 2, 1), project="F0", outcome="succeeded")
    assert h.one("13").figures["failed"] == 0


def test_a_later_outcome_of_the_same_project_typed_otherwise_replaces_the_earlier_one():
    """13: project F0 corrected as "f 0" is one project: its later outcome replaces the
    earlier one (counted twice, 1 of 3 failed instead of 0 of 2)."""
    h = outcomes(1, 1)
    h.add("fund_project_outcome_recorded", date(2026, 2, 1), project="f 0", outcome="succeeded")
    assert (h.one("13").figures["failed"], h.one("13").figures["succeeded"]) == (0, 2)
