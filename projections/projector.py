"""Follows the registry's notification log and keeps the read models current.

eventsourcing's ProjectionRunner needs a subscription, which its SQLite recorder does not offer
(stack notes), so this projector polls on both backends; it writes many events' effects per
transaction with their tracking record, which is what makes it fast and exactly-once.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import date
from typing import Any

from eventsourcing.persistence import IntegrityError, Tracking

from projections.policy import PolicyBook
from projections.views.alert_queries import utc_text
from projections.views.read_model import ReadModelQueries
from projections.workers import WorkerPool, alert_ids, by_entity, last_events, rows_of
from registry.alerts import Alert
from registry.application import Registry
from registry.clock import Clock, park_day, system_clock

BATCH = 500
# Events per transaction while far behind (a rebuild, a restart): fewer, larger commits; while
# following the log, batches stay small so the read models' write lock is held briefly.
BULK_BATCH = 2000
# Batches handed to the workers ahead of the one being written.
AHEAD = 2
# The same while a rebuild empties the old read models (0.1 s at 1,000 entities, mostly the
# commit's I/O): the workers decoded AHEAD batches well before it was done, then waited. A
# rebuild's first batches hold few entities' last events, so what waits here is small.
# 1,000-entity rebuild, five runs each: 0.98-1.05 s, median 1.01 (1.01-1.08, median 1.04 before).
AHEAD_WHILE_CLEARING = 8

Progress = Callable[[int], Any] | None


class Projector:
    """Applies the registry's new events to the read models, a batch per transaction."""

    def __init__(self, registry: Registry, model: ReadModelQueries, book: PolicyBook,
                 batch: int = BATCH, clock: Clock = system_clock, bulk_batch: int = BULK_BATCH,
                 workers: int = 0, pool: WorkerPool | None = None):
        self.registry = registry
        self.book = book
        self.clock = clock
        self.model = model
        self.batch = batch
        self.bulk_batch = max(batch, bulk_batch)
        # Worker processes for catching up from far behind; none: everything in this process.
        # A pool made before the process connected (forked, see WorkerPool) or, when first
        # needed, a spawned one.
        self.workers = workers
        self._pool: WorkerPool | None = pool
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.registry.name

    def position(self) -> int:
        return self.model.position(self.name)

    def head(self) -> int:
        return self.registry.recorder.max_notification_id() or 0

    def catch_up(self, until: int | None = None, progress: Progress = None) -> int:
        """Process every event up to `until` (default: the log's head); returns events applied.
        `progress`, if given, hears the events of each batch as it is written."""
        return self._catch_up(self.head() if until is None else until, progress)

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

    def rebuild(self, progress: Progress = None) -> int:
        """Forget the read models and replay every event from the start, each entity's rows
        worked out once, in the batch holding its last event (see `last_events`).

        With workers, they start on the first batches while the old rows are dropped, which was
        a tenth of a 1,000-entity rebuild's time (measured) when done first. The API may answer
        meanwhile, its projectors filling the fresh read models too: each works out an entity
        in every batch touching it, so whatever the rebuild left to a later batch is still
        worked out, by whichever projector gets there."""
        applied = self._catch_up(self.head(), progress, rebuilding=True)
        # Whatever was recorded meanwhile, as the projector follows the log.
        return applied + self.catch_up(progress=progress)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _catch_up(self, target: int, progress: Progress, rebuilding: bool = False) -> int:
        applied = 0
        last: dict[Any, int] | None = None
        cleared = not rebuilding

        def clear() -> None:
            nonlocal cleared
            self.model.clear(self.name)
            cleared = True

        with self._lock:
            # A rebuild clears the read models even when the log is empty.
            while (start := self.position() if cleared else 0) < target or not cleared:
                try:
                    if self.workers and target - start > self.bulk_batch:
                        applied += self._catch_up_with_workers(
                            start, target, progress=progress, once=rebuilding,
                            before_writing=None if cleared else clear)
                    else:
                        if not cleared:
                            clear()
                        if rebuilding and last is None:
                            last = last_events(self.registry.recorder, target)
                        far = target - start > self.bulk_batch
                        done = self._process_batch(start, self.bulk_batch if far else self.batch,
                                                   until=target if rebuilding else None, last=last)
                        applied += done
                        if progress is not None:
                            progress(done)
                except BaseException as exc:
                    # Another projector committed this batch first: its work stands, move on.
                    # If none did, the rows themselves conflict, and a retry would loop forever.
                    if cleared and isinstance(exc, IntegrityError) and self.position() > start:
                        continue
                    self.close()  # a worker may be broken: the next catch-up starts new ones
                    raise
        return applied

    def _process_batch(self, start: int, limit: int, until: int | None = None,
                       last: dict[Any, int] | None = None) -> int:
        notifications = self.registry.recorder.select_notifications(
            start=start, limit=limit, stop=until, inclusive_of_start=False
        )
        if not notifications:
            return 0
        rows = rows_of(self.registry, self.book, by_entity(notifications), park_day(self.clock()), last)
        alerts = self._alert_rows(alert_ids(notifications))
        self.model.apply(rows, Tracking(self.name, notifications[-1].id), alerts)
        return len(notifications)

    def _catch_up_with_workers(self, start: int, target: int, progress: Progress = None,
                               before_writing: Callable[[], Any] | None = None, once: bool = False) -> int:
        """Batches up to `target` worked out by the workers, AHEAD of the one written here;
        `before_writing` runs once the first are under way; `once` (a rebuild): each entity's
        rows are worked out only in the batch holding its last event up to `target`.

        A batch is a range of notification ids, so that this process need not read it: the
        log's ids up to its head are all committed (the recorders insert under a table lock)."""
        if self._pool is None:
            self._pool = WorkerPool(dict(self.registry.env), self.book, self.workers)
        in_flight: deque[tuple[int, list[Any]]] = deque()
        position, applied = start, 0
        try:
            while True:
                ahead = AHEAD if before_writing is None else AHEAD_WHILE_CLEARING
                while position < target and len(in_flight) <= ahead:
                    stop = min(position + self.bulk_batch, target)
                    in_flight.append((stop, self._pool.submit(position, stop, park_day(self.clock()),
                                                              target if once else None)))
                    position = stop
                if before_writing is not None:
                    before_writing()
                    before_writing = None
                if not in_flight:
                    return applied
                stop, futures = in_flight.popleft()
                results = [f.result() for f in futures]
                rows = [r for found, _, _ in results for r in found]
                alerts = self._alert_rows([a for _, ids, _ in results for a in ids])
                self.model.apply(rows, Tracking(self.name, stop), alerts)
                done = sum(seen for _, _, seen in results)
                applied += done
                if progress is not None:
                    progress(done)
        finally:
            for _, futures in in_flight:  # after a failure: let them finish, keep nothing
                for f in futures:
                    f.exception()

    def _alert_rows(self, ids: list[Any]) -> list[dict[str, Any]]:
        return [alert_row(self.registry.repository.get(a)) for a in ids]


def alert_row(alert: Alert) -> dict[str, Any]:
    view = {k: v.isoformat() if isinstance(v, date) else v for k, v in alert.view().items()}
    return {**view, "issued_at": utc_text(alert.issued_at),
            "next_attempt_at": utc_text(alert.next_attempt_at) if alert.next_attempt_at else None,
            "delivered_at": utc_text(alert.delivered_at) if alert.delivered_at else None,
            "attempts": [{**a, "at": utc_text(a["at"])} for a in alert.attempts]}
