"""Lending across entities: the city credit line loans draw on, and each borrower's loans.

Both are aggregates whose ids derive from their names and that are saved in the same `save()`
as the lender's fact (like the credit-code index): two writers drawing on one line, or claiming
one borrower's loan reference, collide in the event store, and the loser retries on the state
the winner left. So the line can never be overdrawn by writers racing past one check.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from i18n import Quoted, Text
from registry.entities import NAMESPACE
from registry.errors import FactNotAllowed
from registry.events import Fact
from registry.records import VOIDED, FactRecord, live_loan

# A loan flagged `quankedai` draws its principal on this line (泉科贷, article 10).
QUANKEDAI = "quankedai"


class CreditLine(Aggregate):
    """A city relending line (泉科贷支小再贷款专项额度) that flagged loans draw down."""

    @staticmethod
    def create_id(name: str) -> UUID:
        return uuid5(NAMESPACE, f"credit-line:{name}")

    @event("Opened")
    def __init__(self, name: str):
        self.name = name
        self.drawn = Decimal("0.00")
        self.loans = 0

    @event("Drawn")
    def draw(self, amount: Decimal, lender_id: str, loan_ref: str, event_id: str) -> None:
        self.drawn += amount
        self.loans += 1

    @event("Released")
    def release(self, amount: Decimal, lender_id: str, loan_ref: str, event_id: str) -> None:
        """A loan that drew on the line was voided (贷款登记作废): its principal is the line's again."""
        self.drawn -= amount
        self.loans -= 1


class BorrowerLoan(Aggregate):
    """Claims a loan reference for one borrower and says whose loan it is, so the borrower's
    own facts (an IP-pledge subsidy naming the loan) can be tied to it at the door."""

    @staticmethod
    def create_id(borrower_id: str, loan_ref: str) -> UUID:
        return uuid5(NAMESPACE, f"loan:{borrower_id}:{loan_ref}")

    @event("Claimed")
    def __init__(self, borrower_id: str, loan_ref: str, lender_id: str, event_id: str,
                 category: str, principal: Decimal, start_on: date):
        self.borrower_id = borrower_id
        self.loan_ref = loan_ref
        self.hold(lender_id, event_id, category, principal, start_on)

    @event("Reclaimed")
    def reclaim(self, lender_id: str, event_id: str, category: str, principal: Decimal,
                start_on: date) -> None:
        """The reference, released by a void, recorded again (by the same lender or another)."""
        self.hold(lender_id, event_id, category, principal, start_on)

    def hold(self, lender_id: str, event_id: str, category: str, principal: Decimal,
             start_on: date) -> None:
        """What a claim holds of the loan: assigned alike when claimed and when claimed again."""
        self.lender_id = lender_id
        self.event_id = event_id
        self.category = category
        self.principal = principal
        self.start_on = start_on
        self.voided = False

    @event("Voided")
    def void(self, event_id: str) -> None:
        """Its lender voided the loan (贷款登记作废): the reference is free to be recorded again."""
        self.voided = True

    def to_json(self) -> dict[str, Any]:
        return {"loan_ref": self.loan_ref, "lender_entity_id": self.lender_id,
                "loan_event_id": self.event_id, "category": self.category,
                "principal": self.principal, "start_on": self.start_on}


class Lending:
    """Mixed into the Registry application (it provides `find`)."""

    find: Any

    def credit_line(self, name: str) -> CreditLine:
        """The line as drawn so far; a line never drawn on is opened (saved with its first draw)."""
        line = self.find(CreditLine.create_id(name))
        return CreditLine(name) if line is None else line

    def loan_of(self, borrower_id: str, loan_ref: str) -> dict[str, Any] | None:
        """The loan a borrower's reference names, as its lender recorded it, or None."""
        loan = self.find(BorrowerLoan.create_id(borrower_id, loan_ref))
        return None if loan is None or loan.voided else loan.to_json()

    def line_to_draw(self, type_name: str, data: dict[str, Any]) -> CreditLine | None:
        """The line this fact draws on, if any; a loan reference already used is refused."""
        if type_name != "loan_issued":
            return None
        borrower, ref = str(data["borrower_entity_id"]), data["loan_ref"]
        if self.loan_of(borrower, ref) is not None:
            raise FactNotAllowed(Text("loan_ref %(ref)s is already recorded for borrower %(borrower)s: "
                                      "give each of a borrower's loans its own reference",
                                      ref=Quoted(ref), borrower=borrower))
        return self.credit_line(QUANKEDAI) if data["quankedai"] else None

    def lending_effects(self, fact: Fact, line: CreditLine | None, event_id: str,
                        history: Sequence[FactRecord]) -> list[Aggregate]:
        """The aggregates to save with a loan (the borrower's claim and the line's draw), or with
        its void (the claim released, the principal given back to the line it drew on).
        `history`: the lender's, before the fact."""
        if fact.type == VOIDED:
            return self._released(fact, history, event_id)
        if fact.type != "loan_issued":
            return []
        d, lender = fact.data, str(fact.originator_id)
        claim_id = BorrowerLoan.create_id(str(d["borrower_entity_id"]), d["loan_ref"])
        loan, terms = self.find(claim_id), (d["category"], d["principal"], d["start_on"])
        if loan is None:
            loan = BorrowerLoan(str(d["borrower_entity_id"]), d["loan_ref"], lender, event_id, *terms)
        else:  # voided, or line_to_draw would have refused it
            loan.reclaim(lender, event_id, *terms)
        if line is None:
            return [loan]
        line.draw(d["principal"], lender, d["loan_ref"], event_id)
        return [loan, line]

    def _released(self, fact: Fact, history: Sequence[FactRecord], event_id: str) -> list[Aggregate]:
        voided = live_loan(history, fact.data["loan_ref"])
        if voided is None:
            raise FactNotAllowed(Text("loan_ref %(ref)s names no loan of this lender to void",
                                      ref=Quoted(fact.data["loan_ref"])))
        d = voided.data
        loan = self.find(BorrowerLoan.create_id(str(d["borrower_entity_id"]), d["loan_ref"]))
        released: list[Aggregate] = []
        if loan is not None and not loan.voided:  # every loan recorded through the registry has one
            loan.void(event_id)
            released.append(loan)
        if d["quankedai"]:
            line = self.credit_line(QUANKEDAI)
            line.release(d["principal"], str(fact.originator_id), d["loan_ref"], event_id)
            released.append(line)
        return released
