"""A borrower's standing as its lenders' loans hold it for 12.2, kept true when the park learns
better of the borrower.

A lender's loan captures at the door what 12.2 needs of the borrower (its entry date and whether
it was incubating at the loan's start), so the policy engine reads one history. When a fact on
the borrower changes that (its entry date corrected, an incubation fact recorded late but dated
before a loan's start), the same `save()` records on each affected lender a system fact
restating the standing (`loan_borrower_standing_restated`), naming the fact that caused it:
nothing stored is changed, and the engine reads the latest standing of each loan.

Each borrower's loans are listed in an index aggregate whose id derives from the borrower. A
loan and a fact that may change the standing both append to it in their own save, and both read
it before reading the borrower: so neither can pass the other unseen, and the later retries on
what the earlier left (the credit-code and credit-line indexes work the same way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.entities import NAMESPACE, ParkEntity
from registry.events import Fact
from registry.matter_names import same_matter
from registry.records import (
    INCUBATION_TYPES,
    STANDING,
    VOIDED,
    FactRecord,
    borrower_standing,
    live_loan,
    restatement_of,
)

# A claim listed as (loan_ref, lender_id, start_on).
Listing = tuple[str, str, date]
# A borrower's facts that name one of its loans, which the door ties to it.
LOAN_FACTS = ("ip_pledge_loan_subsidised",)


def may_change_standing(type_name: str, data: dict[str, Any]) -> bool:
    """Whether a fact on an enterprise may change what a loan to it holds of its standing."""
    return type_name in INCUBATION_TYPES or (type_name == "registration_corrected" and "entered_on" in data)


class BorrowerLoans(Aggregate):
    """One borrower's loans, each with its lender and start: what a fact on the borrower looks
    through to find the loans whose standing it changes."""

    @staticmethod
    def create_id(borrower_id: str) -> UUID:
        return uuid5(NAMESPACE, f"loans-of:{borrower_id}")

    @event("Opened")
    def __init__(self, borrower_id: str):
        self.borrower_id = borrower_id
        self.loans: tuple[Listing, ...] = ()

    @event("Listed")
    def list_loan(self, loan_ref: str, lender_id: str, start_on: date) -> None:
        self.loans = (*self.loans, (loan_ref, lender_id, start_on))

    @event("Delisted")
    def delist_loan(self, loan_ref: str, lender_id: str) -> None:
        """Its lender voided the loan (贷款登记作废): no later fact restates its standing."""
        self.loans = tuple(x for x in self.loans if x[:2] != (loan_ref, lender_id))

    @event("StandingFactNoted")
    def note_standing_fact(self, event_id: str) -> None:
        self.last_standing_fact = event_id

    @event("LoanFactNoted")
    def note_loan_fact(self, event_id: str) -> None:
        """A fact of the borrower tied to one of its loans (an IP-pledge subsidy): noted so that
        it and a void of the loan, each reading the index before deciding, collide."""
        self.last_loan_fact = event_id


class EarlierLoansListed(Aggregate):
    """Saved once every loan claimed before the indexes is in its borrower's index, so that
    later upgrades do not scan the whole log for them again."""

    @staticmethod
    def create_id() -> UUID:
        return uuid5(NAMESPACE, "earlier-loans-listed")

    @event("Listed")
    def __init__(self, loans: int):
        self.loans = loans


class BorrowerStanding:
    """Mixed into the Registry application (it provides `find`, `clock` and
    `state_and_history`); registry.earlier_loans lists the loans claimed before the indexes."""

    find: Any
    clock: Any
    state_and_history: Any

    def loans_of(self, borrower_id: str) -> BorrowerLoans:
        """The borrower's loan index; one never written to is opened (saved with its first use)."""
        index = self.find(BorrowerLoans.create_id(borrower_id))
        return BorrowerLoans(borrower_id) if index is None else index

    def standing_index(self, entity: ParkEntity, history: Sequence[FactRecord], type_name: str,
                       data: dict[str, Any]) -> BorrowerLoans | None:
        """The index a fact appends to, read before the door reads the borrower: a loan's or a
        voided loan's borrower's, or the enterprise's own for a fact that may change its standing
        or that names one of its loans. `history`: the entity's, before the fact."""
        if type_name == "loan_issued":
            return self.loans_of(str(data["borrower_entity_id"]))
        if type_name == VOIDED:
            voided = live_loan(history, data["loan_ref"])
            return None if voided is None else self.loans_of(str(voided.data["borrower_entity_id"]))
        if entity.kind == "enterprise" and (type_name in LOAN_FACTS or may_change_standing(type_name, data)):
            return self.loans_of(str(entity.id))
        return None

    def standing_effects(self, index: BorrowerLoans | None, fact: Fact,
                         history: Sequence[FactRecord], cause_id: str) -> list[Aggregate]:
        """What to save beside the fact: the loan listed or delisted, or the fact noted and each
        lender whose loan's standing it changed, with that restated. `history`: the entity's,
        the fact included."""
        if index is None:
            return []
        if fact.type == "loan_issued":
            index.list_loan(fact.data["loan_ref"], str(fact.originator_id), fact.data["start_on"])
            return [index]
        if fact.type == VOIDED:
            self._delist(index, str(fact.originator_id), fact.data["loan_ref"])
            return [index]
        if fact.type in LOAN_FACTS:
            if not index.pending_events:  # opening an index is appending to it already
                index.note_loan_fact(cause_id)
            return [index]
        if not index.pending_events:
            index.note_standing_fact(cause_id)
        by_lender: dict[str, list[Listing]] = defaultdict(list)
        for listing in index.loans:
            by_lender[listing[1]].append(listing)
        lenders = [self._restate(UUID(lender), loans, fact, history, cause_id)
                   for lender, loans in by_lender.items()]
        return [index, *(lender for lender in lenders if lender.pending_events)]

    @staticmethod
    def _delist(index: BorrowerLoans, lender: str, loan_ref: str) -> None:
        ref = same_matter(loan_ref)
        for listed in [r for r, by, _ in index.loans if by == lender and same_matter(r) == ref]:
            index.delist_loan(listed, lender)

    def _restate(self, lender_id: UUID, loans: list[Listing], fact: Fact,
                 history: Sequence[FactRecord], cause_id: str) -> Any:
        lender, lender_history = self.state_and_history(lender_id)
        for ref, _, start_on in loans:
            now = borrower_standing(history, start_on)
            if _held(lender_history, ref) != now:
                lender.restate_borrower_standing(fact.occurred_on, {
                    "loan_ref": ref, "borrower_entity_id": str(fact.originator_id), **now,
                    "cause_entity_id": str(fact.originator_id), "cause_event_id": cause_id,
                    "cause_type": fact.type}, self.clock())
        return lender


def _held(lender_history: Sequence[FactRecord], loan_ref: str) -> dict[str, Any]:
    """The standing the lender's loan holds now: restated, or as captured at the door."""
    found = restatement_of(lender_history, loan_ref) or live_loan(lender_history, loan_ref)
    return {} if found is None else {k: found.data.get(k) for k in STANDING}
