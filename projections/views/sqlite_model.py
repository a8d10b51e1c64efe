"""The read model on SQLite."""

from __future__ import annotations

from typing import Any

from eventsourcing.sqlite import (
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteDatastore,
    SQLiteTrackingRecorder,
)

from projections.views import tables
from projections.views.read_model import ReadModelQueries


class SQLiteReadModel(ReadModelQueries, SQLiteTrackingRecorder):
    like = "LIKE"

    def construct_create_table_statements(self) -> list[str]:
        return super().construct_create_table_statements() + [self.sql(t) for t in tables.TABLES]

    def freshness(self, application_name: str, events_table: str) -> tuple[int, int]:
        """(head of the log, position reached) in one round trip."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT (SELECT MAX(rowid) FROM {events_table}), "
                "(SELECT notification_id FROM tracking WHERE application_name = ?)",
                [application_name])
            head, position = cursor.fetchone()
        return head or 0, position or 0

    def _forget(self, cursor: Any, application_name: str) -> None:
        cursor.execute("DELETE FROM tracking WHERE application_name = ?", [application_name])


class _ReadModelPool(SQLiteConnectionPool):
    """The read models' connections commit without waiting for the disk (WAL with
    synchronous=NORMAL): a commit lost to a power cut takes its tracking record with it, so the
    projector applies that batch again, and the file stays consistent either way. Waiting for the
    disk was a sixth of a rebuild. The events' own connections keep the default (FULL): an
    acknowledged write must survive."""

    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()
        connection.cursor().execute("PRAGMA synchronous=NORMAL")
        connection.cursor().execute("PRAGMA cache_size=-65536")
        return connection


def relax_commits(datastore: SQLiteDatastore) -> None:
    """Give a datastore that has made no connection yet the read models' pool."""
    old = datastore.pool
    datastore.pool = _ReadModelPool(db_name=old.db_name, lock_timeout=old.lock_timeout)
    old.close()
