"""One alert scan: issue every alert that fell due since the last scan, each exactly once."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from jobs.alerting import alert_issued, complete_scan, draft_alert, issue_alert, last_scanned_on
from projections.alerts import (
    AlertRules,
    annual_report_alerts,
    deadline_alerts,
    load_rules,
    renewal_alerts,
)
from projections.alerts.due import DueAlert, report_thresholds, window_start

log = logging.getLogger(__name__)


def due_alerts(services: Any, today: date, rules: AlertRules) -> list[DueAlert]:
    """Everything falling due in the scan's window, from the read models (not the events)."""
    since = window_start(last_scanned_on(services.registry, today, rules.catch_up_days), today, rules)
    reach = max(rules.deadline_days)
    rows = services.model.deadlines_between(since, today + timedelta(days=reach))
    found = deadline_alerts(rows, rules, services.policy, since, today)
    # Report reminders fall on a handful of days a year: on the others, no query at all, so a
    # day's scan costs what its due deadlines cost, not what the number of entities does.
    # A window reaching back over New Year holds the end of the year before's reminders too.
    kinds = tuple(sorted({r.kind for r in rules.reports}))
    for year in range(since.year - 1, today.year):
        if any(since < on <= today for _, on in report_thresholds(year, rules)):
            found += annual_report_alerts(services.model.reporters(kinds), services.model.reported(year),
                                          rules, services.policy, since, today, year)
    return found + renewal_alerts(services.policy, rules, since, today)


def scan(services: Any, today: date, rules: AlertRules | None = None) -> list[dict[str, Any]]:
    """Issue the alerts due on `today` (and those missed while no scan ran); returns those issued."""
    rules = rules or load_rules()
    # Decided on the read models: on part of the log it would miss the alerts of entities not
    # yet worked out, and mark the day scanned all the same.
    services.projector.catch_up()
    issued = []
    for due in due_alerts(services, today, rules):
        alert = issue_alert(
            services.registry, due.subject, due.rule, due.threshold, due.due_on, today,
            entity_id=due.entity_id, clause=due.clause, kind=due.kind, late=due.threshold_on < today,
            message=str.__str__(due.message), terms=due.message.to_data(),
            entitlement_id=due.entitlement_id)
        if alert is not None:
            log.info("alert issued: %s", due.message, extra={"alert_id": str(alert.id)})
            issued.append(alert.view())
    complete_scan(services.registry, today, len(issued))
    return issued


def preview(services: Any, today: date, rules: AlertRules | None = None) -> list[dict[str, Any]]:
    """The alerts `scan` would issue on `today`, recording nothing (not even the scan)."""
    rules = rules or load_rules()
    services.projector.catch_up()
    return [draft_alert(
                services.registry, due.subject, due.rule, due.threshold, due.due_on, today,
                entity_id=due.entity_id, clause=due.clause, kind=due.kind,
                late=due.threshold_on < today, message=due.message,
                entitlement_id=due.entitlement_id).view()
            for due in due_alerts(services, today, rules)
            if not alert_issued(services.registry, due.subject, due.rule, due.threshold, due.due_on)]
