"""Which alerts fall due on a day: rules as data, and pure functions over deadlines."""

from projections.alerts.due import DueAlert, annual_report_alerts, deadline_alerts, renewal_alerts
from projections.alerts.rules import AlertRules, load_rules

__all__ = ["AlertRules", "DueAlert", "annual_report_alerts", "deadline_alerts", "load_rules",
           "renewal_alerts"]
