"""The read model on PostgreSQL, in the schema the events live in."""

from __future__ import annotations

import re
from typing import Any

from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier

from projections.views import tables
from projections.views.read_model import ReadModelQueries


class PostgresReadModel(ReadModelQueries, PostgresTrackingRecorder):
    like = "ILIKE"

    def __init__(self, datastore: Any, **kwargs: Any):
        super().__init__(datastore, **kwargs)
        self.prefix = f'"{datastore.schema}".' if datastore.schema else ""
        self.sql_create_statements.extend(SQL(self.sql(t)) for t in tables.TABLES)

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

    def _forget(self, cursor: Any, application_name: str) -> None:
        cursor.execute(SQL("DELETE FROM {0}.{1} WHERE application_name = %s").format(
            *self._tracking_identifiers()), [application_name])
