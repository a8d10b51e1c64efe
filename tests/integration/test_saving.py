"""Saves go through the library's own `Application.save`: snapshots are taken as configured, and
the alert scan log is read from its last snapshot, not replayed from its first scan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from jobs.alerting import complete_scan, last_scanned_on
from registry.alerts import ScanLog
from registry.application import Registry
from storage.database import persistence_env, prepare_storage


def registry_on(database_url: str, cls: type[Registry] = Registry) -> Registry:
    env = persistence_env(database_url)
    prepare_storage(env)
    return cls(env)


def test_the_library_takes_the_snapshots_it_is_configured_to(database_url):
    class Snapshotting(Registry):
        snapshotting_intervals = {ScanLog: 2}

    registry = registry_on(database_url, Snapshotting)
    try:
        for day in range(6):  # versions 1 (opened) to 7
            complete_scan(registry, date(2027, 1, 1) + timedelta(days=day), 0)
        snapshots = list(registry.snapshots.get(ScanLog.create_id()))
        assert [s.originator_version for s in snapshots] == [2, 4, 6]
        assert last_scanned_on(registry) == date(2027, 1, 6)
    finally:
        registry.close()


def test_the_scan_log_is_read_from_a_bounded_number_of_events_however_many_scans_ran(database_url):
    registry = registry_on(database_url)
    try:
        for day in range(120):
            complete_scan(registry, date(2027, 1, 1) + timedelta(days=day), 0)
        read: list[Any] = []
        select_events = registry.recorder.select_events

        def counted(*args: Any, **kwargs: Any) -> Any:
            events = select_events(*args, **kwargs)
            read.extend(events)
            return events

        registry.recorder.select_events = counted  # type: ignore[method-assign]
        assert last_scanned_on(registry) == date(2027, 1, 1) + timedelta(days=119)
        assert 0 < len(read) <= Registry.snapshotting_intervals[ScanLog]
    finally:
        registry.close()
