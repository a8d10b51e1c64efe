"""Every page of the console answers a signed-in admin in Chinese, and in English on request."""

from __future__ import annotations

import re

import pytest

from tests.console.conftest import Browser

PAGES = ["/console/", "/console/entities", "/console/entities/new", "/console/subsidies?year=2026",
         "/console/deadlines", "/console/alerts", "/console/policy", "/console/tokens"]


def test_root_and_unsigned_pages_lead_to_the_sign_in(admin: Browser, app) -> None:
    anonymous = app.test_client()
    assert anonymous.get("/").headers["Location"].endswith("/console/")
    response = anonymous.get("/console/entities?kind=fund")
    assert response.status_code == 302
    assert response.headers["Location"] == "/console/login?next=/console/entities?kind%3Dfund"


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_chinese_with_the_policys_terms(admin: Browser, park, path: str) -> None:
    entity = park.register("enterprise")
    park.record(entity["id"], "achievement_recognised", {"achievement": "中试成果", "stage": "pilot",
                                                         "amount": "800000.00"}, occurred_on="2026-02-01")
    html = admin.html(path)
    assert '<html lang="zh-CN">' in html
    assert "总览" in html and "退出" in html


def test_english_is_a_switch_away(admin: Browser) -> None:
    response = admin.post("/console/language", {"lang": "en", "next": "/console/policy"},
                          form_page="/console/policy")
    assert response.headers["Location"] == "/console/policy"
    html = admin.html("/console/policy")
    assert '<html lang="en">' in html and "Overview" in html


def test_the_dashboard_draws_the_years_money_by_clause(admin: Browser, park) -> None:
    entity = park.register("enterprise")
    park.record(entity["id"], "achievement_recognised", {"achievement": "成果", "stage": "lab",
                                                         "amount": "500000.00"}, occurred_on="2026-02-01")
    html = admin.html("/console/")
    assert 'data-chart="money-by-clause"' in html and "<rect" in html
    assert '<tr data-clause="1.1"><td>1.1</td><td class="num">500,000.00</td>' in html


def test_security_headers_on_every_console_page(admin: Browser) -> None:
    response = admin.get("/console/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "<script" not in response.get_data(as_text=True)


def test_a_one_time_awards_validity_reads_as_a_start_not_an_expiry(admin: Browser, park) -> None:
    entity = park.register("enterprise")
    park.record(entity["id"], "achievement_recognised", {"achievement": "成果", "stage": "lab",
                                                         "amount": "500000.00"}, occurred_on="2026-02-01")
    html = admin.html(f"/console/entities/{entity['id']}")
    row = html[html.index('data-clause="1.1"'):]
    row = row[:row.index("</tr>")]
    assert '<td class="nowrap">2026-02-01 起</td>' in row
    admin.post("/console/language", {"lang": "en", "next": "/"}, form_page="/console/")
    assert '<td class="nowrap">from 2026-02-01</td>' in admin.html(f"/console/entities/{entity['id']}")


def test_the_event_list_offers_what_the_policy_pays_for_this_kind_first(admin: Browser, park) -> None:
    bank = park.register("financial_institution", subtype="bank")
    html = admin.html(f"/console/entities/{bank['id']}")
    offered = re.findall(r'<option value="([a-z_]+)">', html[html.index('id="type"'):])
    assert offered[:3] == ["loan_issued", "loan_principal_lost", "guarantee_issued"]
    assert offered.index("incubation_started") > offered.index("guarantee_issued")


def test_the_entity_page_shows_its_gaps_with_the_money_short_of_a_threshold(admin: Browser, park) -> None:
    """The contract's entity page shows gaps, as GET /entities/{id}/gaps gives them: 2.1's
    中试设备购置额达1000万元以上, 4,000,000.01 bought, 5,999,999.99 short."""
    platform = park.register("pilot_platform")
    park.record(platform["id"], "equipment_purchased", {"year": 2025, "original_value": "4000000.01"},
                occurred_on="2025-07-01")
    html = admin.html(f"/console/entities/{platform['id']}")
    row = html[html.index('data-gap-clause="2.1"'):]
    row = row[:row.index("</tr>")]
    assert 'data-shortfall="5999999.99"' in row and "5,999,999.99" in row and "累计设备购置" in row
    assert "政策缺口" in html
