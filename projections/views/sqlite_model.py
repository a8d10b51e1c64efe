"""The read model on SQLite."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.sqlite import SQLiteTrackingRecorder

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

    def last_events(self, events_table: str, until: int) -> dict[UUID, int]:
        """Each aggregate's last notification id up to `until`: where a rebuild works out its rows."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(f"SELECT originator_id, MAX(rowid) FROM {events_table} WHERE rowid <= ? "
                           "GROUP BY originator_id", [until])
            return {UUID(originator_id): last for originator_id, last in cursor.fetchall()}

    def _held_at(self, cursor: Any, application_name: str, position: int) -> bool:
        cursor.execute("UPDATE tracking SET notification_id = notification_id WHERE application_name = ? "
                       "AND notification_id = ? RETURNING notification_id", [application_name, position])
        return cursor.fetchone() is not None

    def _forget(self, cursor: Any, application_name: str) -> None:
        cursor.execute("DELETE FROM tracking WHERE application_name = ?", [application_name])
