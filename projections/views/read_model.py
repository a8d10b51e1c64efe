"""The read models and their tracking record, written in one transaction per batch so that a
crash between the two can never apply an event twice or lose one (exactly once, resumable)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.utils import Environment

from projections.views import tables

TRACKING_NAME = "jcg_views"


class ReadModelQueries:
    """SQL shared by both backends; subclasses say how to run it."""

    prefix = ""

    def sql(self, statement: str, **parts: str) -> str:
        return statement.format(p=self.prefix, **parts)

    def run(self, cursor: Any, statement: str, params: dict[str, Any] | None = None) -> None:
        cursor.execute(self.sql(statement), params or {})

    def apply(self, entities: Iterable[dict[str, Any]], tracking: Tracking) -> None:
        """Write the changed rows and the position they reach, all or nothing."""
        with self.datastore.transaction(commit=True) as cursor:
            for row in entities:
                self.run(cursor, tables.UPSERT_ENTITY, row)
            self._insert_tracking(cursor, tracking)

    def list_entities(self, kind: str | None, q: str | None, offset: int, limit: int
                      ) -> tuple[list[dict[str, Any]], int]:
        """One page of the directory, in registration order, and the total that match."""
        where, params = ["1=1"], {"limit": limit, "offset": offset}
        if kind:
            where.append("kind = :kind")
            params["kind"] = kind
        if q:
            where.append(f"(name {self.like} :q ESCAPE '!' OR credit_code {self.like} :q ESCAPE '!')")
            params["q"] = "%" + re.sub(r"([!%_])", r"!\1", q) + "%"
        clause = " AND ".join(where)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.SELECT_ENTITIES, where=clause), params)
            rows = [_entity(r) for r in cursor.fetchall()]
            cursor.execute(self.sql(tables.COUNT_ENTITIES, where=clause), params)
            total = dict(cursor.fetchone())["n"]
        return rows, total

    def position(self, application_name: str) -> int:
        return self.max_tracking_id(application_name) or 0


def _entity(row: Any) -> dict[str, Any]:
    entity = dict(row)
    entity["entered_on"] = date.fromisoformat(entity["entered_on"])
    return entity


def read_model(env: dict[str, str]) -> ReadModelQueries:
    """The read model in the same database as the events (psycopg is imported only for PostgreSQL)."""
    factory = InfrastructureFactory.construct(Environment(TRACKING_NAME, env))
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        from projections.views.sqlite_model import SQLiteReadModel

        return factory.tracking_recorder(SQLiteReadModel)
    from projections.views.postgres_model import PostgresReadModel

    return factory.tracking_recorder(PostgresReadModel)
