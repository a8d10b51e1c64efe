"""Pages an official reads in the policy's words, in headless Chromium: the policy's parameters,
the other party of a loan by name, the tokens' count; each page screenshotted and held to axe-core."""

from __future__ import annotations

import re
from typing import Any

from tests.api.samples import credit_code
from tests.browser.conftest import Site, checked, register, send_event, sign_in


def test_the_policy_page_reads_its_figures_as_the_policy_does(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.auditor)
    page.goto(f"{site.base}/console/policy")
    assert page.locator('tr[data-clause="1.1"] [data-parameter="cap"]').inner_text() == "1,000,000.00 元"
    assert page.locator('tr[data-clause="12.1"] [data-parameter="rate"]').inner_text() == "35%"
    assert page.locator('tr[data-clause="1.1"] [data-rule]').inner_text() == "按“科技创新成果认定”登记，同一成果只享受一次"
    assert page.locator("ul.readings li").count() == 5
    checked(page, "30-policy-in-words")


def test_a_clerk_picks_a_borrower_by_name_and_the_history_links_to_it(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.admin)
    borrower = register(page, site, "阳泉借款科技有限公司", credit_code(301))
    bank = register(page, site, "阳泉银行", credit_code(302), kind="financial_institution", subtype="bank")
    page.goto(f"{site.base}/console/entities/{bank}/events/new?type=loan_issued")
    offered = f"阳泉借款科技有限公司（{credit_code(301)}）"
    assert page.locator(f'datalist#enterprise-names option[value="{offered}"]').count() == 1
    assert page.get_attribute('[name="data.borrower_entity_id"]', "list") == "enterprise-names"
    checked(page, "31-loan-form-borrower-by-name")
    send_event(page, "2025-06-01", {"loan_ref": "YQ-B-1", "borrower_entity_id": offered, "principal": "1000000.00",
                                    "annual_rate": "0.045", "start_on": "2025-06-01", "end_on": "2026-05-31"},
               {"category": "tech_transfer", "quankedai": "false"})
    page.wait_for_url(re.compile(rf"/console/entities/{bank}\?recorded="))
    link = page.locator('tr[data-type="loan_issued"] a', has_text="阳泉借款科技有限公司")
    assert link.get_attribute("href") == f"/console/entities/{borrower}"
    assert borrower in page.locator('tr[data-type="loan_issued"]').inner_text()
    checked(page, "32-lender-history-names-the-borrower")


def test_the_tokens_page_counts_the_tokens(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.admin)
    page.goto(f"{site.base}/console/tokens")
    count = page.locator('section[aria-labelledby="issued"] p.note').inner_text()
    assert re.fullmatch(r"共 \d+ 个令牌，其中 \d+ 个有效。", count), count
    checked(page, "33-tokens-counted")


def test_in_english_the_policy_reads_in_english_only(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.admin)
    page.click("header button[value=en]")
    page.wait_for_load_state()
    page.goto(f"{site.base}/console/policy")
    assert page.locator('tr[data-clause="1.1"] [data-parameter="cap"]').inner_text() == "1,000,000.00 yuan"
    assert " / " not in page.locator('tr[data-clause="1.1"] td').nth(1).inner_text()
    checked(page, "34-policy-english")
    page.goto(f"{site.base}/console/deadlines?before=2028-12-31")
    assert "policy ends, to be revised" in page.locator("main table").inner_text()
    assert "到期 / " not in page.locator("main").inner_text()
    checked(page, "35-deadlines-english")
