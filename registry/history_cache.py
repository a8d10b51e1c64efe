"""Each process remembers the histories it has decoded, and reads only what was added since.

The store stays the truth: every use asks it for the events after the remembered ones, so a
write by another worker or process is always seen. It can only append to a history, so a history
decoded once stays the beginning of the entity's history. Each event is decoded and made into
its record once, both kept side by side; the entity's state is made afresh from the events on
each use. Nothing remembered is ever changed: a longer history replaces a shorter one whole.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from registry.history import to_records
from registry.records import FactRecord

# An entity's domain events, oldest first, and their records.
History = tuple[tuple[Any, ...], tuple[FactRecord, ...]]
NOTHING: History = ((), ())


class HistoryCache:
    def __init__(self, max_entities: int = 5000):
        self.max_entities = max_entities
        self._entries: OrderedDict[UUID, History] = OrderedDict()
        self._lock = threading.Lock()

    def history(self, entity_id: UUID, events_after: Callable[[int], Sequence[Any]],
                at_least: int | None = None) -> History:
        """The entity's events and records, brought up to date from the store; with `at_least`,
        a remembered history that reaches that version is enough."""
        remembered = self._remembered(entity_id)
        if at_least is not None and len(remembered[0]) >= at_least:
            return remembered
        return self._extend(entity_id, remembered, list(events_after(len(remembered[0]))))

    def offer(self, entity_id: UUID, stored: Sequence[Any], decode: Callable[[Any], Any]) -> None:
        """Stored events just read from the notification log, oldest first: decoded and
        remembered only when they continue the remembered history (or begin it)."""
        remembered = self._remembered(entity_id)
        known = len(remembered[0])
        if [s.originator_version for s in stored] == list(range(known + 1, known + 1 + len(stored))):
            self._extend(entity_id, remembered, [decode(s) for s in stored])

    def _remembered(self, entity_id: UUID) -> History:
        with self._lock:
            return self._entries.get(entity_id, NOTHING)

    def _extend(self, entity_id: UUID, remembered: History, new: list[Any]) -> History:
        if not new:
            return remembered
        events, records = remembered
        kind = records[0].kind if records else ""
        longer = (events + tuple(new), records + tuple(to_records(new, kind=kind)))
        with self._lock:
            # Another thread may have read further meanwhile: keep the longer history.
            if len(self._entries.get(entity_id, NOTHING)[0]) < len(longer[0]):
                self._entries[entity_id] = longer
            self._entries.move_to_end(entity_id)
            while len(self._entries) > self.max_entities:
                self._entries.popitem(last=False)
        return longer
