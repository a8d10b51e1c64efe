"""Pages an official reads in the policy's words, in headless Chromium: the policy's parameters,
the tokens' count; each page screenshotted and held to axe-core."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site, checked, sign_in


def test_the_policy_page_reads_its_figures_as_the_policy_does(site: Site, browser_page: Any) -> None:
    page = browser_page
    sign_in(page, site, site.auditor)
    page.goto(f"{site.base}/console/policy")
    assert page.locator('tr[data-clause="1.1"] [data-parameter="cap"]').inner_text() == "1,000,000.00 元"
    assert page.locator('tr[data-clause="12.1"] [data-parameter="rate"]').inner_text() == "35%"
    assert page.locator('tr[data-clause="1.1"] [data-rule]').inner_text() == "按“科技创新成果认定”登记，同一成果只享受一次"
    assert page.locator("ul.readings li").count() == 5
    checked(page, "30-policy-in-words")
