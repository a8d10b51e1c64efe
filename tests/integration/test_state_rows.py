"""On SQLite an entity's state is read through the index of the events' topics, and reads the
same as without it; `jcg db upgrade` makes the index on a store made before it existed."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest

from cli.db import create_tables
from projections.wiring import bootstrap
from registry.reading import VERSION_ONLY_TOPICS
from registry.state_rows import TOPICS_INDEX, StateRows
from tests.park import ADMIN, register

DAY = date(2025, 6, 1)


def _indexes(registry: Any) -> set[str]:
    with registry.recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {row[0] for row in cursor.fetchall()}


def _entity_with_every_sort_of_fact(registry: Any) -> Any:
    entity_id = register(registry, 3, kind="ip_service_firm")
    for n in range(3):
        registry.record(entity_id, "cnipa_filing_recorded", DAY, {"filing_no": f"CNIPA-{n}"}, ADMIN)
    registry.record(entity_id, "details_amended", DAY, {"name": "晋创知识产权", "zone": "pingding"}, ADMIN)
    registry.record(entity_id, "incubation_started", DAY, {}, ADMIN)
    registry.record(entity_id, "cnipa_filing_recorded", DAY, {"filing_no": "CNIPA-9"}, ADMIN)
    return entity_id


def test_the_state_rows_read_the_same_through_the_index_as_without_it(tmp_path, fixed_clock) -> None:
    url = f"sqlite:///{tmp_path}/registry.db"
    services = bootstrap(url, clock=fixed_clock)
    try:
        registry = services.registry
        entity_id = _entity_with_every_sort_of_fact(registry)
        assert TOPICS_INDEX in _indexes(registry)
        indexed = StateRows(registry.recorder, VERSION_ONLY_TOPICS)
        through_index = indexed(entity_id)
        with registry.recorder.datastore.transaction(commit=False) as cursor:
            statement, params = indexed._query
            cursor.execute(f"EXPLAIN QUERY PLAN {statement}", params(entity_id))
            assert f"COVERING INDEX {TOPICS_INDEX}" in " ".join(str(tuple(r)) for r in cursor.fetchall())
        with registry.recorder.datastore.transaction(commit=True) as cursor:
            cursor.execute(f"DROP INDEX {TOPICS_INDEX}")
        without = StateRows(registry.recorder, VERSION_ONLY_TOPICS)(entity_id)

        assert [(v, s and (s.topic, s.state)) for v, s in through_index] == \
               [(v, s and (s.topic, s.state)) for v, s in without]
        # The registration, the amendment and the incubation carry state; the filings do not.
        assert [v for v, s in through_index if s is not None] == [1, 5, 6]
        assert [v for v, _ in through_index] == list(range(1, 8))
        # A write in a new process, on a store without the index, still reads the state.
        fresh = bootstrap(url, clock=fixed_clock, create_tables=False)
        try:
            assert fresh.registry._state_from_store(entity_id).zone == "pingding"
        finally:
            fresh.close()
    finally:
        services.close()

    create_tables(url)  # jcg db upgrade
    upgraded = bootstrap(url, clock=fixed_clock, create_tables=False)
    try:
        assert TOPICS_INDEX in _indexes(upgraded.registry)
        state = upgraded.registry._state_from_store(entity_id)
        assert (state.version, state.name, state.status) == (7, "晋创知识产权", "incubating")
    finally:
        upgraded.close()


def test_state_reads_on_the_threads_own_connections_see_every_commit_and_close(tmp_path, fixed_clock) -> None:
    import os
    import threading

    services = bootstrap(f"sqlite:///{tmp_path}/registry.db", clock=fixed_clock)
    try:
        registry = services.registry
        entity_id = _entity_with_every_sort_of_fact(registry)
        rows = StateRows(registry.recorder, VERSION_ONLY_TOPICS)
        assert rows._own is not None  # a file: plain connections, one a thread
        assert [v for v, _ in rows(entity_id)] == list(range(1, 8))
        # A write through the library's own connections is seen by the next read.
        registry.record(entity_id, "cnipa_filing_recorded", DAY, {"filing_no": "CNIPA-10"}, ADMIN)
        assert [v for v, _ in rows(entity_id)] == list(range(1, 9))

        seen: list[Any] = []
        thread = threading.Thread(target=lambda: seen.append((rows(entity_id)[-1][0],
                                                               rows._own._local.connection)))
        thread.start()
        thread.join()
        assert seen[0][0] == 8 and seen[0][1] is not rows._own._local.connection

        child = os.fork()
        if child == 0:  # a process forked with a connection open reads on one of its own
            try:
                os._exit(0 if rows(entity_id)[-1][0] == 8 and rows._own._local.connection.pid == os.getpid() else 1)
            except BaseException:
                os._exit(2)
        assert os.waitpid(child, 0)[1] == 0

        opened = list(rows._own._open)
        assert opened  # the other thread's connection may be gone with its thread
        rows.close()
        for connection in opened:
            with pytest.raises(sqlite3.ProgrammingError):
                connection.execute("SELECT 1")
    finally:
        services.close()
