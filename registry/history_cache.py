"""Each process remembers the histories it has read, and reads only what was added since.

The store stays the truth: every use asks it for the events after the remembered version, so a
write by another worker or process is always seen. What is saved is the decoding of the
history that writes, reads and the policy's admission check would otherwise repeat in full.
The records are made only when someone asks for them: most writes need the entity's state,
not its records, and making them cost as much as decoding the events. The state is remembered
too, apart from the histories: a write applies only the events added since, or, trusting the
state its process remembers, reads nothing at all.
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
# The events, and the records of the first `covered` of them.
_Remembered = tuple[tuple[Any, ...], tuple[FactRecord, ...], int]
_NOTHING: _Remembered = ((), (), 0)


class HistoryCache:
    def __init__(self, max_entities: int = 5000):
        self.max_entities = max_entities
        self._entries: OrderedDict[UUID, _Remembered] = OrderedDict()
        # Each entity's latest state known (the aggregate at a version), from a history this
        # cache gave or from a write; a write needs only this, not the history.
        self._states: OrderedDict[UUID, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def read(self, entity_id: UUID, events_after: Callable[[int], Sequence[Any]],
             at_least: int | None = None) -> Entry:
        """The entity's domain events and records, brought up to date from the store; with
        `at_least`, a remembered history that reaches that version is enough."""
        events = self.events(entity_id, events_after, at_least)
        return events, self.records(entity_id, events)

    def events(self, entity_id: UUID, events_after: Callable[[int], Sequence[Any]],
               at_least: int | None = None) -> tuple[Any, ...]:
        """As `read`, without the records (`records` makes them when they are wanted)."""
        with self._lock:
            events = self._entries.get(entity_id, _NOTHING)[0]
        if at_least is not None and len(events) >= at_least:
            return events
        return self._extend(entity_id, events, list(events_after(len(events))))

    def records(self, entity_id: UUID, events: tuple[Any, ...]) -> tuple[FactRecord, ...]:
        """The records of `events`, a history this cache gave; made once while remembered."""
        with self._lock:
            _, records, covered = self._entries.get(entity_id, _NOTHING)
        if covered > len(events):  # another thread read further meanwhile: rare, start afresh
            return tuple(to_records(events))
        kind = records[0].kind if records else ""
        records += tuple(to_records(events[covered:], kind=kind))
        with self._lock:
            # Kept only while no longer history is remembered, whose own use makes its records.
            if self._entries.get(entity_id, _NOTHING)[0] is events:
                self._entries[entity_id] = (events, records, len(events))
        return records

    def state(self, entity_id: UUID, events: tuple[Any, ...]) -> Any:
        """The aggregate the events (a history this cache gave) make, the caller's own to change:
        the remembered state brought forward by the events after it, or built from the start.
        Any history of an entity begins with any shorter one, since the store only appends."""
        with self._lock:
            remembered, upto = self._states.get(entity_id, (None, 0))
        if upto > len(events):
            remembered, upto = None, 0
        state = _private(remembered)
        # The library's project_aggregate checks a runtime Protocol per event: slow in bulk.
        for domain_event in events[upto:]:
            state = domain_event.mutate(state)
        if state is not None and upto < len(events):
            self.remember_state(entity_id, state)
        return state

    def latest_state(self, entity_id: UUID) -> Any:
        """The newest state remembered of the entity, the caller's own to change; or None."""
        with self._lock:
            remembered, _ = self._states.get(entity_id, (None, 0))
        return _private(remembered)

    def remember_state(self, entity_id: UUID, state: Any) -> None:
        """Remember the aggregate as it stands (a copy), unless a newer state is remembered."""
        with self._lock:
            if self._states.get(entity_id, (None, 0))[1] < state.version:
                self._states[entity_id] = (_private(state), state.version)
                self._states.move_to_end(entity_id)
                while len(self._states) > self.max_entities:
                    self._states.popitem(last=False)

    def offer(self, entity_id: UUID, stored: Sequence[Any], decode: Callable[[Any], Any]) -> None:
        """Events just read from the notification log, oldest first, with how to decode them:
        decoded and remembered only when they continue the remembered history (or begin it), so
        no one reads them again. Otherwise they are not decoded at all: an entity first seen, or
        one whose history was forgotten, is read whole when it is wanted."""
        with self._lock:
            events = self._entries.get(entity_id, _NOTHING)[0]
        if stored and stored[0].originator_version == len(events) + 1:
            self._extend(entity_id, events, [decode(s) for s in stored])

    def _extend(self, entity_id: UUID, events: tuple[Any, ...], new: list[Any]) -> tuple[Any, ...]:
        if not new:
            return events
        longer = events + tuple(new)
        with self._lock:
            current = self._entries.get(entity_id, _NOTHING)
            # Another thread may have read further meanwhile: keep the longer history.
            if len(current[0]) < len(longer):
                # The records made so far stay good: the store only ever appends.
                self._entries[entity_id] = (longer, current[1], current[2])
            self._entries.move_to_end(entity_id)
            while len(self._entries) > self.max_entities:
                self._entries.popitem(last=False)
        return longer


def _private(aggregate: Any) -> Any:
    """A copy whose changes, and events pending on it, are no one else's: an entity's state is
    plain values, so a shallow copy with its own list of pending events is enough."""
    if aggregate is None:
        return None
    # What copy.copy does for a plain object (no slots, no __copy__), a quarter of its cost:
    # a write copies its entity's state two or three times.
    mine = object.__new__(type(aggregate))
    mine.__dict__.update(aggregate.__dict__)
    mine._pending_events = []
    return mine
