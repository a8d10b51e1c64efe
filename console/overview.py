"""What the 总览 shows: the park by kind, the year's money by clause, what falls due soon.

The year's money is summed by the database from the projector's sums by entity and clause
(`jcg_clause_sums`); the figures are worked out once per position of the read models and day.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

from projections.views.clause_sums import add_up, lines

DAYS_AHEAD = 90
SHOWN = 20

_lock = threading.Lock()


def money_by_clause(rows: Any, year: int) -> list[dict[str, Any]]:
    """Per clause of `year`: owed (every payable amount), approved (of it, reviewed), paid."""
    return lines({clause: line for (y, clause), line in add_up(rows).items() if y == year})


def overview(svc: Any, today: date, _cache: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's figures for today, recomputed only when the read models moved
    (`_cache` is the app's own: each app has its own database)."""
    key = (svc.projector.position(), today)
    with _lock:
        if _cache.get("key") == key:
            return _cache["value"]
    deadlines, due = svc.model.deadlines_due(today - timedelta(days=1), today + timedelta(days=DAYS_AHEAD),
                                             SHOWN)
    value = {
        "year": today.year,
        "by_kind": svc.model.entity_counts(),
        "money": svc.model.money_by_clause(today.year),
        "deadlines": deadlines,
        "deadline_count": due,
    }
    with _lock:
        _cache.update(key=key, value=value)
    return value
