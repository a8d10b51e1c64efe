"""A workbook of 10,000 rows goes in whole, and again records nothing."""

from __future__ import annotations

from io import BytesIO

import openpyxl

from tests.api.conftest import Park
from tests.api.samples import credit_code
from tests.spreadsheets.conftest import upload

ENTITIES, AMENDMENTS = 2_000, 4


def _workbook() -> bytes:
    book = openpyxl.Workbook(write_only=True)
    entities = book.create_sheet("entities")
    entities.append(["主体类型", "主体名称", "统一社会信用代码", "所在区域", "入驻日期"])
    entities.append(["kind", "name", "credit_code", "zone", "entered_on"])
    amended = book.create_sheet("details_amended")
    amended.append(["统一社会信用代码", "发生日期", "主体名称"])
    amended.append(["credit_code", "occurred_on", "data.name"])
    for n in range(ENTITIES):
        code = credit_code(10_000 + n)
        entities.append(["enterprise", f"企业{n}", code, "高新区", "2025-01-02"])
        for k in range(AMENDMENTS):
            amended.append([code, f"2025-0{k + 2}-01", f"企业{n}（第{k + 1}次更名）"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_ten_thousand_rows_are_imported_and_a_second_import_skips_them_all(park: Park) -> None:
    workbook = _workbook()
    rows = ENTITIES * (1 + AMENDMENTS)
    assert rows == 10_000
    dry = upload(park, workbook, dry_run=True).get_json()
    assert (dry["rows"], dry["recorded"], dry["refused"]) == (rows, rows, 0)
    first = upload(park, workbook).get_json()
    assert (first["recorded"], first["skipped"], first["refused"]) == (rows, 0, 0)
    again = upload(park, workbook).get_json()
    assert (again["recorded"], again["skipped"], again["refused"]) == (0, rows, 0)
    listed = park.client.get("/api/v1/entities?q=企业1999", headers=park.admin).get_json()
    assert [e["name"] for e in listed] == ["企业1999（第4次更名）"]
