"""The scheduler's jobs and when they fire, checked without waiting for them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jobs.scan import scan
from jobs.scheduler import SCAN_MISFIRE_GRACE, SCAN_RETRY_INTERVAL, build, daily_scan, scan_if_missed
from registry.clock import PARK_TZ
from tests.park import ADMIN, register


def test_the_daily_scan_fires_at_eight_in_the_park_and_survives_a_late_start(services):
    scheduler = build(services)
    scan = scheduler.get_job("daily_scan")
    after_eight = datetime(2027, 12, 1, 8, 0, 1, tzinfo=PARK_TZ)
    nxt = scan.trigger.get_next_fire_time(None, after_eight)
    assert nxt == datetime(2027, 12, 2, 8, 0, tzinfo=PARK_TZ)
    assert nxt.utcoffset().total_seconds() == 8 * 3600
    assert scan.coalesce and scan.max_instances == 1
    assert scan.misfire_grace_time == SCAN_MISFIRE_GRACE >= 3600


def test_delivery_retries_run_every_minute_and_never_pile_up(services):
    delivery = build(services).get_job("delivery")
    assert delivery.trigger.interval.total_seconds() == 60
    assert delivery.coalesce and delivery.max_instances == 1



def test_a_daily_scan_that_failed_is_made_again_within_minutes_not_the_next_morning(services, monkeypatch):
    """The database restarting at 08:00 failed the day's scan; the next one was the next
    morning's, and the 90-day alert of the free space ending 2028-02-29 came a day late."""
    entity = register(services.registry, 1)
    services.registry.record(entity, "space_granted", date(2025, 3, 1),
                             {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)
    now = [datetime(2027, 12, 1, 8, 0, tzinfo=PARK_TZ)]
    services.clock = lambda: now[0]

    def down(*args, **kwargs):
        raise ConnectionError("the database is restarting")

    monkeypatch.setattr("jobs.scheduler.scan", down)
    with pytest.raises(ConnectionError):
        daily_scan(services)
    monkeypatch.setattr("jobs.scheduler.scan", scan)
    assert build(services).get_job("scan_retry").trigger.interval.total_seconds() == SCAN_RETRY_INTERVAL <= 900
    now[0] = datetime(2027, 12, 1, 8, 10, tzinfo=PARK_TZ)
    scan_if_missed(services)
    services.projector.ensure_current()
    issued = services.model.alerts(None, 0, 100)[0]
    assert [(a["clause"], a["threshold"], a["issued_on"]) for a in issued] == [("1.2", "90d", "2027-12-01")]
    scan_if_missed(services)  # today's scan is done: not made again
    services.projector.ensure_current()
    assert services.model.alerts(None, 0, 100)[1] == 1


def test_a_first_round_that_fails_does_not_stop_the_scheduler_from_keeping_time(services, monkeypatch):
    """`jcg scheduler` scans and delivers once before it keeps time; a failure there ended the
    process (under systemd, a restart loop) instead of leaving it to the jobs to make again."""
    import jobs.scheduler

    started = []

    def down(*args, **kwargs):
        raise ConnectionError("the database is restarting")

    monkeypatch.setattr(jobs.scheduler, "scan", down)
    monkeypatch.setattr(jobs.scheduler, "deliver", down)
    monkeypatch.setattr(jobs.scheduler, "build", lambda s: type("Stub", (), {"start": lambda self: started.append(s)})())
    jobs.scheduler.run(services)
    assert started == [services]
