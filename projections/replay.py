"""The past read two ways, by the API and the console alike: what was *known* by a day
(`as_of`, the facts recorded by then) and what was *so* on a day (`on`, the facts that had
occurred by then, by their own dates, with everything known now). Both replay the entity's
history through the engine, with statuses as they stood on that day."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from projections.policy import PolicyBook, entitlements
from projections.quarantine import caused_by_the_event
from registry.records import VOIDED, FactRecord

# Facts read on every day, whatever their date (occurred_by).
KEPT = ("registered", VOIDED)


def occurred_by(history: Sequence[FactRecord], on: date) -> list[FactRecord]:
    """The facts that had occurred by the end of `on` (`occurred_on` ≤ on), in recorded order.
    The registration stays, whatever its date: it is who the entity is, not a fact of its
    activity, and an entity that entered the park later is simply entitled to nothing yet. So
    does a void (贷款登记作废): it says a loan was recorded by mistake, not that the loan was so
    until the void's day; the loan recorded again in its place is read from its own date."""
    return [e for e in history if e.type in KEPT or e.occurred_on <= on]


def read_entitlements(svc: Any, entity_id: UUID, today: date, as_of: date | None,
                      on: date | None) -> list[dict[str, Any]]:
    """The entity's entitlements (`to_json()`, in English) for the API and the console alike:
    replayed for `as_of` / `on`; else as the projection stored the pure function's output for
    the whole history (property-tested to be equal), one indexed query rather than a replay,
    when it was worked out at the entity's last event. Otherwise (the projector has yet to
    reach that event) a replay answers, so a write is seen by the next read of its entity
    without that read working through the rest of the log (bench/import_under_reads.py)."""
    if as_of is not None or on is not None:
        return replayed(svc.registry, svc.policy, entity_id, as_of, on)
    stored = svc.model.entitlements_on(str(entity_id), today, svc.registry.last_version(entity_id))
    if stored is not None:
        return stored
    # Not worked out at its last event, not in the read models, or dated after today by a clock
    # since set back: replay. An event that cannot be decoded is the 409 the contract documents.
    history = svc.registry.history(entity_id)
    try:
        return [e.to_json() for e in entitlements(history, svc.policy, today=today)]
    except Exception as exc:
        # An event the policy engine cannot work out is quarantined by the projector, its
        # entity's rows left as they last stood: answer those, as the read models' lists do.
        last_stood = svc.model.entitlements_on(str(entity_id), today) if caused_by_the_event(exc) else None
        if last_stood is None:
            raise
        return last_stood


def replayed(registry: Any, book: PolicyBook, entity_id: UUID, as_of: date | None = None,
             on: date | None = None) -> list[dict[str, Any]]:
    """The entity's entitlements (`to_json()`) as known by `as_of` and as they stood on `on`."""
    history = registry.history(entity_id, as_of=as_of)
    if on is not None:
        history = occurred_by(history, on)
        if history[0].occurred_on > on:
            return []
    day = on if on is not None else as_of
    return [e.to_json() for e in entitlements(history, book, today=day)]


def every_history(svc: Any, page: int = 500) -> Iterator[tuple[str, str, list[FactRecord]]]:
    """(id, name, history) of every registered entity, in registration order, for a what-if:
    the directory names them, the registry gives each whole history."""
    offset = 0
    while found := svc.model.entity_page(None, None, offset, page):
        for entity in found:
            yield entity["id"], entity["name"], svc.registry.history(UUID(entity["id"]))
        offset += len(found)
