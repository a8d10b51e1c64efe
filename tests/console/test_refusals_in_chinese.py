"""A refused form speaks the page's language: the registry's reasons in Chinese on a Chinese page."""

from __future__ import annotations

import io
import re

from tests.console.conftest import Browser


def _errors(html: str) -> dict[str, str]:
    return dict(re.findall(r'<li data-field="([^"]+)">([^<]*)</li>', html))


def test_a_bad_registration_is_explained_in_chinese(admin: Browser, park) -> None:
    response = admin.post("/console/entities/new", {"kind": "financial_institution", "subtype": "",
                                                    "name": "某银行", "credit_code": "91140300MA0000000X",
                                                    "zone": "gaoxin", "entered_on": "2025-13-01"})
    assert response.status_code == 422
    errors = _errors(response.get_data(as_text=True))
    assert set(errors) == {"credit_code", "entered_on", "subtype"}
    for field, message in errors.items():
        assert re.search(r"[\u4e00-\u9fff]", message), (field, message)
        assert not re.search(r"\b(is|use|but|the)\b", message), (field, message)


def test_a_malformed_event_date_is_explained_in_chinese_beside_it(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    response = admin.post(f"/console/entities/{entity}/events/new?type=talent_departed",
                          {"occurred_on": "2026/02/30", "data.talent": "张工", "if_match": "1"})
    assert response.status_code == 422
    errors = _errors(response.get_data(as_text=True))
    assert list(errors) == ["occurred_on"]
    assert errors["occurred_on"].startswith("“2026/02/30” 不是日期：请按 YYYY-MM-DD 填写"), errors


def test_deadlines_read_in_chinese_on_every_page_that_lists_them(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "space_granted", {"project": "孵化空间", "space": "office",
                                                 "start_on": "2026-03-01", "months": 2},
                       occurred_on="2026-03-01").status_code == 201
    for path in ("/console/", "/console/deadlines", f"/console/entities/{entity}"):
        html = admin.html(path)
        assert "免费使用办公空间和公共中试基地期满" in html, path
        assert "free space" not in html and "policy ends" not in html, path


def test_a_file_that_is_not_a_workbook_is_refused_in_chinese(admin: Browser, park) -> None:
    response = admin.post("/console/imports", {"file": (io.BytesIO(b"name,credit_code\n"), "park.xlsx"),
                                               "action": "dry_run"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "xlsx" in html and "the file is not" not in html


def test_an_entitlement_is_titled_and_explained_in_chinese(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "achievement_recognised", {"achievement": "双极板中试成果", "stage": "pilot",
                                                          "amount": "800000.00"}).status_code == 201
    for path in (f"/console/entities/{entity}", f"/console/entities/{entity}?as_of=2099-01-01"):
        row = re.search(r'<tr data-entitlement-id=[^>]*data-clause="1.1"[^>]*>(.*?)</tr>', admin.html(path), re.S)
        assert row, path
        assert "第1.1条" in row.group(1) and "创新资金" in row.group(1), row.group(1)
        assert "Innovation fund" not in row.group(1) and "decided at" not in row.group(1), row.group(1)
