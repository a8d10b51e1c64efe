"""`jcg alerts scan --today`: the one pass cron and people run."""

from __future__ import annotations

from datetime import date

from cli.main import main
from projections.wiring import bootstrap
from tests.park import ADMIN, register


def test_a_scan_prints_the_90_day_alert_and_a_second_scan_issues_nothing(database_url, monkeypatch, capsys):
    services = bootstrap(database_url)
    entity = register(services.registry, 1)
    services.registry.record(entity, "space_granted", date(2025, 3, 1),
                             {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)
    services.close()
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["alerts", "scan", "--today", "2027-12-01"]) == 0
    first = capsys.readouterr().out
    assert "1.2" in first and "2028-02-29" in first and "90d" in first
    assert first.strip().endswith("1 alert(s) issued for 2027-12-01")
    assert main(["alerts", "scan", "--today", "2027-12-01"]) == 0
    assert capsys.readouterr().out.strip() == "0 alert(s) issued for 2027-12-01"
