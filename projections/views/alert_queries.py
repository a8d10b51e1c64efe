"""Queries the alert scan, the outbox and `GET /alerts` make of the read models."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from projections.views import tables


class AlertQueries:
    """Mixed into the read model; `sql`, `run` and `_bodies` come from it."""

    def deadlines_between(self, after: date, until: date) -> list[dict[str, Any]]:
        """Deadlines due after one day and by another: what a scan window can reach."""
        return self._bodies(tables.SELECT_DEADLINES_BETWEEN,
                            {"after": after.isoformat(), "until": until.isoformat()})

    def reporters(self, kinds: tuple[str, ...]) -> list[dict[str, Any]]:
        """Entities still in the park of the kinds that owe annual reports."""
        names = {f"k{i}": k for i, k in enumerate(kinds)}
        placeholders = ", ".join(f":{n}" for n in names)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.SELECT_REPORTERS, kinds=placeholders), names)
            rows = [dict(r) for r in cursor.fetchall()]
        return [{**r, "entered_on": date.fromisoformat(r["entered_on"])} for r in rows]

    def reported(self, year: int) -> set[tuple[str, str]]:
        """(entity id, event type) of every annual report recorded for a year."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.SELECT_REPORTS), {"year": year})
            return {(dict(r)["entity_id"], dict(r)["type"]) for r in cursor.fetchall()}

    def write_alert(self, cursor: Any, alert: dict[str, Any]) -> None:
        self.run(cursor, tables.UPSERT_ALERT, {
            "id": alert["id"], "entity_id": alert["entity_id"], "issued_at": alert["issued_at"],
            "next_attempt_at": alert["next_attempt_at"], "clause": alert["clause"],
            "body": json.dumps(alert, ensure_ascii=False)})

    def alerts(self, entity_id: str | None, offset: int, limit: int, clauses: list[str] | None = None
               ) -> tuple[list[dict[str, Any]], int]:
        """Alerts issued, newest first, and how many there are; `clauses` keeps only theirs."""
        where, params = _alert_filters(entity_id, clauses)
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.COUNT_ALERTS, where=where), params)
            total = dict(cursor.fetchone())["n"]
        return self.newest_alerts(entity_id, offset, limit, clauses), total

    def newest_alerts(self, entity_id: str | None, offset: int, limit: int,
                      clauses: list[str] | None = None) -> list[dict[str, Any]]:
        """Alerts issued, newest first, without counting them all (they only accumulate)."""
        where, params = _alert_filters(entity_id, clauses)
        return self._bodies(tables.SELECT_ALERTS, {**params, "limit": limit, "offset": offset},
                            where=where)

    def outbox(self, now: datetime, limit: int = 100) -> list[dict[str, Any]]:
        """Alerts whose next delivery attempt is due."""
        return self._bodies(tables.SELECT_OUTBOX, {"now": utc_text(now), "limit": limit})


def _alert_filters(entity_id: str | None, clauses: list[str] | None) -> tuple[str, dict[str, Any]]:
    where = "1=1"
    params: dict[str, Any] = {}
    if entity_id:
        where, params["entity_id"] = "entity_id = :entity_id", entity_id
    if clauses is not None:
        where += " AND " + in_clauses(clauses, params)
    return where, params


def in_clauses(clauses: list[str], params: dict[str, Any]) -> str:
    """A condition keeping rows of these clauses, its parameters added to `params`."""
    if not clauses:
        return "1=0"
    names = {f"clause{i}": c for i, c in enumerate(clauses)}
    params.update(names)
    return f"clause IN ({', '.join(':' + n for n in names)})"


def utc_text(moment: datetime) -> str:
    """Instants are stored as UTC ISO text, so that they order and compare as text on both backends."""
    return moment.astimezone(UTC).isoformat()
