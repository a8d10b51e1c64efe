"""A lender's page shows a restated borrower standing as the registry's own fact, and offers no
form to record one."""

from __future__ import annotations

from tests.api.test_borrower_standing import EARLY, SETTLED, created, lent_and_lost
from tests.console.conftest import Browser

RESTATED = "loan_borrower_standing_restated"


def test_the_lenders_history_shows_the_restatement_and_no_form_records_one(admin: Browser, park) -> None:
    borrower, bank = lent_and_lost(park, EARLY)
    created(park.record(borrower, "registration_corrected", {"entered_on": SETTLED}, occurred_on="2026-02-01"))

    page = admin.html(f"/console/entities/{bank}")
    assert "重新认定借款企业起贷时情况" in page and "登记系统（自动记录）" in page
    assert "引起重新认定的事项类型: 更正登记信息" in page
    assert f"type={RESTATED}" not in page
    assert admin.get(f"/console/entities/{bank}/events/new?type={RESTATED}").status_code == 404
    refused = admin.post(f"/console/entities/{bank}/events/new?type={RESTATED}",
                         {"occurred_on": "2026-02-01", "if_match": "4"},
                         form_page=f"/console/entities/{bank}/events/new?type=loan_principal_lost")
    assert refused.status_code == 404
    assert len([e for e in park.history(bank) if e["type"] == RESTATED]) == 1
