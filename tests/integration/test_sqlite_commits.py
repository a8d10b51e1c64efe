"""On SQLite the read models commit without waiting for the disk; the events never do."""

from __future__ import annotations

from projections.wiring import bootstrap


def _synchronous(datastore) -> int:
    with datastore.transaction(commit=False) as cursor:
        cursor.execute("PRAGMA synchronous")
        return cursor.fetchone()[0]


def test_read_model_commits_are_relaxed_and_event_commits_are_full(tmp_path):
    services = bootstrap(f"sqlite:///{tmp_path}/registry.db")
    try:
        assert _synchronous(services.model.datastore) == 1  # NORMAL
        assert _synchronous(services.registry.recorder.datastore) == 2  # FULL: an acknowledged write lasts
    finally:
        services.close()
