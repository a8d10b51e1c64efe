"""Articles 3 (先投后股), 4 (技术转移) and 5 (自主选题)."""

from datetime import date

from projections.policy import check_admissible, entitlements, load_book
from projections.policy.model import PolicyRefusal

from .helpers import History, yuan


def invest_first(amount: str, total: str) -> History:
    h = History()
    h.add("invest_first_approved", date(2025, 4, 1), project="先进陶瓷",
          total_investment=yuan(total), amount=yuan(amount), equity_ratio=yuan("0.10"),
          exit_deadline=date(2030, 3, 31))
    return h


def test_invest_first_money_is_at_most_half_the_project_investment():
    """3.1 单个项目支持资金不超过项目总投资的50%且不超过500万元: compared exactly, 50% ×
    6,000,000.01 is 3,000,000.005, so 3,000,000.01 is over it and held to 3,000,000.00."""
    e = invest_first("3000000.01", "6000000.01").one("3.1")
    assert e.amount == yuan("3000000.00")
    assert "50% × 6,000,000.01 = 3,000,000.005" in e.explanation
    assert invest_first("3000000.00", "6000000.01").one("3.1").amount == yuan("3000000.00")
    held = invest_first("3000000.01", "6000000.00").one("3.1")
    assert held.amount == yuan("3000000.00")
    assert "50% × 6,000,000.00 = 3,000,000.00" in held.explanation


def test_invest_first_money_is_at_most_five_million():
    """3.1 且不超过500万元."""
    assert invest_first("5000000.00", "20000000.00").one("3.1").amount == yuan("5000000.00")
    assert invest_first("5000000.01", "20000000.00").one("3.1").amount == yuan("5000000.00")


def test_the_invest_first_position_tracks_disbursed_converted_and_recovered_money():
    """3.2 “后股”阶段…以拨转股、股转债等方式进行投入和变更，并…在约定期限内逐步退出。"""
    h = invest_first("3000000.00", "10000000.00")
    put_in = h.one("3.1")
    h.review("entitlement_disbursed", date(2025, 5, 1), put_in, amount=yuan("3000000.00"),
             paid_on=date(2025, 5, 1))
    h.add("invest_first_converted", date(2026, 5, 1), project="先进陶瓷", mode="grant_to_equity",
          amount=yuan("3000000.00"))
    h.add("invest_first_recovered", date(2027, 5, 1), project="先进陶瓷", amount=yuan("1200000.00"))
    position = h.one("3.2")
    assert (position.kind, position.amount, position.expires_on) == (
        "status", None, date(2030, 3, 31))
    assert position.figures == {"approved": yuan("3000000.00"), "disbursed": yuan("3000000.00"),
                                "converted": yuan("3000000.00"), "recovered": yuan("1200000.00"),
                                "outstanding": yuan("1800000.00")}
    assert position.to_json()["figures"]["outstanding"] == "1800000.00"


def test_each_invest_first_position_counts_only_its_own_project():
    """3.2 each project's position is its own (“先投后股”项目): what was converted or recovered on one
    project, or what another project's name shares with none, is not counted on the other."""
    h = invest_first("3000000.00", "10000000.00")
    h.add("invest_first_approved", date(2025, 4, 2), project="储能材料",
          total_investment=yuan("4000000.00"), amount=yuan("1000000.00"), equity_ratio=yuan("0.05"),
          exit_deadline=date(2029, 12, 31))
    h.add("space_granted", date(2025, 4, 3), project="储能材料", space="office",
          start_on=date(2025, 4, 3), months=12)
    h.add("invest_first_recovered", date(2026, 5, 1), project="储能材料", amount=yuan("200000.00"))
    h.add("invest_first_converted", date(2026, 6, 1), project="先进陶瓷", mode="grant_to_equity",
          amount=yuan("500000.00"))
    positions = {e.figures["approved"]: e for e in h.of("3.2")}
    ceramics, storage = positions[yuan("3000000.00")], positions[yuan("1000000.00")]
    assert (ceramics.figures["converted"], ceramics.figures["recovered"]) == (yuan("500000.00"), yuan("0.00"))
    assert (storage.figures["converted"], storage.figures["recovered"]) == (yuan("0.00"), yuan("200000.00"))
    assert {e.type for e in h.events if e.ref in storage.basis} == {"invest_first_approved",
                                                                     "invest_first_recovered"}
    assert storage.expires_on == date(2029, 12, 31)


def test_the_invest_first_position_expires_after_its_exit_deadline():
    """3.2 在约定期限内逐步退出: past the deadline the position is flagged expired."""
    h = invest_first("3000000.00", "10000000.00")
    assert h.one("3.2", today=date(2030, 3, 31)).status == "eligible"
    assert h.one("3.2", today=date(2030, 4, 1)).status == "expired"


def test_agency_performance_subsidy_is_capped_at_one_million_a_year():
    """4.1 按其年度在区内科技成果转化服务绩效给予最高100万元资助。"""
    h = History("tech_transfer_agency")
    h.add("transfer_performance_assessed", date(2026, 3, 1), year=2025, amount=yuan("1000000.00"))
    h.add("transfer_performance_assessed", date(2027, 3, 1), year=2026, amount=yuan("1000000.01"))
    first, second = h.of("4.1")
    assert (first.year, first.amount) == (2025, yuan("1000000.00"))
    assert (second.year, second.amount) == (2026, yuan("1000000.00"))


def test_a_second_assessment_of_the_same_year_is_not_a_second_subsidy():
    """4.1: one subsidy a year (one matter, one benefit): a second assessment of 2025 owes
    nothing and names the first; to change the figure, revoke the first and record it anew."""
    h = History("tech_transfer_agency")
    first = h.add("transfer_performance_assessed", date(2026, 3, 1), year=2025,
                  amount=yuan("400000.00"))
    again = h.add("transfer_performance_assessed", date(2026, 4, 1), year=2025,
                  amount=yuan("350000.00"))
    by_subject = {e.subject: e for e in h.of("4.1")}
    assert by_subject[first.ref].amount == yuan("400000.00")
    assert (by_subject[again.ref].status, by_subject[again.ref].held_by) == ("ineligible",
                                                                             first.ref)
    h.review("entitlement_revoked", date(2026, 5, 1), by_subject[first.ref], reason="改正")
    by_subject = {e.subject: e for e in h.of("4.1")}
    assert (by_subject[again.ref].status, by_subject[again.ref].amount) == (
        "eligible", yuan("350000.00"))


def test_a_broker_reward_is_the_agreed_ratio_of_the_contract_and_not_fiscal():
    """4.2 按三方协议约定的比例或资金额度获得奖励，奖励经费从…合同经费中列支。"""
    h = History("tech_transfer_agency")
    h.add("technology_transfer_brokered", date(2025, 6, 1), contract_ref="HT-1",
          contract_amount=yuan("2000000.00"), agreed_ratio=yuan("0.05"))
    h.add("technology_transfer_brokered", date(2025, 7, 1), contract_ref="HT-2",
          contract_amount=yuan("900000.00"), agreed_amount=yuan("45000.00"))
    ratio, fixed = h.of("4.2")
    assert (ratio.amount, ratio.fiscal) == (yuan("100000.00"), False)
    assert "5% × 2,000,000.00 = 100,000.00" in ratio.explanation
    assert (fixed.amount, fixed.fiscal) == (yuan("45000.00"), False)


def test_a_self_initiated_project_of_three_hundred_thousand_is_filed():
    """5.1 30万元（含）以上的…项目，视同阳泉市重点研发项目进行备案管理。"""
    h = History()
    h.add("self_initiated_project_filed", date(2025, 6, 1), project="A", budget=yuan("300000.00"))
    h.add("self_initiated_project_filed", date(2025, 6, 1), project="B", budget=yuan("299999.99"))
    filed, short = h.of("5.1")
    assert (filed.kind, filed.amount, filed.status) == ("status", None, "eligible")
    assert short.status == "ineligible"


def admitted(h: History, type_: str, data: dict) -> None:
    """Raises unless the door would record it (on the park's today, 2026-12-04)."""
    today = date(2026, 12, 4)
    check_admissible(h.events, type_, today, data, load_book(), lambda _: False, today=today)


def revoked_after_payment(paid: str) -> History:
    """3.1 approved and paid, then its approval revoked: the money is to be recovered (应追回)."""
    h = invest_first("2000000.00", "4000000.00")
    h.review("entitlement_approved", date(2025, 6, 1), h.one("3.1"), amount=yuan("2000000.00"))
    h.review("entitlement_disbursed", date(2025, 6, 2), h.one("3.1"), amount=yuan(paid),
             paid_on=date(2025, 6, 2))
    h.review("entitlement_revoked", date(2025, 7, 1), h.one("3.1"), reason="立项撤销")
    return h


def test_money_that_came_back_as_an_exit_is_no_longer_to_be_recovered():
    """Policy README, "Paid too much": a revocation leaving less owed than was paid shows
    应追回 = paid − owed; "3.2 … exits step by step": the money put in under 3.1 and recorded as
    come back under 3.2 (invest_first_recovered) is back. 1,500,000.00 paid, the approval
    revoked, 1,000,000.00 back then 500,000.00: 应追回 1,500,000.00, then 500,000.00, then
    0.00, revoked, and never money owed again. Before, it stayed 1,500,000.00 overpaid for ever
    (and 资金追回 was refused, the position being at 0.00)."""
    h = revoked_after_payment("1500000.00")
    assert (h.one("3.1").status, h.one("3.1").recoverable) == ("overpaid", yuan("1500000.00"))

    h.add("invest_first_recovered", date(2026, 1, 5), project="先进陶瓷", amount=yuan("1000000.00"))
    part = h.one("3.1")
    assert (part.status, part.recoverable, part.disbursed) == ("overpaid", yuan("500000.00"),
                                                               yuan("1500000.00"))
    assert ("1,000,000.00 came back under 3.2 (invest_first_recovered): 应追回 1,500,000.00 − "
            "1,000,000.00 = 500,000.00") in part.explanation

    h.add("invest_first_recovered", date(2026, 3, 5), project="先进陶瓷", amount=yuan("500000.00"))
    back = h.one("3.1")
    assert (back.status, back.recoverable, back.amount, back.payable) == (
        "revoked", yuan("0.00"), yuan("0.00"), yuan("0.00"))
    assert h.one("3.2").figures["outstanding"] == yuan("0.00")
    # Read by the events' own dates, the day before the last exit it was still 500,000.00.
    before = [e for e in h.events if e.occurred_on < date(2026, 3, 5)]
    assert next(e for e in entitlements(before, load_book())
                if e.clause == "3.1").recoverable == yuan("500000.00")


def test_an_exit_of_money_owed_and_paid_leaves_nothing_to_recover_and_nothing_owed():
    """3.2's exits of money 3.1 owes and paid are the position's, not 应追回: paid 2,000,000.00
    of 2,000,000.00 owed, 2,000,000.00 back: still disbursed, recoverable 0.00, payable 0.00."""
    h = invest_first("2000000.00", "4000000.00")
    h.review("entitlement_approved", date(2025, 6, 1), h.one("3.1"), amount=yuan("2000000.00"))
    h.review("entitlement_disbursed", date(2025, 6, 2), h.one("3.1"), amount=yuan("2000000.00"),
             paid_on=date(2025, 6, 2))
    h.add("invest_first_recovered", date(2026, 1, 5), project="先进陶瓷", amount=yuan("2000000.00"))
    e = h.one("3.1")
    assert (e.status, e.disbursed, e.recoverable, e.payable) == (
        "disbursed", yuan("2000000.00"), yuan("0.00"), yuan("0.00"))
    assert "came back" not in e.explanation


def test_money_back_partly_as_追回_and_partly_as_an_exit_closes_once_in_either_order():
    """资金追回 of the 3.1 entitlement and 3.2's exits both bring back money put in: 1,500,000.00
    paid and revoked, 500,000.00 recovered as 追回 and 1,000,000.00 back as an exit, in either
    order, leave nothing to recover and the position at 0.00."""
    recovered = {"amount": yuan("500000.00"), "recovered_on": date(2026, 2, 1)}
    back = {"project": "先进陶瓷", "amount": yuan("1000000.00")}
    exit_first = revoked_after_payment("1500000.00")
    exit_first.add("invest_first_recovered", date(2026, 1, 5), **back)
    admitted(exit_first, "entitlement_recovered", {"entitlement_id": exit_first.one("3.1").id, **recovered})
    exit_first.review("entitlement_recovered", date(2026, 2, 1), exit_first.one("3.1"), **recovered)
    recovery_first = revoked_after_payment("1500000.00")
    recovery_first.review("entitlement_recovered", date(2026, 2, 1), recovery_first.one("3.1"), **recovered)
    admitted(recovery_first, "invest_first_recovered", back)
    recovery_first.add("invest_first_recovered", date(2026, 3, 5), **back)
    for h in (exit_first, recovery_first):
        put_in = h.one("3.1")
        assert (put_in.status, put_in.recoverable, put_in.disbursed, put_in.recovered) == (
            "revoked", yuan("0.00"), yuan("1000000.00"), yuan("500000.00"))
        assert h.one("3.2").figures["outstanding"] == yuan("0.00")


def refused(h: History, type_: str, data: dict, on: date) -> str:
    """The refusal's message of a fact dated `on` (the park's today 2026-12-04)."""
    today = date(2026, 12, 4)
    try:
        check_admissible(h.events, type_, on, data, load_book(), lambda _: False, today=today)
    except PolicyRefusal as refusal:
        return str(refusal)
    raise AssertionError(f"{type_} dated {on} was admitted")


def test_money_comes_back_under_3_2_only_after_it_was_paid_by_the_events_own_dates():
    """Policy README: "3.2 positions cannot go negative: a conversion or recovery beyond what is
    outstanding … is refused naming 3.2"; contract, two clocks: `?on=` reads the events by their
    own dates. 1,000,000.00 paid on 2025-06-02 and 1,000,000.00 on 2026-01-10: an exit or a
    conversion dated 2025-05-01, before any payment, was admitted (?on=2025-05-15 showed
    outstanding −500,000.00, or 1,000,000.00 converted of 0.00 paid); so was an exit of
    1,000,000.00 dated 2025-07-01 beside another of 1,000,000.00 dated 2025-12-01, 2,000,000.00
    back by then of 1,000,000.00 paid. Now each is refused naming 3.2 and the day; the same
    exits dated after their payments are admitted."""
    h = invest_first("2000000.00", "4000000.00")
    h.review("entitlement_approved", date(2025, 6, 1), h.one("3.1"), amount=yuan("2000000.00"))
    for day in (date(2025, 6, 2), date(2026, 1, 10)):
        h.review("entitlement_disbursed", day, h.one("3.1"), amount=yuan("1000000.00"), paid_on=day)
    back = {"project": "先进陶瓷", "amount": yuan("500000.00")}

    assert "3.2" in refused(h, "invest_first_recovered", back, date(2025, 5, 1))
    assert "2025-05-01" in refused(h, "invest_first_converted", {**back, "amount": yuan("1000000.00")},
                                   date(2025, 5, 1))
    admitted_on(h, "invest_first_converted", {**back, "amount": yuan("1000000.00")}, date(2025, 6, 2))

    h.add("invest_first_recovered", date(2025, 12, 1), project="先进陶瓷", amount=yuan("1000000.00"))
    assert "2025-12-01" in refused(h, "invest_first_recovered", {**back, "amount": yuan("1000000.00")},
                                   date(2025, 7, 1))
    admitted_on(h, "invest_first_recovered", {**back, "amount": yuan("1000000.00")}, date(2026, 1, 10))


def admitted_on(h: History, type_: str, data: dict, on: date) -> None:
    today = date(2026, 12, 4)
    check_admissible(h.events, type_, on, data, load_book(), lambda _: False, today=today)
