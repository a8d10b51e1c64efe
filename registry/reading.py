"""Reading an entity back: its state, its facts and its kind, through the process's history
cache, so that writes, reads and the projector share one decoding of each history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic, resolve_topic

from registry.clock import park_day
from registry.entities import ParkEntity
from registry.errors import EntityNotFound
from registry.events import FACT_CLASSES, Fact
from registry.history_cache import HistoryCache
from registry.records import FactRecord
from registry.state_rows import StateRows

# The facts whose `apply` leaves the entity's state as it was, bar its version.
VERSION_ONLY_TOPICS = frozenset(get_topic(cls) for cls in FACT_CLASSES.values() if cls.apply is Fact.apply)


class Reading:
    """Mixed into the Registry application (it provides `repository`, `events`, `histories`)."""

    repository: Any
    events: Any
    recorder: Any
    mapper: Any
    histories: HistoryCache

    @cached_property
    def _state_rows(self) -> StateRows:
        return StateRows(self.recorder, VERSION_ONLY_TOPICS)

    def entity(self, entity_id: UUID) -> ParkEntity:
        """The entity's current state, or EntityNotFound. Read from the store every time, since
        another process may have written; but only the events that change more than the version
        are decoded: a replay of the whole history made `GET /entities/{id}` cost six times a
        write (5.7 ms of CPU for an entity of a hundred facts, measured)."""
        return self._state_from_store(entity_id)

    def entity_kind(self, entity_id: str | UUID) -> str | None:
        """The kind of a registered entity, or None when the id names none (reads one event)."""
        try:
            first = list(self.events.get(UUID(str(entity_id)), lte=1))
        except ValueError:
            return None
        if not first or not isinstance(first[0], ParkEntity.Registered):
            return None
        return resolve_topic(first[0].originator_topic).kind

    def state_and_history(self, entity_id: UUID, at_least: int | None = None
                          ) -> tuple[ParkEntity, list[FactRecord]]:
        """The entity's state and its facts, from one read of its events (none when the
        history remembered reaches version `at_least`)."""
        entity, events = self._state(entity_id, at_least)
        return entity, list(self.histories.records(entity_id, events))

    def _state(self, entity_id: UUID, at_least: int | None = None) -> tuple[ParkEntity, tuple[Any, ...]]:
        domain_events = self.histories.events(entity_id, self._events_after(entity_id), at_least)
        entity = self.histories.state(entity_id, domain_events)
        if not isinstance(entity, ParkEntity):
            raise EntityNotFound(f"no entity with id {entity_id} is registered")
        return entity, domain_events

    def _state_to_write_on(self, entity_id: UUID) -> tuple[ParkEntity, Callable[[], Sequence[FactRecord]]]:
        """The state this process trusts for a write, and how to get the history should the
        policy want it. Nothing is asked of the store when the process remembers the entity; a
        stale state is caught by the store's version check on insert."""
        entity = self.histories.latest_state(entity_id)
        if entity is None:
            entity = self._state_from_store(entity_id)
        version = entity.version
        return entity, lambda: self.histories.read(entity_id, self._events_after(entity_id), version)[1]

    def _state_from_store(self, entity_id: UUID) -> ParkEntity:
        """The entity's state from one read of its stored events, decoding only those that
        change more than its version: most facts are kept, not applied to the entity's state,
        and decoding them was most of a write to an entity this process had not seen."""
        entity = None
        for version, stored in self._state_rows(entity_id):
            if stored is None and entity is not None:
                # All such an event's mutate would change that anyone reads (the other is the
                # modified-on time, which nothing here reads).
                entity._version = version
            elif stored is not None:
                entity = self.mapper.to_domain_event(stored).mutate(entity)
        if not isinstance(entity, ParkEntity):
            raise EntityNotFound(f"no entity with id {entity_id} is registered")
        self.histories.remember_state(entity_id, entity)
        return entity

    def history(self, entity_id: UUID, as_of: date | None = None) -> list[FactRecord]:
        """Every recorded fact of the entity, oldest first; with `as_of`, only those recorded
        by the end of that day (park time)."""
        records = list(self.histories.read(entity_id, self._events_after(entity_id))[1])
        if not records:
            raise EntityNotFound(f"no entity with id {entity_id} is registered")
        if as_of is not None:
            records = [r for r in records if park_day(r.recorded_at) <= as_of]
            if not records:
                raise EntityNotFound(f"entity {entity_id} had not been registered by {as_of}")
        return records

    def _events_after(self, entity_id: UUID) -> Callable[[int], Any]:
        """What the history cache asks the store for: the entity's events after a version."""
        return lambda known: self.events.get(entity_id, gt=known or None)
