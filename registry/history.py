"""Turns stored domain events into the plain `FactRecord`s that readers and the engine use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any
from uuid import UUID

from registry.entities import NAMESPACE, ParkEntity
from registry.events import Fact
from registry.records import FactRecord
from registry.uuid5_fast import uuid5


def event_id(entity_id: UUID, version: int, entity_text: str | None = None) -> UUID:
    """A stored event's id: its place in its entity's history, so any reader can derive it.

    `entity_text` is `str(entity_id)` when the caller has it: a history names one entity, and
    its text cost as much as the rest of the id."""
    return uuid5(NAMESPACE, f"event:{entity_text or entity_id}:{version}")


def to_records(domain_events: Iterable[Any], kind: str = "") -> list[FactRecord]:
    """One entity's facts, oldest first; events of other aggregates are not facts and are skipped.

    `kind` is the entity's kind when the events do not start with its registration."""
    records: list[FactRecord] = []
    entity_number, entity_text = -1, ""
    for ev in domain_events:
        if isinstance(ev, ParkEntity.Registered):
            kind = ev.originator_topic and _kind_of(ev)
            records.append(_registered(ev, kind))
        elif isinstance(ev, Fact):
            if ev.originator_id.int != entity_number:  # by number: UUID's == is a Python call
                entity_number, entity_text = ev.originator_id.int, str(ev.originator_id)
            records.append(FactRecord(
                event_id=event_id(ev.originator_id, ev.originator_version, entity_text),
                entity_id=ev.originator_id, kind=kind, type=ev.type,
                occurred_on=ev.occurred_on, recorded_at=ev.recorded_at,
                version=ev.originator_version, data=dict(ev.data),
                recorded_by=dict(ev.recorded_by),
            ))
    return records


def _kind_of(ev: ParkEntity.Registered) -> str:
    from eventsourcing.utils import resolve_topic

    return resolve_topic(ev.originator_topic).kind


def _registered(ev: ParkEntity.Registered, kind: str) -> FactRecord:
    data = {"kind": kind, "name": ev.name, "credit_code": ev.credit_code, "zone": ev.zone,
            "entered_on": ev.entered_on}
    if getattr(ev, "subtype", None) is not None:
        data["subtype"] = ev.subtype
    return FactRecord(
        event_id=event_id(ev.originator_id, ev.originator_version),
        entity_id=ev.originator_id, kind=kind, type="registered",
        occurred_on=ev.entered_on, recorded_at=ev.recorded_at,
        version=ev.originator_version,
        data=data,
        recorded_by=dict(ev.recorded_by),
    )


class LazyHistory(Sequence[FactRecord]):
    """A history whose records are made when first used: the admission check of most facts
    never looks at the history, and making the records of a long one is a write's largest cost."""

    def __init__(self, make: Callable[[], Sequence[FactRecord]]):
        self._make = make
        self._records: Sequence[FactRecord] | None = None

    def _made(self) -> Sequence[FactRecord]:
        if self._records is None:
            self._records = self._make()
        return self._records

    def __getitem__(self, index: Any) -> Any:
        return self._made()[index]

    def __len__(self) -> int:
        return len(self._made())

    def __iter__(self) -> Iterator[FactRecord]:
        return iter(self._made())
