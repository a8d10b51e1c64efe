"""Read-model queries for the console's overview: the park in numbers and entities' names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from projections.policy.engine import expire_view

COUNT_BY_KIND = "SELECT kind, COUNT(*) AS n FROM {p}jcg_entities GROUP BY kind"
SELECT_NAMES = "SELECT id, name FROM {p}jcg_entities WHERE id IN ({ids})"
SELECT_DOCUMENTS = "SELECT stable_until, body FROM {p}jcg_entitlement_sets"


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

    def every_entitlement(self, today: date) -> Iterator[dict[str, Any]]:
        """Every entity's stored entitlements as they stand on `today` (statuses from the same
        function as an entity's own page)."""
        day = today.isoformat()
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(SELECT_DOCUMENTS))
            rows = [dict(r) for r in cursor.fetchall()]
        for row in rows:
            found = json.loads(row["body"])
            if row["stable_until"] is not None and day > row["stable_until"]:
                found = [expire_view(e, today) for e in found]
            yield from found
