"""`jcg db upgrade` keeps read models of this release's shape, and rebuilds older ones from the events."""

from __future__ import annotations

from datetime import date

import pytest

from projections.views import tables
from projections.wiring import bootstrap
from tests.park import ADMIN, directory, register, stored_entitlements


def _stored(services, entity):
    services.projector.ensure_current()
    return stored_entitlements(services, entity)


def test_an_upgrade_of_current_read_models_keeps_them_and_their_position(database_url, fixed_clock):
    first = bootstrap(database_url, clock=fixed_clock)
    entity = register(first.registry, 1)
    first.registry.record(entity, "standard_drafted", date(2025, 6, 1),
                          {"standard": "S", "role": "lead", "amount": "300000.00"}, ADMIN)
    first.projector.catch_up()
    position = first.projector.position()
    first.close()
    again = bootstrap(database_url, clock=fixed_clock)
    try:
        assert again.projector.position() == position > 0
    finally:
        again.close()


def test_read_models_of_an_older_shape_are_dropped_and_rebuilt_from_the_events(database_url, fixed_clock):
    first = bootstrap(database_url, clock=fixed_clock)
    entity = register(first.registry, 1)
    first.registry.record(entity, "standard_drafted", date(2025, 6, 1),
                          {"standard": "S", "role": "lead", "amount": "300000.00"}, ADMIN)
    before = _stored(first, entity)
    with first.model.datastore.transaction(commit=True) as cursor:
        cursor.execute(first.model.sql(tables.CLEAR_VERSION))
        first.model.run(cursor, tables.SET_VERSION, {"version": tables.VERSION - 1})
    first.close()
    upgraded = bootstrap(database_url, clock=fixed_clock)
    try:
        assert upgraded.projector.position() == 0
        assert _stored(upgraded, entity) == before != []
    finally:
        upgraded.close()


def test_an_upgrade_adds_the_quarantine_and_heartbeat_tables_without_a_replay(database_url, fixed_clock):
    first = bootstrap(database_url, clock=fixed_clock)
    register(first.registry, 1)
    first.projector.catch_up()
    position = first.projector.position()
    with first.model.datastore.transaction(commit=True) as cursor:  # read models of the release before
        cursor.execute(first.model.sql("DROP TABLE {p}jcg_quarantine"))
        cursor.execute(first.model.sql("DROP TABLE {p}jcg_heartbeat"))
    first.close()
    again = bootstrap(database_url, clock=fixed_clock)
    try:
        assert again.model.quarantined() == [] and again.model.heartbeat(again.projector.name) is None
        assert again.projector.position() == position > 0
    finally:
        again.close()


@pytest.mark.parametrize("clearing", ["jcg db upgrade", "a rebuild's first step"])
def test_read_models_cleared_while_a_projector_works_out_a_batch_lose_no_entity(
        database_url, fixed_clock, monkeypatch, clearing):
    """`jcg db upgrade` (read models of the version before) or `jcg projections rebuild` run
    while the API serves: a projector that read the old position before the clearing must not
    move the fresh read models past the events whose rows the clearing took away."""
    import projections.projector

    serving = bootstrap(database_url, clock=fixed_clock)
    try:
        earlier = [register(serving.registry, n) for n in (1, 2, 3)]
        serving.projector.catch_up()
        later = [register(serving.registry, n) for n in (4, 5)]
        if clearing == "jcg db upgrade":
            with serving.model.datastore.transaction(commit=True) as cursor:
                cursor.execute(serving.model.sql(tables.CLEAR_VERSION))
                serving.model.run(cursor, tables.SET_VERSION, {"version": tables.VERSION - 1})
        worked_out, cleared = projections.projector.rows_of, []

        def meanwhile(*args, **kwargs):
            rows = worked_out(*args, **kwargs)
            if not cleared:
                cleared.append(clearing)
                other = bootstrap(database_url, clock=fixed_clock)  # another process
                try:
                    if clearing == "a rebuild's first step":
                        other.model.clear(other.projector.name)
                finally:
                    other.close()
            return rows

        monkeypatch.setattr(projections.projector, "rows_of", meanwhile)
        serving.projector.catch_up()

        assert cleared and serving.projector.position() == serving.projector.head()
        assert {r["id"] for r in directory(serving)} == {str(e) for e in earlier + later}
    finally:
        serving.close()


def test_an_upgrade_cut_short_after_dropping_the_read_models_still_rebuilds_them(
        database_url, fixed_clock, monkeypatch):
    """The process of `jcg db upgrade` killed (or its connection lost) as it finishes: the read
    models it emptied must not be left for good behind a position that says they are whole."""
    first = bootstrap(database_url, clock=fixed_clock)
    try:
        entity = register(first.registry, 1)
        first.registry.record(entity, "standard_drafted", date(2025, 6, 1),
                              {"standard": "S", "role": "lead", "amount": "300000.00"}, ADMIN)
        before = _stored(first, entity)
        with first.model.datastore.transaction(commit=True) as cursor:
            cursor.execute(first.model.sql(tables.CLEAR_VERSION))
            first.model.run(cursor, tables.SET_VERSION, {"version": tables.VERSION - 1})
    finally:
        first.close()

    def killed(self, cursor, application_name):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(type(first.model), "_forget", killed)
        with pytest.raises(KeyboardInterrupt):
            bootstrap(database_url, clock=fixed_clock)

    again = bootstrap(database_url, clock=fixed_clock)
    try:
        assert _stored(again, entity) == before != []
        assert {r["id"] for r in directory(again)} == {str(entity)}
    finally:
        again.close()
