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


def test_an_entitys_stored_entitlements_answer_only_at_its_last_event(services):
    """The stored set is the pure function's output cached at one version of the entity: it
    answers while that is the entity's last, and a replay answers once a fact is recorded
    after it, without the read working through the log."""
    from projections.replay import read_entitlements

    today = date(2026, 3, 2)
    entity = register(services.registry, 1)
    services.projector.catch_up()
    with services.model.datastore.transaction(commit=True) as cursor:
        services.model.run(cursor, "UPDATE {p}jcg_entitlement_sets SET body = :body WHERE entity_id = :id",
                           {"body": '[{"marked": "stored"}]', "id": str(entity)})
    assert read_entitlements(services, entity, today, None, None) == [{"marked": "stored"}]

    services.registry.record(entity, "standard_drafted", date(2025, 6, 1),
                             {"standard": "S", "role": "lead", "amount": "300000.00"}, ADMIN)
    position = services.projector.position()
    [award] = read_entitlements(services, entity, today, None, None)
    assert (award["clause"], award["amount"]) == ("7.2", "300000.00")  # 标准制定, lead
    assert services.projector.position() == position < services.projector.head()
