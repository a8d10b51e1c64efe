"""The alerts' writes: each issued once, the days scanned remembered, delivery attempts recorded.

Alerts are the scheduler's business, not the park's register, so their operations live here; the
`Alert`, `DayScanned` and `ScanLog` aggregates stay in `registry.alerts`, where their stored
topics name them, and are saved through the registry application like every other aggregate.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from registry.alerts import Alert, DayScanned, ScanLog


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


def last_scanned_on(registry: Any, today: date, reach: int) -> date | None:
    """The last day up to `today` whose scan completed, looked for over `today` and the `reach`
    days before it; when none was but scans ran before, the day before those (a scan's window
    reaches back no further); None when no scan ever ran."""
    # Asked first: the log opens in the same save as the first day scanned, so a log seen here
    # has its days seen below. Asked last, another scheduler's first scan completing meanwhile
    # opened a log whose day the loop had missed, and this scan reached back `reach` days.
    began = _scans_began(registry)
    for back in range(reach + 1):
        day = today - timedelta(days=back)
        if registry.recorder.select_events(DayScanned.create_id(day), limit=1):
            return day
    return today - timedelta(days=reach + 1) if began else None


def day_scanned(registry: Any, day: date) -> bool:
    """Whether the scan of `day` completed, by this or another process."""
    return bool(registry.recorder.select_events(DayScanned.create_id(day), limit=1))


def complete_scan(registry: Any, scanned_on: date, issued: int) -> None:
    """Remember that the day was scanned, and with the first scan ever that scans began; a
    day scanned again, by this or another scheduler, keeps its first record."""
    opening = () if _scans_began(registry) else (ScanLog(),)
    for extra in (opening, ()):
        try:
            registry.save(DayScanned(scanned_on, issued), *extra)
            return
        except IntegrityError:
            continue  # another scheduler scanned the day, or opened the log, first


def _scans_began(registry: Any) -> bool:
    return bool(registry.recorder.select_events(ScanLog.create_id(), limit=1))


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
