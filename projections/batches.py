"""What the projector works out from a batch of the notification log: each touched entity's rows
and the alerts issued or changed.

A rebuild works each entity out once, in the batch holding its last event (the read model's
`last_events`): a park's log interleaves its entities over the years, so a batch touches an
entity whose history goes on in later batches, and an entity of twenty facts was otherwise
worked out about twenty times in a rebuild (measured on an interleaved log).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from projections.entity_rows import EntityRows, entity_rows
from projections.policy import PolicyBook
from projections.quarantine import Quarantine, caused_by_the_event
from registry.application import Registry
from registry.errors import EntityNotFound

ALERT_TOPIC = "registry.alerts:Alert."


def rows_of(registry: Registry, book: PolicyBook, touched: dict[UUID, list[Any]], today: date,
            quarantine: Quarantine, last: dict[UUID, int] | None = None) -> list[EntityRows]:
    """Rows of each entity a batch touched, given its notifications in the batch. With `last`
    (a rebuild's, from the read model's `last_events`), none for an entity whose last event is
    further on: a later batch of the same rebuild works its rows out. An entity whose events
    cannot be decoded or worked out has them set aside in `quarantine`, and the others go on."""
    out = []
    for entity_id, theirs in touched.items():
        try:
            rows = _entity_rows(registry, book, entity_id, theirs, today, last)
        except Exception as exc:
            if not caused_by_the_event(exc):
                raise
            quarantine.add(undecodable(registry, theirs) or theirs, exc)
            continue
        if rows is not None:
            out.append(rows)
    return out


def _entity_rows(registry: Registry, book: PolicyBook, entity_id: UUID, theirs: list[Any], today: date,
                 last: dict[UUID, int] | None) -> EntityRows | None:
    # Decoded once here and remembered, instead of read again entity by entity.
    registry.histories.offer(entity_id, theirs, registry.mapper.to_domain_event)
    if last is not None and last.get(entity_id, 0) > theirs[-1].id:
        return None
    try:
        entity, history = registry.state_and_history(entity_id, at_least=theirs[-1].originator_version)
    except EntityNotFound:
        return None
    return entity_rows(entity, history, book, today)


def undecodable(registry: Registry, notifications: Sequence[Any]) -> list[Any]:
    """Those of the notifications that cannot be decoded: the culprits when there are any."""
    found = []
    for n in notifications:
        try:
            registry.mapper.to_domain_event(n)
        except Exception as exc:
            if not caused_by_the_event(exc):
                raise
            found.append(n)
    return found


def by_entity(notifications: Sequence[Any]) -> dict[UUID, list[Any]]:
    """The notifications about entities, grouped by entity, in log order."""
    touched: dict[UUID, list[Any]] = {}
    for n in notifications:
        if concerns_entity(n.topic):
            touched.setdefault(n.originator_id, []).append(n)
    return touched


def by_alert(notifications: Sequence[Any]) -> dict[UUID, list[Any]]:
    """The alerts a batch issued or changed, each with its notifications, in log order."""
    found: dict[UUID, list[Any]] = {}
    for n in notifications:
        if n.topic.startswith(ALERT_TOPIC):
            found.setdefault(n.originator_id, []).append(n)
    return found


def concerns_entity(topic: str) -> bool:
    # Tokens, credit-code claims and idempotency records share the log but are not entities.
    return topic.startswith("registry.events:") or topic.endswith(".Registered")
