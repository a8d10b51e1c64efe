"""What the engine returns: entitlements, deadlines, and the refusal it raises at the door."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from i18n import ClauseId, Series, Term, Text, labels
from i18n.text import encode

from .money import ZERO, plain

ELIGIBLE = "eligible"
APPROVED = "approved"
DISBURSED = "disbursed"
EXPIRED = "expired"
SUPERSEDED = "superseded"
REVOKED = "revoked"
INELIGIBLE = "ineligible"
AWAITING_RENEWAL = "awaiting_renewal"
# Paid more than is owed (应追回): `recoverable` says how much.
OVERPAID = "overpaid"
# 3.2: the exit deadline has passed with fiscal money still outstanding.
OVERDUE = "overdue"
# A period (a year, a term in kind) that begins after the entity departed the park: owes nothing.
ENDED = "ended"
STATUSES = (ELIGIBLE, APPROVED, DISBURSED, EXPIRED, SUPERSEDED, REVOKED, INELIGIBLE,
            AWAITING_RENEWAL, OVERPAID, OVERDUE, ENDED)
# Statuses under which nothing is owed, whatever the amount assessed.
OWES_NOTHING = (INELIGIBLE, SUPERSEDED, REVOKED, ENDED)
# No benefit at all to weigh: superseded is not among them, support received elsewhere (不重复)
# pays the benefit, it does not void it.
VOID = (INELIGIBLE, ENDED, REVOKED)
# Only these may still be paid; the rest owe nothing now (or, awaiting renewal, not yet).
PAYABLE = (ELIGIBLE, APPROVED, DISBURSED)
# Those whose amount is money owed under this policy, paid or not: what a year's totals count.
# An overpaid one still owes its amount (what was paid beyond it is `recoverable`).
OWED = (*PAYABLE, OVERPAID)
# Of them, those a review approved: a payment needs one, so an overpaid one was approved.
REVIEWED_OWED = (APPROVED, DISBURSED, OVERPAID)


def fiscal_owed(status: str, fiscal: bool, amount: Decimal | None) -> Decimal:
    """What a year's totals count of an entitlement: fiscal money owed under this policy (an
    overpaid one's too: its amount is what it is owed); superseded, revoked, ineligible and
    renewal-bound count nothing, nor does 4.2's reward paid from the contract."""
    return amount if status in OWED and fiscal and amount is not None else ZERO


@dataclass(frozen=True)
class Entitlement:
    """An amount or benefit an entity may receive under one clause, with its arithmetic."""

    id: str
    entity_id: str
    clause: str
    title: str
    kind: str
    amount: Decimal | None
    # What was paid on it, net of what was recovered (`recovered`).
    disbursed: Decimal
    year: int | None
    valid_from: date | None
    expires_on: date | None
    status: str
    basis: tuple[str, ...]
    policy_version: str | None
    fiscal: bool
    responsible_units: tuple[str, ...]
    explanation: str
    # Named figures of a position (3.2) or a ratio (13), money as Decimal.
    figures: Mapping[str, Decimal] = field(default_factory=dict, hash=False)
    # 应追回: what was paid beyond what is owed, "0.00" unless the status is overpaid.
    recoverable: Decimal = ZERO
    # One matter, one benefit: what identifies the matter under its clause, the event that
    # brought it (the entitlement's subject), and the earlier event holding it if this is a
    # second recording of it (then nothing is owed here).
    matter: tuple[str, ...] = field(default=(), hash=False)
    subject: str | None = None
    held_by: str | None = None
    # 就高 weighs this, not `amount`: support received elsewhere (不重复) lowers only what the
    # winner still owes, and money the policy in force does not owe (a period awaiting renewal,
    # ended, ineligible or revoked) wins nothing.
    worth: Decimal = ZERO
    # What its latest review approved (stored on the approval at the door), or None: not
    # reviewed, or approved before approvals carried their amount (then the whole amount).
    approved: Decimal | None = None
    # 追回: what was recovered of the money paid on it; `disbursed` is already net of it.
    recovered: Decimal = ZERO

    @property
    def payable(self) -> Decimal:
        """What may still be paid on it now."""
        if self.amount is None or self.status not in PAYABLE:
            return ZERO
        # Paid no further than a review approved: money the entitlement gained since (a later
        # report of the same year adds up) waits for a review of its own.
        reviewed = self.amount if self.approved is None else min(self.amount, self.approved)
        return max(ZERO, reviewed - self.disbursed)

    @property
    def counts_against_cap(self) -> bool:
        """Whether its amount uses room under a cap shared across years or matters."""
        return self.status not in OWES_NOTHING and bool(self.amount)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "entity_id": self.entity_id, "clause": self.clause,
            "title": self.title, "kind": self.kind,
            "amount": None if self.amount is None else plain(self.amount),
            "disbursed": plain(self.disbursed), "year": self.year,
            "valid_from": _iso(self.valid_from), "expires_on": _iso(self.expires_on),
            "status": self.status, "basis": list(self.basis),
            "policy_version": self.policy_version, "fiscal": self.fiscal,
            "responsible_units": list(self.responsible_units),
            "explanation": self.explanation,
            # The same explanation as data (i18n.Text), rendered in the reader's language.
            "terms": encode(self.explanation),
            "figures": {k: _figure(v) for k, v in self.figures.items()},
            "recoverable": plain(self.recoverable),
            "approved": None if self.approved is None else plain(self.approved),
            "recovered": plain(self.recovered),
        }


@dataclass(frozen=True)
class Deadline:
    """A date someone must act by: an expiry, a window's end, the policy's own end (the whole
    park's: `entity_id` None)."""

    entity_id: str | None
    clause: str | None
    what: str
    due_on: date
    entitlement_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id, "clause": self.clause, "what": self.what,
                "due_on": self.due_on.isoformat(), "entitlement_id": self.entitlement_id}


class PolicyRefusal(Exception):
    """A recorded fact the policy does not allow, naming the clause and the limit.

    `figures` keeps the numbers the message cites, so the refusal can be rendered again (in
    another language) without parsing the message.
    """

    status = 422

    def __init__(self, clause: str, message: str, field: str | None = None,
                 figures: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.clause = clause
        self.message = message
        self.field = field
        self.figures = dict(figures or {})


class MatterAlreadyEntitled(PolicyRefusal):
    """不重复: the matter is already entitled under the clause, by an earlier event (409)."""

    status = 409

    def __init__(self, clause: str, matter: Mapping[str, Any], earlier_event_id: str) -> None:
        # Each field of the matter by its name in English and by its label in Chinese.
        what = Series(Term(f"{k} {v}", f"{labels.field(k)}“{v}”") for k, v in matter.items())
        super().__init__(clause, Text(
            "%(clause)s: %(matter)s is already entitled under %(clause)s by event %(event)s "
            "(one matter, one benefit: 不重复); to change its figures, revoke that entitlement "
            "and record it anew", clause=ClauseId(clause), matter=what, event=earlier_event_id),
            None, {"matter": dict(matter), "earlier_event_id": earlier_event_id})
        self.earlier_event_id = earlier_event_id


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _figure(value: Any) -> Any:
    # Money figures are already quantized to the fen, so str() gives "1000.00"; ratios keep
    # their own places.
    return str(value) if isinstance(value, Decimal) else value
