"""The registry's alert operations: issue once, remember scans, record delivery attempts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from registry.alerts import Alert, ScanLog

# Two schedulers can race for the scan log's next version; a handful of retries settles it.
SCAN_LOG_ATTEMPTS = 10


class Alerting:
    """Mixed into the Registry application (it provides `save`, `repository` and `clock`)."""

    def issue_alert(self, subject: str, rule: str, threshold: str, due_on: date,
                    issued_on: date, **details: Any) -> Alert | None:
        """Issue the alert, or None when it was issued before (by this or another process)."""
        if self.alert_issued(subject, rule, threshold, due_on):
            return None
        alert = self.draft_alert(subject, rule, threshold, due_on, issued_on, **details)
        try:
            self.save(alert)
        except IntegrityError:
            return None
        return alert

    def draft_alert(self, subject: str, rule: str, threshold: str, due_on: date,
                    issued_on: date, **details: Any) -> Alert:
        """The alert as it would be issued, not saved."""
        return Alert(subject, rule, threshold, due_on, issued_on=issued_on,
                     issued_at=self.clock(), **details)

    def alert_issued(self, subject: str, rule: str, threshold: str, due_on: date) -> bool:
        """Whether this alert was issued before, by this or another process."""
        return self._exists(Alert.create_id(subject, rule, threshold, due_on))

    def last_scanned_on(self) -> date | None:
        try:
            return self.repository.get(ScanLog.create_id()).last_scanned_on
        except AggregateNotFoundError:
            return None

    def complete_scan(self, scanned_on: date, issued: int) -> None:
        """Remember that the day was scanned, whoever else is scanning too."""
        for _ in range(SCAN_LOG_ATTEMPTS):
            try:
                log = self.repository.get(ScanLog.create_id())
            except AggregateNotFoundError:
                log = ScanLog()
            log.completed(scanned_on, issued)
            try:
                self.save(log)
                return
            except IntegrityError:
                continue

    def record_delivery(self, alert_id: UUID, at: datetime, ok: bool, outcome: str,
                        next_attempt_at: datetime | None) -> bool:
        """Record one delivery attempt; False when the alert was delivered meanwhile."""
        alert = self.repository.get(alert_id)
        if alert.delivered_at is not None:
            return False
        alert.record_attempt(at, ok, outcome, next_attempt_at)
        try:
            self.save(alert)
        except IntegrityError:
            return False
        return True

    def _exists(self, aggregate_id: UUID) -> bool:
        return bool(self.recorder.select_events(aggregate_id, limit=1))
