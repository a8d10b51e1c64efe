"""Where an entitlement's status is decided, and nowhere else.

Three steps: `away_on` says whether a period begins while the entity is out of the park
(`ended`); `reviewed` applies the review ledger recorded against the entitlement (approval,
disbursement, recovery, revocation) to the status its rule gave, and finds what was paid
beyond what is owed (应追回); `lapsed` adds what the park's date changes (a benefit in kind whose term is
over, an overdue exit). Every resource (an entity's entitlements, the year's subsidies, the
exports, the console, the deadlines) reads statuses these steps gave, through
`engine.entitlements` or `engine.expire_view`.

Money owed never lapses: what is owed for a year that is over stays owed (eligible, approved)
until it is paid or revoked; nothing in the policy makes unpaid money expire.
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
    ENDED,
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
# Kinds whose benefit is not money: only these expire when their term is over (1.2's space,
# 3.2's position). Money (one_time, annual) stays owed until paid or revoked.
IN_KIND = ("in_kind", "status")
# Kinds whose entitlements are periods (a year, a term in kind): one beginning after the
# entity departed is ended.
PERIODIC = ("annual", "in_kind")
ONE_TIME = "one_time"
# The readings of `after_departure` (policy data): whether a period beginning on the very day
# of the departure is ended too.
FROM_DEPARTURE_DAY = "ended_from_departure_day"
PRESENCE = ("departed", "reentered")


def away_on(presence: Sequence[FactRecord], first: date, version: Any = None) -> FactRecord | None:
    """The departure (迁出) the entity was away by on `first`, the first day of a period, or None
    while it was in the park: the last departure or re-entry by the events' own dates (on the
    same day, in the order recorded) decides. A re-entry on `first` counts: the entity is back
    for the period; a departure on it, as the version in force reads `after_departure`."""
    reading = (version.params if version else {}).get("after_departure", FROM_DEPARTURE_DAY)
    last = None
    for e in sorted(presence, key=lambda e: (e.occurred_on, e.version)):
        if e.occurred_on < first or (e.occurred_on == first and (
                e.type == "reentered" or reading == FROM_DEPARTURE_DAY)):
            last = e
    return last if last is not None and last.type == "departed" else None


def ended(amount: Decimal | None, text: str, departure: FactRecord
          ) -> tuple[Decimal | None, str, str]:
    """(amount, status, explanation) of a period beginning after the entity departed: nothing
    is owed on it (in kind: no benefit)."""
    return (None if amount is None else ZERO, ENDED,
            then(text, Text("ended: the entity departed the park (迁出) on %(day)s, before this "
                            "period began; nothing is owed for it", day=departure.occurred_on)))


def reviewed(amount: Decimal | None, status: str, text: str, reviews: Sequence[FactRecord]
             ) -> tuple[Decimal | None, str, str, Decimal, Decimal]:
    """(amount owed, status, explanation, paid, recoverable, recovered) once the ledger is
    applied: `paid` is what was disbursed less what was recovered (追回) of it."""
    if not reviews:  # most entitlements: nothing reviewed yet, so nothing to add up
        return amount, status, text, ZERO, ZERO, ZERO
    paid = q(sum((e.data["amount"] for e in reviews if e.type == "entitlement_disbursed"), ZERO))
    if paid:
        text = then(text, Text("disbursed %(paid)s", paid=Yuan(paid)) if amount is None
                    else Text("disbursed %(paid)s of %(amount)s", paid=Yuan(paid),
                              amount=Yuan(amount)))
    recovered = q(sum((e.data["amount"] for e in reviews if e.type == "entitlement_recovered"), ZERO))
    if recovered:
        text = then(text, Text("recovered %(recovered)s (追回): net paid %(paid)s − %(recovered)s = "
                               "%(net)s", recovered=Yuan(recovered), paid=Yuan(paid),
                               net=Yuan(paid - recovered)))
        paid -= recovered
    revocation = revoked(reviews)
    if revocation is not None:
        status = REVOKED
        text = then(text, Text("revoked: %(reason)s", reason=revocation.data.get("reason", "")))
    elif status == ELIGIBLE and amount is not None and amount > 0 and paid >= amount:
        status = DISBURSED
    elif status == ELIGIBLE and any(e.type == "entitlement_approved" for e in reviews):
        status, text = APPROVED, then(text, Text("approved"))
        approved = approved_amount(reviews)
        if approved is not None and amount is not None and amount > approved:
            text = then(text, Text("the review approved %(approved)s; the %(rest)s owed since awaits "
                                   "a review of its own", approved=Yuan(approved),
                                   rest=Yuan(amount - approved)))
    owed = ZERO if status in (REVOKED, INELIGIBLE, ENDED) or amount is None else amount
    if paid <= owed:
        return amount, status, text, paid, ZERO, recovered
    # 应追回: support recorded later (不重复) or a revocation leaves less owed than was paid.
    recoverable = paid - owed
    text = then(text, _overpaid(paid, owed))
    return owed, OVERPAID, text, paid, recoverable, recovered


def approved_amount(reviews: Sequence[FactRecord]) -> Decimal | None:
    """What the latest approval approved, as the door stored it with the approval; None when
    none did (not approved, or approved before approvals carried their amount)."""
    approval = next((e for e in reversed(reviews) if e.type == "entitlement_approved"), None)
    return None if approval is None else approval.data.get("amount")


def revoked(reviews: Sequence[FactRecord]) -> FactRecord | None:
    """The last revocation in the ledger, if any: a revoked entitlement is void, even once its
    payment leaves it overpaid."""
    return next((e for e in reversed(reviews) if e.type == "entitlement_revoked"), None)


def lapsed(kind: str, status: str, expires_on: date | None, figures: Mapping[str, Any],
           today: date) -> str | None:
    """The status the park's date gives instead, or None: past its last day a benefit in kind
    still lapsing has expired, unless money is outstanding on it (3.2's exit), which is overdue.
    Money owed does not lapse."""
    if status not in LAPSING or expires_on is None or expires_on >= today:
        return None
    outstanding = figures.get("outstanding")
    if outstanding is not None and Decimal(outstanding) > 0:
        return OVERDUE
    return EXPIRED if kind in IN_KIND else None


def lapses(view: Mapping[str, Any]) -> bool:
    """Whether the park's date will ever change this entitlement's status (`to_json()` form)."""
    return view["expires_on"] is not None and lapsed(
        view["kind"], view["status"], date.fromisoformat(view["expires_on"]),
        view.get("figures") or {}, date.max) is not None


def lapse_note(status: str, expires_on: date) -> Text:
    if status == OVERDUE:
        return Text("overdue: the exit deadline %(day)s has passed with money outstanding",
                    day=expires_on)
    return Text("expired after %(day)s", day=expires_on)


def _overpaid(paid: Decimal, owed: Decimal) -> Text:
    return Text("overpaid: 应追回 recoverable = paid %(paid)s − owed %(owed)s = %(recoverable)s",
                paid=Yuan(paid), owed=Yuan(owed), recoverable=Yuan(paid - owed))


def returned(e: Entitlement, amount: Decimal, void: bool) -> Entitlement:
    """The entitlement once `amount` of the money paid on it beyond what it owes (应追回) has come
    back by another road (3.1's money recovered as an exit under 3.2): recovered whole, a void
    one is revoked again and one paid beyond what support elsewhere left owed is disbursed, as
    after 追回. `disbursed` stays what was paid: the exit is the position's to count."""
    left = e.recoverable - amount
    text = then(e.explanation, Text(
        "%(returned)s came back under 3.2 (invest_first_recovered): 应追回 %(was)s − %(returned)s "
        "= %(left)s", returned=Yuan(amount), was=Yuan(e.recoverable), left=Yuan(left)))
    status = OVERPAID if left > 0 else REVOKED if void else DISBURSED
    return replace(e, status=status, recoverable=left, explanation=text)


def superseded(e: Entitlement, why: str) -> Entitlement:
    """The entitlement once a higher benefit replaces it (就高): nothing more is owed on it,
    and what was already paid on it is to be recovered."""
    owed = None if e.amount is None else ZERO
    if e.disbursed > 0:
        return replace(e, amount=owed, status=OVERPAID, recoverable=e.disbursed, worth=ZERO,
                       explanation=then(then(e.explanation, why), _overpaid(e.disbursed, ZERO)))
    return replace(e, amount=owed, status=SUPERSEDED, worth=ZERO,
                   explanation=then(e.explanation, why))
