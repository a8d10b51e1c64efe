"""Turns stored domain events into the plain `FactRecord`s that readers and the engine use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from registry.entities import ParkEntity
from registry.events import Fact
from registry.records import FactRecord


def to_records(domain_events: Iterable[Any], kind: str = "") -> list[FactRecord]:
    """One entity's facts, oldest first; events of other aggregates are not facts and are skipped.

    `kind` is the entity's kind when the events do not start with its registration."""
    records: list[FactRecord] = []
    for ev in domain_events:
        if isinstance(ev, ParkEntity.Registered):
            kind = ev.originator_topic and _kind_of(ev)
            type_name, occurred_on, data = "registered", ev.entered_on, _registration(ev, kind)
        elif isinstance(ev, Fact):
            type_name, occurred_on, data = ev.type, ev.occurred_on, dict(ev.data)
        else:
            continue
        records.append(FactRecord(
            entity_id=ev.originator_id, kind=kind, type=type_name, occurred_on=occurred_on,
            recorded_at=ev.recorded_at, version=ev.originator_version, data=data,
            recorded_by=dict(ev.recorded_by),
        ))
    return records


def _kind_of(ev: ParkEntity.Registered) -> str:
    from eventsourcing.utils import resolve_topic

    return resolve_topic(ev.originator_topic).kind


def _registration(ev: ParkEntity.Registered, kind: str) -> dict[str, Any]:
    data = {"kind": kind, "name": ev.name, "credit_code": ev.credit_code, "zone": ev.zone,
            "entered_on": ev.entered_on}
    if getattr(ev, "subtype", None) is not None:
        data["subtype"] = ev.subtype
    return data
