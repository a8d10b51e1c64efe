"""Review before payment, at the door (contract, "The money's life cycle"):
"entitlement_disbursed names an entitlement that is approved (or partly disbursed); otherwise
422 naming the review rule. paid_on is not after the park's today. What is disbursed never
exceeds what was approved and is owed." """

from datetime import date

import pytest

from i18n import render
from projections.policy import PolicyRefusal, check_admissible, load_book

from .helpers import History, yuan

TODAY = date(2026, 12, 4)


def door(h: History, type_: str, data: dict) -> None:
    check_admissible(h.events, type_, TODAY, data, load_book(), lambda _: False, today=TODAY)


def refused(h: History, type_: str, data: dict) -> PolicyRefusal:
    with pytest.raises(PolicyRefusal) as caught:
        door(h, type_, data)
    return caught.value


def achievement() -> tuple[History, str]:
    h = History()
    h.add("achievement_recognised", date(2025, 5, 1), achievement="电堆", stage="lab",
          amount=yuan("800000.00"))
    return h, h.one("1.1").id


def pay(eid: str, amount: str, paid_on: date = date(2026, 12, 1)) -> dict:
    return {"entitlement_id": eid, "amount": yuan(amount), "paid_on": paid_on}


def test_a_payment_before_approval_is_refused_naming_the_review_rule_in_both_languages():
    """"entitlement_disbursed names an entitlement that is approved … otherwise 422 naming the
    review rule"."""
    h, eid = achievement()
    err = refused(h, "entitlement_disbursed", pay(eid, "800000.00"))
    assert (err.clause, err.field) == ("review", "entitlement_id")
    assert str(err) == (f"review: entitlement {eid} is eligible, not approved: review before "
                        "payment (record entitlement_approved first)")
    assert render(err.message, "zh_CN") == (
        f"审核：享受政策项 {eid} 的状态为“应享（待审核）”，尚未审核通过：须先审核后拨付"
        "（请先登记“享受政策项审核通过” entitlement_approved）")


def test_once_approved_it_is_paid_in_parts_up_to_what_was_approved():
    """"(or partly disbursed)": a second instalment of an approved entitlement is admitted."""
    h, eid = achievement()
    door(h, "entitlement_approved", {"entitlement_id": eid})
    h.review("entitlement_approved", date(2026, 11, 1), h.one("1.1"))
    door(h, "entitlement_disbursed", pay(eid, "500000.00"))
    h.review("entitlement_disbursed", date(2026, 11, 2), h.one("1.1"), amount=yuan("500000.00"),
             paid_on=date(2026, 11, 2))
    door(h, "entitlement_disbursed", pay(eid, "300000.00"))


def test_the_total_disbursed_never_exceeds_what_was_approved_and_is_owed():
    """"What is disbursed never exceeds what was approved and is owed": refused with the figures."""
    h, eid = achievement()
    h.review("entitlement_approved", date(2026, 11, 1), h.one("1.1"))
    h.review("entitlement_disbursed", date(2026, 11, 2), h.one("1.1"), amount=yuan("500000.00"),
             paid_on=date(2026, 11, 2))
    err = refused(h, "entitlement_disbursed", pay(eid, "300000.01"))
    assert (err.clause, err.field) == ("1.1", "amount")
    assert "approved 800000.00, already disbursed 500000.00" in str(err)
    assert render(err.message, "zh_CN") == (
        "第1.1条：本次拨付 300,000.01 元超过已核定且尚未拨付的 300,000.00 元"
        "（核定 800,000.00 元，已拨付 500,000.00 元）")


def test_a_payment_dated_after_the_parks_today_is_refused():
    """"paid_on is not after the park's today" (Asia/Shanghai, the registry's clock)."""
    h, eid = achievement()
    h.review("entitlement_approved", date(2026, 11, 1), h.one("1.1"))
    door(h, "entitlement_disbursed", pay(eid, "1.00", TODAY))
    err = refused(h, "entitlement_disbursed", pay(eid, "1.00", date(2029, 1, 1)))
    assert (err.clause, err.field) == ("payment", "paid_on")
    assert str(err) == ("payment: paid_on 2029-01-01 is after the park's today 2026-12-04: "
                        "record a payment once it is made")
    assert "拨付" in render(err.message, "zh_CN") and "2029-01-01" in render(err.message, "zh_CN")


@pytest.mark.parametrize("status", ["ineligible", "ended", "awaiting_renewal", "revoked",
                                    "superseded"])
def test_an_entitlement_that_owes_nothing_cannot_be_approved(status):
    """Approving is deciding to pay: an entitlement that owes nothing (refused by the policy,
    ended by a departure, awaiting the revised policy, revoked, superseded) is not approved."""
    h = History(entered_on=date(2025, 1, 2))
    start = {"awaiting_renewal": date(2027, 1, 10), "ineligible": date(2019, 1, 1)}.get(
        status, date(2025, 1, 10))
    h.add("talent_introduced", date(2025, 1, 10), talent="王五", level="provincial",
          start_on=start)
    if status == "ended":
        h.add("departed", date(2025, 6, 1), reason="迁出")
    target = next(e for e in h.of("8.1") if e.status == status or status in (
        "revoked", "superseded"))
    if status == "revoked":
        h.review("entitlement_revoked", date(2025, 3, 1), target, reason="更正")
    if status == "superseded":
        h.review("external_support_recorded", date(2025, 3, 1), target, policy="省级",
                 amount=yuan("50000.00"))
    assert next(e for e in h.of("8.1") if e.id == target.id).status == status
    err = refused(h, "entitlement_approved", {"entitlement_id": target.id})
    assert err.clause == "review" and status in str(err)
    err = refused(h, "entitlement_disbursed", pay(target.id, "0.01"))
    assert err.clause == "review"


def test_money_back_from_an_invest_first_project_is_not_recovered_twice():
    """"3.2 positions cannot go negative: a conversion or recovery beyond what is outstanding ...
    is refused naming 3.2" (policy README). 3.1's approval revoked after 1,500,000.00 was put in;
    the 1,500,000.00 came back and was recorded under 3.2 (invest_first_recovered): outstanding
    0.00, and nothing left to recover on the 3.1 entitlement (应追回 0.00). Recording it again as
    资金追回 was admitted once and left the position at −1,500,000.00; refused now, with the
    figures: paid − owed − what came back under 3.2."""
    h = History()
    h.add("invest_first_approved", date(2025, 5, 1), project="陶瓷", total_investment=yuan("4000000.00"),
          amount=yuan("2000000.00"), equity_ratio=yuan("0.1"), exit_deadline=date(2028, 6, 30))
    h.review("entitlement_approved", date(2025, 6, 1), h.one("3.1"), amount=yuan("2000000.00"))
    h.review("entitlement_disbursed", date(2025, 6, 2), h.one("3.1"), amount=yuan("1500000.00"),
             paid_on=date(2025, 6, 2))
    h.review("entitlement_revoked", date(2025, 7, 1), h.one("3.1"), reason="立项撤销")
    h.add("invest_first_recovered", date(2026, 1, 5), project="陶瓷", amount=yuan("1500000.00"))
    assert h.one("3.2").figures["outstanding"] == yuan("0.00")
    eid = h.one("3.1").id
    back = {"entitlement_id": eid, "amount": yuan("0.01"), "recovered_on": date(2026, 2, 1)}

    err = refused(h, "entitlement_recovered", back)

    assert (err.clause, err.field) == ("recovery", "amount")
    assert str(err) == (
        f"recovery: recovery 0.01 exceeds what is recoverable on entitlement {eid} 0.00 (应追回: "
        "paid 1500000.00 − owed 0.00 − came back under 3.2 (invest_first_recovered) 1500000.00)")
    assert render(err.message, "zh_CN") == (
        f"追回：本次追回 0.01 元超过享受政策项 {eid} 的应追回金额 0.00 元（已拨付 1,500,000.00 元 − "
        "应付 0.00 元 − 已按第3.2条收回（invest_first_recovered）1,500,000.00 元）")
    # Recovered as 资金追回 first, the 3.2 recovery is the one refused: money comes back once.
    h2 = History()
    for e in h.events[1:5]:
        h2.events.append(e)
    door(h2, "entitlement_recovered", {**back, "amount": yuan("1500000.00")})
