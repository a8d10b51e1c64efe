"""Reading an entity back: its state, its facts and its kind, through the process's history
cache, so that writes, reads and the projector share one decoding of each history."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import MapperDeserialisationError
from eventsourcing.utils import resolve_topic

from i18n import Text
from registry.clock import park_day
from registry.entities import ParkEntity
from registry.errors import EntityNotFound, UnreadableHistory
from registry.history_cache import HistoryCache
from registry.records import FactRecord, event_id

# The aggregates an import's dry run holds in memory (Registry.rehearse), read before the
# store's; a context variable, so that no other request or thread sees them.
_HELD: ContextVar[Mapping[UUID, Any] | None] = ContextVar("held_in_memory", default=None)


@contextmanager
def held_in_memory(held: Mapping[UUID, Any]) -> Iterator[None]:
    """Within it, `find` gives the aggregates `held` holds rather than the store's."""
    token = _HELD.set(held)
    try:
        yield
    finally:
        _HELD.reset(token)


class Reading:
    """Mixed into the Registry application (it provides `repository`, `events`, `histories`)."""

    repository: Any
    events: Any
    recorder: Any
    mapper: Any
    histories: HistoryCache

    def find(self, aggregate_id: UUID) -> Any | None:
        """The aggregate saved under this id, or None when none was (an index never written to,
        a key never used, a token never issued)."""
        held = _HELD.get()
        if held is not None and aggregate_id in held:
            return held[aggregate_id]
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def entity(self, entity_id: UUID) -> ParkEntity:
        """The entity's current state, or EntityNotFound."""
        return self.load(entity_id)[0]

    def last_version(self, aggregate_id: UUID) -> int | None:
        """The version of the aggregate's last stored event (one row read, nothing decoded);
        None when it has none."""
        last = self.recorder.select_events(aggregate_id, desc=True, limit=1)
        return last[0].originator_version if last else None

    def entity_kind(self, entity_id: str | UUID) -> str | None:
        """The kind of a registered entity, or None when the id names none (reads one event)."""
        try:
            entity_id = UUID(str(entity_id))
        except ValueError:
            return None
        try:
            first = list(self.events.get(entity_id, lte=1))
        except MapperDeserialisationError:
            raise self._unreadable(entity_id, 0) from None
        if not first or not isinstance(first[0], ParkEntity.Registered):
            return None
        return resolve_topic(first[0].originator_topic).kind

    def state_and_history(self, entity_id: UUID, at_least: int | None = None
                          ) -> tuple[ParkEntity, list[FactRecord]]:
        """The entity's state and its facts, made afresh (the caller's own to decide on in
        memory), from one read of its events (none when the history remembered reaches
        version `at_least`)."""
        entity, records = self.load(entity_id, at_least)
        return entity, list(records)

    def load(self, entity_id: UUID, at_least: int | None = None
             ) -> tuple[ParkEntity, tuple[FactRecord, ...]]:
        """The entity, made afresh from its history (the caller's own to change), and its facts."""
        events, records = self.histories.history(entity_id, self._events_after(entity_id), at_least)
        entity = None
        for domain_event in events:
            entity = domain_event.mutate(entity)
        if not isinstance(entity, ParkEntity):
            raise EntityNotFound(Text("no entity with id %(id)s is registered", id=entity_id))
        return entity, records

    def history(self, entity_id: UUID, as_of: date | None = None) -> list[FactRecord]:
        """Every recorded fact of the entity, oldest first; with `as_of`, only those recorded
        by the end of that day (park time)."""
        records = list(self.histories.history(entity_id, self._events_after(entity_id))[1])
        if not records:
            raise EntityNotFound(Text("no entity with id %(id)s is registered", id=entity_id))
        if as_of is not None:
            records = [r for r in records if park_day(r.recorded_at) <= as_of]
            if not records:
                raise EntityNotFound(Text("entity %(id)s had not been registered by %(day)s",
                                          id=entity_id, day=as_of))
        return records

    def _events_after(self, entity_id: UUID) -> Callable[[int], Any]:
        """What the history cache asks the store for: the entity's events after a version."""
        def read(known: int) -> list[Any]:
            try:
                return list(self.events.get(entity_id, gt=known or None))
            except MapperDeserialisationError:
                raise self._unreadable(entity_id, known) from None
        return read

    def _unreadable(self, entity_id: UUID, known: int) -> UnreadableHistory:
        """The refusal naming the first of the entity's stored events after `known` that
        cannot be decoded, so an administrator can find it (the quarantine names it too)."""
        version = next(s.originator_version for s in self.recorder.select_events(entity_id, gt=known or None)
                       if not _decodes(self.mapper, s))
        bad = event_id(entity_id, version)
        return UnreadableHistory(Text(
            "the history of entity %(id)s holds an event that cannot be read (set aside): version "
            "%(version)s, event %(event)s; ask the system administrator", id=entity_id, version=version,
            event=bad), entity_id, version, bad)


def _decodes(mapper: Any, stored: Any) -> bool:
    try:
        mapper.to_domain_event(stored)
    except MapperDeserialisationError:
        return False
    return True
