"""What the 总览 shows: the park by kind, the year's money by clause, what falls due soon.

The year's money is summed over every entity's stored entitlements; that is worked out once per
position of the read models and day, not on every request (the park may hold 100,000 entities).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from projections.policy.model import APPROVED, DISBURSED, PAYABLE

DAYS_AHEAD = 90
SHOWN = 20
ZERO = Decimal("0.00")

_lock = threading.Lock()


def entitlement_year(e: dict[str, Any]) -> int | None:
    """The year an entitlement counts in: its own, or for a one-time award its first day's."""
    if e.get("year") is not None:
        return e["year"]
    return int(e["valid_from"][:4]) if e.get("valid_from") else None


def money_by_clause(rows: Any, year: int) -> list[dict[str, Any]]:
    """Per clause: owed (every payable amount), approved (of it, reviewed), paid."""
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: {"owed": ZERO, "approved": ZERO, "paid": ZERO})
    for e in rows:
        # Only fiscal money counts, as in GET /subsidies: not what a lender or fund carries.
        if (e.get("amount") is None or e["status"] not in PAYABLE or not e.get("fiscal", True)
                or entitlement_year(e) != year):
            continue
        amount = Decimal(e["amount"])
        line = sums[e["clause"]]
        line["owed"] += amount
        if e["status"] in (APPROVED, DISBURSED):
            line["approved"] += amount
        line["paid"] += Decimal(e.get("disbursed") or "0")
    return [{"clause": c, **sums[c]} for c in sorted(sums, key=clause_order)]


def clause_order(clause: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in clause.replace(",", ".").split("."))


def overview(svc: Any, today: date, _cache: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's figures for today, recomputed only when the read models moved
    (`_cache` is the app's own: each app has its own database)."""
    key = (svc.projector.position(), today)
    with _lock:
        if _cache.get("key") == key:
            return _cache["value"]
    deadlines = svc.model.deadlines_between(today - timedelta(days=1), today + timedelta(days=DAYS_AHEAD))
    value = {
        "year": today.year,
        "by_kind": svc.model.entity_counts(),
        "money": money_by_clause(svc.model.every_entitlement(today), today.year),
        "deadlines": deadlines[:SHOWN],
        "deadline_count": len(deadlines),
    }
    with _lock:
        _cache.update(key=key, value=value)
    return value
