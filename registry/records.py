"""The plain, storage-free view of a recorded fact that the policy engine reads.

The engine must not depend on eventsourcing's classes, so the application turns every stored
domain event of an entity into a `FactRecord` before handing the history to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
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

    @cached_property
    def ref(self) -> str:
        """The event id's text, as entitlements cite it: made once per record, since the engine
        cites each record in every run over the history (a frozen dataclass still has a
        __dict__ for the cache)."""
        return str(self.event_id)
