"""Where an entitlement's status is decided, and nowhere else.

Two steps: `reviewed` applies the review ledger recorded against the entitlement (approval,
disbursement, revocation) to the status its rule gave, and finds what was paid beyond what is
owed (应追回); `on_day` adds what the park's date changes (expiry, an overdue exit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from i18n import Text, Yuan, then
from registry.records import FactRecord

from .model import (
    APPROVED,
    DISBURSED,
    ELIGIBLE,
    EXPIRED,
    INELIGIBLE,
    OVERDUE,
    OVERPAID,
    REVOKED,
    SUPERSEDED,
    Entitlement,
)
from .money import ZERO, q

# Statuses that turn to expired (or overdue) once the benefit's last day has passed.
LAPSING = (ELIGIBLE, APPROVED)


def reviewed(amount: Decimal | None, status: str, text: str, reviews: Sequence[FactRecord]
             ) -> tuple[Decimal | None, str, str, Decimal, Decimal]:
    """(amount owed, status, explanation, paid, recoverable) once the ledger is applied."""
    if not reviews:  # most entitlements: nothing reviewed yet, so nothing to add up
        return amount, status, text, ZERO, ZERO
    paid = q(sum((e.data["amount"] for e in reviews if e.type == "entitlement_disbursed"), ZERO))
    if paid:
        text = then(text, Text("disbursed %(paid)s", paid=Yuan(paid)) if amount is None
                    else Text("disbursed %(paid)s of %(amount)s", paid=Yuan(paid),
                              amount=Yuan(amount)))
    revoked = [e for e in reviews if e.type == "entitlement_revoked"]
    if revoked:
        status = REVOKED
        text = then(text, Text("revoked: %(reason)s", reason=revoked[-1].data.get("reason", "")))
    elif status == ELIGIBLE and amount is not None and amount > 0 and paid >= amount:
        status = DISBURSED
    elif status == ELIGIBLE and any(e.type == "entitlement_approved" for e in reviews):
        status, text = APPROVED, then(text, Text("approved"))
    owed = ZERO if status in (REVOKED, INELIGIBLE) or amount is None else amount
    if paid <= owed:
        return amount, status, text, paid, ZERO
    # 应追回: support recorded later (不重复) or a revocation leaves less owed than was paid.
    recoverable = paid - owed
    text = then(text, _overpaid(paid, owed))
    return owed, OVERPAID, text, paid, recoverable


def lapsed(status: str, expires_on: date | None, figures: Mapping[str, Any], today: date
           ) -> str | None:
    """The status the park's date gives instead, or None: past its last day a benefit still
    lapsing has expired, unless money is outstanding on it (3.2's exit), which is overdue."""
    if status not in LAPSING or expires_on is None or expires_on >= today:
        return None
    outstanding = figures.get("outstanding")
    if outstanding is not None and Decimal(outstanding) > 0:
        return OVERDUE
    return EXPIRED


def lapse_note(status: str, expires_on: date) -> Text:
    if status == OVERDUE:
        return Text("overdue: the exit deadline %(day)s has passed with money outstanding",
                    day=expires_on)
    return Text("expired after %(day)s", day=expires_on)


def _overpaid(paid: Decimal, owed: Decimal) -> Text:
    return Text("overpaid: 应追回 recoverable = paid %(paid)s − owed %(owed)s = %(recoverable)s",
                paid=Yuan(paid), owed=Yuan(owed), recoverable=Yuan(paid - owed))


def superseded(e: Entitlement, why: str) -> Entitlement:
    """The entitlement once a higher benefit replaces it (就高): nothing more is owed on it,
    and what was already paid on it is to be recovered."""
    owed = None if e.amount is None else ZERO
    if e.disbursed > 0:
        return replace(e, amount=owed, status=OVERPAID, recoverable=e.disbursed,
                       explanation=then(then(e.explanation, why), _overpaid(e.disbursed, ZERO)))
    return replace(e, amount=owed, status=SUPERSEDED, explanation=then(e.explanation, why))
