"""Lending across entities: the city credit line loans draw on, and each borrower's loans.

Both are aggregates whose ids derive from their names and that are saved in the same `save()`
as the lender's fact (like the credit-code index): two writers drawing on one line, or claiming
one borrower's loan reference, collide in the event store, and the loser retries on the state
the winner left. So the line can never be overdrawn by writers racing past one check.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from i18n import Quoted, Text
from registry.entities import NAMESPACE
from registry.errors import FactNotAllowed
from registry.events import Fact

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
        self.lender_id = lender_id
        self.event_id = event_id
        self.category = category
        self.principal = principal
        self.start_on = start_on

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
        return None if loan is None else loan.to_json()

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

    def lending_effects(self, fact: Fact, line: CreditLine | None, event_id: str) -> list[Aggregate]:
        """The aggregates to save with a loan: the borrower's claim and the line's draw."""
        if fact.type != "loan_issued":
            return []
        d, lender = fact.data, str(fact.originator_id)
        loan = BorrowerLoan(str(d["borrower_entity_id"]), d["loan_ref"], lender, event_id,
                            d["category"], d["principal"], d["start_on"])
        if line is None:
            return [loan]
        line.draw(d["principal"], lender, d["loan_ref"], event_id)
        return [loan, line]
