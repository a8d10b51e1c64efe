"""Articles 10 and 12 at the door: who may borrow, what may be lost, the 泉科贷 line."""

from datetime import date
from decimal import Decimal

import pytest

from projections.policy import PolicyRefusal, check_admissible, load_book

from .helpers import History, yuan

BORROWER = History(entered_on=date(2025, 1, 2))
BORROWER.add("incubation_started", date(2025, 3, 1))
BORROWER.add("incubation_graduated", date(2026, 3, 1))
FUND = History("fund")
OTHERS = {str(BORROWER.entity_id): BORROWER.events, str(FUND.entity_id): FUND.events}


def loan(ref: str = "L-1", category: str = "early_rd_credit", principal: str = "1000000.00",
         start: date = date(2025, 6, 1), borrower: str = str(BORROWER.entity_id),
         quankedai: bool = False) -> dict:
    return {"loan_ref": ref, "borrower_entity_id": borrower, "category": category,
            "principal": yuan(principal), "annual_rate": yuan("0.0435"), "start_on": start,
            "end_on": date(2027, 6, 1), "quankedai": quankedai}


def check(h: History, type_: str, data: dict, drawn: Decimal | None = None,
          on: date = date(2025, 6, 1)) -> dict:
    return check_admissible(h.events, type_, on, data, load_book(), lambda ref: False,
                            history_of=OTHERS.get, loan_of=lambda b, r: None, drawn=drawn)


def refuse(h: History, type_: str, data: dict, drawn: Decimal | None = None,
           on: date = date(2025, 6, 1)) -> PolicyRefusal:
    with pytest.raises(PolicyRefusal) as caught:
        check(h, type_, data, drawn, on)
    return caught.value


def bank() -> History:
    return History("financial_institution", "阳泉银行")


def test_a_loan_records_the_borrowers_standing_at_its_start():
    """12.2 早期、初创期: captured when the loan is recorded, for the lender's engine."""
    assert check(bank(), "loan_issued", loan()) == {
        "borrower_registered_on": date(2025, 1, 2), "borrower_incubating": True}
    later = check(bank(), "loan_issued", loan(start=date(2026, 3, 1)))
    assert later["borrower_incubating"] is False


@pytest.mark.parametrize(("type_", "data", "clause", "field"), [
    ("loan_issued", loan(category="tech_transfer", borrower=str(FUND.entity_id)), "12.1",
     "borrower_entity_id"),
    ("loan_issued", loan(category="ip_pledge", borrower="nobody"), "10", "borrower_entity_id"),
    ("guarantee_issued", {"beneficiary_entity_id": str(FUND.entity_id)}, "12.3",
     "beneficiary_entity_id"),
])
def test_a_borrower_or_beneficiary_must_be_a_registered_enterprise(type_, data, clause, field):
    err = refuse(bank(), type_, data)
    assert (err.clause, err.field) == (clause, field)
    assert "names no registered enterprise" in str(err)


def test_a_loss_on_a_loan_this_lender_never_issued_is_refused():
    err = refuse(bank(), "loan_principal_lost", {"loan_ref": "L-9", "amount": yuan("1.00")})
    assert str(err) == "12: loan_ref L-9 names no loan issued by this lender"


def test_losses_beyond_the_principal_are_refused_cumulatively():
    """12.1/12.2 本金损失: no more than the principal can be lost."""
    h = bank()
    h.add("loan_issued", date(2025, 6, 1), **loan())
    share = yuan("0.45")
    h.add("loan_principal_lost", date(2026, 1, 1), loan_ref="L-1", amount=yuan("600000.00"),
          provincial_share_rate=share)
    check(h, "loan_principal_lost", {"loan_ref": "L-1", "amount": yuan("400000.00"),
                                     "provincial_share_rate": share})
    err = refuse(h, "loan_principal_lost", {"loan_ref": "L-1", "amount": yuan("400000.01"),
                                            "provincial_share_rate": share})
    assert str(err) == ("12.2: amount 400000.01 with 600000.00 already lost exceeds loan L-1's "
                        "principal 1000000.00")
    assert err.field == "amount"


def test_a_loss_on_an_rd_credit_loan_must_state_the_provincial_share():
    """12.2 比照省财政分担比例: the share the city follows is stated on the loss."""
    h = bank()
    h.add("loan_issued", date(2025, 6, 1), **loan())
    err = refuse(h, "loan_principal_lost", {"loan_ref": "L-1", "amount": yuan("1000.00")})
    assert (err.clause, err.field) == ("12.2", "provincial_share_rate")


def test_a_loan_reference_is_issued_once_by_a_lender():
    h = bank()
    h.add("loan_issued", date(2025, 6, 1), **loan())
    assert refuse(h, "loan_issued", loan()).field == "loan_ref"


def test_a_quankedai_loan_may_draw_the_line_to_its_last_fen_and_no_further():
    """10 设立5亿元“泉科贷”支小再贷款专项额度."""
    check(bank(), "loan_issued", loan(principal="1000000.00", quankedai=True),
          drawn=yuan("499000000.00"))
    err = refuse(bank(), "loan_issued", loan(principal="1000000.01", quankedai=True),
                 drawn=yuan("499000000.00"))
    assert str(err) == ("10: 泉科贷 principal 1000000.01 would overdraw the line 500000000.00: "
                        "499000000.00 drawn, 1000000.00 remaining")
    assert (err.clause, err.field) == ("10", "principal")
    check(bank(), "loan_issued", loan(principal="1000000.01"), drawn=yuan("499000000.00"))


@pytest.mark.parametrize("typed", ["jcd-2025-001", "ＪＣＤ－２０２５－００１", " JCD-2025-001 "])
def test_a_loan_reference_typed_otherwise_names_the_same_loan_of_this_lender(typed):
    """One matter, however typed (不重复): the lender's loan JCD-2025-001 recorded again as
    `typed` is refused, where it drew its 100,000,000.00 on the 泉科贷 line a second time; a
    loss on it counts against the one principal."""
    h = bank()
    h.add("loan_issued", date(2025, 6, 1), **loan("JCD-2025-001", "tech_transfer", "100000000.00",
                                                 quankedai=True))
    err = refuse(h, "loan_issued", loan(typed, "tech_transfer", "100000000.00", quankedai=True),
                 drawn=yuan("100000000.00"))
    assert (err.clause, err.field) == ("12.1", "loan_ref")
    h.add("loan_principal_lost", date(2026, 1, 1), loan_ref="JCD-2025-001", amount=yuan("60000000.00"))
    check(h, "loan_principal_lost", {"loan_ref": typed, "amount": yuan("40000000.00")})
    err = refuse(h, "loan_principal_lost", {"loan_ref": typed, "amount": yuan("40000000.01")})
    assert "with 60000000.00 already lost exceeds loan" in str(err)
