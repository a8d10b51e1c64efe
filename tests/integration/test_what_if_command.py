"""`jcg policy what-if CHANGES.json [--year Y]` prints what `POST /api/v1/policy/what-if` answers.

The contract promised the command; `jcg` had no `policy` command at all."""

from __future__ import annotations

import json
from datetime import date

from cli.main import main
from projections.wiring import bootstrap
from tests.park import ADMIN, register


def a_platform_buying_11_million(database_url: str, monkeypatch) -> None:
    services = bootstrap(database_url)
    platform = register(services.registry, 1, kind="pilot_platform")
    services.registry.record(platform, "equipment_purchased", date(2025, 6, 1),
                             {"year": 2025, "original_value": "11000000.01"}, ADMIN)
    services.registry.record(platform, "equipment_purchased", date(2026, 2, 1),
                             {"year": 2026, "original_value": "2500000.03"}, ADMIN)
    services.close()
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)


def test_the_command_prints_the_totals_the_api_answers(database_url, monkeypatch, capsys, tmp_path):
    """2.1 at 40%: 2026's 2,500,000.03 owes 1,000,000.00 (capped) rather than 750,000.01."""
    a_platform_buying_11_million(database_url, monkeypatch)
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps({"2.1": {"rate": "0.40"}}), encoding="utf-8")

    assert main(["policy", "what-if", str(changes), "--year", "2026"]) == 0

    printed = json.loads(capsys.readouterr().out)
    assert (printed["baseline_total"], printed["draft_total"], printed["difference"]) == (
        "750000.01", "1000000.00", "249999.99")


def test_a_change_the_policy_cannot_hold_is_refused_in_jcg_language(database_url, monkeypatch, capsys,
                                                                     tmp_path):
    a_platform_buying_11_million(database_url, monkeypatch)
    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps({"changes": {"2.1": {"rate": "1.5"}}}), encoding="utf-8")

    assert main(["policy", "what-if", str(changes)]) == 2

    said = capsys.readouterr()
    assert said.out == ""
    assert "changes.2.1.rate" in said.err and "不能大于 1" in said.err
