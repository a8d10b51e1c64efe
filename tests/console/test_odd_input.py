"""Odd input in the console's query strings and forms: a 4xx page in Chinese that says what to
change, and nothing recorded; never a 500."""

from __future__ import annotations

import pytest

from api import create_app
from tests.api.conftest import Park
from tests.console.conftest import Browser

# Characters str.isdigit() calls digits that int() refuses: a superscript two, a circled one;
# and more digits than int() reads (4,300).
NOT_ASCII_DIGITS = ("²", "①", "9" * 5000)


@pytest.mark.parametrize("digit", NOT_ASCII_DIGITS, ids=("superscript", "circled", "5000 digits"))
def test_a_page_or_year_of_other_digits_is_a_client_error(admin: Browser, park, digit: str) -> None:
    entity = park.register("enterprise")["id"]
    for path in (f"/console/entities?page={digit}", f"/console/subsidies?year={digit}",
                 f"/console/deadlines?page={digit}", f"/console/entities/{entity}?history_page={digit}",
                 f"/console/exports/publicity.csv?year={digit}"):
        response = admin.get(path)
        assert response.status_code == 400, path
        assert "请求有误" in response.get_data(as_text=True), path


@pytest.mark.parametrize("digit", NOT_ASCII_DIGITS, ids=("superscript", "circled", "5000 digits"))
def test_a_year_or_months_of_other_digits_is_refused_beside_its_field(admin: Browser, park, digit: str) -> None:
    platform = park.register("pilot_platform")["id"]
    path = f"/console/entities/{platform}/events/new?type=equipment_purchased"
    response = admin.post(path, {"occurred_on": "2025-06-01", "if_match": digit, "data.year": digit,
                                 "data.original_value": "1000000.00"})
    assert response.status_code == 422
    assert '<li data-field="data.year">' in response.get_data(as_text=True)
    history = park.client.get(f"/api/v1/entities/{platform}/events", headers=park.admin).get_json()
    assert [e["type"] for e in history] == ["registered"]


def test_an_id_that_is_no_uuid_or_a_page_that_is_not_there_is_a_console_page_in_chinese(admin: Browser) -> None:
    for path in ("/console/entities/not-a-uuid", "/console/entities/%FF", "/console/entities/12345/events/new",
                 "/console/no-such-page", "/console/tokens/not-a-uuid/revoke"):
        response = admin.get(path)
        assert response.status_code == 404 and response.mimetype == "text/html", path
        assert "没有该页面或主体。" in response.get_data(as_text=True), path


def test_an_unknown_page_asks_whoever_is_not_signed_in_to_sign_in_first(app) -> None:
    response = Browser(app).get("/console/entities/not-a-uuid")
    assert response.status_code == 302 and response.headers["Location"].startswith("/console/login")


def test_a_next_address_with_a_line_break_leads_to_the_overview(app, park, admin: Browser) -> None:
    token = park.registry.issue_token("auditor", "财政局审计")
    for bad in ("/console/\r\nSet-Cookie: x=1", "/console/\x00", "/console/\x7f"):
        browser = Browser(app)
        signed_in = browser.client.post("/console/login", query_string={"next": bad},
                                        data={"token": token, "csrf_token": browser.csrf()})
        assert (signed_in.status_code, signed_in.headers["Location"]) == (302, "/console/"), repr(bad)
        switched = admin.post("/console/language", {"lang": "zh_CN", "next": bad}, form_page="/console/")
        assert (switched.status_code, switched.headers["Location"]) == (302, "/console/"), repr(bad)


def test_a_day_not_of_the_calendar_in_the_address_is_refused_naming_it(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    for path, said in ((f"/console/entities/{entity}?as_of=2025-02-30", "“2025-02-30” 不是日历上存在的日期"),
                       (f"/console/entities/{entity}?on=2025-2-3", "“2025-2-3” 不是日期：请按 YYYY-MM-DD 填写"),
                       ("/console/deadlines?before=2025-02-30", "“2025-02-30” 不是日历上存在的日期")):
        response = admin.get(path)
        assert response.status_code == 400, path
        assert said in response.get_data(as_text=True), path


def test_a_day_before_the_entity_was_registered_says_so_not_that_it_does_not_exist(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    response = admin.get(f"/console/entities/{entity}?as_of=2020-01-01")
    assert response.status_code == 404  # as the API answers it
    html = response.get_data(as_text=True)
    assert f"主体 {entity} 在 2020-01-01 时尚未登记" in html and "没有该页面或主体" not in html


def test_a_workbook_over_the_limit_is_refused_in_chinese_naming_the_limit(app, admin: Browser, park) -> None:
    import io

    app.config["IMPORT_MAX_BYTES"] = 64 * 1024
    response = admin.client.post("/console/imports", content_type="multipart/form-data", data={
        "csrf_token": admin.csrf("/console/imports"), "action": "import",
        "file": (io.BytesIO(b"x" * 100_000), "园区.xlsx")})
    assert response.status_code == 413 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "64 KiB" in html and "未作任何更改" in html and 'lang="zh-CN"' in html


def test_a_form_over_the_limit_is_refused_in_chinese_and_registers_nothing(admin: Browser, park) -> None:
    response = admin.post("/console/entities/new", {"kind": "enterprise", "name": "名" * 200_000,
                                                    "credit_code": "x", "zone": "gaoxin", "entered_on": "2025-01-01"})
    assert response.status_code == 413
    assert "256 KiB" in response.get_data(as_text=True)
    assert park.client.get("/api/v1/entities", headers=park.admin).get_json() == []


def test_another_party_named_with_an_invisible_character_is_refused_beside_its_field(services) -> None:
    # On each backend: PostgreSQL cannot even look up a text holding U+0000 (it was a 500 there).
    app = create_app({"TESTING": True}, services=services)
    park = Park(app, app.test_client())
    admin = Browser(app)
    admin.sign_in(park.registry.issue_token("admin", "园区管理员"))
    bank = park.register("financial_institution", subtype="bank")["id"]
    path = f"/console/entities/{bank}/events/new?type=loan_issued"
    response = admin.post(path, {"occurred_on": "2025-06-01", "data.borrower_entity_id": "阳泉\x00氢能",
                                 "data.loan_ref": "YQ-1", "data.category": "tech_transfer",
                                 "data.principal": "2000000.00", "data.annual_rate": "0.045",
                                 "data.start_on": "2025-06-01", "data.end_on": "2026-05-31"})
    assert response.status_code == 422
    assert '<li data-field="data.borrower_entity_id">第 3 个字符处有不可见的控制字符 U+0000' in response.get_data(as_text=True)
    history = park.client.get(f"/api/v1/entities/{bank}/events", headers=park.admin).get_json()
    assert [e["type"] for e in history] == ["registered"]


def test_a_year_or_page_out_of_range_says_which_are_allowed(admin: Browser) -> None:
    for path, said in (("/console/subsidies?year=1999", "请填写 2000 至 2100 年之间的年份，例如 2026"),
                       ("/console/exports/payments.csv?year=99999", "请填写 2000 至 2100 年之间的年份，例如 2026"),
                       ("/console/entities?page=0", "请填写从 1 起的整数页码"),
                       ("/console/deadlines?page=-1", "请填写从 1 起的整数页码")):
        response = admin.get(path)
        assert response.status_code == 400, path
        assert said in response.get_data(as_text=True), path
