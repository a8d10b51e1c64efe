"""Group commit: concurrent saves in one process share one transaction.

Each request still waits for its own events to be committed before it answers, and a conflict
is still its own: when a shared transaction fails on the store's integrity check, its saves are
tried again one by one, so only the one that really conflicts sees the IntegrityError.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from queue import Empty, SimpleQueue
from typing import Any

from eventsourcing.persistence import IntegrityError

# Saves gathered into one transaction at the most; beyond this the batch's latency outweighs it.
MAX_BATCH = 64

Save = Callable[..., list[Any]]


class _Pending:
    def __init__(self, events: Sequence[Any]):
        self.events = events
        self.done = threading.Event()
        self.recordings: list[Any] = []
        self.error: BaseException | None = None


class GroupCommitter:
    """Runs every save of the process in one committing thread, a batch at a time."""

    def __init__(self, save_events: Save):
        self._save = save_events
        self._queue: SimpleQueue[_Pending | None] = SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def save(self, events: Sequence[Any]) -> list[Any]:
        """Commit the events (in a transaction shared with other threads' saves) and return their
        recordings; raise what saving them alone would have raised."""
        pending = _Pending(events)
        self._start()
        self._queue.put(pending)
        pending.done.wait()
        if pending.error is not None:
            raise pending.error
        return pending.recordings

    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="group-commit", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Let the committing thread finish what is queued and end."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._queue.put(None)
                self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        while (first := self._queue.get()) is not None:
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except Empty:
                    break
                if item is None:
                    self._commit(batch)
                    return
                batch.append(item)
            self._commit(batch)

    def _commit(self, batch: list[_Pending]) -> None:
        try:
            if len(batch) == 1:
                batch[0].recordings = self._save(*batch[0].events)
            else:
                recordings = self._save(*[e for p in batch for e in p.events])
                for p in batch:
                    p.recordings, recordings = recordings[:len(p.events)], recordings[len(p.events):]
        except IntegrityError as exc:
            if len(batch) == 1:
                batch[0].error = exc
            else:
                for p in batch:
                    self._commit([p])
                return
        except BaseException as exc:  # every waiting request must hear of it
            for p in batch:
                p.error = exc
        for p in batch:
            p.done.set()
