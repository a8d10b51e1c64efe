"""Read-model queries for the console's 年度补贴: the year's annual entitlements a page of entities
at a time, paged by the database (a province's year holds about two for each of its entities)."""

from __future__ import annotations

from datetime import date
from typing import Any

from projections.policy.engine import expire_view

SELECT_ENTITY_PAGE = """
    SELECT DISTINCT entity_id FROM {p}jcg_annual_entitlements WHERE year = :year
    ORDER BY entity_id LIMIT :limit OFFSET :offset"""
COUNT_ENTITIES = "SELECT COUNT(DISTINCT entity_id) AS n FROM {p}jcg_annual_entitlements WHERE year = :year"
SELECT_OF = """
    SELECT body FROM {p}jcg_annual_entitlements WHERE year = :year AND entity_id IN ({ids})
    ORDER BY entity_id, clause, id"""


class SubsidyQueries:
    """Mixed into ReadModelQueries (it provides `datastore`, `sql` and `_bodies`)."""

    datastore: Any
    sql: Any
    _bodies: Any

    def annual_entity_page(self, year: int, offset: int, limit: int) -> list[str]:
        """The ids of one page of the entities with annual entitlements in `year`, in id order."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(SELECT_ENTITY_PAGE), {"year": year, "offset": offset, "limit": limit})
            return [dict(r)["entity_id"] for r in cursor.fetchall()]

    def count_annual_entities(self, year: int) -> int:
        """How many entities have annual entitlements in `year`."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(COUNT_ENTITIES), {"year": year})
            return dict(cursor.fetchone())["n"]

    def annual_entitlements_of(self, year: int, ids: list[str], today: date) -> list[dict[str, Any]]:
        """These entities' annual entitlements of `year` as they stand on `today`, as
        `annual_entitlements` gives them for every entity."""
        if not ids:
            return []
        params: dict[str, Any] = {"year": year, **{f"id{i}": v for i, v in enumerate(ids)}}
        names = ", ".join(f":id{i}" for i in range(len(ids)))
        return [expire_view(e, today) for e in self._bodies(SELECT_OF, params, ids=names)]
