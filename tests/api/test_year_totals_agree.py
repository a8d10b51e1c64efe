"""Every place that adds up a year's money agrees to the fen, whatever the history (contract,
"Statuses mean one thing everywhere"; policy README, "Paid too much"): random but admissible
histories recorded through the API on each backend, then GET /subsidies, the 总览's sums, the
公示名单, the 资金拨付明细 and each entity's entitlements read against one another. Events the
door refuses are skipped: the door is part of the system."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contract.entitlements import year_of
from projections.policy.model import fiscal_owed
from registry.clock import PARK_TZ
from tests.api.conftest import MovableClock, Park
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
YEARS = (2025, 2026, 2027, 2028)
# The statuses the contract lists for the 公示名单 and the 资金拨付明细: a review approved them.
APPROVED_STATUSES = ("approved", "disbursed")
OPS = ("approve", "pay", "pay_all", "revoke", "external", "recover", "exit", "depart", "replace")
NOTHING = {"owed": ZERO, "approved": ZERO, "paid": ZERO}
FRACTIONS = (Decimal("0.25"), Decimal("0.5"), Decimal("1"), Decimal("0.333"))


TODAY = datetime(2026, 12, 4, 10, 0, tzinfo=PARK_TZ)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(TODAY)


def money(value: Any) -> Decimal:
    return Decimal(value or "0").quantize(CENT, ROUND_HALF_UP)


def recorded(park: Park, entity: str, type_name: str, data: dict[str, Any], on: date) -> None:
    response = park.record(entity, type_name, data, occurred_on=on.isoformat())
    # Refused is part of the system; anything else is not.
    assert response.status_code in (201, 409, 422), (type_name, data, response.get_json())


def founded(park: Park, award: str, talent_start: str, revenue: str) -> tuple[str, ...]:
    """An enterprise (1.1, 6.2, 8.1, 3.1), a pilot platform (2.2) and an agency (4.1, 4.2)."""
    enterprise = park.register(entered_on="2025-01-02")["id"]
    for on, type_name, data in (
        ("2025-03-01", "achievement_recognised", {"achievement": "碳化硅", "stage": "lab", "amount": "300000.00"}),
        ("2025-04-01", "award_received", {"award": "省科技进步奖", "level": "provincial", "amount": award,
                                          "first_completing_unit": True}),
        (talent_start, "talent_introduced", {"talent": "张三", "level": "provincial", "start_on": talent_start}),
        ("2025-05-01", "invest_first_approved", {"project": "P1", "total_investment": "4000000.00",
                                                 "amount": "1500000.00", "equity_ratio": "0.20",
                                                 "exit_deadline": "2029-06-30"}),
    ):
        recorded(park, enterprise, type_name, data, date.fromisoformat(on))
    platform = park.register("pilot_platform", entered_on="2025-01-02")["id"]
    recorded(park, platform, "pilot_service_revenue_reported", {"year": 2025, "revenue": revenue}, date(2026, 1, 5))
    # 4.1 (fiscal, annual) beside 4.2 (paid by the contract itself: no fiscal money).
    agency = park.register("tech_transfer_agency", entered_on="2025-01-02")["id"]
    recorded(park, agency, "transfer_performance_assessed", {"year": 2025, "amount": "400000.00"}, date(2026, 1, 6))
    recorded(park, agency, "technology_transfer_brokered", {"contract_ref": "HT-1", "contract_amount": revenue,
                                                            "agreed_ratio": "0.05"}, date(2025, 9, 1))
    return enterprise, platform, agency


def owed_entitlements(park: Park, entity: str, fiscal: bool = True) -> list[dict[str, Any]]:
    return [e for e in park.entitlements(entity) if e["amount"] is not None and (e["fiscal"] or not fiscal)]


def apply(park: Park, entities: tuple[str, ...], op: tuple[str, int, int, Decimal], on: date) -> None:
    name, who, pick, fraction = op
    entity = entities[who % len(entities)]
    if name == "depart":
        return recorded(park, entity, "departed", {"reason": "迁出"}, on)
    if name == "exit":
        [project] = [e for e in park.entitlements(entities[0]) if e["clause"] == "3.1"]
        if project["status"] == "eligible":  # paid first: an exit returns money paid out
            recorded(park, entities[0], "entitlement_approved", {"entitlement_id": project["id"]}, on)
            recorded(park, entities[0], "entitlement_disbursed", {"entitlement_id": project["id"],
                     "amount": "1500000.00", "paid_on": on.isoformat()}, on)
        return recorded(park, entities[0], "invest_first_recovered",
                        {"project": "P1", "amount": str(money(Decimal("1500000.00") * fraction))}, on)
    if name == "replace":
        awards = [e["id"] for e in park.entitlements(entities[0]) if e["clause"].startswith("6.")]
        return recorded(park, entities[0], "case_by_case_support_granted",
                        {"clause": "1.4", "decision_ref": f"阳科〔2026〕{pick}号",
                         "amount": str(money(Decimal("200000.00") * (1 + fraction))), "replaces": awards}, on)
    # A review may approve what a contract pays (4.2) too; only fiscal money is paid here.
    found = owed_entitlements(park, entity, fiscal=name != "approve")
    if name == "recover":  # 追回 names what is recoverable, if anything is
        found = [e for e in found if money(e["recoverable"])] or found
    if not found:
        return None
    e = found[pick % len(found)]
    amount, paid = money(e["amount"]), money(e["disbursed"])
    ref = {"entitlement_id": e["id"]}
    if name == "approve":
        return recorded(park, entity, "entitlement_approved", ref, on)
    if name in ("pay", "pay_all"):
        if e["status"] == "eligible":  # reviewed first, as the door requires
            recorded(park, entity, "entitlement_approved", ref, on)
        left = amount - paid if name == "pay_all" else money((amount - paid) * fraction)
        return recorded(park, entity, "entitlement_disbursed",
                        {**ref, "amount": str(max(left, CENT)), "paid_on": on.isoformat()}, on)
    if name == "revoke":
        return recorded(park, entity, "entitlement_revoked", {**ref, "reason": "材料不实"}, on)
    if name == "external":
        return recorded(park, entity, "external_support_recorded",
                        {**ref, "policy": "省级补助", "amount": str(max(money(amount * fraction), CENT))}, on)
    recoverable = money(e["recoverable"])
    return recorded(park, entity, "entitlement_recovered",
                    {**ref, "amount": str(max(money(recoverable * fraction), CENT)),
                     "recovered_on": on.isoformat()}, on)


def every_entitlement(park: Park, entities: tuple[str, ...], today: datetime) -> list[dict[str, Any]]:
    """Every entity's entitlements on the park's day: the park holds earlier examples' entities
    too, unchanged since, so theirs are read once a day."""
    known = park.__dict__.setdefault("known", set())
    known.update(entities)
    seen = park.__dict__.setdefault("seen", {}).setdefault(today, {})
    seen.update({entity: park.entitlements(entity) for entity in known if entity not in seen or entity in entities})
    return [e for found in seen.values() for e in found]


def owed(e: dict[str, Any]) -> Decimal:
    return fiscal_owed(e["status"], e["fiscal"], None if e["amount"] is None else money(e["amount"]))


def export(park: Park, name: str, year: int) -> list[list[str]]:
    response = park.client.get(f"/api/v1/exports/{name}.csv?year={year}", headers=park.admin)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))[1:]


def check_each_entitlement(e: dict[str, Any]) -> None:
    paid, recoverable, due = money(e["disbursed"]), money(e["recoverable"]), owed(e)
    assert recoverable >= 0 and money(e["recovered"]) >= 0, e
    assert (e["status"] == "overpaid") == (recoverable > 0), e
    if not e["fiscal"] or e["amount"] is None:
        assert paid == recoverable == ZERO, e
    elif e["clause"] == "3.1":
        # Money back from the project's exits counts against its 应追回 (policy README).
        assert recoverable <= max(paid - due, ZERO), e
    else:
        # Nothing is paid beyond what was approved and is owed, except as 应追回.
        assert recoverable == max(paid - due, ZERO), e


def check_year(park: Park, everything: list[dict[str, Any]], year: int) -> None:
    of_year = [e for e in everything if year_of(e) == year]
    by_id = {e["id"]: e for e in of_year}
    # GET /subsidies: the year's annual entitlements, as each entity shows them.
    response = park.client.get(f"/api/v1/subsidies?year={year}", headers=park.admin)
    assert response.status_code == 200
    body = response.get_json()
    annual = defaultdict(Decimal)
    for e in of_year:
        if e["kind"] == "annual" and owed(e):
            annual[e["clause"]] += owed(e)
    assert {c: money(v) for c, v in body["totals_by_clause"].items() if money(v)} == dict(annual)
    assert money(body["total"]) == sum(annual.values(), ZERO)
    assert money(body["total"]) == sum((money(row["total"]) for row in body["entities"]), ZERO)
    for row in body["entities"]:
        for e in row["entitlements"]:
            assert e["status"] == by_id[e["id"]]["status"], (e, by_id[e["id"]])
    # The 总览: owed as fiscal_owed counts it, paid as the entities' `disbursed`.
    services = park.app.extensions["jcg"]
    services.projector.catch_up()
    sums = {line["clause"]: line for line in services.model.money_by_clause(year)}
    for clause in {e["clause"] for e in of_year} | set(sums):
        mine = [e for e in of_year if e["clause"] == clause and e["fiscal"]]
        line = sums.get(clause, NOTHING)
        assert line["owed"] == sum(map(owed, mine), ZERO), (clause, line, mine)
        assert line["paid"] == sum((money(e["disbursed"]) for e in mine), ZERO), (clause, line, mine)
        assert ZERO <= line["approved"] <= line["owed"], (clause, line)
    for clause, total in body["totals_by_clause"].items():
        assert sums.get(clause, NOTHING)["owed"] == money(total), (clause, sums.get(clause), total)
    check_publicity(export(park, "publicity", year), of_year)
    check_payments(export(park, "payments", year), of_year)


def check_publicity(rows: list[list[str]], of_year: list[dict[str, Any]]) -> None:
    *listed, total = rows
    assert money(total[5]) == sum((money(r[5]) for r in listed), ZERO)
    shown = sorted((e["clause"], min(money(e["amount"]), money(e["approved"] or e["amount"])))
                   for e in of_year if e["status"] in APPROVED_STATUSES
                   or (e["status"] == "overpaid" and money(e["amount"]) > 0))
    assert sorted((r[3], money(r[5])) for r in listed) == shown


def check_payments(rows: list[list[str]], of_year: list[dict[str, Any]]) -> None:
    *listed, total = rows
    for row in listed:
        approved, paid, due = map(money, row[4:7])
        assert due == approved - paid > 0, row
    for i in (4, 5, 6):
        assert money(total[i]) == sum((money(r[i]) for r in listed), ZERO), (i, total)
    due = sorted((e["clause"], min(money(e["amount"]), money(e["approved"] or e["amount"])), money(e["disbursed"]))
                 for e in of_year if e["status"] in APPROVED_STATUSES and e["fiscal"] and e["amount"] is not None)
    assert sorted((r[2], money(r[4]), money(r[5])) for r in listed) == [d for d in due if d[1] > d[2]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(award=st.sampled_from(["100000.00", "250000.01"]),
       talent_start=st.sampled_from(["2025-02-01", "2025-07-15"]),
       revenue=st.sampled_from(["1000000.00", "1234567.89"]),
       ops=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 2), st.integers(0, 9),
                              st.sampled_from(FRACTIONS)), min_size=4, max_size=14),
       later=st.sampled_from([200, 1000, 1400]))
def test_every_total_of_a_year_agrees_with_the_entities_entitlements(park: Park, clock: MovableClock, award,
                                                                    talent_start, revenue, ops, later):
    clock.now = TODAY
    entities = founded(park, award, talent_start, revenue)
    on = date(2026, 1, 10)
    for op in ops:
        apply(park, entities, op, on)
        on += timedelta(days=20)
    # Read today and on a later day: statuses that move with the date (a term over, an exit
    # deadline passed) must move alike everywhere.
    for today in (TODAY, TODAY + timedelta(days=later)):
        clock.now = today
        # The park holds earlier examples' entities too: every total is over all of them.
        everything = every_entitlement(park, entities, today)
        for e in everything:
            check_each_entitlement(e)
        for year in YEARS:
            check_year(park, everything, year)
