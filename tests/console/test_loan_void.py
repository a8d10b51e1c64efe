"""贷款登记作废 in the console and the import workbook: both build it from the catalogue, as
they do every event type; a lender's page offers it, and its refusal reads in Chinese."""

from __future__ import annotations

import re

from tests.console.conftest import Browser, lent
from tests.spreadsheets.conftest import template

NEW = "/console/entities/{bank}/events/new?type=loan_record_voided"


def test_a_lender_voids_a_loan_through_its_form_and_the_line_is_given_back(admin: Browser, park) -> None:
    """10 “泉科贷”: YQ-1's 2,000,000.00 drew on the line; voided through the form, it is free."""
    _, bank = lent(park)
    offered = re.findall(r'<option value="([a-z_]+)">', admin.html(f"/console/entities/{bank}"))
    assert "loan_record_voided" in offered
    form = admin.html(NEW.format(bank=bank))
    assert "贷款登记作废" in form and "贷款编号" in form and "原因" in form

    unknown = admin.post(NEW.format(bank=bank), {"occurred_on": "2025-06-10", "data.loan_ref": "YQ-9",
                                                 "data.reason": "本金录错", "if_match": "2"})
    assert unknown.status_code == 422
    page = unknown.get_data(as_text=True)
    assert "本机构未登记编号为 YQ-9 的贷款" in page and 'value="YQ-9"' in page
    assert admin.post(NEW.format(bank=bank), {"occurred_on": "2025-06-10", "data.loan_ref": "YQ-1",
                                              "data.reason": "本金录错", "if_match": "2"}).status_code == 303
    [line] = park.client.get("/api/v1/quotas", headers=park.admin).get_json()
    assert (line["drawn"], line["loans"]) == ("0.00", 0)
    assert "贷款登记作废" in admin.html(f"/console/entities/{bank}")


def test_the_import_workbook_has_a_sheet_for_voiding_a_loan(park) -> None:
    book = template(park)
    sheet = book["loan_record_voided"]
    assert [c.value for c in sheet[2]] == ["credit_code", "occurred_on", "data.loan_ref", "data.reason"]
    assert [c.value for c in sheet[1]][2:] == ["贷款编号", "原因"]
    notes = [row[0] or "" for row in book["说明"].iter_rows(values_only=True)]
    assert any(text.strip().startswith("loan_record_voided：贷款登记作废（更正；") for text in notes), notes
