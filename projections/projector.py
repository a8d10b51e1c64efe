"""Follows the registry's notification log and keeps the read models current.

eventsourcing's ProjectionRunner needs a subscription, which its SQLite recorder does not offer
(stack notes), so this projector polls on both backends; it writes many events' effects per
transaction with their tracking record, which is what makes it fast and exactly-once.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, Tracking

from projections.policy import PolicyBook, deadlines, entitlements
from projections.views.alert_queries import utc_text
from projections.views.read_model import EntityChange, ReadModelQueries
from registry.alerts import Alert
from registry.application import Registry, entity_view
from registry.clock import Clock, park_day, system_clock
from registry.entities import ParkEntity
from registry.errors import EntityNotFound

BATCH = 500
ALERT_TOPIC = "registry.alerts:Alert."


class Projector:
    """Applies the registry's new events to the read models, a batch per transaction."""

    def __init__(self, registry: Registry, model: ReadModelQueries, book: PolicyBook,
                 batch: int = BATCH, clock: Clock = system_clock):
        self.registry = registry
        self.book = book
        self.clock = clock
        self.model = model
        self.batch = batch
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.registry.name

    def position(self) -> int:
        return self.model.position(self.name)

    def head(self) -> int:
        return self.registry.recorder.max_notification_id() or 0

    def catch_up(self, until: int | None = None) -> int:
        """Process every event up to `until` (default: the log's head); returns events applied."""
        target = self.head() if until is None else until
        applied = 0
        with self._lock:
            while (start := self.position()) < target:
                try:
                    applied += self._process_batch(start)
                except IntegrityError:
                    # Another projector committed this batch first: its work stands, move on.
                    continue
        return applied

    def ensure_current(self, timeout: float = 5.0) -> None:
        """Make the next read see every write acknowledged so far (read-your-writes)."""
        # One round trip answers both questions on the common path, where nothing is pending.
        target, position = self.model.freshness(self.name, self.registry.recorder.events_table_name)
        deadline = time.monotonic() + timeout
        while position < target and time.monotonic() < deadline:
            self.catch_up(target)
            position = self.position()

    def run_forever(self, stop: threading.Event, poll_interval: float = 0.2) -> None:
        """Poll until `stop` is set; a failed batch is retried on the next poll."""
        while not stop.is_set():
            if self.catch_up() == 0:
                stop.wait(poll_interval)

    def rebuild(self) -> int:
        """Forget the read models and replay every event from the start."""
        self.model.clear(self.name)
        return self.catch_up()

    def _process_batch(self, start: int) -> int:
        notifications = self.registry.recorder.select_notifications(
            start=start, limit=self.batch, inclusive_of_start=False
        )
        if not notifications:
            return 0
        touched: dict[UUID, list[Any]] = {}
        alerts: dict[UUID, None] = {}
        for notification in notifications:
            if _concerns_entity(notification.topic):
                touched.setdefault(notification.originator_id, []).append(notification)
            elif notification.topic.startswith(ALERT_TOPIC):
                alerts[notification.originator_id] = None
        for entity_id, theirs in touched.items():
            # Decoded once here and remembered, instead of read again entity by entity.
            decoded = [self.registry.mapper.to_domain_event(n) for n in theirs]
            self.registry.histories.offer(entity_id, decoded)
        changes = [self._change(entity_id, theirs[-1].originator_version)
                   for entity_id, theirs in touched.items()]
        self.model.apply([c for c in changes if c], Tracking(self.name, notifications[-1].id),
                         [alert_row(self.registry.repository.get(a)) for a in alerts],
                         park_day(self.clock()))
        return len(notifications)

    def _change(self, entity_id: UUID, version: int) -> EntityChange | None:
        try:
            entity, history = self.registry.state_and_history(entity_id, at_least=version)
        except EntityNotFound:
            return None
        found = entitlements(history, self.book)
        return EntityChange(
            entity_row(entity),
            [e.to_json() for e in found],
            [d.to_json() for d in deadlines(history, self.book, found)],
            [(r.data["year"], r.type) for r in history if isinstance(r.data.get("year"), int)],
        )


def entity_row(entity: ParkEntity) -> dict[str, Any]:
    # Registration order is the directory's order; the library's UTC timestamp sorts as text.
    return {**entity_view(entity), "entered_on": entity.entered_on.isoformat(),
            "registered_at": entity.created_on.astimezone(UTC).isoformat()}


def alert_row(alert: Alert) -> dict[str, Any]:
    view = {k: v.isoformat() if isinstance(v, date) else v for k, v in alert.view().items()}
    return {**view, "issued_at": utc_text(alert.issued_at),
            "next_attempt_at": utc_text(alert.next_attempt_at) if alert.next_attempt_at else None,
            "delivered_at": utc_text(alert.delivered_at) if alert.delivered_at else None,
            "attempts": [{**a, "at": utc_text(a["at"])} for a in alert.attempts]}


def _concerns_entity(topic: str) -> bool:
    # Tokens, credit-code claims and idempotency records share the log but are not entities.
    return topic.startswith("registry.events:") or topic.endswith(".Registered")
