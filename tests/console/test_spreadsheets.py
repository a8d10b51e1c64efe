"""The year's lists downloaded from the console and workbooks imported through it."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from typing import Any
from uuid import UUID

import openpyxl

from tests.api.conftest import Park
from tests.api.samples import credit_code
from tests.api.test_exports import _approve_2025
from tests.console.conftest import Browser
from tests.spreadsheets.conftest import fill, saved, template


def _workbook(response) -> list[tuple]:
    assert response.status_code == 200, response.data[:300]
    data = response.data
    response.close()
    return [tuple(c.value for c in row) for row in openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].iter_rows()]


def test_the_subsidies_page_links_downloads_that_work_for_its_user(park: Park, admin: Browser,
                                                                   auditor: Browser) -> None:
    platform, _agency = _approve_2025(park)
    html = admin.html("/console/subsidies?year=2025")
    links = re.findall(r'href="([^"]+)" data-export="publicity.xlsx"', html)
    assert links == ["/console/exports/publicity.xlsx?year=2025"]
    for browser in (admin, auditor):
        rows = _workbook(browser.get(links[0]))
        assert rows[0][:4] == ("序号", "主体名称", "统一社会信用代码", "条款")
        assert rows[1][:4] == (1, "阳泉中试平台", platform["credit_code"], "2.1")
        assert rows[-1][0] == "合计" and Decimal(repr(rows[-1][5])).quantize(Decimal("0.01")) == Decimal("1400000.10")
    payments = admin.get("/console/exports/payments.csv?year=2025")
    assert payments.status_code == 200 and payments.data.startswith("\ufeff".encode())
    assert "阳泉技术转移中心" in payments.data.decode("utf-8-sig")
    assert admin.get("/console/exports/payments.xlsx?year=1999").status_code == 400
    assert admin.get("/console/exports/secrets.xlsx?year=2025").status_code == 404


def test_an_entity_may_not_download_the_lists(app, park: Park) -> None:
    own = park.register("enterprise")
    agency = Browser(app)
    agency.sign_in(park.registry.issue_token("entity", "企业", entity_id=UUID(own["id"])))
    for path in ("/console/exports/publicity.xlsx?year=2025", "/console/exports/payments.csv?year=2025"):
        assert agency.get(path).status_code == 403, path


CODE = credit_code(401)


def _book(park: Park) -> bytes:
    book = template(park)
    fill(book, "entities", [
        {"kind": "enterprise", "name": "新企业", "credit_code": CODE, "zone": "高新区", "entered_on": "2025-01-02"},
        {"kind": "enterprise", "name": "坏代码", "credit_code": "91140300MA0000001X", "zone": "高新区",
         "entered_on": "2025-01-02"},
    ])
    return saved(book)


def _upload(browser: Browser, data: bytes, action: str) -> Any:
    return browser.post("/console/imports", {"file": (io.BytesIO(data), "park.xlsx"), "action": action})


def _registered(park: Park) -> list[dict]:
    return park.client.get(f"/api/v1/entities?q={CODE}", headers=park.admin).get_json()


def test_a_dry_run_shows_each_bad_row_where_it_is_and_records_nothing(park: Park, admin: Browser) -> None:
    html = _upload(admin, _book(park), "dry_run").get_data(as_text=True)
    assert re.findall(r'<tr data-sheet="([^"]+)" data-row="(\d+)" data-column="([^"]*)"', html) == [
        ("entities", "4", "credit_code")]
    assert 'data-rows="2" data-recorded="1" data-skipped="0" data-refused="1"' in html
    assert "试运行：未记录任何内容" in html and "仅检查（试运行）" in html
    assert _registered(park) == []


def test_an_import_records_the_good_rows_and_a_second_one_skips_them(park: Park, admin: Browser) -> None:
    html = _upload(admin, _book(park), "import").get_data(as_text=True)
    assert 'data-rows="2" data-recorded="1" data-skipped="0" data-refused="1"' in html
    assert [e["name"] for e in _registered(park)] == ["新企业"]
    again = _upload(admin, _book(park), "import").get_data(as_text=True)
    assert 'data-recorded="0" data-skipped="1"' in again


def test_a_file_that_is_no_workbook_is_refused_beside_the_field(admin: Browser) -> None:
    response = _upload(admin, b"not a zip", "dry_run")
    assert response.status_code == 422
    assert '<li data-field="file">' in response.get_data(as_text=True)


def test_an_import_needs_the_csrf_token_and_an_admin(app, park: Park, auditor: Browser, admin: Browser) -> None:
    forged = admin.client.post("/console/imports", data={"file": (io.BytesIO(_book(park)), "park.xlsx"),
                                                        "action": "import", "csrf_token": "forged"})
    assert forged.status_code == 400 and _registered(park) == []
    assert auditor.get("/console/imports").status_code == 403
    assert auditor.client.post("/console/imports", data={"csrf_token": auditor.csrf("/console/")}).status_code == 403
    assert "/console/imports" not in auditor.html("/console/")
    assert "/console/imports" in admin.html("/console/")


def test_the_import_template_downloads_from_the_console_for_a_signed_in_clerk(admin: Browser, auditor: Browser) -> None:
    link = re.search(r'<a href="([^"]+)">[^<]*模板', admin.html("/console/imports")).group(1)
    response = admin.get(link)
    assert response.status_code == 200, (link, response.status_code)
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert auditor.get(link).status_code == 403


def test_the_subsidies_page_totals_every_column_and_says_what_it_and_the_lists_hold(park: Park,
                                                                                   auditor: Browser) -> None:
    """An auditor compares this page, the 总览 and the lists: each figure's scope is said, and
    the 合计 row adds up what was approved and paid as well as what is owed."""
    _approve_2025(park)
    html = auditor.html("/console/subsidies?year=2025")
    totals = {name: re.search(rf'data-{name}>([^<]*)<', html).group(1)
              for name in ("total", "total-approved", "total-paid")}
    assert totals == {"total": "1,400,000.10", "total-approved": "1,400,000.10", "total-paid": "100,000.00"}
    assert "一次性资金支持（如第1.1条的创新资金）不在此列" in html and "公示名单列出本年度已审核、已拨付" in html


def test_a_year_of_digits_that_are_no_number_is_a_bad_request_not_a_500(admin: Browser) -> None:
    for path in ("/console/exports/publicity.csv", "/console/subsidies"):
        assert admin.get(f"{path}?year=²⁰²⁵").status_code == 400
        assert admin.get(f"{path}?year=２０２５").status_code == 200
    assert admin.get("/console/subsidies?year=2025&page=²").status_code == 400
