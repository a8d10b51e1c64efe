"""The plain, storage-free view of a recorded fact that the policy engine reads.

The engine must not depend on eventsourcing's classes, so the application turns every stored
domain event of an entity into a `FactRecord` before handing the history to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class FactRecord:
    """One event of an entity's history, as the contract names it.

    `data` holds typed values: money as `Decimal` (2 places), dates as `date`, years as `int`,
    flags as `bool`, references to other entities and entitlements as `str` (a UUID's text).
    `type` is the contract's event type (`"registered"` for the first event).
    """

    event_id: UUID
    entity_id: UUID
    kind: str
    type: str
    occurred_on: date
    recorded_at: datetime
    version: int
    data: dict[str, Any] = field(default_factory=dict)
    recorded_by: dict[str, str] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        """The event id's text, as entitlements cite it."""
        return str(self.event_id)


def registration_of(history: Sequence[FactRecord]) -> dict[str, Any]:
    """The registration as it stands: the first event's data with each `registration_corrected`
    applied in order. Every reader of an entity's registration (the policy's doors and rules,
    imports) reads it here, so a correction counts everywhere or nowhere."""
    registration = dict(history[0].data) if history else {}
    for record in history:
        if record.type == "registration_corrected":
            registration.update(record.data)
    return registration
