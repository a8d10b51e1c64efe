"""Follows the registry's notification log and keeps the read models current.

eventsourcing's ProjectionRunner needs a subscription, which its SQLite recorder does not offer
(stack notes), so this projector polls on both backends; it writes many events' effects per
transaction with their tracking record, which is what makes it fast and exactly-once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from eventsourcing.persistence import IntegrityError, Tracking

from projections.batches import by_alert, by_entity, rows_of
from projections.entity_rows import park_deadline_rows
from projections.policy import PolicyBook
from projections.quarantine import Quarantine, caused_by_the_event
from projections.units import units_of
from projections.views.alert_queries import utc_text
from projections.views.read_model import ReadModelQueries
from registry.alerts import Alert
from registry.application import Registry
from registry.clock import Clock, park_day, system_clock

BATCH = 500
# Events per transaction while far behind (a rebuild, a restart): fewer, larger commits; while
# following the log, batches stay small so the read models' write lock is held briefly.
BULK_BATCH = 2000
Progress = Callable[[int], Any] | None
# How often an idle projector says it is alive (the heartbeat /ready reads), and the longest
# wait between two attempts when the database cannot be reached.
BEAT_SECONDS = 5.0
RETRY_MAX_SECONDS = 10.0

log = logging.getLogger("jcg.projector")


class Projector:
    """Applies the registry's new events to the read models, a batch per transaction."""

    def __init__(self, registry: Registry, model: ReadModelQueries, book: PolicyBook,
                 batch: int = BATCH, clock: Clock = system_clock, bulk_batch: int = BULK_BATCH):
        self.registry = registry
        self.book = book
        self.clock = clock
        self.model = model
        self.batch = batch
        self.bulk_batch = max(batch, bulk_batch)
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

    def ensure_current(self, since: int | None = None) -> int:
        """Make the next read see every write acknowledged so far (read-your-writes) when the
        read models are at most a bulk batch behind the log (with `since`, behind the log's
        head as it stood then: a caller that has since recorded more, an import, sees its own
        events): the request works them out itself. Further behind (a rebuild, a restart, the
        projector stopped for a while), the read is answered from the read models as they
        stand while the projector works through the rest: every worker's reads would
        otherwise repeat that work at once, seconds each (bench/import_under_reads.py
        --behind). What must see every event (an alert scan) calls `catch_up`. Returns how many
        of the events recorded when it was called the read models still lack."""
        # One round trip answers both questions on the common path, where nothing is pending.
        target, position = self.model.freshness(self.name, self.registry.recorder.events_table_name)
        if position < target and position + self.bulk_batch >= (target if since is None else since):
            self.catch_up(until=target)
            return 0
        return target - position

    def run_forever(self, stop: threading.Event, poll_interval: float = 0.2) -> None:
        """Poll until `stop` is set, with a heartbeat in the read model at each loop (at most
        every BEAT_SECONDS while idle). An event that cannot be applied is quarantined on the
        way (see projections.quarantine); a failure of the database is logged and retried,
        waiting longer each time, up to RETRY_MAX_SECONDS."""
        wait, beaten = poll_interval, 0.0
        while not stop.is_set():
            try:
                applied = self.catch_up()
                if time.monotonic() - beaten >= BEAT_SECONDS:
                    self.beat()
                    beaten = time.monotonic()
                wait = poll_interval
            except Exception as exc:
                log.warning("projector could not reach the read models; retrying in %.1fs", wait,
                            exc_info=exc, extra={"retry_in_seconds": wait})
                stop.wait(wait)
                wait = min(wait * 2, RETRY_MAX_SECONDS)
                continue
            if applied == 0:
                stop.wait(poll_interval)

    def beat(self) -> None:
        """Record that this projector looked, now; the lag shrank if nothing is left to apply."""
        position = self.position()
        self.model.beat(self.name, utc_text(self.clock()), position, caught_up=position >= self.head())

    def rebuild(self, progress: Progress = None) -> int:
        """Forget the read models and replay every event from the start, each entity's rows
        worked out once, in the batch holding its last event (see the read model's
        `last_events`). The API may answer meanwhile, its projectors filling the fresh read
        models too: each works out an entity in every batch touching it, so whatever the rebuild
        left to a later batch is still worked out, by whichever projector gets there."""
        applied = self._catch_up(self.head(), progress, rebuilding=True)
        # Whatever was recorded meanwhile, as the projector follows the log.
        return applied + self.catch_up(progress=progress)

    def _catch_up(self, target: int, progress: Progress, rebuilding: bool = False) -> int:
        with self._lock:  # one catch-up at a time in a process: another thread's ends soon
            return self._batches_up_to(target, progress, rebuilding)

    def _batches_up_to(self, target: int, progress: Progress, rebuilding: bool) -> int:
        applied = 0
        last: dict[Any, int] | None = None
        cleared = not rebuilding

        def clear() -> None:
            nonlocal cleared
            self.model.clear(self.name)
            cleared = True

        # A rebuild clears the read models even when the log is empty.
        while (start := self.position() if cleared else 0) < target or not cleared:
            try:
                if not cleared:
                    clear()
                if rebuilding and last is None:
                    last = self.model.last_events(self.registry.recorder.events_table_name, target)
                far = target - start > self.bulk_batch
                done = self._process_batch(start, self.bulk_batch if far else self.batch,
                                           until=target if rebuilding else None, last=last)
                applied += done
                if progress is not None:
                    progress(done)
            except BaseException as exc:
                # Another projector committed this batch first: its work stands, move on; or
                # the read models were cleared meanwhile (a rebuild, `jcg db upgrade`): start
                # again from where they are. If neither, the rows themselves conflict, and a
                # retry would loop forever.
                if cleared and isinstance(exc, IntegrityError) and self.position() != start:
                    continue
                raise
        return applied

    def _process_batch(self, start: int, limit: int, until: int | None = None,
                       last: dict[Any, int] | None = None) -> int:
        notifications = self.registry.recorder.select_notifications(
            start=start, limit=limit, stop=until, inclusive_of_start=False
        )
        if not notifications:
            return 0
        touched, alerted = by_entity(notifications), by_alert(notifications)
        quarantine = Quarantine(utc_text(self.clock()), {str(k): v for k, v in (touched | alerted).items()})
        rows = rows_of(self.registry, self.book, touched, park_day(self.clock()), quarantine, last)
        alerts = self._alert_rows(alerted, quarantine)
        tracking, park = Tracking(self.name, notifications[-1].id), park_deadline_rows(self.book)
        try:
            self.model.apply(rows, tracking, alerts, park, quarantine, start=start)
        except Exception as exc:
            # One entity's rows the database refuses would fail the batch for every entity in it,
            # again at every retry: write each apart, and set aside those it refuses.
            if not caused_by_the_event(exc):
                raise
            self.model.apply(rows, tracking, alerts, park, quarantine, isolate=True, start=start)
        quarantine.report()
        return len(notifications)

    def _alert_rows(self, alerted: dict[Any, list[Any]], quarantine: Quarantine) -> list[dict[str, Any]]:
        rows = []
        for alert_id, theirs in alerted.items():
            try:
                rows.append(alert_row(self.registry.repository.get(alert_id), self.book))
            except Exception as exc:
                if not caused_by_the_event(exc):
                    raise
                quarantine.add(theirs, exc)
        return rows


def alert_row(alert: Alert, book: PolicyBook) -> dict[str, Any]:
    view = {k: v.isoformat() if isinstance(v, date) else v for k, v in alert.view().items()}
    return {**view, "units": units_of(book, alert.clause), "issued_at": utc_text(alert.issued_at),
            "next_attempt_at": utc_text(alert.next_attempt_at) if alert.next_attempt_at else None,
            "delivered_at": utc_text(alert.delivered_at) if alert.delivered_at else None,
            "attempts": [{**a, "at": utc_text(a["at"])} for a in alert.attempts]}
