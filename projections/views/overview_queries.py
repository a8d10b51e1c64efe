"""Read-model queries for the console's overview: the park in numbers and entities' names."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from projections.views.alert_queries import in_clauses

COUNT_BY_KIND = "SELECT kind, COUNT(*) AS n FROM {p}jcg_entities GROUP BY kind"
SELECT_NAMES = "SELECT id, name FROM {p}jcg_entities WHERE id IN ({ids})"
SELECT_DUE = """
    SELECT body FROM {p}jcg_deadlines WHERE due_on > :after AND due_on <= :until {only}
    ORDER BY due_on, entity_id, seq LIMIT :limit OFFSET :offset"""
COUNT_DUE = "SELECT COUNT(*) AS n FROM {p}jcg_deadlines WHERE due_on > :after AND due_on <= :until {only}"

class OverviewQueries:
    """Mixed into ReadModelQueries (it provides `datastore` and `sql`)."""

    datastore: Any
    sql: Any

    def entity_counts(self) -> dict[str, int]:
        """How many entities of each kind are registered."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(COUNT_BY_KIND))
            return {row["kind"]: row["n"] for row in map(dict, cursor.fetchall())}

    def entity_names(self, ids: set[str]) -> dict[str, str]:
        """The names of the entities with these ids (those the read model knows)."""
        if not ids:
            return {}
        params = {f"id{i}": v for i, v in enumerate(sorted(ids))}
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(SELECT_NAMES, ids=", ".join(":" + k for k in params)), params)
            return {row["id"]: row["name"] for row in map(dict, cursor.fetchall())}

    def deadlines_due(self, after: date, until: date, limit: int, offset: int = 0,
                      clauses: list[str] | None = None) -> list[dict[str, Any]]:
        """A page of the deadlines due after one day and by another, soonest first; `clauses`
        keeps only theirs. Paged by the database: a park of 100,000 entities has thousands a year."""
        only, params = _due(after, until, clauses)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(SELECT_DUE, only=only), {**params, "limit": limit, "offset": offset})
            return [json.loads(dict(r)["body"]) for r in cursor.fetchall()]

    def count_due(self, after: date, until: date, clauses: list[str] | None = None) -> int:
        """How many deadlines fall due after one day and by another (of `clauses`, if given)."""
        only, params = _due(after, until, clauses)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(COUNT_DUE, only=only), params)
            return dict(cursor.fetchone())["n"]


def _due(after: date, until: date, clauses: list[str] | None) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"after": after.isoformat(), "until": until.isoformat()}
    return ("" if clauses is None else "AND " + in_clauses(clauses, params)), params
