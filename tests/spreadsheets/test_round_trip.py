"""The clerk's round trip on each backend: template → filled → dry run → import → import again
→ the year's lists, whose totals are GET /subsidies' own."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from cli.main import main
from tests.api.conftest import Park
from tests.api.samples import credit_code
from tests.spreadsheets.conftest import fill, saved, template, upload

PLATFORM, AGENCY, ENTERPRISE = credit_code(101), credit_code(102), credit_code(103)


def _history_workbook(park: Park) -> bytes:
    book = template(park)
    fill(book, "entities", [
        {"kind": "pilot_platform", "name": "阳泉中试平台", "credit_code": PLATFORM, "zone": "高新区",
         "entered_on": datetime(2024, 5, 6)},
        {"kind": "tech_transfer_agency", "name": "阳泉技术转移中心", "credit_code": AGENCY, "zone": "gaoxin",
         "entered_on": "2024-07-01"},
        {"kind": "enterprise", "name": "阳泉新材料有限公司", "credit_code": ENTERPRISE, "zone": "盂县",
         "entered_on": datetime(2025, 1, 2)},
    ])
    # Money as a number and as text; dates as Excel dates and as YYYY-MM-DD text.
    fill(book, "equipment_purchased", [{"credit_code": PLATFORM, "occurred_on": datetime(2025, 12, 1),
                                        "data.year": 2025, "data.original_value": 12000000}])
    fill(book, "transfer_performance_assessed", [{"credit_code": AGENCY, "occurred_on": "2026-01-15",
                                                  "data.year": 2025, "data.amount": 400000.1}])
    fill(book, "award_received", [{"credit_code": ENTERPRISE, "occurred_on": datetime(2025, 9, 1),
                                   "data.award": "山西省科技进步奖", "data.level": "provincial",
                                   "data.amount": "200,000.00", "data.first_completing_unit": "否"}])
    return saved(book)


def _entity_id(park: Park, code: str) -> str:
    [entity] = park.client.get(f"/api/v1/entities?q={code}", headers=park.admin).get_json()
    return entity["id"]


def test_a_workbook_goes_in_once_and_the_lists_come_out_with_the_subsidies_totals(park: Park, tmp_path,
                                                                                 database_url, monkeypatch) -> None:
    workbook = _history_workbook(park)

    dry = upload(park, workbook, dry_run=True)
    assert dry.status_code == 200, dry.get_json()
    assert dry.get_json() == {"dry_run": True, "rows": 6, "recorded": 6, "skipped": 0, "refused": 0, "errors": []}
    assert park.client.get("/api/v1/entities", headers=park.admin).get_json() == []

    first = upload(park, workbook).get_json()
    assert first == {"dry_run": False, "rows": 6, "recorded": 6, "skipped": 0, "refused": 0, "errors": []}
    again = upload(park, workbook).get_json()
    assert again == {"dry_run": False, "rows": 6, "recorded": 0, "skipped": 6, "refused": 0, "errors": []}
    assert upload(park, workbook, dry_run=True).get_json()["skipped"] == 6

    agency = _entity_id(park, AGENCY)
    [assessed] = [e for e in park.history(agency) if e["type"] == "transfer_performance_assessed"]
    assert assessed["data"]["amount"] == "400000.10" and assessed["occurred_on"] == "2026-01-15"

    # The review is imported too: each annual entitlement of 2025 approved, by its id.
    approvals = template(park)
    owed = park.client.get("/api/v1/subsidies?year=2025", headers=park.admin).get_json()
    codes = {_entity_id(park, c): c for c in (PLATFORM, AGENCY)}
    fill(approvals, "entitlement_approved", [
        {"credit_code": codes[e["entity_id"]], "occurred_on": "2026-02-01", "data.entitlement_id": x["id"]}
        for e in owed["entities"] for x in e["entitlements"]])
    assert upload(park, saved(approvals)).get_json()["recorded"] == 2

    subsidies = park.client.get("/api/v1/subsidies?year=2025", headers=park.auditor).get_json()
    assert subsidies["total"] == "1400000.10"  # 2.1 capped at 1,000,000.00; 4.1 as assessed
    response = park.client.get("/api/v1/exports/publicity.xlsx?year=2025", headers=park.auditor)
    (tmp_path / "publicity.xlsx").write_bytes(response.data)
    response.close()
    rows = list(openpyxl.load_workbook(tmp_path / "publicity.xlsx").worksheets[0].values)
    assert [r[3] for r in rows[1:-1]] == ["2.1", "4.1"]
    assert rows[-1][0] == "合计"
    assert Decimal(repr(rows[-1][5])).quantize(Decimal("0.01")) == Decimal(subsidies["total"])

    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["export", "payments", "--year", "2025", str(tmp_path / "payments.csv")]) == 0
    with open(tmp_path / "payments.csv", encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == ["主体名称", "统一社会信用代码", "条款", "责任单位", "核定金额", "已拨付", "待拨付"]
    assert table[-1] == ["合计", "", "", "", subsidies["total"], "0.00", subsidies["total"]]


def test_jcg_import_checks_then_records_from_the_command_line(park: Park, tmp_path, database_url,
                                                              monkeypatch, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "park.xlsx"
    path.write_bytes(_history_workbook(park))
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["import", str(path), "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "6 rows: would record 6, skipped 0, refused 0"
    assert main(["import", str(path)]) == 0
    assert main(["import", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "6 rows: recorded 0, skipped 6, refused 0"


def test_jcg_import_speaks_jcg_language(park: Park, tmp_path, database_url, monkeypatch,
                                        capsys: pytest.CaptureFixture) -> None:
    book = template(park)
    fill(book, "achievement_recognised", [{"credit_code": credit_code(77), "occurred_on": "2025-03-01",
                                           "data.achievement": "碳化硅中试", "data.stage": "pilot",
                                           "data.amount": "1200000.00"}])
    path = tmp_path / "one.xlsx"
    path.write_bytes(saved(book))
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    assert main(["import", str(path), "--dry-run"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-2] == (f"工作表 achievement_recognised 第 3 行 A3：登记簿和 entities 工作表中都没有统一社会信用代码为 "
                       f"{credit_code(77)} 的主体")
    assert out[-1] == "共 1 行（试导入）：将记录 0 行，跳过 0 行，拒绝 1 行"


def test_jcg_import_refuses_a_file_that_is_no_workbook_in_jcg_language(tmp_path, database_url, monkeypatch,
                                                                        capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_text("主体名称,金额\n阳泉企业,1\n", encoding="utf-8")
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    assert main(["import", str(path), "--dry-run"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"jcg import: {path}: 该文件不是 .xlsx 工作簿（请在 Excel 或 WPS 中另存为 .xlsx）")
