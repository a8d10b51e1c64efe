"""Reads wait for the projection in one round trip: the check must agree with the log and tracking."""

from __future__ import annotations

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


def _small_batches(services):
    """A projector whose bulk batch is 10 events: 'far behind' within a test's reach."""
    from projections.projector import Projector

    return Projector(services.registry, services.model, services.policy, batch=5, bulk_batch=10,
                     clock=services.clock)


def test_a_read_within_a_bulk_batch_works_the_events_out_itself(services):
    projector = _small_batches(services)
    for n in range(1, 4):
        register(services.registry, n)
    assert 0 < projector.head() - projector.position() <= 10
    projector.ensure_current()
    assert projector.position() == projector.head()


def test_a_read_further_behind_is_answered_as_the_read_models_stand(services):
    """A rebuild, a restart, a projector stopped: the projector works through the log, and the
    reads of every worker do not all repeat that work at once (bench/import_under_reads.py
    --behind: reads of 10 s, each working through the log for its 5 s)."""
    projector = _small_batches(services)
    for n in range(1, 11):
        register(services.registry, n)
    assert projector.head() - projector.position() > 10
    projector.ensure_current()
    assert projector.position() == 0
    projector.catch_up(until=projector.head() - 10)
    projector.ensure_current()
    assert projector.position() == projector.head()


def test_a_writer_of_many_events_sees_its_own_when_the_read_models_followed_the_log(services):
    """An import records more than a read works out itself; it catches its own events up."""
    projector = _small_batches(services)
    register(services.registry, 1)
    projector.catch_up()
    began = projector.head()
    for n in range(2, 12):
        register(services.registry, n)
    projector.ensure_current()
    assert projector.position() == began  # as a read: too far behind
    projector.ensure_current(since=began)
    assert projector.position() == projector.head()


def test_a_writer_does_not_take_on_a_rebuild_it_found_under_way(services):
    projector = _small_batches(services)
    for n in range(1, 11):
        register(services.registry, n)
    began = projector.head()
    register(services.registry, 11)
    projector.ensure_current(since=began)
    assert projector.position() == 0


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
