"""The 总览's money by clause, summed by the database from the projector's per-entity rows, equals
the sum over every entity's stored entitlements as they stand on the day read, on each backend:
after recording, after an entity is projected again, after a rebuild, and on later days."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.policy import PolicyRefusal
from registry.clock import park_day
from tests.integration.test_entitlement_projection import HISTORIES
from tests.park import ADMIN, money_by_clause, register, stored_entitlements

YEARS = range(2024, 2031)


def summed_from_documents(services, entity_ids, year, day):
    return money_by_clause([e for i in entity_ids for e in stored_entitlements(services, i, day)], year)


def test_a_years_sums_follow_each_entity_and_its_reviews(services):
    first, second = register(services.registry, 1), register(services.registry, 2)
    for entity_id, amount in ((first, "500000.00"), (second, "300000.10")):
        services.registry.record(entity_id, "achievement_recognised", date(2026, 2, 1),
                                 {"achievement": "成果", "stage": "lab", "amount": amount}, ADMIN)
    services.projector.catch_up()
    assert services.model.money_by_clause(2026) == [
        {"clause": "1.1", "owed": Decimal("800000.10"), "approved": Decimal("0.00"), "paid": Decimal("0.00")}]
    # The first entity projected again (approved, part paid): its row replaced, not added twice.
    award = next(e["id"] for e in stored_entitlements(services, first) if e["clause"] == "1.1")
    services.registry.record(first, "entitlement_approved", date(2026, 2, 15), {"entitlement_id": award}, ADMIN)
    services.registry.record(first, "entitlement_disbursed", date(2026, 2, 20),
                             {"entitlement_id": award, "amount": "200000.01", "paid_on": "2026-02-20"}, ADMIN)
    services.projector.catch_up()
    assert services.model.money_by_clause(2026) == [
        {"clause": "1.1", "owed": Decimal("800000.10"), "approved": Decimal("500000.00"),
         "paid": Decimal("200000.01")}]
    assert services.model.money_by_clause(2025) == []
    services.projector.rebuild()
    assert services.model.money_by_clause(2026)[0]["paid"] == Decimal("200000.01")


_numbers = itertools.count(20_000)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=st.lists(HISTORIES, min_size=1, max_size=3))
def test_the_sums_equal_the_documents_summed(services, histories):
    ids = []
    for kind, facts in histories:
        ids.append(register(services.registry, next(_numbers), kind))
        for occurred_on, (type_name, data) in facts:
            try:
                services.registry.record(ids[-1], type_name, occurred_on, data, ADMIN)
            except PolicyRefusal:
                pass
        # Projected after each entity: the earlier ones' rows must stay as they were.
        services.projector.catch_up()
    # The database holds other examples' entities too: the sums are over every one of them.
    everyone = [r["id"] for r in services.model.list_entities(None, None, 0, 100_000)[0]]
    projected_on = park_day(services.clock())
    for later in (0, 400, 1500):  # the park's date moves no amount these sums count
        day = projected_on + timedelta(days=later)
        for year in YEARS:
            assert services.model.money_by_clause(year) == summed_from_documents(services, everyone, year, day)
