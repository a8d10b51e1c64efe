"""One entity's stored events as a write needs them to know its state: every version and topic,
and the event's state only where the state depends on it.

Reading whole rows cost as much as decoding them: the library builds a stored event, with a UUID
parsed from text, for each. Here the store leaves out what is not wanted, in its own SQL.

On SQLite an index of every event's topic (`jcg db upgrade` makes it) lets the versions and
topics be read from the index alone, and only the few rows whose state is wanted from the table.
An entity's events lie wherever the log was when each was recorded, a table page apart, and the
API's processes find their page caches emptied by each other's commits: reading all twenty rows
of an entity cost 248-283 us of CPU, the index and the one row wanted 150-160 (100,000 entities,
a commit by another connection before each read, measured). PostgreSQL reads one round trip.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteAggregateRecorder

TOPICS_INDEX = "jcg_events_topics"


def create_topics_index(recorder: Any) -> None:
    """The index of the events' topics, on SQLite (elsewhere, nothing)."""
    if isinstance(recorder, SQLiteAggregateRecorder):
        with recorder.datastore.transaction(commit=True) as cursor:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {TOPICS_INDEX} ON {recorder.events_table_name} "
                           "(originator_id, originator_version, topic)")


class StateRows:
    """Reads (version, the stored event or None) of an entity, oldest first: None where the
    event's topic is one of `skipped`, whose events only move the entity's version on."""

    def __init__(self, recorder: Any, skipped: Iterable[str]):
        self.recorder = recorder
        self.skipped = frozenset(skipped)
        topics = sorted(self.skipped)
        # The statement, and its parameters for an entity, in the backend's own SQL.
        self._query: tuple[Any, Callable[[UUID], list[Any]]] | None = None
        self._indexed = isinstance(recorder, SQLiteAggregateRecorder) and _has_topics_index(recorder)
        self._own: ReadConnections | None = None
        if self._indexed and not recorder.datastore.pool.is_sqlite_memory_mode:
            self._own = ReadConnections(recorder.datastore.pool.db_name, recorder.datastore.pool.lock_timeout)
        if self._indexed:
            table = recorder.events_table_name
            self._query = (f"SELECT originator_version, topic FROM {table} WHERE originator_id = ? "
                           "ORDER BY originator_version", lambda entity_id: [entity_id.hex])
            self._states = (f"SELECT originator_version, state FROM {table} WHERE originator_id = ? "
                            "AND originator_version IN ({})")
        elif isinstance(recorder, SQLiteAggregateRecorder):
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
        # A connection of the thread's own where there is one (see ReadConnections).
        transaction = (self._own.transaction() if self._own is not None
                       else self.recorder.datastore.transaction(commit=False))
        with transaction as cursor:
            cursor.execute(statement, params(entity_id))
            rows = cursor.fetchall()
            if self._indexed:
                return self._with_states(cursor, entity_id, rows)
        return [(row["originator_version"],
                 None if row["state"] is None else
                 StoredEvent(entity_id, row["originator_version"], row["topic"], bytes(row["state"])))
                for row in rows]


    def _with_states(self, cursor: Any, entity_id: UUID,
                     rows: list[Any]) -> list[tuple[int, StoredEvent | None]]:
        """The rows (version, topic) with the stored events whose state is wanted, read by version."""
        wanted = {row[0]: row[1] for row in rows if row[1] not in self.skipped}
        states: dict[int, bytes] = {}
        if wanted:
            cursor.execute(self._states.format(", ".join("?" * len(wanted))), [entity_id.hex, *wanted])
            states = {version: state for version, state in cursor.fetchall()}
        return [(version, StoredEvent(entity_id, version, wanted[version], bytes(states[version]))
                 if version in wanted else None) for version, _ in rows]


    def close(self) -> None:
        if self._own is not None:
            self._own.close()


class _Connection(sqlite3.Connection):
    """A connection that can be referred to weakly (the C type cannot), so the set of them
    does not keep a finished thread's connection open, and knows the process that opened it."""

    pid = 0


class ReadConnections:
    """A plain connection for each thread that reads an entity's state from a SQLite file.

    The library's pool hands out a connection, and takes it back, through a semaphore, locks and
    a transaction object: 73 us of CPU for one small read, against 17 us on a connection of the
    thread's own (measured). A write to an entity its process has not seen makes one such read;
    at 100,000 entities every write in a benchmark's run is one. Reads only: writes still go
    through the library, which holds the file's write lock."""

    def __init__(self, path: str, timeout: float | None):
        self.path, self.timeout = path, timeout or 5.0
        self._local = threading.local()
        self._open: weakref.WeakSet[_Connection] = weakref.WeakSet()
        self._lock = threading.Lock()

    def transaction(self) -> _ReadTransaction:
        """One snapshot of the file for the statements run in it."""
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.pid != os.getpid():  # none yet, or made before a fork
            connection = sqlite3.connect(self.path, uri=True, timeout=self.timeout,
                                         isolation_level=None, factory=_Connection,
                                         check_same_thread=False)  # closed by whoever closes the registry
            connection.pid = os.getpid()
            self._local.connection = connection
            with self._lock:
                self._open.add(connection)
        return _ReadTransaction(connection)

    def close(self) -> None:
        """Close this process's connections; one inherited through a fork is the parent's (SQLite
        must not be used across a fork, and closing it here could checkpoint the parent's WAL)."""
        with self._lock:
            mine = [c for c in self._open if c.pid == os.getpid()]
            self._open.clear()
        for connection in mine:
            connection.close()


class _ReadTransaction:
    def __init__(self, connection: sqlite3.Connection):
        self.cursor = connection.cursor()

    def __enter__(self) -> sqlite3.Cursor:
        self.cursor.execute("BEGIN")
        return self.cursor

    def __exit__(self, *exc: Any) -> None:
        # Ends the read snapshot, so the file's checkpoints are not held back by it.
        self.cursor.execute("ROLLBACK")


def _has_topics_index(recorder: SQLiteAggregateRecorder) -> bool:
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", [TOPICS_INDEX])
        return cursor.fetchone() is not None


def _is_postgres(recorder: Any) -> bool:
    try:  # PostgreSQL support is an optional extra
        from eventsourcing.postgres import PostgresAggregateRecorder
    except ImportError:
        return False
    return isinstance(recorder, PostgresAggregateRecorder)
