"""A clerk, an auditor and an agency use the console in headless Chromium; every page is
screenshotted and checked by axe-core for serious and critical accessibility violations."""

from __future__ import annotations

import re
from typing import Any

from tests.api.samples import credit_code
from tests.browser.conftest import Site, checked, register, send_event, sign_in


def _submit_event(page: Any, site: Site, entity_id: str, type_name: str, occurred_on: str,
                  texts: dict[str, str], choices: dict[str, str]) -> None:
    """Open an event's form and send it filled."""
    page.goto(f"{site.base}/console/entities/{entity_id}/events/new?type={type_name}")
    send_event(page, occurred_on, texts, choices)


def test_a_clerk_signs_in_registers_records_and_sees_the_entitlement(site: Site, browser_page: Any) -> None:
    page = browser_page
    page.goto(f"{site.base}/console/login")
    checked(page, "01-login")
    sign_in(page, site, site.admin)
    assert page.url.endswith("/console/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    checked(page, "02-dashboard-empty")

    entity_id = register(page, site, "阳泉氢能中试科技有限公司", credit_code(101))
    checked(page, "04-entity-new")
    page.select_option("select#type", "achievement_recognised")
    page.click("text=填写")
    page.wait_for_url(re.compile(r"events/new\?type=achievement_recognised"))
    checked(page, "05-event-form")
    send_event(page, "2026-02-01", {"achievement": "氢燃料电池中试成果", "amount": "800000.00"},
               {"stage": "pilot"})
    page.wait_for_url(re.compile(rf"/console/entities/{entity_id}\?recorded="))
    row = page.locator('tr[data-clause="1.1"]')
    assert row.get_attribute("data-amount") == "800000.00"
    assert row.get_attribute("data-status") == "eligible"
    assert "800,000.00" in row.inner_text()
    checked(page, "06-entity-with-entitlement")

    page.goto(f"{site.base}/console/")
    assert page.locator('svg[data-chart="money-by-clause"] rect').count() >= 3
    checked(page, "03-dashboard-with-chart")


def test_a_refused_form_keeps_its_values_and_shows_the_error_beside_the_field(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.admin)
    entity_id = register(page, site, "阳泉超上限科技有限公司", credit_code(102))
    _submit_event(page, site, entity_id, "achievement_recognised", "2026-02-01",
                  {"achievement": "超上限成果", "amount": "1200000.00"}, {"stage": "lab"})
    error = page.locator('li[data-field="data.amount"]')
    assert "1.1" in error.inner_text()
    assert page.input_value('[name="data.amount"]') == "1200000.00"
    assert page.input_value('[name="data.achievement"]') == "超上限成果"
    assert page.input_value('[name="data.stage"]') == "lab"
    # Beside its field: the error list follows the amount's input inside the same field.
    assert page.locator('.field.invalid:has([name="data.amount"]) li[data-field="data.amount"]').count() == 1
    checked(page, "07-event-form-refused")
    page.goto(f"{site.base}/console/entities/{entity_id}")
    assert page.locator("tr[data-entitlement-id]").count() == 0


def test_a_post_without_its_csrf_token_is_refused(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.admin)
    page.goto(f"{site.base}/console/entities/new")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(i => { i.value = 'forged' })")
    page.select_option('select[name="kind"]', "enterprise")
    page.fill('input[name="name"]', "伪造请求公司")
    page.fill('input[name="credit_code"]', credit_code(103))
    page.fill('input[name="entered_on"]', "2025-03-01")
    with page.expect_response(re.compile(r"/console/entities/new$")) as answer:
        page.click('main button[type="submit"]')
    assert answer.value.status == 400
    page.goto(f"{site.base}/console/entities?q=伪造请求公司")
    assert page.locator("tr[data-entity-id]").count() == 0


def test_an_entity_token_is_confined_to_its_entity(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.admin)
    own = register(page, site, "阳泉技术转移中心", credit_code(104), kind="tech_transfer_agency")
    other = register(page, site, "另一家企业", credit_code(105))
    page.goto(f"{site.base}/console/entities/{own}")
    page.fill("#label", "技术转移中心自助")
    page.click("text=为该主体发放令牌")
    token = page.locator("[data-token]").inner_text().strip()
    page.context.clear_cookies()

    sign_in(page, site, token)
    assert page.url.endswith(f"/console/entities/{own}")
    assert page.locator("main form[method=post]").count() == 0
    checked(page, "08-entity-own-page")
    for path in (f"/console/entities/{other}", "/console/entities", "/console/subsidies"):
        response = page.goto(f"{site.base}{path}")
        assert response.status == 403, path


def test_an_auditor_is_shown_no_form_that_writes(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.admin)
    entity_id = register(page, site, "审计查看企业", credit_code(106))
    _submit_event(page, site, entity_id, "talent_introduced", "2026-01-05",
                  {"talent": "张教授", "start_on": "2026-01-05"}, {"level": "national"})
    page.wait_for_url(re.compile(rf"/console/entities/{entity_id}\?recorded="))
    page.context.clear_cookies()
    sign_in(page, site, site.auditor)
    for name, path in (("09-entities", "/console/entities"), ("10-entity-auditor", f"/console/entities/{entity_id}"),
                       ("11-subsidies", "/console/subsidies"), ("12-deadlines", "/console/deadlines"),
                       ("13-alerts", "/console/alerts"), ("14-policy", "/console/policy")):
        page.goto(f"{site.base}{path}")
        assert page.locator("main form[method=post]").count() == 0, path
        checked(page, name)
        if name == "11-subsidies":  # the talent's 2026 year (8.1), by clause and by entity
            assert page.locator('tbody tr[data-clause="8.1"]').count() == 2
    assert page.goto(f"{site.base}/console/entities/new").status == 403


def test_the_tokens_page_and_english(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.admin)
    page.goto(f"{site.base}/console/tokens")
    checked(page, "15-tokens")
    page.goto(f"{site.base}/console/entities/new")
    checked(page, "16-register-form")
    page.click("header button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Register an entity"
    page.goto(f"{site.base}/console/")
    checked(page, "17-dashboard-english")


def test_a_clerk_checks_a_workbook_and_sees_each_bad_row_where_it_is(site: Site, browser_page: Any,
                                                                    tmp_path: Any) -> None:
    import io
    import urllib.request

    import openpyxl

    from tests.spreadsheets.conftest import fill

    request = urllib.request.Request(f"{site.base}/api/v1/imports/template.xlsx",
                                     headers={"Authorization": f"Bearer {site.admin}"})
    with urllib.request.urlopen(request) as answer:
        book = openpyxl.load_workbook(io.BytesIO(answer.read()))
    fill(book, "entities", [
        {"kind": "enterprise", "name": "导入新企业", "credit_code": credit_code(107), "zone": "高新区",
         "entered_on": "2025-01-02"},
        {"kind": "enterprise", "name": "校验码错误企业", "credit_code": "91140300MA0000001X",
         "zone": "高新区", "entered_on": "2025-01-02"}])
    path = tmp_path / "园区企业.xlsx"
    book.save(path)

    page = browser_page
    sign_in(page, site, site.admin)
    page.goto(f"{site.base}/console/imports")
    checked(page, "18-imports")
    page.set_input_files("#file", str(path))
    page.click('button[value="dry_run"]')
    page.wait_for_selector("[data-report]")
    report = page.locator("[data-report]")
    assert (report.get_attribute("data-rows"), report.get_attribute("data-refused"),
            report.get_attribute("data-recorded")) == ("2", "1", "1")  # would be recorded
    bad = page.locator('tr[data-sheet="entities"]')
    assert (bad.count(), bad.get_attribute("data-row"), bad.get_attribute("data-column")) == (1, "4", "credit_code")
    assert "校验码" in bad.inner_text() and "统一社会信用代码" in bad.inner_text()
    assert "可记录 1 行" in report.inner_text()
    checked(page, "19-imports-dry-run")
    page.goto(f"{site.base}/console/entities?q=导入新企业")
    assert page.locator("tr[data-entity-id]").count() == 0
