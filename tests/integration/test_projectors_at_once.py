"""Requests catch the read models up themselves (read-your-writes), beside the projector and the
other workers, while facts are being recorded. On PostgreSQL, two of them applying overlapping
batches used to lock the same entities' rows in different orders and one failed with
"deadlock detected", answered as a 500; they now queue at the position, which each batch writes
first. Processes, not threads: one process's catching up is one at a time already."""

from __future__ import annotations

import multiprocessing
import random
from datetime import date
from typing import Any

from projections.wiring import Services, bootstrap
from tests.park import ADMIN, register

WORKERS = 6
ENTITIES = 30
FACTS = 900


def catch_up_until_stopped(url: str, stop: Any, failures: Any) -> None:
    """A worker's reads: each catches the read models up to the log's head, as a request does."""
    worker = bootstrap(url, create_tables=False)
    try:
        while not stop.is_set():
            try:
                worker.projector.ensure_current()
            except Exception as exc:  # reported to the test, which fails on it
                failures.put(repr(exc)[:500])
                return
    finally:
        worker.close()


def test_workers_catching_up_at_once_while_facts_are_recorded_never_fail(
        services: Services, database_url: str) -> None:
    ids = [register(services.registry, n) for n in range(ENTITIES)]
    # Spawned, not forked: a child must not inherit, and close, this process's connections.
    context = multiprocessing.get_context("spawn")
    stop, failures = context.Event(), context.Queue()
    workers = [context.Process(target=catch_up_until_stopped, args=(database_url, stop, failures))
               for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    try:
        # Entities in a shuffled order, so that batches list them in different orders.
        rng = random.Random(7)
        for i in range(FACTS):
            services.registry.record(rng.choice(ids), "details_amended", date(2025, 5, 1),
                                     {"name": f"阳泉企业{i}"}, ADMIN)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
    found = []
    while not failures.empty():
        found.append(failures.get())
    assert found == []
    assert all(worker.exitcode == 0 for worker in workers)
    services.projector.catch_up()
    assert services.projector.position() == services.projector.head()
