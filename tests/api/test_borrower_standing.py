# ruff: noqa: F811
"""12.2 follows the borrower's standing as the park now knows it: a correction of the borrower's
entry date, or an incubation recorded late but dated before the loan's start, restates the
standing on each lender's loan, through the API on each backend.

十二 ……对早期、初创期科技型企业研发类信用贷款本金损失，市财政比照省财政分担比例给予最高不超过45%补偿。
"""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Park

# The API on each backend, the fixture its tests take by name.
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)
from tests.api.test_life_cycle import created

ZH = {"Accept-Language": "zh-CN"}
EARLY, SETTLED = "2025-01-02", "2019-01-02"  # under, and over, 36 months before 2025-06-01


def lent_and_lost(park: Park, entered_on: str) -> tuple[str, str]:
    """A borrower registered as entering the park on `entered_on`, a bank's early-stage R&D
    credit loan to it from 2025-06-01, and a loss of 200,000.00 on it."""
    borrower = park.register(entered_on=entered_on)["id"]
    return borrower, lend_and_lose(park, borrower)


def lend_and_lose(park: Park, borrower: str) -> str:
    bank = park.register("financial_institution", subtype="bank")["id"]
    created(park.record(bank, "loan_issued", {
        "loan_ref": "RD-1", "borrower_entity_id": borrower, "category": "early_rd_credit",
        "principal": "1000000.00", "annual_rate": "0.0435", "start_on": "2025-06-01",
        "end_on": "2027-05-31", "quankedai": False}, occurred_on="2025-06-01"))
    created(park.record(bank, "loan_principal_lost", {
        "loan_ref": "RD-1", "amount": "200000.00", "provincial_share_rate": "0.45"},
        occurred_on="2026-01-05"))
    return bank


def compensation(park: Park, bank: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = park.client.get(f"/api/v1/entities/{bank}/entitlements",
                               headers={**park.admin, **(headers or {})})
    assert response.status_code == 200, response.get_json()
    [found] = [e for e in response.get_json() if e["clause"] == "12.2"]
    return found


def restatements(park: Park, bank: str) -> list[dict[str, Any]]:
    return [e for e in park.history(bank) if e["type"] == "loan_borrower_standing_restated"]


def test_a_corrected_entry_date_that_ends_the_early_stage_ends_the_compensation(park: Park) -> None:
    """12.2 早期、初创期: the borrower was registered as entering in 2025, under three years
    before the loan; the park corrects it to 2019, so the loss was never 12.2's to pay."""
    borrower, bank = lent_and_lost(park, EARLY)
    assert (compensation(park, bank)["status"], compensation(park, bank)["amount"]) == ("eligible", "90000.00")

    correction = created(park.record(borrower, "registration_corrected", {"entered_on": SETTLED},
                                     occurred_on="2026-02-01"))

    owed = compensation(park, bank)
    assert (owed["status"], owed["amount"]) == ("ineligible", "0.00")
    assert "borrower entered the park 2019-01-02, not less than 36 months" in owed["explanation"]
    assert correction["event_id"] in owed["explanation"]
    assert "registration corrected" in owed["explanation"].lower()
    [restated] = restatements(park, bank)
    assert restated["event_id"] in owed["basis"]
    assert restated["data"] == {
        "loan_ref": "RD-1", "borrower_entity_id": borrower, "borrower_registered_on": SETTLED,
        "borrower_incubating": False, "cause_entity_id": borrower,
        "cause_event_id": correction["event_id"], "cause_type": "registration_corrected"}
    assert restated["recorded_by"]["role"] == "system"
    chinese = compensation(park, bank, ZH)["explanation"]
    assert "更正登记信息" in chinese and correction["event_id"] in chinese


def test_a_corrected_entry_date_that_makes_the_borrower_early_stage_makes_the_loss_owed(park: Park) -> None:
    """12.2, the converse: registered as entering in 2019, really in 2025."""
    borrower, bank = lent_and_lost(park, SETTLED)
    assert compensation(park, bank)["status"] == "ineligible"

    created(park.record(borrower, "registration_corrected", {"entered_on": EARLY}, occurred_on="2026-02-01"))

    owed = compensation(park, bank)
    assert (owed["status"], owed["amount"]) == ("eligible", "90000.00")
    assert "less than 36 months" in owed["explanation"]


def test_an_incubation_recorded_late_but_dated_before_the_loan_makes_the_borrower_early_stage(
        park: Park) -> None:
    """12.2: incubating (孵化中) at the loan's start counts as early-stage, however long in the
    park; the incubation is recorded after the loan, dated before its start."""
    borrower, bank = lent_and_lost(park, SETTLED)
    assert compensation(park, bank)["status"] == "ineligible"

    started = created(park.record(borrower, "incubation_started", {}, occurred_on="2025-03-01"))

    owed = compensation(park, bank)
    assert (owed["status"], owed["amount"]) == ("eligible", "90000.00")
    assert "incubating then" in owed["explanation"] and "not incubating" not in owed["explanation"]
    assert started["event_id"] in owed["explanation"]
    [restated] = restatements(park, bank)
    assert (restated["data"]["borrower_incubating"], restated["data"]["cause_type"]) == (
        True, "incubation_started")


def test_a_graduation_recorded_late_but_dated_before_the_loan_ends_the_compensation(park: Park) -> None:
    """12.2, the converse: incubating when the loan was recorded, graduated (recorded later)
    before the loan's start."""
    borrower = park.register(entered_on=SETTLED)["id"]
    created(park.record(borrower, "incubation_started", {}, occurred_on="2024-01-01"))
    bank = lend_and_lose(park, borrower)
    assert compensation(park, bank)["status"] == "eligible"

    created(park.record(borrower, "incubation_graduated", {}, occurred_on="2025-05-01"))

    assert compensation(park, bank)["status"] == "ineligible"


def test_a_fact_that_leaves_the_standing_as_it_was_restates_nothing(park: Park) -> None:
    """An incubation begun after the loan's start, or a correction of the name, changes nothing
    12.2 reads: the lender's history gains nothing."""
    borrower, bank = lent_and_lost(park, SETTLED)
    created(park.record(borrower, "incubation_started", {}, occurred_on="2025-07-01"))
    created(park.record(borrower, "registration_corrected", {"name": "阳泉改名"}, occurred_on="2025-08-01"))
    assert restatements(park, bank) == []
    assert compensation(park, bank)["status"] == "ineligible"


def test_the_lenders_standing_is_restated_only_by_the_registry_never_by_a_client(park: Park) -> None:
    """A system fact: posting it, alone or in a batch, is refused, and nothing is recorded."""
    borrower, bank = lent_and_lost(park, EARLY)
    data = {"loan_ref": "RD-1", "borrower_entity_id": borrower, "borrower_registered_on": SETTLED,
            "borrower_incubating": False, "cause_entity_id": borrower,
            "cause_event_id": borrower, "cause_type": "registration_corrected"}
    refused = park.record(bank, "loan_borrower_standing_restated", data, **ZH)
    assert refused.status_code == 422
    assert "由登记系统自动记录" in refused.get_json()["message"]
    batch = park.client.post("/api/v1/events/batch", headers=park.admin, json={"events": [
        {"entity_id": bank, "type": "loan_borrower_standing_restated", "occurred_on": "2026-01-01",
         "data": data}]})
    assert batch.status_code == 200 and batch.get_json()["results"][0]["status"] == 422
    assert restatements(park, bank) == []
    assert compensation(park, bank)["status"] == "eligible"
