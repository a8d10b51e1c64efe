"""Processes that work out entities' rows for the projector while it writes, when it is far
behind (a rebuild, a restart after downtime).

The policy engine costs more per event than reading and writing together, and one Python process
uses one core; so each worker takes a fixed share of the entities (by id), keeps their histories
in its own cache, and reads each batch from the store itself. The projector process only reads
where the batch ends, writes the rows and the tracking record in one transaction, in order; so
exactly-once is the projector's, as without workers.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from typing import Any
from uuid import UUID

from projections.entity_rows import EntityRows, entity_rows
from projections.policy import PolicyBook
from registry.application import Registry
from registry.errors import EntityNotFound
from registry.gc_tuning import relax_gc

ALERT_TOPIC = "registry.alerts:Alert."
# One worker's state, in the worker process: set by _start.
_worker: dict[str, Any] = {}


def rows_of(registry: Registry, book: PolicyBook, touched: dict[UUID, list[Any]], today: date
            ) -> list[EntityRows]:
    """Rows of each entity a batch touched, given its notifications in the batch."""
    out = []
    for entity_id, theirs in touched.items():
        # Decoded once here and remembered, instead of read again entity by entity.
        registry.histories.offer(entity_id, [registry.mapper.to_domain_event(n) for n in theirs])
        try:
            entity, history = registry.state_and_history(entity_id, at_least=theirs[-1].originator_version)
        except EntityNotFound:
            continue
        out.append(entity_rows(entity, history, book, today))
    return out


def by_entity(notifications: Sequence[Any], mine: Callable[[UUID], bool] = lambda _: True
              ) -> dict[UUID, list[Any]]:
    """The notifications about entities (those `mine` keeps), grouped by entity, in log order."""
    touched: dict[UUID, list[Any]] = {}
    for n in notifications:
        if concerns_entity(n.topic) and mine(n.originator_id):
            touched.setdefault(n.originator_id, []).append(n)
    return touched


def alert_ids(notifications: Sequence[Any]) -> list[UUID]:
    """The alerts a batch issued or changed, each once, in log order."""
    return list(dict.fromkeys(n.originator_id for n in notifications if n.topic.startswith(ALERT_TOPIC)))


def concerns_entity(topic: str) -> bool:
    # Tokens, credit-code claims and idempotency records share the log but are not entities.
    return topic.startswith("registry.events:") or topic.endswith(".Registered")


class WorkerPool:
    """`count` worker processes, each owning the entities whose id ≡ its index (mod count)."""

    def __init__(self, env: dict[str, str], book: PolicyBook, count: int):
        # Spawned, not forked: the projector's process may hold threads and open connections.
        context = multiprocessing.get_context("spawn")
        self.executors = [ProcessPoolExecutor(1, mp_context=context, initializer=_start,
                                              initargs=({**env, "CREATE_TABLE": "n"}, book, index, count))
                          for index in range(count)]

    def submit(self, start: int, stop: int, today: date) -> list[Future]:
        """Each worker's (rows, alert ids, events counted) for the notifications after `start` up to
        `stop`."""
        return [e.submit(_rows_between, start, stop, today) for e in self.executors]

    def close(self) -> None:
        for executor in self.executors:
            executor.shutdown(wait=True, cancel_futures=True)


def _start(env: dict[str, str], book: PolicyBook, index: int, count: int) -> None:
    relax_gc()
    _worker.update(registry=Registry(env), book=book, index=index, count=count)


def _rows_between(start: int, stop: int, today: date) -> tuple[list[EntityRows], list[UUID], int]:
    registry: Registry = _worker["registry"]
    notifications: Sequence[Any] = registry.recorder.select_notifications(
        start=start, limit=stop - start, stop=stop, inclusive_of_start=False)
    mine, count = _worker["index"], _worker["count"]
    touched = by_entity(notifications, lambda entity_id: entity_id.int % count == mine)
    rows = rows_of(registry, _worker["book"], touched, today)
    if mine != 0:
        return rows, [], 0
    # The first worker also names the batch's alerts, for the projector to read and write, and
    # counts its events.
    return rows, alert_ids(notifications), len(notifications)
