"""Banks, guarantors and insurers through the API: loans, losses, guarantees, the 泉科贷 line."""

from __future__ import annotations


def loan(borrower: str, ref: str = "L-1", category: str = "early_rd_credit",
         principal: str = "1000000.00", quankedai: bool = False) -> dict:
    return {"loan_ref": ref, "borrower_entity_id": borrower, "category": category,
            "principal": principal, "annual_rate": "0.0435", "start_on": "2025-06-01",
            "end_on": "2027-05-31", "quankedai": quankedai}


def bank(park) -> dict:
    return park.register("financial_institution", subtype="bank")


def test_a_financial_institution_registers_with_its_subtype(park):
    entity = bank(park)
    assert (entity["kind"], entity["subtype"]) == ("financial_institution", "bank")
    assert entity["kind_label"].startswith("金融机构 (银行/担保/保险)")
    assert park.history(entity["id"])[0]["data"]["subtype"] == "bank"


def test_a_financial_institution_without_a_subtype_or_an_enterprise_with_one_is_refused(park):
    body = {"kind": "financial_institution", "name": "某银行", "credit_code": "91140300MA0000999X",
            "zone": "gaoxin", "entered_on": "2025-01-02"}
    missing = park.client.post("/api/v1/entities", json=body, headers=park.admin)
    assert missing.status_code == 422 and "subtype" in missing.get_json()["errors"]
    body.update(kind="enterprise", subtype="bank")
    extra = park.client.post("/api/v1/entities", json=body, headers=park.admin)
    assert extra.status_code == 422
    assert "only a financial_institution has a subtype" in extra.get_json()["message"]


def test_a_loan_to_anything_but_a_registered_enterprise_is_refused_naming_the_clause(park):
    lender, fund = bank(park), park.register("fund")
    response = park.record(lender["id"], "loan_issued", loan(fund["id"], category="tech_transfer"))
    assert response.status_code == 422
    assert response.get_json()["message"] == (
        f"12.1: borrower_entity_id {fund['id']} names no registered enterprise")
    assert "data.borrower_entity_id" in response.get_json()["errors"]


def test_a_loan_ending_before_it_starts_is_refused(park):
    lender, borrower = bank(park), park.register("enterprise")
    response = park.record(lender["id"], "loan_issued",
                           {**loan(borrower["id"]), "end_on": "2025-06-01"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "data.end_on": ["2025-06-01 must be after start_on 2025-06-01"]}


def test_a_lenders_entitlements_show_its_loss_compensation_explained(park):
    """12.2 最高不超过45%: the borrower entered the park 2025-01-02, under 3 years before."""
    lender, borrower = bank(park), park.register("enterprise")
    issued = park.record(lender["id"], "loan_issued", loan(borrower["id"]))
    assert issued.status_code == 201
    lost = park.record(lender["id"], "loan_principal_lost",
                       {"loan_ref": "L-1", "amount": "200000.00", "provincial_share_rate": "0.45"},
                       "2026-01-05")
    assert lost.status_code == 201
    too_much = park.record(lender["id"], "loan_principal_lost",
                           {"loan_ref": "L-1", "amount": "800000.01",
                            "provincial_share_rate": "0.45"}, "2026-01-06")
    assert too_much.status_code == 422 and too_much.get_json()["message"].startswith("12.2: ")
    found = park.client.get(f"/api/v1/entities/{lender['id']}/entitlements",
                            headers=park.auditor).get_json()
    [e] = [e for e in found if e["clause"] == "12.2"]
    assert (e["amount"], e["status"], e["kind"]) == ("90000.00", "eligible", "one_time")
    assert "45% (provincial share, at most 45%) × principal lost 200,000.00" in e["explanation"]
    assert "borrower entered the park 2025-01-02, less than 36 months" in e["explanation"]
    assert e["basis"] == [issued.get_json()["event_id"], lost.get_json()["event_id"]]


def test_an_ip_pledge_subsidy_links_the_loan_its_lender_recorded(park):
    """10 对获得知识产权质押贷款的企业给予贴息、担保费补助."""
    lender, borrower = bank(park), park.register("enterprise")
    issued = park.record(lender["id"], "loan_issued", loan(borrower["id"], category="ip_pledge"))
    park.record(borrower["id"], "ip_pledge_loan_subsidised",
                {"loan_ref": "L-1", "interest_subsidy": "1000.00", "guarantee_fee_subsidy": "500.00"})
    found = park.client.get(f"/api/v1/entities/{borrower['id']}/entitlements",
                            headers=park.admin).get_json()
    [e] = [e for e in found if e["clause"] == "10"]
    assert (e["amount"], e["status"]) == ("1500.00", "eligible")
    assert f"ip_pledge loan event {issued.get_json()['event_id']}" in e["explanation"]


def test_the_quankedai_line_is_drawn_to_its_last_fen_and_refuses_more(park):
    """10 设立5亿元“泉科贷”支小再贷款专项额度."""
    lender, borrower = bank(park), park.register("enterprise")
    big = loan(borrower["id"], "Q-1", "other", "499999999.99", quankedai=True)
    assert park.record(lender["id"], "loan_issued", big).status_code == 201
    over = park.record(lender["id"], "loan_issued",
                       loan(borrower["id"], "Q-2", "other", "0.02", quankedai=True))
    assert over.status_code == 422
    assert over.get_json()["message"].startswith("10: 泉科贷 principal 0.02 would overdraw")
    assert park.record(lender["id"], "loan_issued",
                       loan(borrower["id"], "Q-3", "other", "5.00")).status_code == 201
    assert park.record(lender["id"], "loan_issued",
                       loan(borrower["id"], "Q-4", "other", "0.01", quankedai=True)).status_code == 201
    [line] = park.client.get("/api/v1/quotas", headers=park.auditor).get_json()
    assert (line["name"], line["clause"], line["line"], line["drawn"], line["remaining"],
            line["loans"]) == ("quankedai", "10", "500000000.00", "500000000.00", "0.00", 2)


def test_quotas_are_for_park_staff(park, client):
    entity = park.register("enterprise")
    assert client.get("/api/v1/quotas").status_code == 401
    assert client.get("/api/v1/quotas", headers=park.entity_token(entity["id"])).status_code == 403
    [line] = client.get("/api/v1/quotas", headers=park.admin).get_json()
    assert (line["drawn"], line["remaining"], line["loans"]) == ("0.00", "500000000.00", 0)


def test_the_policy_holds_all_thirteen_articles(park):
    versions = park.client.get("/api/v1/policy", headers=park.auditor).get_json()["versions"]
    clauses = {c["id"] for c in versions[0]["clauses"]}
    assert {c.split(".")[0] for c in clauses} == {str(n) for n in range(1, 14)}
    assert {"12.1", "12.2", "12.3"} <= clauses
