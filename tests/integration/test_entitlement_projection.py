"""The stored entitlements are the pure function's output over the same events, on each backend,
and a rebuild from zero gives them again, row for row."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.policy import PolicyRefusal, deadlines, park_deadlines
from projections.units import units_of
from registry.clock import park_day
from tests.park import ADMIN, register, replayed_entitlements, stored_entitlements

DAYS = st.integers(min_value=0, max_value=365 * 4).map(lambda n: date(2024, 6, 1) + timedelta(days=n))
YEARS = st.integers(min_value=2024, max_value=2029)


def money(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(min_value=low, max_value=high).map(lambda fen: f"{fen // 100}.{fen % 100:02d}")


PLATFORM_FACTS = st.one_of(
    st.builds(lambda y, v: ("equipment_purchased", {"year": y, "original_value": v}), YEARS, money(1, 900_000_000)),
    st.builds(lambda y, v: ("pilot_service_revenue_reported", {"year": y, "revenue": v}), YEARS, money(1, 500_000_000)),
)
ENTERPRISE_FACTS = st.one_of(
    st.builds(lambda a: ("achievement_recognised", {"achievement": "A", "stage": "lab", "amount": a}),
              money(30_000_000, 100_000_000)),
    st.builds(lambda t, lv, d: ("talent_introduced", {"talent": t, "level": lv, "start_on": d.isoformat()}),
              st.sampled_from(["甲", "乙"]), st.sampled_from(["national", "provincial"]), DAYS),
    st.builds(lambda t: ("talent_departed", {"talent": t}), st.sampled_from(["甲", "乙"])),
    st.builds(lambda p, y, a, ok: ("major_project_funding_reported", {
        "project": p, "level": "national", "year": y, "allocation": a, "in_good_standing": ok}),
        st.sampled_from(["P1", "P2"]), YEARS, money(1, 3_000_000_000), st.booleans()),
    st.builds(lambda p, m, d: ("space_granted", {"project": p, "space": "office", "start_on": d.isoformat(),
                                                 "months": m}), st.sampled_from(["S1"]),
              st.integers(min_value=1, max_value=36), DAYS),
)
HISTORIES = st.one_of(
    st.tuples(st.just("pilot_platform"), st.lists(st.tuples(DAYS, PLATFORM_FACTS), max_size=8)),
    st.tuples(st.just("enterprise"), st.lists(st.tuples(DAYS, ENTERPRISE_FACTS), max_size=8)),
)


def _by_id(rows):
    return sorted(rows, key=lambda e: e["id"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=HISTORIES)
def test_stored_entitlements_equal_the_pure_function_and_survive_a_rebuild(services, history):
    kind, facts = history
    entity_id = register(services.registry, next(_numbers), kind)
    for occurred_on, (type_name, data) in facts:
        try:
            services.registry.record(entity_id, type_name, occurred_on, data, ADMIN)
        except PolicyRefusal:
            pass  # refused at the door: recorded nowhere, so it must be nowhere in the result
    services.projector.catch_up()
    recorded = services.registry.history(entity_id)
    projected_on = park_day(services.clock())
    # On the day the document was dated, and on later days when the rows lapsing meanwhile are
    # re-dated as they are read; before that day only a replay can say.
    for later in (0, 1, 90, 400, 1500):
        day = projected_on + timedelta(days=later)
        stored = stored_entitlements(services, entity_id, day)
        assert _by_id(stored) == _by_id(replayed_entitlements(services, recorded, day))
    assert stored_entitlements(services, entity_id, projected_on - timedelta(days=1)) is None
    due = services.model.deadlines(date(2100, 1, 1), str(entity_id), 0, 10_000)[0]
    # Each with the units of its article (the projection adds them from the policy data); the
    # whole park's (the policy's end) come with them, once.
    assert [d for d in due if d["entity_id"] is not None] == [
        {**d.to_json(), "units": units_of(services.policy, d.clause)}
        for d in deadlines(recorded, services.policy)]
    assert [d for d in due if d["entity_id"] is None] == [
        {**d.to_json(), "units": []} for d in park_deadlines(services.policy)]


_numbers = itertools.count(10_000)


def test_a_rebuild_from_zero_gives_the_same_read_models(services):
    platform = register(services.registry, 1, "pilot_platform")
    for year, value in ((2025, "4000000.00"), (2025, "8000000.00"), (2026, "1000000.00")):
        services.registry.record(platform, "equipment_purchased", date(year, 6, 1),
                                 {"year": year, "original_value": value}, ADMIN)
    services.projector.catch_up()
    before = (stored_entitlements(services, platform),
              services.model.deadlines(date(2100, 1, 1), None, 0, 1000))
    applied = services.projector.rebuild()
    after = (stored_entitlements(services, platform),
             services.model.deadlines(date(2100, 1, 1), None, 0, 1000))
    assert applied == services.projector.head()
    assert after == before
    assert any(e["clause"] == "2.1" and e["amount"] == "1000000.00" for e in after[0])
