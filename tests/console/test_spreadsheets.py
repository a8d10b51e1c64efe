"""The year's lists downloaded from the console and workbooks imported through it."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from uuid import UUID

import openpyxl

from tests.api.conftest import Park
from tests.api.test_exports import _approve_2025
from tests.console.conftest import Browser


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
