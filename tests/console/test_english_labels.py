"""In English the console says the policy's words in English only: a clause's title, a deadline's
what and an alert's message are stored `中文 / English` for the API, and the console shows their
English half. What a person stored (an entity's name) is shown as stored, in either language."""

from __future__ import annotations

import re
from datetime import date

from jobs.scan import scan
from tests.console.conftest import Browser


def _english(admin: Browser) -> None:
    admin.post("/console/language", {"lang": "en", "next": "/console/"}, form_page="/console/")


def _bilingual(text: str) -> list[str]:
    """Text of the page that pairs Chinese and English with a slash, as the stored titles do."""
    return re.findall(r"[\u4e00-\u9fff][^<>/]* / [A-Za-z][^<>]*", text)


def test_an_entitlements_title_reads_in_english_only(admin: Browser, park) -> None:
    entity = park.register("enterprise", name="阳泉氢能科技有限公司 / Yangquan Hydrogen")["id"]
    assert park.record(entity, "achievement_recognised", {"achievement": "成果", "stage": "lab",
                                                          "amount": "500000.00"}).status_code == 201
    _english(admin)
    html = admin.html(f"/console/entities/{entity}")
    row = re.search(r'<tr data-entitlement-id="[^"]+" data-clause="1.1".*?</tr>', html, re.S).group(0)
    assert "<td>Innovation fund for a lab or pilot-scale achievement</td>" in row
    # The stored name is the clerk's, shown whole.
    assert "<h1>阳泉氢能科技有限公司 / Yangquan Hydrogen</h1>" in html
    assert _bilingual(html.replace("阳泉氢能科技有限公司 / Yangquan Hydrogen", "")) == []
    form = admin.html(f"/console/entities/{entity}/events/new?type=entitlement_approved")
    assert "1.1 · Innovation fund for a lab or pilot-scale achievement · 500,000.00" in form


def test_deadlines_and_alerts_read_in_english_only(admin: Browser, park, app) -> None:
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "space_granted", {"project": "P", "space": "office", "start_on": "2025-03-01",
                                                 "months": 36}, occurred_on="2025-03-01").status_code == 201
    assert scan(app.extensions["jcg"], date(2027, 12, 1))
    _english(admin)
    for path in ("/console/", "/console/alerts", "/console/deadlines?before=2028-12-31", f"/console/entities/{entity}"):
        html = admin.html(path)
        assert _bilingual(html) == [], path
    assert "policy ends, to be revised" in admin.html("/console/deadlines?before=2028-12-31")
    assert "1.2: free space and pilot base end — due" in admin.html("/console/alerts")


def test_in_chinese_they_read_as_before(admin: Browser, park, app) -> None:
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "space_granted", {"project": "P", "space": "office", "start_on": "2025-03-01",
                                                 "months": 36}, occurred_on="2025-03-01").status_code == 201
    assert scan(app.extensions["jcg"], date(2027, 12, 1))
    assert "阳政发〔2024〕15号 到期" in admin.html("/console/deadlines?before=2028-12-31")
    assert "免费使用办公空间和公共中试基地" in admin.html(f"/console/entities/{entity}")


def test_a_lists_count_reads_right_in_english_whatever_the_number(admin: Browser, park) -> None:
    park.register("enterprise")
    _english(admin)
    assert "Entities found: 1." in admin.html("/console/entities")
    assert "Deadlines found: 0." in admin.html("/console/deadlines")
    assert "Alerts found: 0." in admin.html("/console/alerts")
