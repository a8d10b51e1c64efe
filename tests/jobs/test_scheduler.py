"""The scheduler's jobs and when they fire, checked without waiting for them."""

from __future__ import annotations

from datetime import datetime

from jobs.scheduler import SCAN_MISFIRE_GRACE, build
from registry.clock import PARK_TZ


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
