"""The projector's directory is the same however it got there, and it never applies twice."""

from __future__ import annotations

from datetime import date

import pytest
from eventsourcing.persistence import IntegrityError

from projections.wiring import bootstrap
from tests.park import ADMIN, directory, register

# Each entity populate() makes writes five notifications: three events, its credit-code claim and
# the opening of its loan index (an incubation may change a borrower's standing: see
# registry/borrower_standing.py).
NOTIFICATIONS_PER_ENTITY = 5


def populate(registry, first: int, count: int) -> None:
    for n in range(first, first + count):
        entity_id = register(registry, n)
        registry.record(entity_id, "incubation_started", date(2025, 3, 1), {}, ADMIN)
        registry.record(entity_id, "details_amended", date(2025, 4, 1), {"zone": "盂县"}, ADMIN)


def test_catching_up_and_rebuilding_give_the_same_directory(services) -> None:
    populate(services.registry, 1, 6)
    head = services.registry.recorder.max_notification_id()

    assert services.projector.catch_up() == head
    caught_up = directory(services)
    assert services.projector.rebuild() == head

    assert directory(services) == caught_up
    assert len(caught_up) == 6
    assert {(e["status"], e["zone"], e["version"]) for e in caught_up} == {("incubating", "yuxian", 3)}


def test_a_restarted_projector_resumes_where_it_stopped(database_url, fixed_clock) -> None:
    first = bootstrap(database_url, clock=fixed_clock)
    try:
        populate(first.registry, 1, 3)
        applied_before = first.projector.catch_up()
        stopped_at = first.projector.position()
    finally:
        first.close()

    second = bootstrap(database_url, clock=fixed_clock)
    try:
        populate(second.registry, 4, 2)
        head = second.registry.recorder.max_notification_id()
        resumed_from = second.projector.position()
        applied_after = second.projector.catch_up()

        assert applied_before == 3 * NOTIFICATIONS_PER_ENTITY
        assert resumed_from == stopped_at
        assert applied_after == 2 * NOTIFICATIONS_PER_ENTITY
        assert second.projector.position() == head
        assert [e["name"] for e in directory(second)] == [f"阳泉enterprise {n}" for n in range(1, 6)]
    finally:
        second.close()


def test_a_projector_beaten_to_a_batch_keeps_the_other_ones_work(database_url, fixed_clock) -> None:
    first = bootstrap(database_url, clock=fixed_clock)
    second = bootstrap(database_url, clock=fixed_clock)
    try:
        populate(first.registry, 1, 2)
        write = second.model.apply

        def first_commits_meanwhile(*args, **kwargs):
            first.projector.catch_up()
            return write(*args, **kwargs)

        second.model.apply = first_commits_meanwhile

        assert second.projector.catch_up() == 0
        assert second.projector.position() == first.registry.recorder.max_notification_id()
        assert [e["name"] for e in directory(second)] == ["阳泉enterprise 1", "阳泉enterprise 2"]
    finally:
        first.close()
        second.close()


def test_rows_that_conflict_are_reported_not_retried_for_ever(services) -> None:
    populate(services.registry, 1, 1)
    attempts = []

    def conflicting(*args, **kwargs):
        attempts.append(1)
        if len(attempts) > 3:
            raise RuntimeError("retried the same batch again and again")
        raise IntegrityError("duplicate key value violates unique constraint")

    services.projector.model.apply = conflicting

    with pytest.raises(IntegrityError, match="duplicate key"):
        services.projector.catch_up()
    assert len(attempts) == 1
    assert services.projector.position() == 0


def test_a_rebuild_of_an_empty_log_still_forgets_the_read_models(services) -> None:
    with services.model.datastore.transaction(commit=True) as cursor:
        cursor.execute(services.model.sql(
            "INSERT INTO {p}jcg_reports (entity_id, year, type) VALUES ('stale', 2020, 'x')"))
    assert services.projector.head() == 0
    assert services.projector.rebuild() == 0
    with services.model.datastore.transaction(commit=False) as cursor:
        cursor.execute(services.model.sql("SELECT COUNT(*) AS n FROM {p}jcg_reports"))
        assert cursor.fetchone()["n"] == 0


def test_a_rebuild_that_another_projector_overtakes_still_ends_with_every_entity_right(
        database_url, fixed_clock) -> None:
    from tests.integration.test_rebuild import _park, _read_models

    services = bootstrap(database_url, clock=fixed_clock)
    _park(services)
    services.projector.batch = services.projector.bulk_batch = 5
    services.projector.catch_up()
    expected = _read_models(services)
    other = bootstrap(database_url, clock=fixed_clock)
    other.projector.batch = other.projector.bulk_batch = 7
    apply, calls = services.model.apply, []

    def overtaken(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # an API process answering a read fills the fresh read models
            assert other.projector.catch_up() > 0
        return apply(*args, **kwargs)

    services.model.apply = overtaken
    try:
        # The rebuild left some entities to later batches, which the other projector wrote.
        assert services.projector.rebuild() < services.projector.head()
        assert services.projector.position() == services.projector.head()
        assert _read_models(services) == expected
    finally:
        other.close()
        services.close()
