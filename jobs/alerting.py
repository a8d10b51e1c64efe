"""The alerts' writes: each issued once, the days scanned remembered, delivery attempts recorded.

Alerts are the scheduler's business, not the park's register, so their operations live here; the
`Alert` and `ScanLog` aggregates stay in `registry.alerts`, where their stored topics name them,
and are saved through the registry application like every other aggregate.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from registry.alerts import Alert, ScanLog

# Two schedulers can race for the scan log's next version; a handful of retries settles it.
SCAN_LOG_ATTEMPTS = 10


def issue_alert(registry: Any, subject: str, rule: str, threshold: str, due_on: date,
                issued_on: date, **details: Any) -> Alert | None:
    """Issue the alert, or None when it was issued before (by this or another process)."""
    if alert_issued(registry, subject, rule, threshold, due_on):
        return None
    alert = draft_alert(registry, subject, rule, threshold, due_on, issued_on, **details)
    try:
        registry.save(alert)
    except IntegrityError:
        return None
    return alert


def draft_alert(registry: Any, subject: str, rule: str, threshold: str, due_on: date,
                issued_on: date, **details: Any) -> Alert:
    """The alert as it would be issued, not saved."""
    return Alert(subject, rule, threshold, due_on, issued_on=issued_on, issued_at=registry.clock(),
                 **details)


def alert_issued(registry: Any, subject: str, rule: str, threshold: str, due_on: date) -> bool:
    """Whether this alert was issued before, by this or another process."""
    alert_id = Alert.create_id(subject, rule, threshold, due_on)
    return bool(registry.recorder.select_events(alert_id, limit=1))


def last_scanned_on(registry: Any) -> date | None:
    try:
        return registry.repository.get(ScanLog.create_id()).last_scanned_on
    except AggregateNotFoundError:
        return None


def complete_scan(registry: Any, scanned_on: date, issued: int) -> None:
    """Remember that the day was scanned, whoever else is scanning too."""
    for _ in range(SCAN_LOG_ATTEMPTS):
        try:
            log = registry.repository.get(ScanLog.create_id())
        except AggregateNotFoundError:
            log = ScanLog()
        log.completed(scanned_on, issued)
        try:
            registry.save(log)
            return
        except IntegrityError:
            continue


def record_delivery(registry: Any, alert_id: UUID, at: datetime, ok: bool, outcome: str,
                    next_attempt_at: datetime | None) -> bool:
    """Record one delivery attempt; False when the alert was delivered meanwhile."""
    alert = registry.repository.get(alert_id)
    if alert.delivered_at is not None:
        return False
    alert.record_attempt(at, ok, outcome, next_attempt_at)
    try:
        registry.save(alert)
    except IntegrityError:
        return False
    return True
