"""Reads wait for the projection in one round trip: the check must agree with the log and tracking."""

from __future__ import annotations

import time
from datetime import date

from tests.park import ADMIN, register


def _freshness(services):
    return services.model.freshness(services.projector.name, services.registry.recorder.events_table_name)


def test_freshness_reports_the_logs_head_and_the_position_reached(services):
    assert _freshness(services) == (0, 0)
    entity = register(services.registry, 1)
    services.registry.record(entity, "incubation_started", date(2025, 2, 1), {}, ADMIN)
    head = services.projector.head()
    assert head > 0 and _freshness(services) == (head, 0)
    services.projector.ensure_current()
    assert _freshness(services) == (head, head) == (services.projector.head(), services.projector.position())


def test_a_read_far_behind_catches_up_only_until_its_deadline(services, monkeypatch):
    """A request that finds the read models far behind (a large import the projector process has
    yet to follow) works through the log for about its timeout, then is answered: at 100,000
    entities the bench saw reads held for minutes, each working through 10,000 events itself."""
    from projections.projector import Projector

    projector = Projector(services.registry, services.model, services.policy, batch=5,
                          clock=services.clock)
    for n in range(1, 41):
        register(services.registry, n)
    head = projector.head()
    batches = []
    slow_batch = projector._process_batch

    def timed_batch(*args, **kwargs):
        batches.append(args[0])
        time.sleep(0.05)
        return slow_batch(*args, **kwargs)

    monkeypatch.setattr(projector, "_process_batch", timed_batch)
    projector.ensure_current(timeout=0.2)
    assert 1 <= len(batches) <= 5 and 0 < projector.position() < head
    projector.ensure_current(timeout=60)
    assert projector.position() == head
