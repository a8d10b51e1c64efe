"""The read models and their tracking record, written in one transaction per batch so that a
crash between the two can never apply an event twice or lose one (exactly once, resumable)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import orjson
from eventsourcing.persistence import InfrastructureFactory, IntegrityError, Tracking
from eventsourcing.utils import Environment

from projections.entity_rows import PARK, EntityRows
from projections.policy.engine import expire_view
from projections.quarantine import Quarantine
from projections.views import tables
from projections.views.alert_queries import AlertQueries, in_clauses
from projections.views.clause_sums import ClauseSumQueries
from projections.views.directory_queries import DirectoryQueries
from projections.views.export_queries import ExportQueries
from projections.views.overview_queries import OverviewQueries
from projections.views.progress_queries import ProgressQueries
from projections.views.subsidy_queries import SubsidyQueries

TRACKING_NAME = "jcg_views"


def entitlements_in_set(row: dict[str, Any], today: date) -> list[dict[str, Any]] | None:
    """What a stored entitlement set (`entitlement_set_row`) says for `today`; None when it was
    worked out after `today` (a clock set back)."""
    day = today.isoformat()
    if day < row["stable_from"]:
        return None
    rows = orjson.loads(row["body"])
    current = row["stable_until"] is None or day <= row["stable_until"]
    return rows if current else [expire_view(e, today) for e in rows]


class ReadModelQueries(AlertQueries, ClauseSumQueries, DirectoryQueries, ExportQueries,
                       OverviewQueries, ProgressQueries, SubsidyQueries):
    """SQL shared by both backends; subclasses say how to run it."""

    prefix = ""

    def sql(self, statement: str, **parts: str) -> str:
        return statement.format(p=self.prefix, **parts)

    def close(self) -> None:
        """Its connections closed (the application closes its own recorder's; a tracking
        recorder made on its own has nothing that closes its datastore)."""
        self.datastore.close()

    def run(self, cursor: Any, statement: str, params: dict[str, Any] | None = None) -> None:
        cursor.execute(self.sql(statement), params or {})

    def apply(self, changes: Iterable[EntityRows], tracking: Tracking,
              alerts: Iterable[dict[str, Any]] = (), park: list[dict[str, Any]] | None = None,
              quarantine: Quarantine | None = None, isolate: bool = False, start: int = 0) -> None:
        """Write the changed rows, the events set aside and the position they reach, all or
        nothing; `park`, the whole park's deadlines (`park_deadline_rows`), replaces what the
        table held of them. With `isolate`, each entity's and alert's rows are written apart (a
        savepoint each), and those a database refuses are quarantined instead of failing the batch.

        `start`: the position the batch was worked out from. Refused (IntegrityError) when the
        read models are no longer there: cleared meanwhile (a rebuild, `jcg db upgrade`), the
        batch would move the position past events whose rows the clearing took away."""
        changes, alerts = list(changes), list(alerts)
        with self.datastore.transaction(commit=True) as cursor:
            self.begin_apply(cursor)
            # The position first: it is one row, so projectors applying at once (the projector
            # and requests catching up) queue there, and the one that finds its batch already
            # applied gives up before it writes anything, rather than locking entities' rows in
            # another order than the one ahead of it (PostgreSQL: deadlock detected).
            if start and not self._held_at(cursor, tracking.application_name, start):
                raise IntegrityError(f"the read models are no longer at position {start}")
            self._insert_tracking(cursor, tracking)
            if isolate and quarantine is not None:
                for change in changes:
                    self.isolated(cursor, lambda c=change: self.write(cursor, [c], []),
                                  lambda exc, c=change: quarantine.blame(c.entity["id"], exc))
                for alert in alerts:
                    self.isolated(cursor, lambda a=alert: self.write(cursor, [], [a]),
                                  lambda exc, a=alert: quarantine.blame(a["id"], exc))
            else:
                self.write(cursor, changes, alerts)
            if park is not None:  # the policy's own dates, no event's
                self.replace(cursor, tables.DEADLINES, [PARK], park)
            if quarantine is not None:
                self.run_many(cursor, tables.INSERT_QUARANTINE, quarantine.rows)
                self.run(cursor, tables.PROGRESSED, {"name": tracking.application_name,
                                                     "position": tracking.notification_id,
                                                     "now": quarantine.at})

    def write(self, cursor: Any, changes: list[EntityRows], alerts: list[dict[str, Any]]) -> None:
        ids = [c.entity["id"] for c in changes]
        self.run_many(cursor, tables.UPSERT_ENTITY, [c.entity for c in changes])
        for table, rows in (
            (tables.ENTITLEMENT_SETS, [c.entitlement_set for c in changes]),
            (tables.ANNUAL, [row for c in changes for row in c.annual]),
            (tables.REPORTS, [{"entity_id": c.entity["id"], "year": year, "type": type_name}
                              for c in changes for year, type_name in c.reports]),
            (tables.DEADLINES, [row for c in changes for row in c.deadlines]),
            (tables.CLAUSE_SUMS, [row for c in changes for row in c.clause_sums]),
            (tables.LISTED, [row for c in changes for row in c.listed]),
        ):
            if ids:
                self.replace(cursor, table, ids, rows)
        for alert in alerts:
            self.write_alert(cursor, alert)

    def _held_at(self, cursor: Any, application_name: str, position: int) -> bool:
        """Whether the read models are at `position`, their tracking row locked until the commit."""
        raise NotImplementedError

    def begin_apply(self, cursor: Any) -> None:
        """Settings for a transaction that writes the read models, if a backend has any."""

    def replace(self, cursor: Any, table: tables.EntityTable, entity_ids: list[str],
                rows: list[dict[str, Any]]) -> None:
        """These entities' rows in `table`, in place of what it held for them.

        Each table gets one statement per batch, not one per entity: per-statement overhead was
        four tenths of a rebuild's time."""
        self.run_many(cursor, table.delete, [{"entity_id": i} for i in entity_ids])
        self.run_many(cursor, table.insert, rows)

    def run_many(self, cursor: Any, statement: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            cursor.executemany(self.sql(statement), rows)

    def entitlements_on(self, entity_id: str, today: date, version: int | None = None
                        ) -> list[dict[str, Any]] | None:
        """The entity's entitlements as `entitlements(history, book, today)` gives them, from its
        stored document: re-dated when no longer current (expiry only moves forward, so re-dating
        a dated row equals dating the undated one). None when there is no document, it was
        dated after `today` (a clock set back), or, with `version`, it was worked out at another
        version of the entity: only a replay can say."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.SELECT_ENTITLEMENT_SET), {"entity_id": entity_id})
            row = cursor.fetchone()
        if row is None or version is not None and dict(row)["version"] != version:
            return None
        return entitlements_in_set(dict(row), today)

    def annual_entitlements(self, year: int, today: date) -> list[dict[str, Any]]:
        """The year's annual entitlements of every entity as they stand on `today`: each
        status from the same function as the entity's own entitlements (`expire_view`)."""
        return [expire_view(e, today) for e in self._bodies(tables.SELECT_ANNUAL, {"year": year})]

    def deadlines(self, before: date, entity_id: str | None, offset: int, limit: int,
                  clauses: list[str] | None = None) -> tuple[list[dict[str, Any]], int]:
        """Deadlines due before a day, soonest first, and how many there are; with `entity_id`,
        the entity's and the whole park's (the policy's end concerns it too); `clauses` keeps
        only theirs."""
        params: dict[str, Any] = {"before": before.isoformat(), "limit": limit, "offset": offset}
        only = ""
        if entity_id:
            only = "AND entity_id IN (:entity_id, :park)"
            params.update(entity_id=entity_id, park=PARK)
        if clauses is not None:
            only += " AND " + in_clauses(clauses, params)
        rows = self._bodies(tables.SELECT_DEADLINES, params, only=only)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.COUNT_DEADLINES, only=only), params)
            total = dict(cursor.fetchone())["n"]
        return rows, total

    def _bodies(self, statement: str, params: dict[str, Any], **parts: str) -> list[dict[str, Any]]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(statement, **parts), params)
            return [json.loads(dict(r)["body"]) for r in cursor.fetchall()]

    def upgrade(self, application_name: str) -> bool:
        """Bring the read models to this release's shape; True when they had to be dropped (the
        projector then replays every event into them)."""
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(self.sql(tables.VERSION_TABLE))
            cursor.execute(self.sql(tables.SELECT_VERSION))
            row = cursor.fetchone()
            if row is not None and dict(row)["version"] == tables.VERSION:
                # A table added beside the others (the quarantine, the heartbeat) needs no replay.
                for statement in tables.TABLES:
                    cursor.execute(self.sql(statement))
                return False
            created = re.findall(r"CREATE TABLE IF NOT EXISTS \{p\}(\w+)", " ".join(tables.TABLES))
            for name in created + tables.RETIRED:
                cursor.execute(self.sql(f"DROP TABLE IF EXISTS {{p}}{name}"))
            for statement in tables.TABLES:
                cursor.execute(self.sql(statement))
            cursor.execute(self.sql(tables.CLEAR_VERSION))
            self.run(cursor, tables.SET_VERSION, {"version": tables.VERSION})
            # With the tables emptied, not after: a process stopped between the two would leave
            # empty read models behind a position that says they are whole.
            self._forget(cursor, application_name)
        return row is not None

    def clear(self, application_name: str) -> None:
        """Empty the read models and forget their position, together."""
        with self.datastore.transaction(commit=True) as cursor:
            for statement in tables.DROP:
                cursor.execute(self.sql(statement))
            self._forget(cursor, application_name)

    def position(self, application_name: str) -> int:
        return self.max_tracking_id(application_name) or 0


def read_model(env: dict[str, str]) -> ReadModelQueries:
    """The read model in the same database as the events (psycopg is imported only for PostgreSQL)."""
    factory = InfrastructureFactory.construct(Environment(TRACKING_NAME, env))
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        from projections.views.sqlite_model import SQLiteReadModel

        return factory.tracking_recorder(SQLiteReadModel)
    from projections.views.postgres_model import PostgresReadModel

    return factory.tracking_recorder(PostgresReadModel)
