"""On PostgreSQL the read models commit without waiting for the WAL flush; the events never do.
A lost read-model commit takes its tracking record with it, so the projector applies it again.
On SQLite both keep the library's own connections (no pool of ours), so both wait for the disk."""

from __future__ import annotations

import json
import os

import pytest
from eventsourcing.persistence import Tracking

from projections.entity_rows import EntityRows
from projections.wiring import bootstrap
from tests.conftest import POSTGRES_ENV


def _synchronous(datastore) -> int:
    with datastore.transaction(commit=False) as cursor:
        cursor.execute("PRAGMA synchronous")
        return cursor.fetchone()[0]


def test_on_sqlite_read_model_and_event_commits_both_wait_for_the_disk(tmp_path):
    services = bootstrap(f"sqlite:///{tmp_path}/registry.db")
    try:
        assert _synchronous(services.model.datastore) == 2  # FULL, the library's default
        assert _synchronous(services.registry.recorder.datastore) == 2  # FULL: an acknowledged write lasts
    finally:
        services.close()


def _show(cursor, setting: str) -> str:
    cursor.execute(f"SHOW {setting}")
    return cursor.fetchone()[setting]


@pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"needs {POSTGRES_ENV}")
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_on_postgresql_a_read_model_transaction_skips_the_wal_flush_and_compresses_with_lz4(services):
    model = services.model
    with model.datastore.transaction(commit=False) as cursor:
        model.begin_apply(cursor)
        assert _show(cursor, "synchronous_commit") == "off"
        assert _show(cursor, "default_toast_compression") == "lz4"
    with model.datastore.transaction(commit=False) as cursor:
        # Only for the transaction: the connection goes back to the pool as it came.
        assert _show(cursor, "synchronous_commit") == "on"
    with services.registry.recorder.datastore.transaction(commit=False) as cursor:
        assert _show(cursor, "synchronous_commit") == "on"

    # A document well past the size PostgreSQL compresses at (about 2 KB), as apply writes it.
    body = json.dumps([{"title": "中试平台运营补贴 pilot platform subsidy", "n": n} for n in range(400)])
    entity = {"id": "e1", "kind": "enterprise", "name": "阳泉 1", "credit_code": "X", "zone": "yuxian",
              "entered_on": "2025-01-01", "status": "incubating", "version": 1,
              "registered_at": "2025-01-01T00:00:00+00:00"}
    model.apply([EntityRows(entity, {"entity_id": "e1", "count": 400, "stable_from": "2026-03-02",
                                     "stable_until": None, "body": body})], Tracking("test", 1))
    with model.datastore.transaction(commit=False) as cursor:
        cursor.execute(model.sql("SELECT pg_column_compression(body) AS method, body FROM {p}jcg_entitlement_sets"))
        row = cursor.fetchone()
    assert (row["method"], row["body"]) == ("lz4", body)
