"""Alert scans with an injected date: each alert once, never twice, never missed."""

from __future__ import annotations

import itertools
import re
import threading
from collections import Counter
from datetime import date, timedelta
from types import SimpleNamespace

from i18n.catalogue import CHINESE
from i18n.text import decode
from jobs.alerting import complete_scan, last_scanned_on
from jobs.scan import scan
from projections.wiring import bootstrap
from registry.alerts import DayScanned
from tests.park import ADMIN, register


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _park_with_deadlines(services):
    """An enterprise with free space to 2028-02-29 and a pilot platform owing annual reports."""
    enterprise = register(services.registry, 1)
    services.registry.record(enterprise, "space_granted", date(2025, 3, 1),
                             {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)
    platform = register(services.registry, 2, "pilot_platform")
    return enterprise, platform


def test_the_free_space_alert_falls_90_days_before_the_leap_day_expiry_and_only_once(services):
    """1.2: 36 months from 2025-03-01 end on 2028-02-29; its 90-day alert is due 2027-12-01."""
    _park_with_deadlines(services)
    first = scan(services, date(2027, 12, 1))
    assert [(a["clause"], a["threshold"], a["due_on"]) for a in first if a["kind"] == "expiry"] == \
        [("1.2", "90d", date(2028, 2, 29))]
    assert scan(services, date(2027, 12, 1)) == []


def test_a_scan_first_works_through_every_event_however_long_that_takes(services, monkeypatch):
    """The scan decides on the read models: on part of the log it would miss the alerts of the
    entities not yet worked out, and mark the day scanned all the same, never to issue them."""
    import projections.projector

    ticks = itertools.count(step=10.0)  # every look at the clock, ten seconds after the last
    monkeypatch.setattr(projections.projector, "time", SimpleNamespace(monotonic=lambda: next(ticks)))
    _park_with_deadlines(services)
    issued = scan(services, date(2027, 12, 1))
    assert [(a["clause"], a["threshold"]) for a in issued if a["kind"] == "expiry"] == [("1.2", "90d")]


def test_a_year_of_daily_scans_issues_each_alert_exactly_once_on_its_day(services):
    enterprise, platform = _park_with_deadlines(services)
    issued = []
    for day in _days(date(2027, 1, 1), date(2028, 3, 31)):
        if day == date(2027, 5, 15):  # the platform files its 2026 figures: reminders stop
            services.registry.record(platform, "pilot_service_revenue_reported", day,
                                     {"year": 2026, "revenue": "100000.00"}, ADMIN)
        issued += scan(services, day)
        assert scan(services, day) == []  # a second scan the same day issues nothing
    keys = Counter((a["rule"], a["threshold"], a["due_on"]) for a in issued)
    assert all(n == 1 for n in keys.values())
    assert not any(a["late"] for a in issued)
    space = sorted((a["issued_on"], a["threshold"]) for a in issued if a["clause"] == "1.2")
    assert space == [(date(2027, 12, 1), "90d"), (date(2028, 1, 30), "30d"),
                     (date(2028, 2, 22), "7d"), (date(2028, 2, 29), "0d")]
    renewal = sorted((a["issued_on"], a["threshold"]) for a in issued if a["kind"] == "policy_renewal")
    assert renewal == [(date(2027, 6, 18), "180d"), (date(2027, 9, 16), "90d"), (date(2027, 11, 15), "30d")]
    reminders_2026 = sorted((a["issued_on"], a["threshold"]) for a in issued
                            if a["rule"] == "annual_report:2026:pilot_platform")
    assert reminders_2026 == [(date(2027, 1, 1), "opens"), (date(2027, 3, 1), "30d"),
                              (date(2027, 3, 24), "7d"), (date(2027, 3, 31), "0d"),
                              (date(2027, 4, 30), "overdue+30d")]
    assert {a["entity_id"] for a in issued if a["kind"] == "annual_report"} == {str(platform)}


def test_a_scan_after_downtime_issues_what_fell_due_meanwhile_once_marked_late(services):
    _park_with_deadlines(services)
    scan(services, date(2028, 1, 20))
    after = scan(services, date(2028, 2, 25))  # down from 01-21 to 02-24: 30d and 7d fell due
    missed = sorted((a["threshold"], a["issued_on"], a["late"]) for a in after if a["clause"] == "1.2")
    assert missed == [("30d", date(2028, 2, 25), True), ("7d", date(2028, 2, 25), True)]
    assert scan(services, date(2028, 2, 26)) == []
    on_the_day = scan(services, date(2028, 2, 29))
    assert [(a["threshold"], a["late"]) for a in on_the_day if a["clause"] == "1.2"] == [("0d", False)]


def test_catch_up_reaches_back_no_further_than_the_rules_allow(services):
    """A scan after months of silence does not flood staff with long-stale thresholds."""
    _park_with_deadlines(services)
    scan(services, date(2027, 6, 1))
    after = scan(services, date(2028, 2, 25))
    assert sorted(a["threshold"] for a in after if a["clause"] == "1.2") == ["30d", "7d"]


def test_two_schedulers_racing_on_one_day_issue_each_alert_once(database_url, fixed_clock):
    first = bootstrap(database_url, clock=fixed_clock)
    second = bootstrap(database_url, clock=fixed_clock, create_tables=False)
    try:
        _park_with_deadlines(first)
        for n in range(3, 13):
            entity = register(first.registry, n)
            first.registry.record(entity, "space_granted", date(2025, 3, 1),
                                  {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)
        barrier, results = threading.Barrier(2), []

        def run(services):
            barrier.wait()
            results.append(scan(services, date(2027, 12, 1)))

        threads = [threading.Thread(target=run, args=(s,)) for s in (first, second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        issued = [a["id"] for batch in results for a in batch]
        assert len(issued) == len(set(issued)) == 11
        first.projector.ensure_current()
        assert first.model.alerts(None, 0, 100)[1] == 11
    finally:
        first.close()
        second.close()


def test_a_revoked_industrialisation_has_its_window_alerted_again(services):
    """1.3: matured 2025-04-10, the window ends 2028-04-09; an industrialisation recorded by
    mistake and revoked leaves the project to industrialise by then: its 90-day alert is issued."""
    enterprise = register(services.registry, 1)
    services.registry.record(enterprise, "pilot_maturation_completed", date(2025, 4, 10), {"project": "钠电池"}, ADMIN)
    services.registry.record(enterprise, "industrialised", date(2026, 1, 10),
                             {"project": "钠电池", "amount": "1000000.00"}, ADMIN)
    services.projector.ensure_current()
    [reward] = [e for e in services.model.entitlements_on(str(enterprise), date(2026, 3, 2)) if e["clause"] == "1.3"]
    services.registry.record(enterprise, "entitlement_revoked", date(2026, 3, 2),
                             {"entitlement_id": reward["id"], "reason": "尚未产业化，误录"}, ADMIN)
    issued = scan(services, date(2028, 1, 10))
    assert [(a["clause"], a["threshold"], a["due_on"]) for a in issued if a["kind"] == "expiry"] == \
        [("1.3", "90d", date(2028, 4, 9))]


def test_an_alert_issued_late_says_how_far_off_the_deadline_is_on_the_day_it_is_issued(services):
    """1.2 free space to 2028-02-29. The scheduler was down from 2028-01-21: the scan of 02-25
    issues the 30-day and 7-day alerts late, and each said "in 30 days" / "in 7 days" when the
    space ends in 4; a scan after the day itself said "today" of a deadline 2 days past."""
    _park_with_deadlines(services)
    scan(services, date(2028, 1, 20))
    late = {a["threshold"]: a for a in scan(services, date(2028, 2, 25)) if a["clause"] == "1.2"}
    for threshold in ("30d", "7d"):
        assert "(in 4 days)" in late[threshold]["message"]
        assert "（还有 4 天）" in decode(late[threshold]["terms"]).render(CHINESE)
    [past] = [a for a in scan(services, date(2028, 3, 2)) if a["clause"] == "1.2"]
    assert (past["threshold"], past["late"]) == ("0d", True)
    assert "(2 days ago)" in past["message"]
    assert "（已过 2 天）" in decode(past["terms"]).render(CHINESE)



def test_a_renewal_alert_issued_late_counts_the_days_left_from_its_issue(services):
    """The policy ends 2027-12-15; its 180-day alert falls on 2027-06-18 and, the scheduler
    down that day, is issued on 06-20: 178 days are left, not 180."""
    scan(services, date(2027, 6, 10))
    [renewal] = [a for a in scan(services, date(2027, 6, 20)) if a["kind"] == "policy_renewal"]
    assert renewal["late"] and "(in 178 days)" in renewal["message"]


def test_alerts_in_chinese_name_the_whole_project_and_no_english(services):
    """A Chinese reader was told of the window of "二期)" for the project 钠电池 (二期), and of the
    pilot platform's report "（equipment, service revenue）"."""
    enterprise, platform = _park_with_deadlines(services)
    services.registry.record(enterprise, "pilot_maturation_completed", date(2025, 4, 10),
                             {"project": "钠电池 (二期)"}, ADMIN)
    [report] = [a for a in scan(services, date(2027, 1, 1)) if a["entity_id"] == str(platform)]
    chinese = decode(report["terms"]).render(CHINESE)
    assert "中试平台年度设备购置和中试服务收入报告" in chinese and not re.search("[a-z]{3,}", chinese)
    window = [a for a in scan(services, date(2028, 1, 10)) if a["clause"] == "1.3"]
    assert "（钠电池 (二期)）" in decode(window[0]["terms"]).render(CHINESE)
    assert "(钠电池 (二期))" in window[0]["message"]


def test_a_threshold_of_the_day_that_became_known_after_its_scan_is_issued_the_next_morning(services):
    """The 08:00 scan of 2027-12-01 has run when a clerk records, later that day, free space
    ending 2028-02-29, whose 90-day alert falls that very day. The next scan looked only at the
    days after 12-01, and the alert was never issued; now it is, on 12-02, marked late, and once."""
    scan(services, date(2027, 12, 1))
    enterprise = register(services.registry, 1)
    services.registry.record(enterprise, "space_granted", date(2025, 3, 1),
                             {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)
    issued = [a for a in scan(services, date(2027, 12, 2)) if a["clause"] == "1.2"]
    assert [(a["threshold"], a["issued_on"], a["late"]) for a in issued] == [("90d", date(2027, 12, 2), True)]
    assert [a for a in scan(services, date(2027, 12, 3)) if a["clause"] == "1.2"] == []


def test_a_scan_catching_up_over_new_year_issues_last_years_missed_report_reminder(services):
    """The platform's 2026 figures are overdue since 2027-03-31, reminded every 30 days until
    the year ends, the last on 2027-12-26. Down from 12-25 to 2028-01-02, the scan looked only
    for reminders of 2027's figures and the 12-26 one was never issued."""
    _, platform = _park_with_deadlines(services)
    scan(services, date(2027, 12, 25))
    issued = [(a["rule"], a["threshold"], a["late"]) for a in scan(services, date(2028, 1, 2))
              if a["entity_id"] == str(platform)]
    assert sorted(issued) == [("annual_report:2026:pilot_platform", "overdue+270d", True),
                              ("annual_report:2027:pilot_platform", "opens", True)]


def test_a_first_scan_completing_while_another_looks_back_does_not_widen_its_window(services):
    """Two schedulers on the very first day (deploy says run one; the registry still issues each
    alert once): the second looked for the days scanned, found none, then saw the log the first
    had opened meanwhile and reached back the whole catch-up as if scans had stopped, issuing
    stale thresholds late (13 alerts instead of 11, now and then, in the racing test above)."""
    today, reach = date(2027, 12, 1), 30
    last = DayScanned.create_id(today - timedelta(days=reach))

    class Recorder:
        def select_events(self, aggregate_id, **kwargs):
            found = services.registry.recorder.select_events(aggregate_id, **kwargs)
            if aggregate_id == last:  # the other scheduler completes its scan of the day now
                complete_scan(services.registry, today, 0)
            return found

    racing = SimpleNamespace(recorder=Recorder())
    assert last_scanned_on(racing, today, reach) is None
    assert last_scanned_on(services.registry, today, reach) == today
