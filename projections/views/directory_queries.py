"""The read model's directory of entities: a page of it in registration order, and its count."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from projections.views import tables


class DirectoryQueries:
    """Mixed into ReadModelQueries (it provides `datastore`, `sql` and `like`)."""

    datastore: Any
    sql: Any
    like: str

    def list_entities(self, kind: str | None, q: str | None, offset: int, limit: int,
                      only: str | None = None) -> tuple[list[dict[str, Any]], int]:
        """One page of the directory, in registration order, and the total that match; `only`
        keeps the one entity of that id (an entity token's list)."""
        return (self.entity_page(kind, q, offset, limit, only),
                self.count_entities(kind, q, only))

    def entity_page(self, kind: str | None, q: str | None, offset: int, limit: int,
                    only: str | None = None) -> list[dict[str, Any]]:
        """One page of the directory, in registration order."""
        clause, params = _entity_filters(kind, q, self.like, only)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.SELECT_ENTITIES, where=clause),
                           {**params, "limit": limit, "offset": offset})
            return [_entity(r) for r in cursor.fetchall()]

    def entities_named(self, name: str, limit: int) -> list[dict[str, Any]]:
        """The entities whose name is exactly `name` (a clerk naming another party), at most `limit`."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.SELECT_ENTITIES, where="name = :name"),
                           {"name": name, "limit": limit, "offset": 0})
            return [_entity(r) for r in cursor.fetchall()]

    def count_entities(self, kind: str | None, q: str | None, only: str | None = None) -> int:
        """How many entities match: a count over every one of them, so it grows with the park."""
        clause, params = _entity_filters(kind, q, self.like, only)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.COUNT_ENTITIES, where=clause), params)
            return dict(cursor.fetchone())["n"]


def _entity_filters(kind: str | None, q: str | None, like: str,
                    only: str | None = None) -> tuple[str, dict[str, Any]]:
    """The directory's WHERE clause for a kind and a search of names and credit codes."""
    where: list[str] = ["1=1"]
    params: dict[str, Any] = {}
    if only:
        where.append("id = :only")
        params["only"] = only
    if kind:
        where.append("kind = :kind")
        params["kind"] = kind
    if q:
        where.append(f"(name {like} :q ESCAPE '!' OR credit_code {like} :q ESCAPE '!')")
        params["q"] = "%" + re.sub(r"([!%_])", r"!\1", q) + "%"
    return " AND ".join(where), params


def _entity(row: Any) -> dict[str, Any]:
    entity = dict(row)
    entity["entered_on"] = date.fromisoformat(entity["entered_on"])
    return entity
