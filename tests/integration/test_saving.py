"""Saves go through the library's own `Application.save`, snapshots taken as configured; the
alert scans are remembered day by day, so a scan reads a bounded number of events however many
scans ran before it."""

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
        log = ScanLog()  # version 1
        for day in range(6):  # versions 2 to 7, saved one at a time
            log.completed(date(2027, 1, 1) + timedelta(days=day), 0)
            registry.save(log)
        snapshots = list(registry.snapshots.get(ScanLog.create_id()))
        assert [s.originator_version for s in snapshots] == [2, 4, 6]
        assert registry.repository.get(ScanLog.create_id()).last_scanned_on == date(2027, 1, 6)
    finally:
        registry.close()


def test_the_registry_keeps_no_snapshots_so_a_get_is_one_read(database_url):
    registry = registry_on(database_url)
    try:
        assert registry.snapshots is None
    finally:
        registry.close()


def test_a_scan_finds_the_last_day_scanned_reading_two_events_however_many_scans_ran(database_url):
    registry = registry_on(database_url)
    try:
        first = date(2027, 1, 1)
        assert last_scanned_on(registry, first, 31) is None
        for day in range(120):
            complete_scan(registry, first + timedelta(days=day), 0)
        complete_scan(registry, first + timedelta(days=119), 3)  # the day scanned again: kept once
        read: list[Any] = []
        select_events = registry.recorder.select_events

        def counted(*args: Any, **kwargs: Any) -> Any:
            events = select_events(*args, **kwargs)
            read.extend(events)
            return events

        registry.recorder.select_events = counted  # type: ignore[method-assign]
        assert last_scanned_on(registry, first + timedelta(days=120), 31) == first + timedelta(days=119)
        # The log's opening (whether scans began, asked first: see last_scanned_on) and the day.
        assert len(read) == 2
        # After a silence longer than the window, a day before the window stands for the last
        # scan; the scans' own records are not read beyond it.
        later = first + timedelta(days=200)
        assert last_scanned_on(registry, later, 31) == later - timedelta(days=32)
    finally:
        registry.close()


def test_a_database_whose_scans_the_old_log_kept_is_read_as_one_where_scans_ran(database_url):
    """Before `DayScanned`, each scan appended its day to the scan log: such a database has
    scanned, so its next scan catches up over the whole window, issuing only what is not issued."""
    registry = registry_on(database_url)
    try:
        log = ScanLog()
        log.completed(date(2027, 3, 1), 2)
        registry.save(log)
        assert last_scanned_on(registry, date(2027, 3, 2), 31) == date(2027, 1, 29)
        complete_scan(registry, date(2027, 3, 2), 0)
        assert last_scanned_on(registry, date(2027, 3, 3), 31) == date(2027, 3, 2)
    finally:
        registry.close()
