"""Alerts (提醒): each issued once, its identity derived from what it is about, so a second
scan, a restart or a second scheduler finds it already issued in the event store."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.entities import NAMESPACE


class Alert(Aggregate):
    """A notice to park staff that an expiry or deadline approaches, and its delivery record."""

    @staticmethod
    def create_id(subject: str, rule: str, threshold: str, due_on: date) -> UUID:
        return uuid5(NAMESPACE, f"alert:{subject}:{rule}:{threshold}:{due_on.isoformat()}")

    @event("Issued")
    def __init__(self, subject: str, rule: str, threshold: str, due_on: date, entity_id: str | None,
                 clause: str | None, kind: str, issued_on: date, issued_at: datetime, late: bool,
                 message: str, entitlement_id: str | None, terms: dict[str, Any] | None = None):
        self.subject, self.rule, self.threshold = subject, rule, threshold
        self.due_on, self.entity_id, self.clause, self.kind = due_on, entity_id, clause, kind
        self.issued_on, self.issued_at, self.late, self.message = issued_on, issued_at, late, message
        self.entitlement_id = entitlement_id
        # The message as data (i18n.Text.to_data()), for readers of other languages; alerts issued
        # before it was kept have only their English.
        self.terms = terms
        self.attempts: list[dict[str, Any]] = []
        self.delivered_at: datetime | None = None
        self.next_attempt_at: datetime | None = issued_at

    @event("DeliveryAttempted")
    def record_attempt(self, at: datetime, ok: bool, outcome: str, next_attempt_at: datetime | None) -> None:
        """One POST to the webhook and what came of it; kept whatever the outcome."""
        self.attempts.append({"at": at, "ok": ok, "outcome": outcome})
        if ok:
            self.delivered_at = at
        self.next_attempt_at = None if ok else next_attempt_at

    def view(self) -> dict[str, Any]:
        """The alert as the API and the webhook show it."""
        return {"id": str(self.id), "entity_id": self.entity_id, "clause": self.clause,
                "kind": self.kind, "rule": self.rule, "threshold": self.threshold,
                "due_on": self.due_on, "issued_on": self.issued_on, "late": self.late,
                "message": self.message, "entitlement_id": self.entitlement_id,
                "terms": getattr(self, "terms", None)}


class ScanLog(Aggregate):
    """Opened by the first alert scan: that scans began. Scans before `DayScanned` also appended
    each day they completed here, which nothing reads now (the log grew by a day and was read
    whole); the classes stay, since their stored topics name them."""

    @staticmethod
    def create_id() -> UUID:
        return uuid5(NAMESPACE, "alert-scan-log")

    @event("Opened")
    def __init__(self) -> None:
        self.last_scanned_on: date | None = None

    @event("ScanCompleted")
    def completed(self, scanned_on: date, issued: int) -> None:
        if self.last_scanned_on is None or scanned_on > self.last_scanned_on:
            self.last_scanned_on = scanned_on


class DayScanned(Aggregate):
    """The alert scan of one day, completed. Its id derives from the day, so a scan finds the
    last day scanned by asking for each day its window reaches back over (one event at most
    each), however many scans ran, and two schedulers scanning one day record it once."""

    @staticmethod
    def create_id(day: date) -> UUID:
        return uuid5(NAMESPACE, f"alert-scan:{day.isoformat()}")

    @event("Completed")
    def __init__(self, day: date, issued: int) -> None:
        self.day, self.issued = day, issued
