"""The policy engine: one pure function from an entity's history to its entitlements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from i18n import then
from i18n.text import decode
from registry.records import FactRecord

from .annual import agency_performance, fund_investments, major_projects
from .book import PolicyBook
from .context import Context
from .finance import guarantee_fee_gaps, loss_compensations
from .highest import highest
from .matters import failure_ratio, free_space, industrialisation, positions, self_initiated
from .model import Entitlement
from .one_time import one_time
from .platforms import equipment, operating
from .status import LAPSING, lapse_note, lapsed
from .talent import green_channel, talent_subsidies

RULES = (free_space, industrialisation, equipment, operating, agency_performance,
         self_initiated, major_projects, talent_subsidies, fund_investments, failure_ratio,
         loss_compensations, guarantee_fee_gaps, green_channel)


def entitlements(events: Sequence[FactRecord], book: PolicyBook,
                 today: date | None = None) -> list[Entitlement]:
    """Everything the entity's history (oldest first) entitles it to, under the book.

    `today` is the park's date; with it, benefits in kind past their term are marked expired
    (money owed never is). Without it nothing expires, so the result depends on the history
    alone.
    """
    ctx = Context(events, book)
    found = positions(ctx, one_time(ctx))
    for rule in RULES:
        found += rule(ctx)
    found = highest(ctx, found)
    if today is not None:
        found = [_expire(e, today) for e in found]
    return sorted(found, key=_order)


__all__ = ["LAPSING", "entitlements", "expire_view"]


def _expire(e: Entitlement, today: date) -> Entitlement:
    status = lapsed(e.kind, e.status, e.expires_on, e.figures, today)
    if status is None or e.expires_on is None:
        return e
    return replace(e, status=status, explanation=then(e.explanation, lapse_note(status,
                                                                               e.expires_on)))


def expire_view(view: dict[str, Any], today: date) -> dict[str, Any]:
    """`Entitlement.to_json()` as it stands on `today`: what `entitlements(..., today)` would give,
    for entitlements stored without a date (the projection stores them so)."""
    expires_on = date.fromisoformat(view["expires_on"]) if view["expires_on"] else None
    status = lapsed(view["kind"], view["status"], expires_on, view.get("figures") or {}, today)
    if status is None or expires_on is None:
        return view
    terms = then(decode(view["terms"]) if view.get("terms") else view["explanation"],
                 lapse_note(status, expires_on))
    return {**view, "status": status, "explanation": str.__str__(terms), "terms": terms.to_data()}


def _order(e: Entitlement) -> tuple:
    return (_clause_order(e.clause), e.year or 0, e.valid_from or date.min, e.id)


@cache  # a book has a few dozen clauses, and every entitlement is sorted by one
def _clause_order(clause: str) -> tuple[int, ...]:
    return tuple(int(p) for p in clause.split("."))
