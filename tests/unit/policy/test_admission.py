"""Refusals at the door: a fact outside the policy's limits is not recorded."""

from datetime import date
from decimal import Decimal

import pytest

from projections.policy import PolicyRefusal, check_admissible, load_book

from .helpers import History, yuan

KNOWN = "6f5b11fd-b3a8-5e00-bca9-e2b0793d21e8"


def exists(entity_id: str) -> bool:
    return entity_id == KNOWN


def refuse(history: History, type_: str, data: dict, on: date = date(2025, 6, 1)) -> PolicyRefusal:
    with pytest.raises(PolicyRefusal) as caught:
        check_admissible(history.events, type_, on, data, load_book(), exists)
    return caught.value


def admit(history: History, type_: str, data: dict, on: date = date(2025, 6, 1)) -> None:
    check_admissible(history.events, type_, on, data, load_book(), exists)


def test_an_achievement_fund_above_the_cap_is_refused_naming_clause_and_limit():
    """1.1 30万元-100万元."""
    err = refuse(History(), "achievement_recognised", {"amount": yuan("1200000.00")})
    assert str(err) == "1.1: amount 1200000.00 exceeds the cap 1000000.00"
    assert (err.clause, err.field) == ("1.1", "amount")
    assert str(refuse(History(), "achievement_recognised", {"amount": yuan("1000000.01")})) == (
        "1.1: amount 1000000.01 exceeds the cap 1000000.00")
    assert str(refuse(History(), "achievement_recognised", {"amount": yuan("299999.99")})) == (
        "1.1: amount 299999.99 is below the minimum 300000.00")
    admit(History(), "achievement_recognised", {"amount": yuan("1000000.00")})
    admit(History(), "achievement_recognised", {"amount": yuan("300000.00")})


@pytest.mark.parametrize(("type_", "clause", "field", "cap"), [
    ("industrialised", "1.3", "amount", "2000000.00"),
    ("transfer_performance_assessed", "4.1", "amount", "1000000.00"),
    ("patent_case_won", "7.1", "amount", "5000.00"),
    ("standard_drafted", "7.2", "amount", "300000.00"),
    ("patent_navigation_funded", "7.3", "amount", "300000.00"),
])
def test_a_decided_amount_one_fen_over_its_cap_is_refused(type_, clause, field, cap):
    """1.3 最高200万元; 4.1 最高100万元; 7.1 每案不高于5000元; 7.2, 7.3 最高30万元."""
    data = {field: yuan(cap), "client_entity_id": KNOWN}
    admit(History(), type_, data)
    data[field] = yuan(cap) + Decimal("0.01")
    err = refuse(History(), type_, data)
    assert str(err) == f"{clause}: {field} {data[field]} exceeds the cap {cap}"


def test_free_space_over_thirty_six_months_is_refused():
    """1.2 最多不超过3年."""
    admit(History(), "space_granted", {"months": 36})
    assert str(refuse(History(), "space_granted", {"months": 37})) == (
        "1.2: months 37 exceeds the cap 36")


def test_invest_first_over_half_the_investment_or_five_million_is_refused():
    """3.1 不超过项目总投资的50%且不超过500万元."""
    err = refuse(History(), "invest_first_approved",
                 {"amount": yuan("3000000.01"), "total_investment": yuan("6000000.00")})
    assert str(err) == ("3.1: amount 3000000.01 exceeds 50% of the total investment "
                        "6000000.00 (3000000.00)")
    err = refuse(History(), "invest_first_approved",
                 {"amount": yuan("5000000.01"), "total_investment": yuan("20000000.00")})
    assert str(err) == "3.1: amount 5000000.01 exceeds the cap 5000000.00"
    admit(History(), "invest_first_approved",
          {"amount": yuan("5000000.00"), "total_investment": yuan("10000000.00")})


def test_ranges_are_not_checked_when_no_version_is_in_force():
    """Outside 2024-12-16..2027-12-15 the engine records the fact and owes nothing."""
    admit(History(), "achievement_recognised", {"amount": yuan("9000000.00")},
          on=date(2024, 12, 15))


def test_an_investment_or_a_case_naming_no_registered_enterprise_is_refused():
    err = refuse(History("fund"), "fund_investment_made",
                 {"investee_entity_id": "nobody", "amount_paid_in": yuan("1.00")})
    assert (err.clause, err.field) == ("11", "investee_entity_id")
    err = refuse(History("ip_service_firm"), "patent_case_won",
                 {"client_entity_id": "nobody", "case_no": "1"})
    assert (err.clause, err.field) == ("7.1", "client_entity_id")
    admit(History("fund"), "fund_investment_made",
          {"investee_entity_id": KNOWN, "amount_paid_in": yuan("1.00")})


@pytest.mark.parametrize("type_", ["entitlement_approved", "entitlement_revoked",
                                   "external_support_recorded", "entitlement_disbursed"])
def test_a_review_naming_an_entitlement_the_entity_does_not_have_is_refused(type_):
    err = refuse(History(), type_, {"entitlement_id": KNOWN, "amount": yuan("1.00")})
    assert err.field == "entitlement_id" and KNOWN in str(err)


def test_a_disbursement_beyond_what_is_owed_is_refused():
    h = History()
    h.add("achievement_recognised", date(2025, 5, 1), achievement="A", stage="lab",
          amount=yuan("800000.00"))
    e = h.one("1.1")
    h.review("entitlement_approved", date(2025, 5, 20), e)
    h.review("entitlement_disbursed", date(2025, 6, 1), e, amount=yuan("500000.00"),
             paid_on=date(2025, 6, 1))
    admit(h, "entitlement_disbursed", {"entitlement_id": e.id, "amount": yuan("300000.00")})
    err = refuse(h, "entitlement_disbursed", {"entitlement_id": e.id, "amount": yuan("300000.01")})
    assert str(err) == ("1.1: disbursement 300000.01 exceeds what is approved and still owed "
                        "300000.00 (approved 800000.00, already disbursed 500000.00)")


def test_nothing_is_paid_on_an_instalment_awaiting_renewal():
    """Instalments after the policy's last day are never paid under it."""
    h = History()
    h.add("talent_introduced", date(2025, 12, 15), talent="T", level="provincial",
          start_on=date(2025, 12, 15))
    waiting = h.of("8.1")[-1]
    assert waiting.status == "awaiting_renewal"
    err = refuse(h, "entitlement_disbursed", {"entitlement_id": waiting.id, "amount": yuan("0.01")})
    assert err.clause == "review" and "awaiting_renewal" in str(err)
    # Nor approved: it owes nothing under this policy.
    err = refuse(h, "entitlement_approved", {"entitlement_id": waiting.id})
    assert err.clause == "review" and "awaiting_renewal" in str(err)


def test_a_benefit_in_kind_cannot_be_disbursed():
    h = History()
    h.add("space_granted", date(2025, 2, 20), project="P", space="office",
          start_on=date(2025, 3, 1), months=12)
    e = h.one("1.2")
    assert refuse(h, "entitlement_disbursed",
                  {"entitlement_id": e.id, "amount": yuan("1.00")}).clause == "1.2"
