"""One entity's stored events as a write needs them to know its state: every version and topic,
and the event's state only where the state depends on it.

Reading whole rows cost as much as decoding them: the library builds a stored event, with a UUID
parsed from text, for each. Here the store leaves out what is not wanted, in its own SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteAggregateRecorder


class StateRows:
    """Reads (version, the stored event or None) of an entity, oldest first: None where the
    event's topic is one of `skipped`, whose events only move the entity's version on."""

    def __init__(self, recorder: Any, skipped: Iterable[str]):
        self.recorder = recorder
        self.skipped = frozenset(skipped)
        topics = sorted(self.skipped)
        # The statement, and its parameters for an entity, in the backend's own SQL.
        self._query: tuple[Any, Callable[[UUID], list[Any]]] | None = None
        if isinstance(recorder, SQLiteAggregateRecorder):
            self._query = (
                "SELECT originator_version, topic, CASE WHEN topic IN "
                f"({', '.join('?' * len(topics))}) THEN NULL ELSE state END AS state "
                f"FROM {recorder.events_table_name} WHERE originator_id = ? "
                "ORDER BY originator_version",
                lambda entity_id: [*topics, entity_id.hex])
        elif _is_postgres(recorder):
            from psycopg.sql import SQL, Identifier

            self._query = (
                SQL("SELECT originator_version, topic, CASE WHEN topic = ANY(%s) THEN NULL "
                    "ELSE state END AS state FROM {schema}.{table} WHERE originator_id = %s "
                    "ORDER BY originator_version").format(
                    schema=Identifier(recorder.datastore.schema),
                    table=Identifier(recorder.events_table_name)),
                lambda entity_id: [topics, entity_id])

    def __call__(self, entity_id: UUID) -> list[tuple[int, StoredEvent | None]]:
        if self._query is None:  # a store without SQL (the library's in-memory one): whole rows
            return [(s.originator_version, None if s.topic in self.skipped else s)
                    for s in self.recorder.select_events(entity_id)]
        statement, params = self._query
        with self.recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(statement, params(entity_id))
            rows = cursor.fetchall()
        return [(row["originator_version"],
                 None if row["state"] is None else
                 StoredEvent(entity_id, row["originator_version"], row["topic"], bytes(row["state"])))
                for row in rows]


def _is_postgres(recorder: Any) -> bool:
    try:  # PostgreSQL support is an optional extra
        from eventsourcing.postgres import PostgresAggregateRecorder
    except ImportError:
        return False
    return isinstance(recorder, PostgresAggregateRecorder)
