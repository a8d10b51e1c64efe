"""The policy engine: one pure function from an entity's history to its entitlements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from i18n import Text, then
from i18n.text import decode
from registry.records import FactRecord

from .annual import agency_performance, fund_investments, major_projects
from .book import PolicyBook
from .context import Context
from .finance import guarantee_fee_gaps, loss_compensations
from .matters import failure_ratio, free_space, industrialisation, positions, self_initiated
from .model import APPROVED, ELIGIBLE, EXPIRED, Entitlement
from .one_time import one_time
from .platforms import equipment, operating
from .talent import talent_subsidies

RULES = (free_space, industrialisation, equipment, operating, agency_performance,
         self_initiated, major_projects, talent_subsidies, fund_investments, failure_ratio,
         loss_compensations, guarantee_fee_gaps)


def entitlements(events: Sequence[FactRecord], book: PolicyBook,
                 today: date | None = None) -> list[Entitlement]:
    """Everything the entity's history (oldest first) entitles it to, under the book.

    `today` is the park's date; with it, benefits still unpaid past their expiry are marked
    expired. Without it nothing expires, so the result depends on the history alone.
    """
    ctx = Context(events, book)
    found = one_time(ctx)
    found += positions(ctx, [e for e in found if e.clause == "3.1"])
    for rule in RULES:
        found += rule(ctx)
    if today is not None:
        found = [_expire(e, today) for e in found]
    return sorted(found, key=_order)


# Statuses that turn to expired once the benefit's last day has passed.
LAPSING = (ELIGIBLE, APPROVED)


def _lapsed(status: str, expires_on: date | None, today: date) -> bool:
    return status in LAPSING and expires_on is not None and expires_on < today


def _expire(e: Entitlement, today: date) -> Entitlement:
    if _lapsed(e.status, e.expires_on, today):
        return replace(e, status=EXPIRED, explanation=then(e.explanation, _expired(e.expires_on)))
    return e


def expire_view(view: dict[str, Any], today: date) -> dict[str, Any]:
    """`Entitlement.to_json()` as it stands on `today`: what `entitlements(..., today)` would give,
    for entitlements stored without a date (the projection stores them so)."""
    expires_on = date.fromisoformat(view["expires_on"]) if view["expires_on"] else None
    if _lapsed(view["status"], expires_on, today):
        terms = then(decode(view["terms"]) if view.get("terms") else view["explanation"],
                     _expired(expires_on))
        return {**view, "status": EXPIRED, "explanation": str.__str__(terms), "terms": terms.to_data()}
    return view


def _expired(day: date | None) -> Text:
    return Text("expired after %(day)s", day=day)


def _order(e: Entitlement) -> tuple:
    return (_clause_order(e.clause), e.year or 0, e.valid_from or date.min, e.id)


@cache  # a book has a few dozen clauses, and every entitlement is sorted by one
def _clause_order(clause: str) -> tuple[int, ...]:
    return tuple(int(p) for p in clause.split("."))
