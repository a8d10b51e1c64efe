"""The plain, storage-free view of a recorded fact that the policy engine reads.

The engine must not depend on eventsourcing's classes, so the application turns every stored
domain event of an entity into a `FactRecord` before handing the history to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any
from uuid import UUID, uuid5

# Fixed forever: ids derived from it are stored.
NAMESPACE = UUID("5a0c3f0e-6f1d-4c55-9a57-2b1f2c3d4e5f")


def event_id(entity_id: UUID, version: int) -> UUID:
    """A stored event's id: its place in its entity's history, so any reader can derive it."""
    return uuid5(NAMESPACE, f"event:{entity_id}:{version}")


@dataclass(frozen=True)
class FactRecord:
    """One event of an entity's history, as the contract names it.

    `data` holds typed values: money as `Decimal` (2 places), dates as `date`, years as `int`,
    flags as `bool`, references to other entities and entitlements as `str` (a UUID's text).
    `type` is the contract's event type (`"registered"` for the first event). Its id is its
    place in the history, derived when first asked for (most readers never ask).
    """

    entity_id: UUID
    kind: str
    type: str
    occurred_on: date
    recorded_at: datetime
    version: int
    data: dict[str, Any] = field(default_factory=dict)
    recorded_by: dict[str, str] = field(default_factory=dict)

    @cached_property
    def event_id(self) -> UUID:
        return event_id(self.entity_id, self.version)

    @cached_property
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


# The facts that decide whether an entity was incubating (孵化中) on a day.
INCUBATION_TYPES = ("incubation_started", "incubation_graduated", "departed")


def incubating_on(history: Sequence[FactRecord], day: date) -> bool:
    """Whether the entity was incubating (孵化中) on the day, by the facts dated up to it, in
    the order of their dates (a start recorded after the graduation that ended it still came
    first); facts of one day in the order recorded."""
    facts = sorted((e for e in history if e.occurred_on <= day and e.type in INCUBATION_TYPES),
                   key=lambda e: e.occurred_on)
    return bool(facts) and facts[-1].type == "incubation_started"


def borrower_standing(history: Sequence[FactRecord], start_on: date) -> dict[str, Any]:
    """What 12.2 needs to know of a borrower at a loan's start (its entry date as corrected,
    and whether it was incubating), as stored on the lender's loan: the door captures it and a
    later fact on the borrower that changes it restates it (registry.borrower_standing)."""
    return {"borrower_registered_on": registration_of(history)["entered_on"],
            "borrower_incubating": incubating_on(history, start_on)}


STANDING = ("borrower_registered_on", "borrower_incubating")
RESTATED = "loan_borrower_standing_restated"


def restatement_of(history: Sequence[FactRecord], loan_ref: str) -> FactRecord | None:
    """The latest restatement of a lender's loan's borrower standing, or None: what the loan
    holds of its borrower now, where the loan's own data holds it as captured at the door."""
    return next((e for e in reversed(history) if e.type == RESTATED and e.data["loan_ref"] == loan_ref),
                None)
