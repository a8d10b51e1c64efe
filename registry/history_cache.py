"""Each process remembers the histories it has decoded, and reads only what was added since.

The store stays the truth: every use asks it for the events after the remembered ones, so a
write by another worker or process is always seen. It can only append to a history, so a history
decoded once stays the beginning of the entity's history. Domain events are immutable, and the
entity's state is made afresh from them on each use: nothing remembered is ever changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from registry.history import to_records
from registry.records import FactRecord

# The events, and the records of the first `covered` of them.
_Remembered = tuple[tuple[Any, ...], tuple[FactRecord, ...], int]
_NOTHING: _Remembered = ((), (), 0)


class HistoryCache:
    def __init__(self, max_entities: int = 5000):
        self.max_entities = max_entities
        self._entries: OrderedDict[UUID, _Remembered] = OrderedDict()
        self._lock = threading.Lock()

    def events(self, entity_id: UUID, events_after: Callable[[int], Sequence[Any]],
               at_least: int | None = None) -> tuple[Any, ...]:
        """The entity's domain events, brought up to date from the store; with `at_least`, a
        remembered history that reaches that version is enough."""
        with self._lock:
            events = self._entries.get(entity_id, _NOTHING)[0]
        if at_least is not None and len(events) >= at_least:
            return events
        return self._extend(entity_id, events, list(events_after(len(events))))

    def records(self, entity_id: UUID, events: tuple[Any, ...]) -> tuple[FactRecord, ...]:
        """The records of `events`, a history this cache gave; made once while remembered."""
        with self._lock:
            _, records, covered = self._entries.get(entity_id, _NOTHING)
        if covered > len(events):  # another thread read further meanwhile: start afresh
            return tuple(to_records(events))
        kind = records[0].kind if records else ""
        records += tuple(to_records(events[covered:], kind=kind))
        with self._lock:
            if self._entries.get(entity_id, _NOTHING)[0] is events:
                self._entries[entity_id] = (events, records, len(events))
        return records

    def offer(self, entity_id: UUID, stored: Sequence[Any], decode: Callable[[Any], Any]) -> None:
        """Stored events just read from the notification log, oldest first: decoded and
        remembered only when they continue the remembered history (or begin it)."""
        with self._lock:
            events = self._entries.get(entity_id, _NOTHING)[0]
        versions = [s.originator_version for s in stored]
        if versions == list(range(len(events) + 1, len(events) + 1 + len(stored))):
            self._extend(entity_id, events, [decode(s) for s in stored])

    def _extend(self, entity_id: UUID, events: tuple[Any, ...], new: list[Any]) -> tuple[Any, ...]:
        if not new:
            return events
        longer = events + tuple(new)
        with self._lock:
            current = self._entries.get(entity_id, _NOTHING)
            # Another thread may have read further meanwhile: keep the longer history.
            if len(current[0]) < len(longer):
                self._entries[entity_id] = (longer, current[1], current[2])
            self._entries.move_to_end(entity_id)
            while len(self._entries) > self.max_entities:
                self._entries.popitem(last=False)
        return longer
