"""Issue 20, "The money's life cycle", replayed through the API on each backend (SQLite, and
PostgreSQL when JCG_TEST_POSTGRES_URL is set): statuses mean one thing everywhere."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from registry.clock import PARK_TZ
from tests.api.conftest import MovableClock, Park
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)

DEC_2026 = datetime(2026, 12, 4, 10, 0, tzinfo=PARK_TZ)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(DEC_2026)


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def subsidies(park: Park, year: int) -> dict[str, Any]:
    response = park.client.get(f"/api/v1/subsidies?year={year}", headers=park.admin)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def in_subsidies(park: Park, year: int, entity: str) -> dict[str, dict[str, Any]]:
    body = subsidies(park, year)
    return {e["id"]: e for row in body["entities"] if row["entity_id"] == entity
            for e in row["entitlements"]}


def payments(park: Park, year: int) -> list[list[str]]:
    response = park.client.get(f"/api/v1/exports/payments.csv?year={year}", headers=park.admin)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def talent(park: Park, start: str = "2025-01-10", level: str = "provincial") -> str:
    entity = park.register(entered_on="2025-01-02")["id"]
    created(park.record(entity, "talent_introduced", {"talent": "王五", "level": level,
                                                       "start_on": start}, occurred_on=start))
    return entity


def test_a_talent_year_that_is_over_has_one_status_in_every_resource(park: Park) -> None:
    """The issue's replay: a provincial talent from 2025-01-10 had its 2025 entitlement
    `expired` in /entities/{id}/entitlements and `eligible` (counted) in /subsidies?year=2025.
    Money owed for a period that is over stays owed: eligible in both, and counted."""
    entity = talent(park)
    year_2025 = next(e for e in park.entitlements(entity) if e["clause"] == "8.1" and e["year"] == 2025)
    assert (year_2025["status"], year_2025["amount"], year_2025["expires_on"]) == (
        "eligible", "50000.00", "2026-01-09")
    assert in_subsidies(park, 2025, entity)[year_2025["id"]]["status"] == "eligible"
    assert subsidies(park, 2025)["total"] == "50000.00"
    # Approved: approved in each resource, and listed for payment in the year's export.
    created(park.record(entity, "entitlement_approved", {"entitlement_id": year_2025["id"]},
                        occurred_on="2026-12-01"))
    again = next(e for e in park.entitlements(entity) if e["id"] == year_2025["id"])
    assert again["status"] == in_subsidies(park, 2025, entity)[year_2025["id"]]["status"] == "approved"
    rows = payments(park, 2025)
    assert any("50000.00" in row for row in rows[1:-1]), rows


def test_talent_years_after_the_entity_departed_are_ended_and_not_counted(park: Park) -> None:
    """8.1 years beginning after the departure (迁出) are `ended`, "0.00", and count in no total."""
    entity = talent(park, "2025-03-01", "national")
    created(park.record(entity, "departed", {"reason": "迁往太原"}, occurred_on="2026-06-30"))
    years = {e["year"]: e for e in park.entitlements(entity) if e["clause"] == "8.1"}
    assert {y: (e["status"], e["amount"]) for y, e in years.items()} == {
        2025: ("eligible", "100000.00"), 2026: ("eligible", "100000.00"),
        2027: ("ended", "0.00"), 2028: ("ended", "0.00"), 2029: ("ended", "0.00")}
    assert "2026-06-30" in years[2027]["explanation"]
    assert in_subsidies(park, 2027, entity)[years[2027]["id"]]["status"] == "ended"
    assert subsidies(park, 2027)["total"] == "0.00"
    zh = park.client.get(f"/api/v1/entities/{entity}/entitlements?year=2027",
                         headers={**park.admin, "Accept-Language": "zh-CN"}).get_json()
    assert "迁出园区" in zh[0]["explanation"]


def test_the_status_filter_reads_the_same_status(park: Park) -> None:
    entity = talent(park)
    response = park.client.get(f"/api/v1/entities/{entity}/entitlements?status=expired",
                               headers=park.admin)
    assert response.get_json() == []


def test_a_payment_before_approval_is_refused_naming_the_review_rule(park: Park) -> None:
    """The issue's replay: `entitlement_disbursed` before `entitlement_approved` was accepted.
    Now 422 naming the review rule, in the caller's language, and nothing is recorded."""
    entity = talent(park)
    year_2025 = park.entitlements(entity)[0]
    payment = {"entitlement_id": year_2025["id"], "amount": "50000.00", "paid_on": "2026-12-01"}
    refused = park.record(entity, "entitlement_disbursed", payment, occurred_on="2026-12-01")
    assert refused.status_code == 422
    assert refused.get_json()["message"] == (
        f"review: entitlement {year_2025['id']} is eligible, not approved: review before payment "
        "(record entitlement_approved first)")
    assert "data.entitlement_id" in refused.get_json()["errors"]
    zh = park.record(entity, "entitlement_disbursed", payment, occurred_on="2026-12-01",
                     **{"Accept-Language": "zh-CN"})
    assert zh.status_code == 422
    assert zh.get_json()["message"].startswith("审核：享受政策项")
    assert "须先审核后拨付" in zh.get_json()["message"]
    assert [e["type"] for e in park.history(entity)] == ["registered", "talent_introduced"]


def test_a_payment_dated_after_the_parks_today_is_refused(park: Park) -> None:
    """The issue's replay: `paid_on: 2029-01-01` was accepted. The park's today is 2026-12-04."""
    entity = talent(park)
    year_2025 = park.entitlements(entity)[0]
    created(park.record(entity, "entitlement_approved", {"entitlement_id": year_2025["id"]},
                        occurred_on="2026-12-01"))
    future = park.record(entity, "entitlement_disbursed", {
        "entitlement_id": year_2025["id"], "amount": "50000.00", "paid_on": "2029-01-01"},
        occurred_on="2026-12-01")
    assert future.status_code == 422
    assert future.get_json()["message"] == (
        "payment: paid_on 2029-01-01 is after the park's today 2026-12-04: record a payment "
        "once it is made")
    assert "data.paid_on" in future.get_json()["errors"]
    created(park.record(entity, "entitlement_disbursed", {
        "entitlement_id": year_2025["id"], "amount": "20000.00", "paid_on": "2026-12-04"},
        occurred_on="2026-12-04"))
    over = park.record(entity, "entitlement_disbursed", {
        "entitlement_id": year_2025["id"], "amount": "30000.01", "paid_on": "2026-12-04"},
        occurred_on="2026-12-04")
    assert over.status_code == 422
    assert over.get_json()["message"] == (
        "8.1: disbursement 30000.01 exceeds what is approved and still owed 30000.00 "
        "(approved 50000.00, already disbursed 20000.00)")


def test_reading_a_day_by_the_events_own_dates(park: Park) -> None:
    """The issue's replay: history entered today (2026-12-04) for 2025 gave 404 for
    `as_of=2025-12-31` (knowledge time, rightly). `?on=2025-12-31` shows what the entity was
    entitled to that day by the events' own dates, with everything known now."""
    entity = talent(park, "2025-03-01", "national")
    first = park.entitlements(entity)[0]
    created(park.record(entity, "entitlement_approved", {"entitlement_id": first["id"]},
                        occurred_on="2026-02-01"))
    created(park.record(entity, "departed", {"reason": "迁往太原"}, occurred_on="2026-06-30"))
    url = f"/api/v1/entities/{entity}/entitlements"
    assert park.client.get(f"{url}?as_of=2025-12-31", headers=park.admin).status_code == 404
    on = park.client.get(f"{url}?on=2025-12-31", headers=park.admin)
    assert on.status_code == 200, on.get_json()
    years = {e["year"]: e["status"] for e in on.get_json() if e["clause"] == "8.1"}
    # Neither the approval (2026-02-01) nor the departure (2026-06-30) had happened yet.
    assert years == {2025: "eligible", 2026: "eligible", 2027: "eligible",
                     2028: "awaiting_renewal", 2029: "awaiting_renewal"}
    later = {e["year"]: e["status"] for e in park.client.get(
        f"{url}?on=2026-07-01", headers=park.admin).get_json()}
    assert later == {2025: "approved", 2026: "eligible", 2027: "ended", 2028: "ended",
                     2029: "ended"}
    # Both clocks at once: known by today, as it stood on 2025-12-31.
    both = park.client.get(f"{url}?on=2025-12-31&as_of=2026-12-04", headers=park.admin)
    assert both.get_json() == on.get_json()
    before_entry = park.client.get(f"{url}?on=2024-12-31", headers=park.admin)
    assert (before_entry.status_code, before_entry.get_json()) == (200, [])


def test_the_policys_end_is_one_deadline_of_the_whole_park(park: Park) -> None:
    """The issue's replay: the policy's end was listed once per entity in /deadlines (300
    identical rows for 300 enterprises). Now one row, `entity_id` null; `?entity_id=` keeps an
    entity's rows and that one."""
    entities = [talent(park) for _ in range(4)]
    response = park.client.get("/api/v1/deadlines?before=2100-01-01&page_size=1000",
                               headers=park.admin)
    assert response.status_code == 200, response.get_json()
    ends = [d for d in response.get_json() if d["clause"] is None]
    assert [(d["entity_id"], d["due_on"]) for d in ends] == [(None, "2027-12-15")]
    zh = park.client.get("/api/v1/deadlines?before=2100-01-01",
                         headers={**park.admin, "Accept-Language": "zh-CN"}).get_json()
    assert [d["what"] for d in zh if d["clause"] is None] == ["阳政发〔2024〕15号 到期"]
    one = park.client.get(f"/api/v1/deadlines?before=2100-01-01&entity_id={entities[1]}",
                          headers=park.admin).get_json()
    assert {d["entity_id"] for d in one} == {entities[1], None}
    other = park.client.get(f"/api/v1/deadlines?entity_id={entities[1]}",
                            headers=park.entity_token(entities[0]))
    assert other.status_code == 403


def test_after_re_entry_periods_are_owed_again(park: Park) -> None:
    """`reentered` ({}) brings a departed entity back: periods beginning after the re-entry are
    owed again (and counted), those beginning while it was away stay ended."""
    entity = talent(park, "2025-03-01", "national")
    created(park.record(entity, "departed", {"reason": "迁往太原"}, occurred_on="2026-06-30"))
    assert subsidies(park, 2027)["total"] == "0.00"
    created(park.record(entity, "reentered", {}, occurred_on="2027-02-01"))
    years = {e["year"]: (e["status"], e["amount"]) for e in park.entitlements(entity)
             if e["clause"] == "8.1"}
    assert years == {2025: ("eligible", "100000.00"), 2026: ("eligible", "100000.00"),
                     2027: ("eligible", "100000.00"), 2028: ("awaiting_renewal", "100000.00"),
                     2029: ("awaiting_renewal", "100000.00")}
    assert subsidies(park, 2027)["total"] == "100000.00"
    # Read by the events' own dates, the day before the re-entry it was still away.
    before = park.client.get(f"/api/v1/entities/{entity}/entitlements?on=2027-01-31",
                             headers=park.admin).get_json()
    assert {e["year"]: e["status"] for e in before}[2027] == "ended"


def test_a_departed_entitys_ended_year_is_refused_approval_by_the_review_rule(park: Park) -> None:
    """A departed entity still settles what it earned (approval is accepted after departure),
    but a year that began after it left owes nothing and is not approved."""
    entity = talent(park, "2025-03-01", "national")
    created(park.record(entity, "departed", {"reason": "迁往太原"}, occurred_on="2026-06-30"))
    years = {e["year"]: e for e in park.entitlements(entity)}
    created(park.record(entity, "entitlement_approved", {"entitlement_id": years[2026]["id"]},
                        occurred_on="2026-07-01"))
    refused = park.record(entity, "entitlement_approved", {"entitlement_id": years[2027]["id"]},
                          occurred_on="2026-07-01")
    assert refused.status_code == 422
    assert refused.get_json()["message"].startswith(f"review: entitlement {years[2027]['id']} ")
    assert "is ended, not eligible" in refused.get_json()["message"]


def platform_owed_2_2(park: Park) -> tuple[str, str]:
    """A pilot platform owed 2.2's 30% of 2025's 1,000,000.00 pilot-service revenue: 300,000.00."""
    entity = park.register("pilot_platform")["id"]
    created(park.record(entity, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                        occurred_on="2026-01-15"))
    [owed] = [e for e in park.entitlements(entity) if e["clause"] == "2.2" and e["year"] == 2025]
    assert owed["amount"] == "300000.00", owed
    created(park.record(entity, "entitlement_approved", {"entitlement_id": owed["id"]},
                        occurred_on="2026-01-20"))
    created(park.record(entity, "entitlement_disbursed",
                        {"entitlement_id": owed["id"], "amount": "300000.00", "paid_on": "2026-02-01"},
                        occurred_on="2026-02-01"))
    return entity, owed["id"]


def money_by_clause(park: Park, year: int) -> dict[str, dict[str, Any]]:
    """The 总览's owed / approved / paid by clause, as the console reads them."""
    services = park.app.extensions["jcg"]
    services.projector.catch_up()
    return {line["clause"]: line for line in services.model.money_by_clause(year)}


def test_money_paid_on_a_revoked_entitlement_stays_paid_in_the_years_sums(park: Park) -> None:
    """The 总览 shows "this year's amounts owed/approved/paid by clause" (contract). 300,000.00
    paid under 2.2 on an entitlement then revoked is owed nothing and 300,000.00 recoverable
    (应追回): the money left the treasury all the same, and the year's paid keeps it. The sums
    dropped the clause whole, as if nothing had been paid."""
    entity, eid = platform_owed_2_2(park)
    assert money_by_clause(park, 2025)["2.2"]["paid"] == Decimal("300000.00")
    created(park.record(entity, "entitlement_revoked", {"entitlement_id": eid, "reason": "材料不实"},
                        occurred_on="2026-02-10"))
    [shown] = [e for e in park.entitlements(entity) if e["id"] == eid]
    assert (shown["status"], shown["amount"], shown["recoverable"]) == ("overpaid", "0.00", "300000.00")
    line = money_by_clause(park, 2025)["2.2"]
    assert (line["owed"], line["approved"], line["paid"]) == (Decimal("0.00"), Decimal("0.00"),
                                                            Decimal("300000.00"))
    assert subsidies(park, 2025)["totals_by_clause"].get("2.2", "0.00") == "0.00"


def test_an_overpaid_entitlement_still_counts_what_it_is_owed(park: Park) -> None:
    """`amount` "is what is owed under this policy after every cap and the 不重复 rule"
    (contract); paid beyond it is `recoverable`, status `overpaid` (policy README, "Paid too
    much"). 300,000.00 paid, then 100,000.01 received from another policy for the matter:
    199,999.99 is owed here (and paid), 100,000.01 to recover. The year's totals counted
    nothing of it, where they would have counted 199,999.99 had exactly that been paid."""
    entity, eid = platform_owed_2_2(park)
    created(park.record(entity, "external_support_recorded",
                        {"entitlement_id": eid, "policy": "省级中试平台补助", "amount": "100000.01"},
                        occurred_on="2026-02-05"))
    [shown] = [e for e in park.entitlements(entity) if e["id"] == eid]
    assert (shown["status"], shown["amount"], shown["recoverable"]) == ("overpaid", "199999.99", "100000.01")
    year = subsidies(park, 2025)
    assert (year["total"], year["totals_by_clause"]["2.2"]) == ("199999.99", "199999.99")
    assert [row["total"] for row in year["entities"] if row["entity_id"] == entity] == ["199999.99"]
    line = money_by_clause(park, 2025)["2.2"]
    assert (line["owed"], line["approved"], line["paid"]) == (Decimal("199999.99"), Decimal("199999.99"),
                                                            Decimal("300000.00"))


def test_a_payment_dated_before_its_approval_is_refused_and_one_on_its_day_is_not(park: Park) -> None:
    """"Review before payment: `entitlement_disbursed` names an entitlement that is `approved`"
    (contract). Approved on 2026-02-20, a payment dated 2026-02-19 was accepted, and `?on=` a
    day between showed the money disbursed on an entitlement no review had approved yet. Now
    422 naming the payment rule, in the caller's language; a payment on the approval's own day
    is recorded."""
    entity = park.register("pilot_platform")["id"]
    created(park.record(entity, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                        occurred_on="2026-01-15"))
    [owed] = [e for e in park.entitlements(entity) if e["clause"] == "2.2"]
    created(park.record(entity, "entitlement_approved", {"entitlement_id": owed["id"]}, occurred_on="2026-02-20"))

    def pay(day: str, **headers: str) -> Any:
        return park.record(entity, "entitlement_disbursed",
                           {"entitlement_id": owed["id"], "amount": "100000.00", "paid_on": day},
                           occurred_on=day, **headers)

    early = pay("2026-02-19")
    assert early.status_code == 422
    assert early.get_json()["message"] == (
        "payment: paid_on 2026-02-19 is before the entitlement's approval on 2026-02-20: a payment "
        "follows its review")
    assert "data.paid_on" in early.get_json()["errors"]
    zh = pay("2026-02-19", **{"Accept-Language": "zh-CN"}).get_json()["message"]
    assert zh == "拨付：拨付日期 2026-02-19 早于该享受政策项的审核通过日期 2026-02-20：须先审核后拨付"
    assert [e["type"] for e in park.history(entity)][-1] == "entitlement_approved"
    created(pay("2026-02-20"))


def test_money_owed_after_the_review_is_paid_only_once_a_review_approves_it(park: Park) -> None:
    """"What is disbursed never exceeds what was approved and is owed" (contract). 2.2's
    300,000.00 for 2025 is approved; a second revenue report of 2025 (2.2 adds up) raises what
    is owed to 600,000.00, and a payment of 600,000.00 was accepted though no review had seen
    the second 300,000.00. The approval now stores the amount it approves; the payment beyond
    it is 422 naming the review rule, until a second approval approves the rest."""
    entity = park.register("pilot_platform")["id"]
    created(park.record(entity, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                        occurred_on="2026-01-15"))
    [owed] = [e for e in park.entitlements(entity) if e["clause"] == "2.2"]
    created(park.record(entity, "entitlement_approved", {"entitlement_id": owed["id"]}, occurred_on="2026-01-20"))
    assert park.history(entity)[-1]["data"] == {"entitlement_id": owed["id"], "amount": "300000.00"}
    created(park.record(entity, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                        occurred_on="2026-01-25"))
    [grown] = [e for e in park.entitlements(entity) if e["id"] == owed["id"]]
    assert (grown["status"], grown["amount"]) == ("approved", "600000.00")
    assert "the review approved 300,000.00; the 300,000.00 owed since awaits a review" in grown["explanation"]
    assert grown["approved"] == "300000.00"
    # The finance bureau's 资金拨付明细 lists what a review approved: 核定金额 300,000.00, not 600,000.00.
    assert [row[4:] for row in payments(park, 2025)[1:] if row[2] == "2.2"] == [
        ["300000.00", "0.00", "300000.00"]]
    line = money_by_clause(park, 2025)["2.2"]
    assert (line["owed"], line["approved"]) == (Decimal("600000.00"), Decimal("300000.00"))

    def pay(amount: str, day: str = "2026-02-01", **headers: str) -> Any:
        return park.record(entity, "entitlement_disbursed",
                           {"entitlement_id": owed["id"], "amount": amount, "paid_on": day},
                           occurred_on=day, **headers)

    refused = pay("300000.01")
    assert refused.status_code == 422
    assert refused.get_json()["message"] == (
        f"review: entitlement {owed['id']} owes 600000.00, of which the review approved 300000.00: "
        "record entitlement_approved again before paying the 300000.00 owed since")
    zh = pay("600000.00", **{"Accept-Language": "zh-CN"}).get_json()["message"]
    assert "其中经审核核定 300,000.00 元" in zh and "须再次审核通过" in zh
    created(pay("300000.00"))
    assert [row for row in payments(park, 2025)[1:] if row[2] == "2.2"] == []  # nothing approved left to pay
    created(park.record(entity, "entitlement_approved", {"entitlement_id": owed["id"]}, occurred_on="2026-02-03"))
    assert park.history(entity)[-1]["data"]["amount"] == "600000.00"
    created(pay("300000.00", "2026-02-04"))
    [paid] = [e for e in park.entitlements(entity) if e["id"] == owed["id"]]
    assert (paid["status"], paid["disbursed"]) == ("disbursed", "600000.00")


def approved_then_grown(park: Park) -> tuple[str, str]:
    """2.2 for 2025: 300,000.00 approved on 2026-01-20; a second report on 2026-01-25 raises what
    is owed to 600,000.00, of which 300,000.00 awaits a second review."""
    entity = park.register("pilot_platform")["id"]
    created(park.record(entity, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                        occurred_on="2026-01-15"))
    [owed] = [e for e in park.entitlements(entity) if e["clause"] == "2.2"]
    created(park.record(entity, "entitlement_approved", {"entitlement_id": owed["id"]},
                        occurred_on="2026-01-20"))
    created(park.record(entity, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                        occurred_on="2026-01-25"))
    return entity, owed["id"]


def disburse(park: Park, entity: str, eid: str, amount: str, paid_on: str, occurred_on: str | None = None) -> Any:
    return park.record(entity, "entitlement_disbursed", {"entitlement_id": eid, "amount": amount, "paid_on": paid_on},
                       occurred_on=occurred_on or paid_on)


def test_a_payment_made_after_the_first_approval_is_recorded_after_the_second(park: Park) -> None:
    """A payment follows a review: 300,000.00 paid on 2026-02-01 followed the review of
    2026-01-20. Entered after a second approval (2026-02-03, of the 300,000.00 owed since) it
    was refused as "before the entitlement's approval", so money that had left the treasury
    could not enter the ledger, which went on showing 600,000.00 to pay."""
    entity, eid = approved_then_grown(park)
    created(park.record(entity, "entitlement_approved", {"entitlement_id": eid}, occurred_on="2026-02-03"))
    created(disburse(park, entity, eid, "300000.00", "2026-02-01"))
    [shown] = [e for e in park.entitlements(entity) if e["id"] == eid]
    assert (shown["disbursed"], shown["approved"], shown["status"]) == ("300000.00", "600000.00", "approved")


def test_a_payment_whose_own_date_falls_before_its_approval_is_refused(park: Park) -> None:
    """`?on=` reads the events by their own dates (occurred_on): a payment paid_on the approval's
    day but dated (occurred_on) before it was accepted, and `?on=` a day between showed the
    money disbursed with no review yet. Now 422 naming occurred_on, in either language."""
    entity = park.register("pilot_platform")["id"]
    created(park.record(entity, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                        occurred_on="2026-01-15"))
    [owed] = [e for e in park.entitlements(entity) if e["clause"] == "2.2"]
    created(park.record(entity, "entitlement_approved", {"entitlement_id": owed["id"]}, occurred_on="2026-02-20"))
    refused = disburse(park, entity, owed["id"], "300000.00", "2026-02-20", occurred_on="2026-02-19")
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"occurred_on": [
        "payment: the payment is dated 2026-02-19 (occurred_on), before the entitlement's approval on "
        "2026-02-20: a payment follows its review"]}
    zh = park.record(entity, "entitlement_disbursed",
                     {"entitlement_id": owed["id"], "amount": "300000.00", "paid_on": "2026-02-20"},
                     occurred_on="2026-02-19", **{"Accept-Language": "zh-CN"}).get_json()["message"]
    assert zh == "拨付：该笔拨付的发生日期 2026-02-19 早于该享受政策项的审核通过日期 2026-02-20：须先审核后拨付"
    created(disburse(park, entity, owed["id"], "300000.00", "2026-02-20"))


def test_a_payment_beyond_what_is_owed_names_what_the_review_approved(park: Park) -> None:
    """"What is disbursed never exceeds what was approved and is owed": 700,000.00 against
    600,000.00 owed, of which a review approved 300,000.00. The refusal said "(approved
    600000.00 …)"; it names the 300,000.00 the review approved."""
    entity, eid = approved_then_grown(park)
    refused = disburse(park, entity, eid, "700000.00", "2026-02-01")
    assert refused.status_code == 422
    assert refused.get_json()["message"] == (
        "2.2: disbursement 700000.00 exceeds what is approved and still owed 300000.00 (approved "
        "300000.00, already disbursed 0.00)")


def recover(park: Park, entity: str, eid: str, amount: str, on: str = "2026-03-01",
            **headers: str) -> Any:
    return park.record(entity, "entitlement_recovered",
                       {"entitlement_id": eid, "amount": amount, "recovered_on": on},
                       occurred_on=on, **headers)


def shown(park: Park, entity: str, eid: str) -> tuple[str, str, str, str, str]:
    [e] = [e for e in park.entitlements(entity) if e["id"] == eid]
    return e["status"], e["amount"], e["disbursed"], e["recovered"], e["recoverable"]


def test_money_recovered_on_a_revoked_entitlement_closes_what_is_recoverable(park: Park) -> None:
    """"Paid too much: ... the entitlement shows `recoverable` (应追回) = paid − owed" (policy
    README). 300,000.00 paid under 2.2, then revoked: 300,000.00 to recover, and no event could
    say it came back, so 应追回 stood for ever and the year's paid kept money the treasury had
    received again. Recovered in two parts, it is closed; a fen beyond what is recoverable is
    refused naming 追回 and the figures."""
    entity, eid = platform_owed_2_2(park)
    created(park.record(entity, "entitlement_revoked", {"entitlement_id": eid, "reason": "材料不实"},
                        occurred_on="2026-02-10"))
    assert shown(park, entity, eid) == ("overpaid", "0.00", "300000.00", "0.00", "300000.00")
    over = recover(park, entity, eid, "300000.01", Accept_Language="zh-CN")
    assert over.status_code == 422
    assert over.get_json()["message"] == (
        f"追回：本次追回 300,000.01 元超过享受政策项 {eid} 的应追回金额 300,000.00 元"
        "（已拨付 300,000.00 元，应付 0.00 元）")
    created(recover(park, entity, eid, "100000.00"))
    assert shown(park, entity, eid) == ("overpaid", "0.00", "200000.00", "100000.00", "200000.00")
    created(recover(park, entity, eid, "200000.00", on="2026-03-02"))
    assert shown(park, entity, eid) == ("revoked", "300000.00", "0.00", "300000.00", "0.00")
    [e] = [e for e in park.entitlements(entity) if e["id"] == eid]
    assert "recovered 300,000.00" in e["explanation"]
    assert "2.2" not in money_by_clause(park, 2025)  # nothing owed, nothing paid on balance
    nothing_left = recover(park, entity, eid, "0.01", on="2026-03-02")
    assert nothing_left.status_code == 422
    assert "exceeds what is recoverable" in nothing_left.get_json()["message"]
    assert shown(park, entity, eid)[4] == "0.00"


def test_support_received_elsewhere_and_recovered_leaves_the_entitlement_paid(park: Park) -> None:
    """不重复: 300,000.00 paid, 100,000.01 then received from another policy: 199,999.99 owed
    here, 100,000.01 应追回. Recovering exactly that leaves it disbursed, owed and paid
    199,999.99, in the entitlement, the year's subsidies and the 总览 alike."""
    entity, eid = platform_owed_2_2(park)
    created(park.record(entity, "external_support_recorded",
                        {"entitlement_id": eid, "policy": "省级中试平台补助", "amount": "100000.01"},
                        occurred_on="2026-02-05"))
    assert recover(park, entity, eid, "100000.02").status_code == 422
    created(recover(park, entity, eid, "100000.01"))
    assert shown(park, entity, eid) == ("disbursed", "199999.99", "199999.99", "100000.01", "0.00")
    assert subsidies(park, 2025)["totals_by_clause"]["2.2"] == "199999.99"
    line = money_by_clause(park, 2025)["2.2"]
    assert (line["owed"], line["paid"]) == (Decimal("199999.99"), Decimal("199999.99"))


def test_a_recovery_is_dated_between_the_first_payment_and_the_parks_today(park: Park) -> None:
    """Like a payment (recorded "once it is made"), money is recorded back once it is back, and
    after it left: paid on 2026-02-01, the park's today 2026-12-04."""
    entity, eid = platform_owed_2_2(park)
    created(park.record(entity, "entitlement_revoked", {"entitlement_id": eid, "reason": "材料不实"},
                        occurred_on="2026-02-10"))
    early, late = recover(park, entity, eid, "1.00", on="2026-01-31"), recover(park, entity, eid, "1.00",
                                                                             on="2026-12-05")
    assert early.status_code == 422 and "data.recovered_on" in early.get_json()["errors"]
    assert "before the first payment on 2026-02-01" in early.get_json()["message"]
    assert late.status_code == 422 and "after the park's today 2026-12-04" in late.get_json()["message"]
    created(recover(park, entity, eid, "1.00", on="2026-02-01"))
    created(recover(park, entity, eid, "1.00", on="2026-12-04"))
    assert shown(park, entity, eid)[4] == "299998.00"


def test_a_departed_entity_returns_what_it_was_overpaid(park: Park) -> None:
    """迁出 ends what is owed later, not what must come back: a departed entity's overpayment is
    settled like its payments (contract, "The money's life cycle")."""
    entity, eid = platform_owed_2_2(park)
    created(park.record(entity, "entitlement_revoked", {"entitlement_id": eid, "reason": "材料不实"},
                        occurred_on="2026-02-10"))
    created(park.record(entity, "departed", {"reason": "迁往太原"}, occurred_on="2026-02-20"))
    created(recover(park, entity, eid, "300000.00", on="2026-04-01"))
    assert shown(park, entity, eid) == ("revoked", "300000.00", "0.00", "300000.00", "0.00")


def test_a_recovery_is_not_dated_before_the_money_it_returns_was_paid(park: Park) -> None:
    """`?on=DATE` shows the entitlement "on that day by the events' own dates" (contract). 300,000.00
    paid under 2.2 on 2026-02-01 and revoked: a recovery dated (occurred_on) 2026-01-25, its
    recovered_on 2026-03-01, was admitted, and on 2026-01-28 the entitlement showed disbursed
    −300,000.00; paid 100,000.00 then 200,000.00, a recovery of 300,000.00 dated between the two
    payments showed −200,000.00. Money is recovered after it was paid, by the events' own dates:
    refused naming 追回 and the figures."""
    entity, eid = platform_owed_2_2(park)
    created(park.record(entity, "entitlement_revoked", {"entitlement_id": eid, "reason": "材料不实"},
                        occurred_on="2026-02-10"))
    early = park.record(entity, "entitlement_recovered", {
        "entitlement_id": eid, "amount": "300000.00", "recovered_on": "2026-03-01"},
        occurred_on="2026-01-25", Accept_Language="zh-CN")
    assert early.status_code == 422 and "occurred_on" in early.get_json()["errors"]
    assert early.get_json()["message"] == (
        f"追回：截至 2026-01-25（发生日期）享受政策项 {eid} 已拨付 0.00 元，本次追回后将累计追回 "
        "300,000.00 元：资金须先拨付后追回")
    on_day = park.client.get(f"/api/v1/entities/{entity}/entitlements?on=2026-01-28", headers=park.admin)
    assert [e["disbursed"] for e in on_day.get_json() if e["id"] == eid] == ["0.00"]

    other = park.register("pilot_platform")["id"]
    created(park.record(other, "pilot_service_revenue_reported", {"year": 2025, "revenue": "1000000.00"},
                        occurred_on="2026-01-15"))
    [owed] = [e["id"] for e in park.entitlements(other) if e["clause"] == "2.2"]
    created(park.record(other, "entitlement_approved", {"entitlement_id": owed}, occurred_on="2026-01-20"))
    for amount, day in (("100000.00", "2026-02-01"), ("200000.00", "2026-03-01")):
        created(park.record(other, "entitlement_disbursed",
                            {"entitlement_id": owed, "amount": amount, "paid_on": day}, occurred_on=day))
    created(park.record(other, "entitlement_revoked", {"entitlement_id": owed, "reason": "材料不实"},
                        occurred_on="2026-03-05"))
    between = recover(park, other, owed, "300000.00", on="2026-02-15")
    assert between.status_code == 422, between.get_json()
    assert "by 2026-02-15 (occurred_on) 100000.00 was paid" in between.get_json()["message"]
    created(recover(park, other, owed, "100000.00", on="2026-02-15"))
    created(recover(park, other, owed, "200000.00", on="2026-03-06"))
    assert shown(park, other, owed) == ("revoked", "300000.00", "0.00", "300000.00", "0.00")


def test_invest_first_money_back_as_an_exit_is_no_longer_to_be_recovered(park: Park) -> None:
    """Policy README, "Paid too much" and 3.2 ("exits step by step"): 1,500,000.00 put in under
    3.1, the approval revoked (应追回 1,500,000.00), then 1,500,000.00 back as the project's exit
    (invest_first_recovered). The 3.1 entitlement stayed overpaid with 1,500,000.00 to recover
    for ever, and 资金追回 was refused (the position being at 0.00): the finance bureau could
    never close it. Now revoked with nothing recoverable, and in the year's 应追回 sums none."""
    entity = park.register("enterprise")["id"]
    created(park.record(entity, "invest_first_approved", {
        "project": "先进陶瓷", "total_investment": "4000000.00", "amount": "2000000.00",
        "equity_ratio": "0.10", "exit_deadline": "2030-03-31"}, occurred_on="2025-05-01"))
    [put_in] = [e for e in park.entitlements(entity) if e["clause"] == "3.1"]
    eid = put_in["id"]
    created(park.record(entity, "entitlement_approved", {"entitlement_id": eid}, occurred_on="2025-06-01"))
    created(disburse(park, entity, eid, "1500000.00", "2025-06-02"))
    created(park.record(entity, "entitlement_revoked", {"entitlement_id": eid, "reason": "立项撤销"},
                        occurred_on="2025-07-01"))
    assert shown(park, entity, eid) == ("overpaid", "0.00", "1500000.00", "0.00", "1500000.00")
    created(park.record(entity, "invest_first_recovered", {"project": "先进陶瓷", "amount": "1500000.00"},
                        occurred_on="2026-01-05"))
    assert shown(park, entity, eid) == ("revoked", "0.00", "1500000.00", "0.00", "0.00")
    again = recover(park, entity, eid, "0.01", on="2026-02-01", Accept_Language="zh-CN")
    assert again.status_code == 422
    assert "已按第3.2条收回（invest_first_recovered）1,500,000.00 元" in again.get_json()["message"]
    [position] = [e for e in park.entitlements(entity) if e["clause"] == "3.2"]
    assert position["figures"]["outstanding"] == "0.00"
