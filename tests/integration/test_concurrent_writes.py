"""Writers racing on one entity or one credit code: nothing lost, nothing doubled.

A barrier releases every thread at once so that the writes really overlap.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from registry.errors import CreditCodeTaken
from tests.park import ADMIN, register, registration

THREADS = 8
EVENTS_PER_THREAD = 25


def race(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run `work(i)` in `count` threads started together; each result or exception, in order."""
    barrier = threading.Barrier(count)
    outcomes: list[Any] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = work(i)
        except Exception as exc:  # the test inspects what each writer met
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_many_threads_recording_to_one_entity_lose_no_event(services) -> None:
    registry = services.registry
    entity_id = register(registry, 1, kind="ip_service_firm")

    def record_many(i: int) -> list[int]:
        return [registry.record(entity_id, "cnipa_filing_recorded", date(2025, 6, 1),
                                {"filing_no": f"CNIPA-{i}-{n}"}, ADMIN)["version"]
                for n in range(EVENTS_PER_THREAD)]

    outcomes = race(THREADS, record_many)

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    history = registry.history(entity_id)
    total = 1 + THREADS * EVENTS_PER_THREAD
    assert [r.version for r in history] == list(range(1, total + 1))
    assert sorted(v for versions in outcomes for v in versions) == list(range(2, total + 1))
    filings = {r.data["filing_no"] for r in history[1:]}
    assert len(filings) == THREADS * EVENTS_PER_THREAD


def test_two_registrations_of_one_credit_code_at_once_let_exactly_one_through(services) -> None:
    registry = services.registry
    for round_no in range(5):
        outcomes = race(2, lambda i, n=round_no: registry.register(
            registration(n, name=f"抢注 {n}-{i}"), ADMIN))

        succeeded = [o for o in outcomes if isinstance(o, dict)]
        refused = [o for o in outcomes if isinstance(o, CreditCodeTaken)]
        assert (len(succeeded), len(refused)) == (1, 1), outcomes
