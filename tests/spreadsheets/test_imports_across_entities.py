"""Imports whose rows reach across entities, on each backend: a dry run holds the 泉科贷 line
and the claims its rows took as the import will, and an entity registered meanwhile (by the
API, or the same workbook uploaded at once) is the import's to skip."""

from __future__ import annotations

from tests.api.conftest import Park
from tests.api.test_imports import CODE, _decided_as_the_import_decides
from tests.spreadsheets.conftest import fill, saved, template, upload


def _loans_drawing_on_the_quankedai_line(park: Park) -> bytes:
    """Six 泉科贷 loans of 100,000,000.00 from two banks, and a second bank's loan under a
    reference the borrower already has from the first."""
    borrower = park.register("enterprise", entered_on="2025-01-02")
    banks = [park.register("financial_institution", subtype="bank")["credit_code"] for _ in (1, 2)]
    book = template(park)
    fill(book, "loan_issued", [
        {"credit_code": banks[bank], "occurred_on": "2025-06-01", "data.loan_ref": ref,
         "data.borrower_entity_id": borrower["credit_code"], "data.category": "other",
         "data.principal": 100000000, "data.annual_rate": "4.35%", "data.start_on": "2025-06-01",
         "data.end_on": "2027-05-31", "data.quankedai": "是"}
        for bank, ref in [(0, "Q-1"), (1, "Q-2"), (0, "Q-3"), (1, "Q-4"), (0, "Q-5"), (1, "Q-6"),
                          (1, "Q-1")]])
    return saved(book)


def test_a_dry_run_draws_each_loan_on_the_quankedai_line_as_the_import_does(park: Park) -> None:
    """10 设立5亿元“泉科贷”支小再贷款专项额度: the sixth loan of 100,000,000.00 would
    overdraw the line, and a borrower's loan reference is claimed once; the dry run says so of
    the rows the import then refuses (it said all seven would be recorded)."""
    real = _decided_as_the_import_decides(park, _loans_drawing_on_the_quankedai_line(park))
    assert (real["recorded"], real["refused"]) == (5, 2)
    assert [(e["row"], e["column"]) for e in real["errors"]] == [
        (8, "data.principal"), (9, None)]


def test_an_entity_registered_meanwhile_by_the_same_workbook_imported_at_once_is_skipped(
        park: Park, monkeypatch) -> None:
    """The same workbook uploaded twice at once: the entity one upload registers between the
    other's look for its credit code and its registration is that other's to skip, as on any
    upload again, and its event rows are recorded on it (they were refused: 'no entity is
    registered with credit code')."""
    book = template(park)
    fill(book, "entities", [{"kind": "enterprise", "name": "同时导入", "credit_code": CODE, "zone": "高新区",
                             "entered_on": "2025-01-02"}])
    fill(book, "incubation_started", [{"credit_code": CODE, "occurred_on": "2025-03-01"}])
    registry, registered = park.registry, []
    register = registry.register

    def registered_meanwhile(registration, by):
        if not registered:  # the other upload's registration, saved first
            registered.append(register(registration, by))
        return register(registration, by)

    monkeypatch.setattr(registry, "register", registered_meanwhile)
    report = upload(park, saved(book)).get_json()

    assert (report["recorded"], report["skipped"], report["refused"]) == (1, 1, 0), report["errors"]
    entity_id = registered[0]["id"]
    assert [e["type"] for e in park.history(entity_id)] == ["registered", "incubation_started"]


def test_a_workbook_voids_a_loan_and_records_it_again_as_the_dry_run_said(park: Park) -> None:
    """贷款登记作废 in a workbook: Q-1's 450,000,000.00 (typed for 45,000,000.00) held the 泉科贷
    line; the void sheet comes before the loans', so the rows void it and record it again, and the
    dry run holds the line as the import does: 45,000,000.00 drawn."""
    borrower = park.register("enterprise", entered_on="2025-01-02")
    bank = park.register("financial_institution", subtype="bank")
    q1 = {"loan_ref": "Q-1", "borrower_entity_id": borrower["id"], "category": "other",
          "principal": "450000000.00", "annual_rate": "0.0435", "start_on": "2025-06-01",
          "end_on": "2027-05-31", "quankedai": True}
    assert park.record(bank["id"], "loan_issued", q1).status_code == 201
    book = template(park)
    fill(book, "loan_record_voided", [{"credit_code": bank["credit_code"], "occurred_on": "2025-06-10",
                                       "data.loan_ref": "Q-1", "data.reason": "本金多录一位"}])
    fill(book, "loan_issued", [
        {"credit_code": bank["credit_code"], "occurred_on": "2025-06-11", "data.loan_ref": ref,
         "data.borrower_entity_id": borrower["credit_code"], "data.category": "other",
         "data.principal": principal, "data.annual_rate": "4.35%", "data.start_on": "2025-06-01",
         "data.end_on": "2027-05-31", "data.quankedai": "是"}
        for ref, principal in [("Q-1", 45000000), ("Q-2", 455000000), ("Q-3", 0.01)]])

    real = _decided_as_the_import_decides(park, saved(book))

    assert (real["recorded"], real["refused"]) == (3, 1), real["errors"]
    assert [(e["sheet"], e["row"]) for e in real["errors"]] == [("loan_issued", 5)]
    [line] = park.client.get("/api/v1/quotas", headers=park.admin).get_json()
    assert (line["drawn"], line["loans"]) == ("500000000.00", 2)
