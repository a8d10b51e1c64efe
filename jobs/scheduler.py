"""The scheduler process: a daily scan at 08:00 park time and frequent delivery retries.

Run in its own process (`jcg scheduler`), never inside the API's workers, where every worker
would run every job.
"""

from __future__ import annotations

import logging
import os
from datetime import time
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from jobs.alerting import day_scanned
from jobs.delivery import deliver
from jobs.scan import scan
from registry.clock import PARK_TZ, park_day

log = logging.getLogger(__name__)

# A scan missed by up to a day (machine asleep, restart) still runs once, late rather than never;
# runs missed several times over are coalesced into one, since a scan catches up by itself.
SCAN_MISFIRE_GRACE = 24 * 3600
SCAN_AT = time(8, 0)
# How soon a daily scan that failed (the database restarting at 08:00) is made again.
SCAN_RETRY_INTERVAL = 600
DELIVERY_INTERVAL = 60


def daily_scan(services: Any) -> None:
    issued = scan(services, park_day(services.clock()))
    log.info("alert scan issued %d alerts", len(issued))


def scan_if_missed(services: Any) -> None:
    """Past the scan's hour, today's scan if none completed: a scan that failed is made again
    within minutes, not the next morning (its alerts a day late)."""
    now = services.clock().astimezone(PARK_TZ)
    if now.time() >= SCAN_AT and not day_scanned(services.registry, now.date()):
        log.warning("today's alert scan has not completed: scanning now")
        daily_scan(services)


def delivery_round(services: Any) -> None:
    deliver(services, services.clock(), os.environ.get("JCG_ALERT_WEBHOOK_URL"))


def build(services: Any) -> BlockingScheduler:
    """The scheduler with its jobs, not yet started."""
    scheduler = BlockingScheduler(timezone=PARK_TZ)
    at = CronTrigger(hour=SCAN_AT.hour, minute=SCAN_AT.minute, timezone=PARK_TZ)
    scheduler.add_job(daily_scan, at, args=[services], id="daily_scan", coalesce=True, max_instances=1,
                      misfire_grace_time=SCAN_MISFIRE_GRACE)
    scheduler.add_job(scan_if_missed, IntervalTrigger(seconds=SCAN_RETRY_INTERVAL, timezone=PARK_TZ),
                      args=[services], id="scan_retry", coalesce=True, max_instances=1,
                      misfire_grace_time=SCAN_RETRY_INTERVAL)
    scheduler.add_job(delivery_round, IntervalTrigger(seconds=DELIVERY_INTERVAL, timezone=PARK_TZ),
                      args=[services], id="delivery", coalesce=True, max_instances=1,
                      misfire_grace_time=DELIVERY_INTERVAL)
    return scheduler


def run(services: Any) -> None:
    """Catch up at once (a scan after downtime issues what fell due meanwhile), then keep time.
    A first round that fails is logged, not fatal: the jobs make it again."""
    for first in (daily_scan, delivery_round):
        try:
            first(services)
        except Exception:
            log.exception("the scheduler's first %s failed; its job makes it again", first.__name__)
    build(services).start()
