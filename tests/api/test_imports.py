"""Imports refuse what they cannot read (422 naming it, never a 500) and report each bad row by
sheet, row and column in the API's own words, recording the good rows around it."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import openpyxl
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


def test_a_hidden_sheet_holding_rows_is_refused_naming_it(park: Park) -> None:
    """A sheet hidden in Excel or WPS (隐藏) holds rows the clerk checking the workbook does not
    see: they were imported all the same (a hidden 1.1 award of 800,000.00 recorded). Refused
    now, naming the sheet and its first row, nothing recorded; an empty hidden sheet is no harm."""
    existing = park.register("enterprise", credit_code=CODE)
    book = template(park)
    fill(book, "achievement_recognised", [{"credit_code": CODE, "occurred_on": "2025-03-01",
                                           "data.achievement": "隐藏的成果", "data.stage": "lab",
                                           "data.amount": 800000}])
    book["achievement_recognised"].sheet_state = "hidden"
    book["space_granted"].sheet_state = "hidden"
    response = park.client.post("/api/v1/imports", data={"file": (io.BytesIO(saved(book)), "a.xlsx")},
                                headers={**park.admin, "Accept-Language": "zh-CN"},
                                content_type="multipart/form-data")
    assert response.status_code == 422
    assert "achievement_recognised" in response.get_json()["message"]
    assert "第 3 行" in response.get_json()["message"]
    assert [e["type"] for e in park.history(existing["id"])] == ["registered"]
    book["achievement_recognised"].sheet_state = "visible"
    assert upload(park, saved(book)).get_json()["recorded"] == 1


def test_a_key_twice_in_row_2_is_refused_naming_both_columns(park: Park) -> None:
    """A column copied beside itself: the import cannot know which of the two cells is meant."""
    book = template(park)
    book["entities"]["G2"] = "name"
    fill(book, "entities", [{"kind": "enterprise", "name": "阳泉甲企业", "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025-01-02"}])
    book["entities"]["G3"] = "阳泉乙企业"
    assert "row 2 has the key 'name' twice, in columns C and G" in _refusal(park, saved(book))
    assert park.client.get(f"/api/v1/entities?q={CODE}", headers=park.admin).get_json() == []


def test_every_row_and_column_is_read_whatever_size_the_workbook_says_its_sheets_are(park: Park) -> None:
    """A sheet states the range it uses (`<dimension>`); some programs that write .xlsx state it
    wrong. Every row and column holding a value is read all the same, none silently left out."""
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": f"阳泉企业{n}", "credit_code": credit_code(210 + n),
                             "zone": "高新区", "entered_on": "2025-01-02"} for n in range(3)])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved(book))) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C3"', data)
            target.writestr(item, data)
    report = upload(park, out.getvalue()).get_json()
    assert (report["rows"], report["recorded"], report["refused"]) == (3, 3, 0), report


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
        {"credit_code": CODE, "occurred_on": "2025/02/30", "data.achievement": "B",
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


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_date_typed_as_text_the_way_clerks_write_it_is_read_as_that_day(park: Park, dry_run: bool) -> None:
    """A date column's cell formatted as text, or pasted from a document, holds what the clerk
    typed: 2025/3/1, 2025.3.1, 2025年3月1日, full-width ２０２５－０３－０１. Each is refused before as
    not YYYY-MM-DD; read now as the day it names (year, month, day: a Chinese date has no other
    order). A day that does not exist, or a date with a time, is still refused."""
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "文本日期企业", "credit_code": CODE,
                             "zone": "高新区", "entered_on": "2025年1月2日"}])
    typed = ["2025/3/1", "2025.3.2", "2025年3月3日", "２０２５－０３－０４", "2025/2/30", "2025/3/5 10:00"]
    fill(book, "achievement_recognised", [
        {"credit_code": CODE, "occurred_on": day, "data.achievement": f"成果{n}", "data.stage": "lab",
         "data.amount": 300000} for n, day in enumerate(typed)])
    report = upload(park, saved(book), dry_run=dry_run).get_json()
    assert _problems(report) == [("achievement_recognised", 7, "occurred_on"),
                                 ("achievement_recognised", 8, "occurred_on")]
    assert (report["recorded"], report["refused"]) == (5, 2)
    if not dry_run:
        [entity] = park.client.get(f"/api/v1/entities?q={CODE}", headers=park.admin).get_json()
        assert entity["entered_on"] == "2025-01-02"
        assert [e["occurred_on"] for e in park.history(entity["id"]) if e["type"] == "achievement_recognised"] == [
            "2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"]


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_policy_refusal_names_its_clause_in_the_report(park: Park, dry_run: bool) -> None:
    """1.1: the lab-stage award is capped; the import, and its dry run, say so as the API would."""
    existing = park.register("enterprise", name="已登记企业", credit_code=credit_code(204))
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "新企业", "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025-01-02"}])
    fill(book, "achievement_recognised", [
        {"credit_code": code, "occurred_on": "2025-03-01", "data.achievement": "A", "data.stage": "lab",
         "data.amount": amount}
        for code in (CODE, existing["credit_code"]) for amount in (99999999, 1000000.01, 1000000)])
    report = upload(park, saved(book), dry_run=dry_run).get_json()
    assert (report["refused"], report["recorded"]) == (4, 3)
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (3, "data.amount"), (4, "data.amount"), (6, "data.amount"), (7, "data.amount")]
    assert all(e["message"].startswith("1.1") for e in report["errors"])


OTHER = credit_code(205)


def _rows_decided_by_earlier_rows(park: Park) -> openpyxl.Workbook:
    """Rows each fine alone, refused after an earlier row of the same workbook (sheets go in
    the template's order: `departed` before `achievement_recognised`)."""
    book = template(park)
    talent = {"credit_code": CODE, "occurred_on": "2025-02-01", "data.talent": "王五", "data.level": "provincial",
              "data.start_on": "2025-02-01"}
    fill(book, "talent_introduced", [talent, talent,                          # the same row again: skipped
                                     {**talent, "occurred_on": "2025-03-01"}])  # 8.1's matter again: refused
    fill(book, "departed", [{"credit_code": OTHER, "occurred_on": "2025-06-30", "data.reason": "迁往太原"}])
    fill(book, "achievement_recognised", [
        {"credit_code": OTHER, "occurred_on": "2025-07-01", "data.achievement": "氢能", "data.stage": "lab",
         "data.amount": 300000}])                                             # after it departed
    return book


def _decided_as_the_import_decides(park: Park, workbook: bytes) -> dict:
    dry = upload(park, workbook, dry_run=True).get_json()
    real = upload(park, workbook).get_json()

    def without_ids(report: dict) -> dict:
        # A refusal may name the earlier row's event: the import by its id, the dry run by its row.
        ids = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                         r"|row \d+ of sheet \w+ of this workbook")
        return {**report, "dry_run": None,
                "errors": [{**e, "message": ids.sub("<id>", e["message"])} for e in report["errors"]]}

    assert without_ids(dry) == without_ids(real)
    return real


def test_a_dry_run_reports_what_the_import_then_does_row_by_row(park: Park) -> None:
    """A dry run decides each row on the entity as the earlier rows of the workbook leave it, by
    the registry's own rules: a clerk sees every refusal the import will make, and only those."""
    for code in (CODE, OTHER):
        park.register("enterprise", credit_code=code, entered_on="2025-01-02")
    real = _decided_as_the_import_decides(park, saved(_rows_decided_by_earlier_rows(park)))
    assert (real["recorded"], real["skipped"], real["refused"]) == (2, 1, 2)
    assert [(e["sheet"], e["row"]) for e in real["errors"]] == [
        ("achievement_recognised", 3), ("talent_introduced", 5)]


def test_a_dry_runs_refusal_names_the_earlier_row_where_the_import_names_its_event(park: Park) -> None:
    park.register("enterprise", credit_code=CODE, entered_on="2025-01-02")
    workbook = saved(_rows_decided_by_earlier_rows(park))
    for headers, place in ((park.admin, "by event row 3 of sheet talent_introduced of this workbook"),
                           ({**park.admin, "Accept-Language": "zh-CN"}, "已由事项 本工作簿 talent_introduced 表第 3 行 依")):
        response = park.client.post("/api/v1/imports?dry_run=true", headers=headers,
                                    data={"file": (io.BytesIO(workbook), "a.xlsx")}, content_type="multipart/form-data")
        [talent] = [e for e in response.get_json()["errors"] if e["sheet"] == "talent_introduced"]
        assert place in talent["message"], talent["message"]


def test_a_dry_run_decides_the_rows_of_entities_the_workbook_registers(park: Park) -> None:
    book = _rows_decided_by_earlier_rows(park)
    fill(book, "entities", [{"kind": "enterprise", "name": f"新企业{code}", "credit_code": code, "zone": "高新区",
                             "entered_on": "2025-01-02"} for code in (CODE, OTHER)])
    real = _decided_as_the_import_decides(park, saved(book))
    assert (real["recorded"], real["skipped"], real["refused"]) == (4, 1, 2)


def test_a_registration_row_with_two_faults_reports_both(park: Park) -> None:
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "两处错误", "credit_code": "91140300MA0000001X",
                             "zone": "高新区", "entered_on": "2025/02/30"}])
    report = upload(park, saved(book), dry_run=True).get_json()
    assert sorted(e["column"] for e in report["errors"]) == ["credit_code", "entered_on"]


def test_the_report_speaks_the_callers_language(park: Park) -> None:
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "新企业", "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025/02/30"}])
    response = park.client.post("/api/v1/imports?dry_run=true", data={"file": (io.BytesIO(saved(book)), "a.xlsx")},
                                headers={**park.admin, "Accept-Language": "zh-CN"}, content_type="multipart/form-data")
    [problem] = response.get_json()["errors"]
    assert problem["column"] == "entered_on" and problem["message"] != "Not a valid date."


def test_the_importer_reads_every_row_it_imported_at_once(park: Park) -> None:
    """An import records more events than a read works out itself (a bulk batch): it catches
    them up before answering, so the directory read next lists every entity imported."""
    services = park.app.extensions["jcg"]
    services.projector.bulk_batch = 5
    services.projector.catch_up()
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": f"导入企业{n}", "credit_code": credit_code(300 + n),
                             "zone": "高新区", "entered_on": "2025-01-02"} for n in range(10)])
    assert upload(park, saved(book)).get_json()["recorded"] == 10

    listed = park.client.get("/api/v1/entities?q=导入企业&page_size=50", headers=park.admin).get_json()
    assert len(listed) == 10


BANK, SECOND_BANK = credit_code(206), credit_code(207)


def _loan(lender: str, ref: str, principal: int, quankedai: str = "否") -> dict:
    return {"credit_code": lender, "occurred_on": "2025-06-01", "data.loan_ref": ref,
            "data.borrower_entity_id": CODE, "data.category": "other", "data.principal": principal,
            "data.annual_rate": "0.0435", "data.start_on": "2025-06-01", "data.end_on": "2026-06-01",
            "data.quankedai": quankedai}


def test_a_dry_run_takes_a_loan_to_a_borrower_the_workbook_registers(park: Park) -> None:
    """10: a loan names its borrower by credit code; a borrower registered on the entities sheet
    is registered when the loan row is decided, in the dry run as in the import."""
    book = template(park)
    fill(book, "entities", [
        {"kind": "financial_institution", "subtype": "bank", "name": "阳泉银行", "credit_code": BANK,
         "zone": "高新区", "entered_on": "2025-01-02"},
        {"kind": "enterprise", "name": "借款企业", "credit_code": CODE, "zone": "高新区", "entered_on": "2025-01-02"}])
    fill(book, "loan_issued", [_loan(BANK, "贷2025-001", 1000000)])
    real = _decided_as_the_import_decides(park, saved(book))
    assert (real["recorded"], real["refused"]) == (3, 0)


def test_a_dry_run_sees_the_loans_of_earlier_rows(park: Park) -> None:
    """10: 设立5亿元“泉科贷”支小再贷款专项额度 — two rows of one workbook draw on the one line, and a
    borrower's loan reference is its own: the dry run refuses the rows the import refuses."""
    park.register("enterprise", credit_code=CODE)
    for code in (BANK, SECOND_BANK):
        park.register("financial_institution", subtype="bank", credit_code=code)
    book = template(park)
    fill(book, "loan_issued", [_loan(BANK, "泉科贷-1", 300000000, "是"),
                               _loan(BANK, "泉科贷-2", 300000000, "是"),       # 4: past the line
                               _loan(SECOND_BANK, "泉科贷-1", 1000000)])        # 5: its reference again
    real = _decided_as_the_import_decides(park, saved(book))
    assert (real["recorded"], real["refused"]) == (1, 2)
    assert [(e["row"], e["column"]) for e in real["errors"]] == [(4, "data.principal"), (5, None)]


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_long_number_excel_kept_only_15_digits_of_is_refused_not_read_as_other_digits(
        park: Park, dry_run: bool) -> None:
    """Typed into a cell not formatted as text, 911403000000003778 is kept by Excel as the
    number 9.11403000000004E+17, whose digits read 911403000000003840: a valid credit code,
    but another one. Such a cell is refused, naming it, never read as other digits."""
    existing = park.register("enterprise", credit_code=CODE)
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "数字代码企业", "credit_code": 911403000000003778.0,
                             "zone": "高新区", "entered_on": "2025-01-02"}])
    fill(book, "space_granted", [{"credit_code": CODE, "occurred_on": "2025-03-01",
                                  "data.project": 2025030100100012345.0, "data.space": "office",
                                  "data.start_on": "2025-03-01", "data.months": 12}])
    report = upload(park, saved(book), dry_run=dry_run).get_json()
    assert (report["recorded"], report["refused"]) == (0, 2)
    assert _problems(report) == [("entities", 3, "credit_code"), ("space_granted", 3, "data.project")]
    assert all("15" in e["message"] for e in report["errors"])
    response = park.client.post("/api/v1/imports?dry_run=true", data={"file": (io.BytesIO(saved(book)), "a.xlsx")},
                                headers={**park.admin, "Accept-Language": "zh-CN"}, content_type="multipart/form-data")
    assert all("“文本”格式" in e["message"] for e in response.get_json()["errors"])
    assert park.client.get("/api/v1/entities?q=911403000000003840", headers=park.admin).get_json() == []
    assert [e["type"] for e in park.history(existing["id"])] == ["registered"]


def _as_excel_saves(workbook: bytes, placeholder: str, stored: str) -> bytes:
    """The workbook with a number cell holding `stored` as Excel writes a double: to 17 digits
    (openpyxl writes fewer)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(f"<v>{placeholder}</v>".encode(), f"<v>{stored}</v>".encode())
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("dry_run", [True, False])
def test_money_computed_in_excel_is_read_as_excel_shows_it(park: Park, dry_run: bool) -> None:
    """1.1: =300000.1*3 pasted as a value is the double 900000.29999999993, which Excel shows,
    and computes with, as 900000.3 (it keeps 15 digits): the import reads 900000.30, not a
    refusal quoting digits the clerk never saw. A third decimal Excel does show is refused."""
    park.register("enterprise", credit_code=CODE)
    book = template(park)
    fill(book, "achievement_recognised", [
        {"credit_code": CODE, "occurred_on": "2025-03-01", "data.achievement": name, "data.stage": "lab",
         "data.amount": placeholder} for name, placeholder in (("A", 111.5), ("B", 222.5))])
    workbook = _as_excel_saves(_as_excel_saves(saved(book), "111.5", "900000.29999999993"),
                               "222.5", "900000.09899999999")
    report = upload(park, workbook, dry_run=dry_run).get_json()
    assert (report["recorded"], report["refused"]) == (1, 1)
    [refused] = report["errors"]
    assert (refused["row"], refused["column"]) == (4, "data.amount") and "900000.099" in refused["message"]
    if not dry_run:
        [entity] = park.client.get(f"/api/v1/entities?q={CODE}", headers=park.admin).get_json()
        [fact] = [e for e in park.history(entity["id"]) if e["type"] == "achievement_recognised"]
        assert fact["data"]["amount"] == "900000.30"


def test_a_dry_run_finds_an_entity_by_the_credit_code_an_earlier_row_corrected_it_to(park: Park) -> None:
    """A registration_corrected row moves the entity's credit code; the rows after it name the
    entity by its new code, in the dry run as in the import."""
    park.register("enterprise", credit_code=OTHER, entered_on="2025-01-02")
    book = template(park)
    fill(book, "registration_corrected", [{"credit_code": OTHER, "occurred_on": "2025-03-01",
                                           "data.credit_code": CODE}])
    fill(book, "achievement_recognised", [{"credit_code": CODE, "occurred_on": "2025-03-02",
                                           "data.achievement": "氢能", "data.stage": "lab",
                                           "data.amount": 300000}])
    real = _decided_as_the_import_decides(park, saved(book))
    assert (real["recorded"], real["refused"]) == (2, 0)


def test_a_dry_run_refuses_a_correction_to_a_credit_code_the_workbook_registers(park: Park) -> None:
    """The entities sheet registers CODE first; a registration_corrected row that then moves
    another entity to CODE is refused, code taken, in the dry run as in the import."""
    park.register("enterprise", credit_code=OTHER, entered_on="2025-01-02")
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "新登记企业", "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025-01-02"}])
    fill(book, "registration_corrected", [{"credit_code": OTHER, "occurred_on": "2025-03-01",
                                           "data.credit_code": CODE}])
    fill(book, "achievement_recognised", [{"credit_code": CODE, "occurred_on": "2025-03-02",
                                           "data.achievement": "氢能", "data.stage": "lab",
                                           "data.amount": 300000}])
    real = _decided_as_the_import_decides(park, saved(book))
    assert (real["recorded"], real["refused"]) == (2, 1)
    assert [(e["sheet"], e["row"]) for e in real["errors"]] == [("registration_corrected", 3)]


def test_a_dry_run_names_the_earlier_row_that_registers_a_code_again_with_other_data(park: Park) -> None:
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": name, "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025-01-02"} for name in ("阳泉甲企业", "阳泉乙企业")])
    [problem] = upload(park, saved(book), dry_run=True).get_json()["errors"]
    assert (problem["row"], problem["column"]) == (4, "credit_code")
    assert "registered by an earlier row of this workbook with another name" in problem["message"]


def _imported_then_corrected(park: Park, correction: dict) -> tuple[bytes, dict]:
    """A workbook registering an entity, with a 1.1 achievement (800,000.00), imported; then
    the entity's registration corrected through the API."""
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "阳泉误录企业", "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025-01-02"}])
    fill(book, "achievement_recognised", [{"credit_code": CODE, "occurred_on": "2025-03-01",
                                           "data.achievement": "氢能", "data.stage": "pilot",
                                           "data.amount": 800000}])
    workbook = saved(book)
    assert upload(park, workbook).get_json()["recorded"] == 2
    [entity] = park.client.get(f"/api/v1/entities?q={CODE}", headers=park.admin).get_json()
    assert park.record(entity["id"], "registration_corrected", correction, occurred_on="2025-04-01").status_code == 201
    return workbook, entity


@pytest.mark.parametrize("correction", [{"credit_code": OTHER}, {"name": "阳泉正确企业"}])
def test_the_same_workbook_again_after_a_correction_records_nothing_new(park: Park, correction: dict) -> None:
    """同一工作簿重复导入是安全的: after its entity's credit code was corrected (the code it
    registered is free again), the workbook uploaded again registered a second entity under the
    mistyped code and recorded its 1.1 achievement (800,000.00) again on it. Its rows are the
    ones already recorded: skipped, in the dry run as in the import."""
    workbook, entity = _imported_then_corrected(park, correction)
    again = _decided_as_the_import_decides(park, workbook)
    assert (again["recorded"], again["skipped"], again["refused"]) == (0, 2, 0), again
    assert [e["id"] for e in park.client.get("/api/v1/entities?page_size=50", headers=park.admin).get_json()] \
        == [entity["id"]]


def test_a_decision_names_the_entitlements_it_replaces_in_one_cell(park: Park) -> None:
    """Contract: `case_by_case_support_granted` takes `replaces` (a list of entitlement ids); a
    workbook's cell holds text, which the API refused as not a list, so no decision in a
    workbook could replace anything (就高). Ids separated as a clerk separates them (commas,
    、, spaces) are the list now; an id that is not one is refused beside its cell."""
    entity = park.register("enterprise", credit_code=CODE)["id"]
    for n, stage in enumerate(("lab", "pilot")):
        park.record(entity, "achievement_recognised", {"achievement": f"成果{n}", "stage": stage,
                                                        "amount": "300000.00"})
    awards = [e["id"] for e in park.entitlements(entity) if e["clause"] == "1.1"]
    book = template(park)
    fill(book, "case_by_case_support_granted", [
        {"credit_code": CODE, "occurred_on": "2026-03-01", "data.clause": "1.4",
         "data.decision_ref": "阳科〔2026〕5号", "data.amount": 3000000, "data.replaces": "，".join(awards)},
        {"credit_code": CODE, "occurred_on": "2026-03-02", "data.clause": "9",
         "data.decision_ref": "阳科〔2026〕6号", "data.amount": 100000, "data.replaces": "不是编号"}])
    report = upload(park, saved(book)).get_json()
    assert (report["recorded"], report["refused"]) == (1, 1)
    assert _problems(report) == [("case_by_case_support_granted", 4, "data.replaces")]
    [decision] = [e for e in park.history(entity) if e["type"] == "case_by_case_support_granted"]
    assert decision["data"]["replaces"] == awards
    assert {e["status"] for e in park.entitlements(entity) if e["id"] in awards} == {"superseded"}
