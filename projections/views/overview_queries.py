"""Read-model queries for the console's overview: the park in numbers and entities' names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

COUNT_BY_KIND = "SELECT kind, COUNT(*) AS n FROM {p}jcg_entities GROUP BY kind"
SELECT_NAMES = "SELECT id, name FROM {p}jcg_entities WHERE id IN ({ids})"
SELECT_DOCUMENTS = "SELECT body FROM {p}jcg_entitlement_sets"


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

    def every_entitlement(self) -> Iterator[dict[str, Any]]:
        """Every entity's stored entitlements, as projected (not re-dated)."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(SELECT_DOCUMENTS))
            rows = [dict(r)["body"] for r in cursor.fetchall()]
        for body in rows:
            yield from json.loads(body)
