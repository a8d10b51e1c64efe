"""`jcg alerts scan --today`: the one pass cron and people run."""

from __future__ import annotations

from datetime import date, timedelta

from cli.main import main
from jobs.alerting import last_scanned_on
from projections.wiring import bootstrap
from tests.park import ADMIN, register


def a_space_ending_on_2026_08_31(database_url: str, monkeypatch) -> None:
    services = bootstrap(database_url)
    entity = register(services.registry, 1)
    services.registry.record(entity, "space_granted", date(2025, 3, 1),
                             {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 18}, ADMIN)
    services.close()
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)


def test_a_scan_prints_the_90_day_alert_and_a_second_scan_issues_nothing(database_url, monkeypatch, capsys):
    a_space_ending_on_2026_08_31(database_url, monkeypatch)
    assert main(["alerts", "scan", "--today", "2026-06-02"]) == 0
    first = capsys.readouterr().out
    assert "1.2" in first and "2026-08-31" in first and "90d" in first
    assert first.strip().endswith("1 alert(s) issued for 2026-06-02")
    assert main(["alerts", "scan", "--today", "2026-06-02"]) == 0
    assert capsys.readouterr().out.strip() == "0 alert(s) issued for 2026-06-02"


def test_a_dry_run_prints_the_alert_and_records_nothing(database_url, monkeypatch, capsys):
    a_space_ending_on_2026_08_31(database_url, monkeypatch)
    assert main(["alerts", "scan", "--today", "2026-06-02", "--dry-run"]) == 0
    preview = capsys.readouterr().out
    assert "2026-08-31" in preview and "90d" in preview
    assert preview.strip().endswith("1 alert(s) would be issued for 2026-06-02 (dry run: nothing recorded)")
    services = bootstrap(database_url, create_tables=False)
    try:
        assert last_scanned_on(services.registry, date(2026, 6, 3), 31) is None
    finally:
        services.close()
    # Nothing was issued: the real pass issues the same alert.
    assert main(["alerts", "scan", "--today", "2026-06-02"]) == 0
    assert capsys.readouterr().out.strip().endswith("1 alert(s) issued for 2026-06-02")


def test_a_day_to_come_is_refused_unless_it_is_a_dry_run(database_url, monkeypatch, capsys):
    a_space_ending_on_2026_08_31(database_url, monkeypatch)
    far = (date.today() + timedelta(days=400)).isoformat()
    assert main(["alerts", "scan", "--today", far]) == 2
    assert "after the park's today" in capsys.readouterr().err
    assert main(["alerts", "scan", "--today", far, "--dry-run"]) == 0
    assert "would be issued" in capsys.readouterr().out


def test_a_scan_prints_each_alert_in_jcg_language(database_url, monkeypatch, capsys):
    a_space_ending_on_2026_08_31(database_url, monkeypatch)
    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    assert main(["alerts", "scan", "--today", "2026-06-02", "--dry-run"]) == 0
    preview = capsys.readouterr().out.splitlines()[0]
    assert main(["alerts", "scan", "--today", "2026-06-02"]) == 0
    issued = capsys.readouterr().out.splitlines()[0]
    for line in (preview, issued):
        assert "第1.2条：" in line and "2026-08-31 到期" in line and "责任单位：" in line, line
