"""贷款登记作废 on each backend: a void saved while another writer changes what it releases (the
泉科贷 line, the borrower's loans) collides with it and is decided again on what that writer left;
a registry restored from its events keeps a voided loan off the borrower's listing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from projections.policy import PolicyRefusal
from registry.errors import FactNotAllowed
from tests.integration.test_concurrent_writes import race
from tests.integration.test_lending import lender, loan
from tests.park import ADMIN, register

VOID = {"loan_ref": "Q-1", "reason": "本金录错"}


def saving_first(registry, monkeypatch, meanwhile: Callable[[], object]) -> list[object]:
    """The registry's next save runs `meanwhile` (another writer's whole record) first, once."""
    done: list[object] = []
    save = registry.save

    def other_writer_first(*aggregates, **kwargs):
        if not done:
            done.append(None)
            done[0] = meanwhile()
        return save(*aggregates, **kwargs)

    monkeypatch.setattr(registry, "save", other_writer_first)
    return done


def test_a_draw_saved_while_a_void_is_decided_is_kept_and_the_void_retried(services, monkeypatch) -> None:
    """10 设立5亿元“泉科贷”专项额度: Q-1's 450,000,000.00 (a mistake) is voided; before the void is
    saved, bank B draws 50,000,000.00. The void collides on the line, is decided again, and gives
    back only Q-1's principal: 50,000,000.00 drawn by one loan."""
    registry = services.registry
    borrower, bank_a, bank_b = register(registry, 1), lender(registry, 2), lender(registry, 3)
    registry.record(bank_a, "loan_issued", date(2025, 6, 1), loan(borrower, "Q-1", "450000000.00"), ADMIN)
    other = saving_first(registry, monkeypatch, lambda: registry.record(
        bank_b, "loan_issued", date(2025, 6, 1), loan(borrower, "Q-2", "50000000.00"), ADMIN))

    registry.record(bank_a, "loan_record_voided", date(2025, 6, 10), VOID, ADMIN)

    assert other and isinstance(other[0], dict)
    line = registry.credit_line("quankedai")
    assert (line.drawn, line.loans) == (Decimal("50000000.00"), 1)
    assert [ref for ref, _, _ in registry.loans_of(str(borrower)).loans] == ["Q-2"]


def test_a_subsidy_tied_to_the_loan_while_its_void_is_decided_stops_the_void(services, monkeypatch) -> None:
    """10 知识产权质押贷款贴息: the borrower's subsidy is tied to Q-1 after the void read the
    borrower's history and before it was saved. Both touch the borrower's loan index, so the void
    collides and, decided again, is refused: the subsidy stays tied to a loan that stands."""
    registry = services.registry
    borrower, bank = register(registry, 1), lender(registry, 2)
    registry.record(bank, "loan_issued", date(2025, 6, 1), loan(borrower, "Q-1", "1000000.00", "ip_pledge"),
                    ADMIN)
    saving_first(registry, monkeypatch, lambda: registry.record(
        borrower, "ip_pledge_loan_subsidised", date(2025, 9, 1),
        {"loan_ref": "Q-1", "interest_subsidy": "1000.00", "guarantee_fee_subsidy": "0.00"}, ADMIN))

    with pytest.raises(PolicyRefusal) as refused:
        registry.record(bank, "loan_record_voided", date(2025, 9, 2), VOID, ADMIN)

    assert "IP-pledge subsidy" in str(refused.value)
    assert [e.type for e in registry.history(bank)][-1] == "loan_issued"
    assert registry.loan_of(str(borrower), "Q-1") is not None
    assert registry.credit_line("quankedai").drawn == Decimal("1000000.00")


def test_two_lenders_recording_a_voided_reference_again_at_once_record_it_once(services) -> None:
    """The void released Q-1; two lenders record it again at once: both claim it again from the
    same state, so one collides and, decided again, is refused as a reference already recorded.
    The line draws one loan's principal."""
    registry = services.registry
    borrower, bank_a, bank_b = register(registry, 1), lender(registry, 2), lender(registry, 3)
    registry.record(bank_a, "loan_issued", date(2025, 6, 1), loan(borrower, "Q-1", "100000000.00"), ADMIN)
    registry.record(bank_a, "loan_record_voided", date(2025, 6, 10), VOID, ADMIN)

    outcomes = race(2, lambda i: registry.record(
        (bank_a, bank_b)[i], "loan_issued", date(2025, 6, 11), loan(borrower, "Q-1", "10000000.00"), ADMIN))

    [refused] = [o for o in outcomes if not isinstance(o, dict)]
    # Refused by the registry's claim on the reference or, when the winner's save lands between
    # that read and the door's, by the door reading the borrower's loans: either way as recorded.
    assert isinstance(refused, (FactNotAllowed, PolicyRefusal)) and "already recorded" in str(refused), outcomes
    line = registry.credit_line("quankedai")
    assert (line.drawn, line.loans) == (Decimal("10000000.00"), 1)
    assert len(registry.loans_of(str(borrower)).loans) == 1


def test_a_voided_loan_stays_off_the_listing_when_earlier_loans_are_listed(services) -> None:
    """`jcg restore` (and `jcg db upgrade`) list the loans claimed before the borrowers' indexes
    existed: a loan voided, and one voided then recorded again by another lender, are listed as
    they stand, so no later fact on the borrower restates the voided one."""
    registry = services.registry
    borrower, bank_a, bank_b = register(registry, 1), lender(registry, 2), lender(registry, 3)
    for ref in ("Q-1", "Q-2"):
        registry.record(bank_a, "loan_issued", date(2025, 6, 1), loan(borrower, ref, "1000000.00"), ADMIN)
        registry.record(bank_a, "loan_record_voided", date(2025, 6, 10), {**VOID, "loan_ref": ref}, ADMIN)
    registry.record(bank_b, "loan_issued", date(2025, 6, 11), loan(borrower, "Q-2", "100000.00"), ADMIN)
    listed = registry.loans_of(str(borrower)).loans
    assert listed == (("Q-2", str(bank_b), date(2025, 6, 1)),)

    assert registry.list_earlier_loans() == 0
    assert registry.loans_of(str(borrower)).loans == listed
    assert registry.loan_of(str(borrower), "Q-1") is None
    assert registry.loan_of(str(borrower), "Q-2")["lender_entity_id"] == str(bank_b)
    assert registry.credit_line("quankedai").drawn == Decimal("100000.00")
    assert isinstance(UUID(registry.loan_of(str(borrower), "Q-2")["loan_event_id"]), UUID)


def test_without_the_policy_door_the_registry_still_voids_only_a_loan_it_holds(services, monkeypatch) -> None:
    """The registry releases what the loan took from its own history, not from what the door
    derived: without the door (a registry wired alone), a void of no loan is refused, and one of
    a loan gives its principal back."""
    registry = services.registry
    borrower, bank = register(registry, 1), lender(registry, 2)
    registry.record(bank, "loan_issued", date(2025, 6, 1), loan(borrower, "Q-1", "7000000.00"), ADMIN)
    monkeypatch.setattr(registry, "admission", None)

    with pytest.raises(FactNotAllowed):
        registry.record(bank, "loan_record_voided", date(2025, 6, 10), {**VOID, "loan_ref": "Q-9"}, ADMIN)
    registry.record(bank, "loan_record_voided", date(2025, 6, 10), {**VOID, "loan_ref": "q-1"}, ADMIN)

    assert [e.type for e in registry.history(bank)][1:] == ["loan_issued", "loan_record_voided"]
    assert registry.credit_line("quankedai").drawn == Decimal("0.00")
    assert registry.loan_of(str(borrower), "Q-1") is None
