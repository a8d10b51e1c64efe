"""What the 总览 shows: the park by kind, the year's money by clause, what falls due soon.

The year's money is summed by the database from the projector's sums by entity and clause
(`jcg_clause_sums`); the figures are worked out once per position of the read models and day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from console.per_position import remembered

DAYS_AHEAD = 90
SHOWN = 20


def overview(svc: Any, today: date) -> dict[str, Any]:
    """The dashboard's figures for today, recomputed only when the read models moved."""
    return remembered(svc, ("overview", today), lambda: _figures(svc, today))


def _figures(svc: Any, today: date) -> dict[str, Any]:
    after, until = today - timedelta(days=1), today + timedelta(days=DAYS_AHEAD)
    return {
        "year": today.year,
        "by_kind": svc.model.entity_counts(),
        "money": svc.model.money_by_clause(today.year),
        "deadlines": svc.model.deadlines_due(after, until, SHOWN),
        "deadline_count": svc.model.count_due(after, until),
    }
