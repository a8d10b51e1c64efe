"""贷款登记作废 (`loan_record_voided {loan_ref, reason}`), through the API on each backend: a loan
recorded by mistake is voided by its lender and recorded again as it is. Before, nothing could
correct a loan: its reference was claimed for ever, a principal typed ten times too large held
the 泉科贷 line for ever, and a loan recorded under the wrong category never gave 12.1.
"""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Park
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)
from tests.api.test_life_cycle import created

ZH = {"Accept-Language": "zh-CN"}


def loan(borrower: str, principal: str = "1000000.00", category: str = "other", ref: str = "L-1",
         quankedai: bool = False, start_on: str = "2025-06-01") -> dict[str, Any]:
    return {"loan_ref": ref, "borrower_entity_id": borrower, "category": category,
            "principal": principal, "annual_rate": "0.0435", "start_on": start_on,
            "end_on": "2027-05-31", "quankedai": quankedai}


def bank(park: Park) -> str:
    return park.register("financial_institution", subtype="bank")["id"]


def void(park: Park, lender: str, ref: str = "L-1", **headers: str) -> Any:
    return park.record(lender, "loan_record_voided", {"loan_ref": ref, "reason": "本金录错"},
                       occurred_on="2025-06-10", **headers)


def refusal(response: Any) -> str:
    """The refusal's message, once it is a refusal (422)."""
    assert response.status_code == 422, response.get_json()
    return response.get_json()["message"]


def quankedai_line(park: Park) -> tuple[str, str, int]:
    [line] = park.client.get("/api/v1/quotas", headers=park.auditor).get_json()
    return line["drawn"], line["remaining"], line["loans"]


def of_clause(park: Park, entity: str, clause: str) -> list[dict[str, Any]]:
    return [e for e in park.entitlements(entity) if e["clause"] == clause]


def test_a_quankedai_principal_typed_ten_times_too_large_is_voided_and_recorded_again(park: Park) -> None:
    """10 设立5亿元“泉科贷”支小再贷款专项额度: 100,000,000.00 typed for 10,000,000.00 held a fifth
    of the city's line, and the right loan was refused as a reference already recorded. Voided,
    the line is the city's again; recorded again, it draws 10,000,000.00."""
    lender, borrower = bank(park), park.register("enterprise")["id"]
    created(park.record(lender, "loan_issued", loan(borrower, "100000000.00", quankedai=True)))
    assert quankedai_line(park) == ("100000000.00", "400000000.00", 1)

    voided = created(void(park, lender))

    assert quankedai_line(park) == ("0.00", "500000000.00", 0)
    [recorded] = [e for e in park.history(lender) if e["type"] == "loan_record_voided"]
    assert recorded["event_id"] == voided["event_id"]
    issued = next(e for e in park.history(lender) if e["type"] == "loan_issued")
    assert recorded["data"] == {"loan_ref": "L-1", "reason": "本金录错",
                                "loan_event_id": issued["event_id"], "borrower_entity_id": borrower}
    again = park.record(lender, "loan_issued", loan(borrower, "10000000.00", quankedai=True),
                        occurred_on="2025-06-11")
    assert again.status_code == 201, again.get_json()
    assert quankedai_line(park) == ("10000000.00", "490000000.00", 1)
    # The history keeps both recordings and the void between them.
    assert [e["type"] for e in park.history(lender)][1:] == ["loan_issued", "loan_record_voided",
                                                            "loan_issued"]


def test_a_loan_recorded_under_the_wrong_category_gives_12_1_once_recorded_again(park: Park) -> None:
    """"[12.1] Principal loss on technology-transfer loans: **35%** compensated" (policy README).
    Recorded as `other` and voided, recorded again as `tech_transfer`: a loss of 200,000.00 on it
    is compensated 70,000.00, on the loan as recorded again."""
    lender, borrower = bank(park), park.register("enterprise")["id"]
    created(park.record(lender, "loan_issued", loan(borrower, category="other")))
    created(void(park, lender))
    again = created(park.record(lender, "loan_issued", loan(borrower, category="tech_transfer"),
                                occurred_on="2025-06-11"))
    lost = created(park.record(lender, "loan_principal_lost", {"loan_ref": "L-1", "amount": "200000.00"},
                               occurred_on="2026-01-05"))

    [owed] = of_clause(park, lender, "12.1")
    assert (owed["amount"], owed["status"]) == ("70000.00", "eligible")
    assert owed["basis"] == [again["event_id"], lost["event_id"]]
    assert "35% × principal lost 200,000.00" in owed["explanation"]


def test_a_loan_is_voided_only_by_its_lender_and_only_once(park: Park) -> None:
    """Another lender's void of the reference, a reference never recorded, a second void: each
    refused naming 贷款登记作废, and nothing is recorded; the 泉科贷 draw stands."""
    lender, other, borrower = bank(park), bank(park), park.register("enterprise")["id"]
    created(park.record(lender, "loan_issued", loan(borrower, "3000000.00", quankedai=True)))

    assert refusal(void(park, other, **ZH)) == (
        "贷款登记作废：本机构未登记编号为 L-1 的贷款：贷款登记只能由登记该贷款的金融机构作废")
    never = void(park, lender, "L-2", **ZH)
    assert refusal(never) == (
        "贷款登记作废：本机构未登记编号为 L-2 的贷款：贷款登记只能由登记该贷款的金融机构作废")
    assert "data.loan_ref" in never.get_json()["errors"]
    assert [e["type"] for e in park.history(other)] == ["registered"]
    assert quankedai_line(park) == ("3000000.00", "497000000.00", 1)

    first = created(void(park, lender))
    # The same loan, however typed.
    assert refusal(void(park, lender, "l-1", **ZH)) == (
        f"贷款登记作废：贷款 l-1 的登记已于 2025-06-10 作废（事项 {first['event_id']}），此后未重新登记")
    assert len(park.history(lender)) == 3
    assert quankedai_line(park) == ("0.00", "500000000.00", 0)


def test_a_loan_with_principal_lost_is_not_voided(park: Park) -> None:
    """12.1 arose from the loss: a void would leave a compensation without its loan."""
    lender, borrower = bank(park), park.register("enterprise")["id"]
    created(park.record(lender, "loan_issued", loan(borrower, category="tech_transfer")))
    lost = created(park.record(lender, "loan_principal_lost", {"loan_ref": "L-1", "amount": "1000.00"},
                               occurred_on="2026-01-05"))

    assert refusal(void(park, lender, **ZH)) == (
        f"贷款登记作废：贷款 L-1 已登记本金损失（贷款本金损失 {lost['event_id']}）：已有本金损失的"
        "贷款不能作废；如据此给予的第12.1条或第12.2条损失补偿有误，请撤销该享受政策项")
    assert [e["type"] for e in park.history(lender)][-1] == "loan_principal_lost"
    assert of_clause(park, lender, "12.1")[0]["amount"] == "350.00"


def test_a_loan_a_borrowers_subsidy_is_tied_to_is_voided_once_the_subsidy_is_revoked(park: Park) -> None:
    """10 知识产权质押贷款贴息: the door tied the borrower's subsidy to the loan. The void is
    refused, saying to revoke the subsidy first; revoked, the loan is voided."""
    lender, borrower = bank(park), park.register("enterprise")["id"]
    created(park.record(lender, "loan_issued", loan(borrower, category="ip_pledge")))
    subsidy = created(park.record(borrower, "ip_pledge_loan_subsidised", {
        "loan_ref": "L-1", "interest_subsidy": "1000.00", "guarantee_fee_subsidy": "500.00"},
        occurred_on="2025-09-01"))

    assert refusal(void(park, lender, **ZH)) == (
        f"贷款登记作废：借款企业的第10条知识产权质押贷款贴息和担保费补助（事项 {subsidy['event_id']}）"
        "依据贷款 L-1：请先在借款企业撤销该享受政策项，再作废贷款登记")
    assert len(park.history(lender)) == 2
    [entitlement] = of_clause(park, borrower, "10")
    created(park.record(borrower, "entitlement_revoked", {"entitlement_id": entitlement["id"],
                                                          "reason": "贷款登记有误"}, occurred_on="2025-09-02"))
    created(void(park, lender))


def test_a_standing_restated_before_the_void_is_not_the_loan_recorded_again(park: Park) -> None:
    """12.2 早期、初创期: a borrower in the park since 2019, whose incubation from 2025-03-01 was
    recorded after the loan (start 2025-06-01): the standing was restated, incubating. The start
    was mistyped: voided and recorded again from 2025-02-01, before the incubation, the loan
    holds the borrower not incubating, and the restatement of the voided loan is not its own."""
    borrower = park.register(entered_on="2019-01-02")["id"]
    lender = bank(park)
    early = loan(borrower, category="early_rd_credit", ref="RD-1")
    created(park.record(lender, "loan_issued", early))
    created(park.record(borrower, "incubation_started", {}, occurred_on="2025-03-01"))
    [restated] = [e for e in park.history(lender) if e["type"] == "loan_borrower_standing_restated"]
    assert restated["data"]["borrower_incubating"] is True

    created(void(park, lender, "RD-1"))
    created(park.record(lender, "loan_issued", {**early, "start_on": "2025-02-01"}, occurred_on="2025-06-11"))
    created(park.record(lender, "loan_principal_lost", {"loan_ref": "RD-1", "amount": "200000.00",
                                                        "provincial_share_rate": "0.45"},
                        occurred_on="2026-01-05"))

    [owed] = of_clause(park, lender, "12.2")
    assert (owed["status"], owed["amount"]) == ("ineligible", "0.00")
    assert "not incubating then" in owed["explanation"]
    assert restated["event_id"] not in owed["basis"]
    # A fact on the borrower restates the loan as recorded again, not the voided one.
    created(park.record(borrower, "registration_corrected", {"entered_on": "2024-06-01"},
                        occurred_on="2026-02-01"))
    [owed] = of_clause(park, lender, "12.2")
    assert (owed["status"], owed["amount"]) == ("eligible", "90000.00")


def on(park: Park, entity: str, day: str, clause: str) -> list[tuple[str, str]]:
    response = park.client.get(f"/api/v1/entities/{entity}/entitlements?on={day}", headers=park.admin)
    assert response.status_code == 200, response.get_json()
    return [(e["amount"], e["status"]) for e in response.get_json() if e["clause"] == clause]


def test_a_void_dated_after_the_loss_still_decides_which_loan_was_so_on_the_day(park: Park) -> None:
    """Contract, "Two clocks": `?on=DATE` shows what the entity was entitled to on that day by the
    events' own dates, "with everything known now"; a void says the loan it names was recorded
    by mistake (policy README: "the reference names no loan"), not that it was so until the
    void's date. A loan recorded as `other` (mistake) on 2025-06-01, voided on 2025-06-20 and
    recorded again as `tech_transfer` with its own date 2025-06-01, lost 200,000.00 on
    2025-06-15: 12.1 70,000.00 today, and on 2025-06-16 too (before: nothing, the loss read
    against the voided loan). The other way round (tech_transfer by mistake, `other` as it is),
    on 2025-06-16 nothing is owed (before: 70,000.00 of 12.1 on a loan the policy does not
    compensate)."""
    borrower = park.register("enterprise")["id"]
    for mistaken, right, owed in (("other", "tech_transfer", [("70000.00", "eligible")]),
                                  ("tech_transfer", "other", [])):
        lender = bank(park)
        created(park.record(lender, "loan_issued", loan(borrower, category=mistaken, ref=f"L-{right}"),
                            occurred_on="2025-06-01"))
        created(park.record(lender, "loan_record_voided", {"loan_ref": f"L-{right}", "reason": "类别录错"},
                            occurred_on="2025-06-20"))
        created(park.record(lender, "loan_issued", loan(borrower, category=right, ref=f"L-{right}"),
                            occurred_on="2025-06-01"))
        created(park.record(lender, "loan_principal_lost", {"loan_ref": f"L-{right}", "amount": "200000.00"},
                            occurred_on="2025-06-15"))

        assert [(e["amount"], e["status"]) for e in of_clause(park, lender, "12.1")] == owed
        assert on(park, lender, "2025-06-16", "12.1") == owed
        assert on(park, lender, "2025-06-21", "12.1") == owed
