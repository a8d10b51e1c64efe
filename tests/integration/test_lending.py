"""Loans on each backend: the 泉科贷 line holds under racing lenders, and a lender's
compensation is derived from what the store gives back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from projections.policy import PolicyRefusal, entitlements
from tests.integration.test_concurrent_writes import race
from tests.park import ADMIN, register, registration

LENDERS = 8


def lender(registry, n: int) -> UUID:
    return UUID(registry.register(registration(n, "financial_institution", subtype="bank"),
                                  ADMIN)["id"])


def loan(borrower: UUID, ref: str, principal: str, category: str = "other") -> dict:
    return {"loan_ref": ref, "borrower_entity_id": str(borrower), "category": category,
            "principal": principal, "annual_rate": "0.0435", "start_on": "2025-06-01",
            "end_on": "2027-05-31", "quankedai": True}


def test_lenders_racing_for_the_quankedai_line_never_overdraw_it(services) -> None:
    """10 设立5亿元“泉科贷”专项额度: five loans of 100,000,000 fit, the other three do not."""
    registry = services.registry
    borrower = register(registry, 1)
    banks = [lender(registry, 10 + i) for i in range(LENDERS)]

    outcomes = race(LENDERS, lambda i: registry.record(
        banks[i], "loan_issued", date(2025, 6, 1), loan(borrower, f"Q-{i}", "100000000.00"),
        ADMIN))

    refused = [o for o in outcomes if isinstance(o, PolicyRefusal)]
    assert (len(refused), len([o for o in outcomes if isinstance(o, dict)])) == (3, 5), outcomes
    assert all(r.clause == "10" for r in refused)
    line = registry.credit_line("quankedai")
    assert (line.drawn, line.loans) == (Decimal("500000000.00"), 5)


def test_a_lenders_compensation_comes_back_from_the_store_with_the_borrowers_standing(
        services) -> None:
    """12.2: the borrower's entry date and incubation, stored with the loan, survive the store."""
    registry = services.registry
    borrower, bank = register(registry, 2), lender(registry, 3)
    registry.record(borrower, "incubation_started", date(2025, 3, 1), {}, ADMIN)
    registry.record(bank, "loan_issued", date(2025, 6, 1),
                    {**loan(borrower, "L-1", "1000000.00", "early_rd_credit"), "quankedai": False},
                    ADMIN)
    registry.record(bank, "loan_principal_lost", date(2026, 1, 5),
                    {"loan_ref": "L-1", "amount": "100000.00", "provincial_share_rate": "0.45"}, ADMIN)
    history = registry.history(bank)
    assert history[1].data["borrower_registered_on"] == date(2025, 1, 2)
    assert history[1].data["borrower_incubating"] is True
    [e] = [e for e in entitlements(history, services.policy) if e.clause == "12.2"]
    assert (e.amount, e.status) == (Decimal("45000.00"), "eligible")
    assert registry.credit_line("quankedai").loans == 0


def test_a_borrowers_loan_reference_typed_otherwise_names_the_same_loan(services) -> None:
    """10 知识产权质押贷款, one matter however typed (不重复): bank A's loan JCD-2025-001 to the
    borrower, recorded again by bank B as jcd-2025-001, is refused (it was a second loan, drawing
    another 100,000,000.00 on the 泉科贷 line); the borrower's subsidy naming it so typed is tied
    to bank A's loan and owed (it was 0.00: 'no loan recorded')."""
    registry = services.registry
    borrower = register(registry, 1)
    bank_a, bank_b = lender(registry, 2), lender(registry, 3)
    registry.record(bank_a, "loan_issued", date(2025, 6, 1),
                    loan(borrower, "JCD-2025-001", "100000000.00", "ip_pledge"), ADMIN)

    with pytest.raises(PolicyRefusal) as refused:
        registry.record(bank_b, "loan_issued", date(2025, 6, 1),
                        loan(borrower, "jcd-2025-001", "100000000.00", "ip_pledge"), ADMIN)
    assert (refused.value.clause, refused.value.field) == ("10", "loan_ref")
    assert registry.credit_line("quankedai").drawn == Decimal("100000000.00")

    registry.record(borrower, "ip_pledge_loan_subsidised", date(2025, 9, 1),
                    {"loan_ref": "ＪＣＤ－２０２５－００１", "interest_subsidy": "20000.00",
                     "guarantee_fee_subsidy": "5000.00"}, ADMIN)
    [subsidy] = [e for e in entitlements(registry.history(borrower), services.policy) if e.clause == "10"]
    assert (subsidy.amount, subsidy.status) == (Decimal("25000.00"), "eligible")


def test_two_lenders_recording_one_borrowers_loan_at_once_under_two_spellings_record_it_once(
        services, monkeypatch) -> None:
    """Bank B's jcd-2025-001 is decided, and before it is saved bank A's JCD-2025-001 is: both
    list the loan on the borrower's index, so B's save collides and its retry is refused."""
    registry = services.registry
    borrower = register(registry, 1)
    bank_a, bank_b = lender(registry, 2), lender(registry, 3)
    other: list[dict | None] = []
    save = registry.save

    def bank_a_saves_first(*aggregates, **kwargs):
        if not other:
            other.append(None)
            other[0] = registry.record(bank_a, "loan_issued", date(2025, 6, 1),
                                       loan(borrower, "JCD-2025-001", "100000000.00"), ADMIN)
        return save(*aggregates, **kwargs)

    monkeypatch.setattr(registry, "save", bank_a_saves_first)
    with pytest.raises(PolicyRefusal):
        registry.record(bank_b, "loan_issued", date(2025, 6, 1),
                        loan(borrower, "jcd-2025-001", "100000000.00"), ADMIN)
    line = registry.credit_line("quankedai")
    assert (line.drawn, line.loans) == (Decimal("100000000.00"), 1)
