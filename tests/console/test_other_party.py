"""A clerk names the other party of a loan, a guarantee, an investment or a patent case as they
know it, by its name (picked from the park's enterprises) or its credit code; the history then
shows that party's name beside its id, linked to its page."""

from __future__ import annotations

import re

from tests.console.conftest import Browser, lent

LOAN = {"occurred_on": "2025-06-01", "data.loan_ref": "YQ-1", "data.category": "tech_transfer",
        "data.principal": "1000000.00", "data.annual_rate": "0.045", "data.start_on": "2025-06-01",
        "data.end_on": "2026-05-31", "data.quankedai": "false", "if_match": "1"}


def _loan_form(park) -> str:
    bank = park.register("financial_institution", subtype="bank")["id"]
    return bank, f"/console/entities/{bank}/events/new?type=loan_issued"


def test_the_borrower_is_offered_by_name_among_the_parks_enterprises(admin: Browser, park) -> None:
    borrower = park.register("enterprise", name="阳泉氢能科技有限公司")
    _bank, path = _loan_form(park)
    html = admin.html(path)
    field = re.search(r'<input[^>]*name="data.borrower_entity_id"[^>]*>', html).group(0)
    assert 'list="enterprise-names"' in field
    assert '<label for="data.borrower_entity_id">借款企业</label>' in html
    names = re.search(r'<datalist id="enterprise-names">(.*?)</datalist>', html, re.S).group(1)
    assert f'<option value="阳泉氢能科技有限公司（{borrower["credit_code"]}）">' in names
    assert "financial_institution" not in names  # only enterprises borrow under 10 and 12


def test_a_borrower_picked_by_name_is_recorded_by_its_id(admin: Browser, park) -> None:
    borrower = park.register("enterprise", name="阳泉氢能科技有限公司")
    bank, path = _loan_form(park)
    picked = f"阳泉氢能科技有限公司（{borrower['credit_code']}）"
    assert admin.post(path, {**LOAN, "data.borrower_entity_id": picked}).status_code == 303
    assert park.history(bank)[-1]["data"]["borrower_entity_id"] == borrower["id"]


def test_a_borrower_typed_by_its_whole_name_is_recorded_when_the_name_is_one_entitys(admin: Browser, park) -> None:
    borrower = park.register("enterprise", name="阳泉氢能科技有限公司")
    bank, path = _loan_form(park)
    assert admin.post(path, {**LOAN, "data.borrower_entity_id": " 阳泉氢能科技有限公司 "}).status_code == 303
    assert park.history(bank)[-1]["data"]["borrower_entity_id"] == borrower["id"]


def test_a_name_no_entity_or_several_bear_is_refused_saying_what_to_give(admin: Browser, park) -> None:
    park.register("enterprise", name="同名科技有限公司")
    park.register("enterprise", name="同名科技有限公司")
    bank, path = _loan_form(park)
    unknown = admin.post(path, {**LOAN, "data.borrower_entity_id": "不存在的企业"})
    assert unknown.status_code == 422
    html = unknown.get_data(as_text=True)
    assert '<li data-field="data.borrower_entity_id">园区内没有名为“不存在的企业”的主体' in html
    assert 'value="不存在的企业"' in html  # kept as entered
    twice = admin.post(path, {**LOAN, "data.borrower_entity_id": "同名科技有限公司"}).get_data(as_text=True)
    assert '<li data-field="data.borrower_entity_id">园区内有 2 个名为“同名科技有限公司”的主体' in twice
    assert len(park.history(bank)) == 1


def test_the_history_shows_the_other_partys_name_beside_its_id_linked_to_its_page(admin: Browser, auditor: Browser,
                                                                                  park) -> None:
    borrower, bank = lent(park)
    for reader in (admin, auditor):
        html = reader.html(f"/console/entities/{bank}")
        assert f'借款企业: <a href="/console/entities/{borrower}">阳泉氢能科技有限公司</a>（{borrower}）' in html
        assert "年利率: 4.5%；" in html  # a rate as an official writes it, not 0.045


def test_a_rate_is_taken_as_a_percentage_as_an_official_writes_it(admin: Browser, park) -> None:
    bank, path = _loan_form(park)
    field = re.search(r'<input[^>]*name="data.annual_rate"[^>]*>', admin.html(path)).group(0)
    assert 'placeholder="4.35% / 0.0435"' in field
    borrower = park.register("enterprise", name="阳泉氢能科技有限公司")
    sent = {**LOAN, "data.annual_rate": "4.35%", "data.borrower_entity_id": borrower["credit_code"]}
    assert admin.post(path, sent).status_code == 303
    assert park.history(bank)[-1]["data"]["annual_rate"] == "0.0435"
