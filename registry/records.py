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

from registry.matter_names import same_matter

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
# 贷款登记作废: a lender takes back a loan it recorded by mistake; it is no loan any more.
VOIDED = "loan_record_voided"


def live_loan(history: Sequence[FactRecord], loan_ref: str) -> FactRecord | None:
    """A lender's loan under the reference (one matter however typed) as it stands: the first
    recorded after the last void of the reference, or None (never recorded, or voided). A
    second recording without a void between was one the door had not yet compared so."""
    ref, loan = same_matter(loan_ref), None
    for e in history:
        if e.type == VOIDED and same_matter(e.data["loan_ref"]) == ref:
            loan = None
        elif e.type == "loan_issued" and loan is None and same_matter(e.data["loan_ref"]) == ref:
            loan = e
    return loan


def restatement_of(history: Sequence[FactRecord], loan_ref: str) -> FactRecord | None:
    """The latest restatement of the borrower standing of a lender's loan as it stands, or None:
    what the loan holds of its borrower now, where the loan's own data holds it as captured at
    the door. One made before the loan was voided and recorded again was the voided loan's."""
    loan = live_loan(history, loan_ref)
    return None if loan is None else next(
        (e for e in reversed(history) if e.version > loan.version and e.type == RESTATED
         and same_matter(e.data["loan_ref"]) == same_matter(loan_ref)), None)
