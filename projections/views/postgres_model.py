"""The read model on PostgreSQL, in the schema the events live in."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier

from projections.views import tables
from projections.views.read_model import ReadModelQueries


class PostgresReadModel(ReadModelQueries, PostgresTrackingRecorder):
    like = "ILIKE"

    def __init__(self, datastore: Any, **kwargs: Any):
        super().__init__(datastore, **kwargs)
        # The schema as psycopg quotes an identifier (its name was checked when the URL was read).
        self.prefix = f"{Identifier(datastore.schema).as_string()}." if datastore.schema else ""
        self.sql_create_statements.extend(SQL(self.sql(t)) for t in tables.TABLES)
        self._settings: str | None = None

    def begin_apply(self, cursor: Any) -> None:
        """The read models commit without waiting for the WAL to reach the disk: a commit lost
        to a crash takes its tracking record with it, so the projector applies that batch again.
        And they compress with lz4 where the server has it: the entitlement documents are about
        14 KB each, and PostgreSQL's default (pglz) spent more time on them than lz4 does, for
        the same size. Both last until the commit."""
        if self._settings is None:
            cursor.execute("SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings "
                           "WHERE name = 'default_toast_compression'")
            row = cursor.fetchone()
            self._settings = ("SELECT set_config('synchronous_commit', 'off', true)"
                              + (", set_config('default_toast_compression', 'lz4', true)"
                                 if row and row["lz4"] else ""))
        cursor.execute(self._settings)

    def replace(self, cursor: Any, table: tables.EntityTable, entity_ids: list[str],
                rows: list[dict[str, Any]]) -> None:
        # One DELETE and one COPY per table and batch: executemany still has the server run a
        # statement per row, and that was two fifths of a rebuild's time here.
        cursor.execute(self.sql(f"DELETE FROM {{p}}{table.name} WHERE entity_id = ANY(%s)"), [entity_ids])
        if rows:
            columns = ", ".join(table.columns)
            with cursor.copy(self.sql(f"COPY {{p}}{table.name} ({columns}) FROM STDIN")) as copy:
                for row in rows:
                    copy.write_row([row[c] for c in table.columns])

    def sql(self, statement: str, **parts: str) -> str:
        # psycopg's placeholders are %(name)s; the shared SQL says :name.
        return re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", super().sql(statement, **parts))

    def _tracking_identifiers(self) -> tuple[Any, Any]:
        return Identifier(self.datastore.schema), Identifier(self.tracking_table_name)

    def freshness(self, application_name: str, events_table: str) -> tuple[int, int]:
        """(head of the log, position reached) in one round trip."""
        schema, tracking = self._tracking_identifiers()
        statement = SQL("SELECT (SELECT MAX(notification_id) FROM {0}.{1}) AS head, "
                        "(SELECT notification_id FROM {0}.{2} WHERE application_name = %s) AS position"
                        ).format(schema, Identifier(events_table), tracking)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(statement, [application_name])
            row = cursor.fetchone()
        return row["head"] or 0, row["position"] or 0

    def last_events(self, events_table: str, until: int) -> dict[UUID, int]:
        """Each aggregate's last notification id up to `until`: where a rebuild works out its rows."""
        statement = SQL("SELECT originator_id, MAX(notification_id) AS last FROM {0}.{1} "
                        "WHERE notification_id <= %s GROUP BY originator_id").format(
            Identifier(self.datastore.schema), Identifier(events_table))
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(statement, [until])
            return {row["originator_id"]: row["last"] for row in cursor.fetchall()}  # psycopg gives UUIDs

    def _held_at(self, cursor: Any, application_name: str, position: int) -> bool:
        cursor.execute(SQL("UPDATE {0}.{1} SET notification_id = notification_id WHERE application_name = %s "
                           "AND notification_id = %s RETURNING notification_id").format(
            *self._tracking_identifiers()), [application_name, position])
        return cursor.fetchone() is not None

    def _forget(self, cursor: Any, application_name: str) -> None:
        cursor.execute(SQL("DELETE FROM {0}.{1} WHERE application_name = %s").format(
            *self._tracking_identifiers()), [application_name])
