"""Pure functions: given deadlines, reports and the policy, which alerts fall due in a window
of days (`since`, `today`]. The scan issues each; the event store makes each happen once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from i18n import Bilingual, ClauseId, Text
from projections.alerts.rules import AlertRules, ReportRule
from projections.policy import PolicyBook


@dataclass(frozen=True)
class DueAlert:
    subject: str
    rule: str
    threshold: str
    threshold_on: date
    due_on: date
    entity_id: str | None
    clause: str | None
    kind: str
    message: Text
    entitlement_id: str | None = None


def window_start(last_scanned_on: date | None, today: date, rules: AlertRules) -> date:
    """The day after which thresholds still count: the day before the last scan's (a deadline
    recorded on that day after its scan ran may fall due on it; what the scan issued is not
    issued again), at most `catch_up_days` back; with no earlier scan (or today's own, run
    again) only today's thresholds."""
    if last_scanned_on is None or last_scanned_on >= today:
        return today - timedelta(days=1)
    return max(last_scanned_on - timedelta(days=1), today - timedelta(days=rules.catch_up_days))


def _units(book: PolicyBook, clause: str | None) -> str:
    found = book.latest_clause(clause) if clause else None
    return "、".join(found.responsible_units) if found else ""


def _in(since: date, day: date, today: date) -> bool:
    return since < day <= today


def deadline_alerts(deadlines: Iterable[dict[str, Any]], rules: AlertRules, book: PolicyBook,
                    since: date, today: date) -> list[DueAlert]:
    """90, 30, 7 days before each expiry or window's end, and on the day (as the rules say)."""
    out = []
    for d in deadlines:
        if d["clause"] not in rules.deadline_clauses:
            continue
        due = date.fromisoformat(d["due_on"])
        for days in rules.deadline_days:
            on = due - timedelta(days=days)
            if _in(since, on, today):
                when = _when((due - today).days)
                out.append(DueAlert(
                    d["entity_id"], f"deadline:{d['clause']}:{d['entitlement_id'] or d['what']}",
                    f"{days}d", on, due, d["entity_id"], d["clause"], "expiry",
                    Text("%(clause)s: %(what)s — due %(due)s (%(when)s); 责任单位: %(units)s",
                         clause=ClauseId(d["clause"]), what=Bilingual(d["what"]), due=due.isoformat(),
                         when=when, units=_units(book, d["clause"])), d["entitlement_id"]))
    return out


def _when(left: int) -> Text:
    """How far off the deadline is on the day the alert is issued: a scan catching up issues
    a threshold late, when fewer days are left than it counted (or the day has passed)."""
    if left == 0:
        return Text("today")
    if left < 0:
        return Text("%(days)s days ago", days=-left)
    return Text("in %(days)s days", days=left)


def report_thresholds(year: int, rules: AlertRules) -> list[tuple[str, date]]:
    """When the reminders for `year`'s figures fall due, in the following year."""
    due = date(year + 1, *rules.report_due)
    found = [("opens", date(year + 1, *rules.report_opens))]
    found += [(f"{d}d", due - timedelta(days=d)) for d in rules.report_days_before]
    overdue = due + timedelta(days=rules.overdue_every_days)
    while overdue.year == year + 1:
        found.append((f"overdue+{(overdue - due).days}d", overdue))
        overdue += timedelta(days=rules.overdue_every_days)
    return found


def annual_report_alerts(entities: Iterable[dict[str, Any]], reported: set[tuple[str, str]],
                         rules: AlertRules, book: PolicyBook, since: date, today: date,
                         year: int | None = None) -> list[DueAlert]:
    """Reminders for a year's figures (by default last year's) falling due in the window, to
    each platform and agency that has not reported them."""
    year = today.year - 1 if year is None else year
    if not any(v.valid_from <= date(year, 12, 31) and v.valid_to >= date(year, 1, 1) for v in book.versions):
        return []
    due_windows = [(t, on) for t, on in report_thresholds(year, rules) if _in(since, on, today)]
    out = []
    for entity in entities:
        for rule in rules.reports:
            if entity["kind"] == rule.kind and entity["entered_on"] <= date(year, 12, 31) \
                    and not any((entity["id"], t) in reported for t in rule.types):
                out += [_report(entity["id"], rule, year, t, on, rules, book) for t, on in due_windows]
    return out


def _report(entity_id: str, rule: ReportRule, year: int, threshold: str, on: date,
            rules: AlertRules, book: PolicyBook) -> DueAlert:
    due = date(year + 1, *rules.report_due)
    clauses = "/".join(rule.clauses)
    return DueAlert(entity_id, f"annual_report:{year}:{rule.kind}", threshold, on, due, entity_id,
                    rule.clauses[0], "annual_report",
                    Text("%(clauses)s: %(what)s for %(year)s — due %(due)s, not yet recorded; "
                         "责任单位: %(units)s",
                         clauses=clauses, what=Bilingual(rule.what), year=year, due=due.isoformat(),
                         units=_units(book, rule.clauses[0])))


def renewal_alerts(book: PolicyBook, rules: AlertRules, since: date, today: date) -> list[DueAlert]:
    """Before each policy version ends: time to revise it (到期后根据实际情况进行修订)."""
    out = []
    for version in book.versions:
        for days in rules.renewal_days:
            on = version.valid_to - timedelta(days=days)
            if _in(since, on, today):
                out.append(DueAlert(
                    f"policy:{version.id}", "renewal", f"{days}d", on, version.valid_to, None, None,
                    "policy_renewal",
                    Text("%(version)s ends on %(day)s (in %(days)s days): its revision must be in force "
                         "by then",
                         version=version.id, day=version.valid_to.isoformat(),
                         days=(version.valid_to - today).days)))
    return out
