"""A loan's borrower standing (12.2) stays true on each backend: a correction racing a new loan
to the same borrower never leaves the loan with the standing the correction replaced, and loans
recorded before borrowers' loan indexes existed are listed by `jcg db upgrade`."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from projections.policy import entitlements
from registry.records import STANDING, borrower_standing, restatement_of
from tests.integration.test_concurrent_writes import race
from tests.integration.test_lending import lender, loan
from tests.park import ADMIN, register

START = date(2025, 6, 1)


def held_standing(registry, bank: UUID, ref: str) -> dict:
    history = registry.history(bank)
    found = restatement_of(history, ref) or next(e for e in history if e.type == "loan_issued"
                                                and e.data["loan_ref"] == ref)
    return {k: found.data[k] for k in STANDING}


def early_rd(borrower: UUID, ref: str) -> dict:
    return {**loan(borrower, ref, "1000000.00", "early_rd_credit"), "quankedai": False}


def writers(registry, borrower: UUID, bank: UUID, ref: str):
    """Writer 0 lends to the borrower, writer 1 corrects its entry date."""
    def write(i: int) -> dict:
        if i == 0:
            return registry.record(bank, "loan_issued", START, early_rd(borrower, ref), ADMIN)
        return registry.record(borrower, "registration_corrected", date(2026, 2, 1),
                               {"entered_on": "2019-01-02"}, ADMIN)
    return write


def test_a_correction_racing_a_loan_to_the_same_borrower_is_never_lost(services) -> None:
    """12.2 早期、初创期: whichever of the two is saved first, the loan ends up holding the
    borrower's entry date as corrected."""
    registry = services.registry
    for n in range(4):
        borrower, bank = register(registry, 10 + n), lender(registry, 20 + n)
        ref = f"RD-{n}"
        outcomes = race(2, writers(registry, borrower, bank, ref))
        assert all(isinstance(o, dict) for o in outcomes), outcomes
        truth = borrower_standing(registry.history(borrower), START)
        assert truth["borrower_registered_on"] == date(2019, 1, 2)
        assert held_standing(registry, bank, ref) == truth


def test_loans_recorded_before_the_index_existed_are_listed_by_the_upgrade(
        services, database_url, monkeypatch) -> None:
    """12.2: a database from before the borrowers' loan indexes: `jcg db upgrade` lists its
    loans, so a later correction of the borrower restates them too."""
    from cli.main import main

    registry = services.registry
    borrower, bank = register(registry, 2), lender(registry, 3)
    with monkeypatch.context() as old:  # the registry as it was: the loan saved without a listing
        old.setattr(type(registry), "standing_index", lambda *args: None)
        registry.record(bank, "loan_issued", START, early_rd(borrower, "OLD-1"), ADMIN)
    registry.record(bank, "loan_principal_lost", date(2026, 1, 5),
                    {"loan_ref": "OLD-1", "amount": "100000.00", "provincial_share_rate": "0.45"}, ADMIN)
    assert registry.loans_of(str(borrower)).loans == ()

    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    assert registry.loans_of(str(borrower)).loans == (("OLD-1", str(bank), START),)
    assert registry.list_earlier_loans() == 0  # a second run lists nothing again

    registry.record(borrower, "registration_corrected", date(2026, 2, 1), {"entered_on": "2019-01-02"},
                    ADMIN)
    [e] = [e for e in entitlements(registry.history(bank), services.policy) if e.clause == "12.2"]
    assert e.status == "ineligible" and "registration corrected" in e.explanation
