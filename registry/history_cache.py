"""Each process remembers the histories it has read, and reads only what was added since.

The store stays the truth: every use asks it for the events after the remembered version, so a
write by another worker or process is always seen. What is saved is the decoding of the
history that writes, reads and the policy's admission check would otherwise repeat in full.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from registry.history import to_records
from registry.records import FactRecord

Entry = tuple[tuple[Any, ...], tuple[FactRecord, ...]]


class HistoryCache:
    def __init__(self, max_entities: int = 5000):
        self.max_entities = max_entities
        self._entries: OrderedDict[UUID, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def read(self, entity_id: UUID, events_after: Callable[[int], Sequence[Any]],
             at_least: int | None = None) -> Entry:
        """The entity's domain events and records, brought up to date from the store; with
        `at_least`, a remembered history that reaches that version is enough."""
        with self._lock:
            events, records = self._entries.get(entity_id, ((), ()))
        if at_least is not None and len(events) >= at_least:
            return events, records
        return self._extend(entity_id, events, records, list(events_after(len(events))))

    def offer(self, entity_id: UUID, new: Sequence[Any]) -> None:
        """Events just decoded from the notification log, oldest first: remembered when they
        continue the remembered history (or begin it), so no one reads them again."""
        with self._lock:
            events, records = self._entries.get(entity_id, ((), ()))
        if new and new[0].originator_version == len(events) + 1:
            self._extend(entity_id, events, records, list(new))

    def _extend(self, entity_id: UUID, events: tuple[Any, ...], records: tuple[FactRecord, ...],
                new: list[Any]) -> Entry:
        if not new:
            return events, records
        kind = records[0].kind if records else ""
        events, records = events + tuple(new), records + tuple(to_records(new, kind=kind))
        with self._lock:
            current = self._entries.get(entity_id)
            # Another thread may have read further meanwhile: keep the longer history.
            if current is None or len(current[0]) < len(events):
                self._entries[entity_id] = (events, records)
            self._entries.move_to_end(entity_id)
            while len(self._entries) > self.max_entities:
                self._entries.popitem(last=False)
        return events, records
