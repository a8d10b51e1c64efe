"""Imports refuse what they cannot read (422 naming it, never a 500) and report each bad row by
sheet, row and column in the API's own words, recording the good rows around it."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest

from tests.api.conftest import Park
from tests.api.samples import credit_code
from tests.spreadsheets.conftest import fill, saved, template, upload

CODE = credit_code(201)


def _refusal(park: Park, data: bytes) -> str:
    response = upload(park, data)
    assert response.status_code == 422, response.get_json()
    return response.get_json()["message"]


def test_a_file_that_is_not_a_workbook_is_refused(park: Park) -> None:
    assert "not an .xlsx workbook" in _refusal(park, "姓名,金额\n张三,1\n".encode())
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not an .xlsx workbook" in _refusal(park, plain_zip.getvalue())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(park: Park) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert len(bomb.getvalue()) < 1024 * 1024
    assert "zip bomb" in _refusal(park, bomb.getvalue())


def test_a_formula_is_refused_naming_its_cell(park: Park) -> None:
    book = template(park)
    fill(book, "award_received", [{"credit_code": CODE, "occurred_on": "2025-01-01", "data.award": "A",
                                   "data.level": "national", "data.amount": "=1+1",
                                   "data.first_completing_unit": "是"}])
    message = _refusal(park, saved(book))
    assert "'award_received' cell E3 holds a formula" in message


def test_an_unknown_key_or_sheet_is_refused_naming_it(park: Park) -> None:
    book = template(park)
    book["entities"]["D2"] = "credit_number"
    assert "row 2 has the unknown key 'credit_number' in column D" in _refusal(park, saved(book))
    book = template(park)
    book.create_sheet("企业名单")
    assert "sheet '企业名单' is not a sheet of the template" in _refusal(park, saved(book))


def test_an_upload_without_the_file_field_or_too_large_is_refused(park: Park, app) -> None:
    response = park.client.post("/api/v1/imports", data={}, headers=park.admin,
                                content_type="multipart/form-data")
    assert response.status_code == 422 and response.get_json()["errors"] == {"file": ["is required"]}
    app.config["IMPORT_MAX_BYTES"] = 1000
    assert upload(park, saved(template(park))).status_code == 413


def test_only_an_admin_imports(park: Park) -> None:
    response = park.client.post("/api/v1/imports", data={"file": (io.BytesIO(b"x"), "a.xlsx")},
                                headers=park.auditor, content_type="multipart/form-data")
    assert response.status_code == 403


def _problems(report: dict) -> list[tuple]:
    return [(e["sheet"], e["row"], e["column"]) for e in report["errors"]]


@pytest.mark.parametrize("dry_run", [True, False])
def test_each_bad_row_is_reported_where_it_is_and_the_good_rows_go_in(park: Park, dry_run: bool) -> None:
    existing = park.register("enterprise", name="已登记企业", credit_code=credit_code(202))
    book = template(park)
    fill(book, "entities", [
        {"kind": "enterprise", "name": "新企业", "credit_code": CODE, "zone": "高新区", "entered_on": "2025-01-02"},
        {"kind": "enterprise", "name": "坏代码", "credit_code": "91140300MA0000001X", "zone": "高新区",
         "entered_on": "2025-01-02"},
        {"kind": "enterprise", "name": "另一个名字", "credit_code": existing["credit_code"], "zone": "gaoxin",
         "entered_on": "2025-01-02"},
    ])
    fill(book, "achievement_recognised", [
        {"credit_code": CODE, "occurred_on": datetime(2025, 3, 1), "data.achievement": "A",
         "data.stage": "lab", "data.amount": 323456.1},                       # 3: recorded
        {"credit_code": CODE, "occurred_on": "2025/03/01", "data.achievement": "B",
         "data.stage": "lab", "data.amount": 100.125},                        # 4: date and money
        {"credit_code": credit_code(299), "occurred_on": "2025-03-01", "data.achievement": "C",
         "data.stage": "lab", "data.amount": 100},                            # 5: nobody
    ])
    fill(book, "equipment_purchased", [{"credit_code": CODE, "occurred_on": "2025-03-01", "data.year": 2025,
                                        "data.original_value": 100}])         # 3: wrong kind
    report = upload(park, saved(book), dry_run=dry_run).get_json()
    assert sorted(_problems(report)) == [
        ("achievement_recognised", 4, "data.amount"), ("achievement_recognised", 4, "occurred_on"),
        ("achievement_recognised", 5, "credit_code"),
        ("entities", 4, "credit_code"), ("entities", 5, "credit_code"),
        ("equipment_purchased", 3, None)]
    assert (report["rows"], report["recorded"], report["refused"]) == (7, 2, 5)
    by_place = {(e["sheet"], e["row"], e["column"]): e for e in report["errors"]}
    assert by_place[("achievement_recognised", 4, "data.amount")]["cell"] == "E4"
    assert (f"already registered, by entity {existing['id']}, with another name"
            in by_place[("entities", 5, "credit_code")]["message"])
    assert "pilot_platform" in by_place[("equipment_purchased", 3, None)]["message"]
    if not dry_run:
        [entity] = park.client.get(f"/api/v1/entities?q={CODE}", headers=park.admin).get_json()
        [fact] = [e for e in park.history(entity["id"]) if e["type"] == "achievement_recognised"]
        assert fact["data"]["amount"] == "323456.10"


def test_a_policy_refusal_names_its_clause_in_the_report(park: Park) -> None:
    """1.1: the lab-stage award is capped; the import says so as the API would."""
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "新企业", "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025-01-02"}])
    fill(book, "achievement_recognised", [{"credit_code": CODE, "occurred_on": "2025-03-01",
                                           "data.achievement": "A", "data.stage": "lab", "data.amount": 99999999}])
    report = upload(park, saved(book)).get_json()
    assert report["refused"] == 1 and report["recorded"] == 1
    assert report["errors"][0]["message"].startswith("1.1")


@pytest.mark.parametrize("dry_run", [True, False])
def test_another_entity_is_named_by_its_credit_code_where_the_api_takes_its_id(park: Park, dry_run: bool) -> None:
    """7.1: a patent case won for a client enterprise of the park."""
    firm_code = credit_code(203)
    book = template(park)
    fill(book, "entities", [
        {"kind": "enterprise", "name": "委托企业", "credit_code": CODE, "zone": "高新区", "entered_on": "2025-01-02"},
        {"kind": "ip_service_firm", "name": "知识产权服务所", "credit_code": firm_code, "zone": "高新区",
         "entered_on": "2025-01-02"}])
    fill(book, "patent_case_won", [
        {"credit_code": firm_code, "occurred_on": "2025-05-01", "data.case_no": "(2025)晋03知1号",
         "data.client_entity_id": CODE},
        {"credit_code": firm_code, "occurred_on": "2025-05-02", "data.case_no": "(2025)晋03知2号",
         "data.client_entity_id": credit_code(298)}])
    report = upload(park, saved(book), dry_run=dry_run).get_json()
    assert (report["recorded"], report["refused"]) == (3, 1)
    assert [(e["row"], e["column"]) for e in report["errors"]] == [(4, "data.client_entity_id")]
    if not dry_run:
        [client] = park.client.get(f"/api/v1/entities?q={CODE}", headers=park.admin).get_json()
        [firm] = park.client.get(f"/api/v1/entities?q={firm_code}", headers=park.admin).get_json()
        [won] = [e for e in park.history(firm["id"]) if e["type"] == "patent_case_won"]
        assert won["data"]["client_entity_id"] == client["id"]


def test_the_report_speaks_the_callers_language(park: Park) -> None:
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "新企业", "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025/01/02"}])
    response = park.client.post("/api/v1/imports?dry_run=true", data={"file": (io.BytesIO(saved(book)), "a.xlsx")},
                                headers={**park.admin, "Accept-Language": "zh-CN"}, content_type="multipart/form-data")
    [problem] = response.get_json()["errors"]
    assert problem["column"] == "entered_on" and problem["message"] != "Not a valid date."
