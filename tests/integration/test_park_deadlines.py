"""Contract, "The money's life cycle": "The policy's end is one deadline (entity_id null), not
one per entity" — on each backend, in the list, the entity filter, and the alerts it raises."""

from __future__ import annotations

from datetime import date

from jobs.scan import scan
from tests.park import ADMIN, register

POLICY_END = date(2027, 12, 15)


def _enterprises(services, n: int) -> list:
    found = []
    for k in range(n):
        entity = register(services.registry, 500 + k)
        services.registry.record(entity, "talent_introduced", date(2025, 3, 1),
                                 {"talent": f"T{k}", "level": "provincial",
                                  "start_on": "2025-03-01"}, ADMIN)
        found.append(entity)
    services.projector.catch_up()
    return found


def test_the_policys_end_is_listed_once_however_many_enterprises(services):
    """Before: 300 enterprises gave 300 identical rows. Now one, with entity_id null."""
    entities = _enterprises(services, 12)
    rows, total = services.model.deadlines(date(2100, 1, 1), None, 0, 10_000)
    ends = [d for d in rows if d["clause"] is None]
    assert [(d["entity_id"], d["due_on"]) for d in ends] == [(None, POLICY_END.isoformat())]
    assert total == len(rows)
    # An entity's list holds its own and that one row of the whole park.
    own, _n = services.model.deadlines(date(2100, 1, 1), str(entities[3]), 0, 10_000)
    assert {d["entity_id"] for d in own} == {str(entities[3]), None}
    assert sum(d["clause"] is None for d in own) == 1
    # The scans' window reads it once too.
    between = services.model.deadlines_between(date(2027, 12, 14), date(2027, 12, 15))
    assert [d["entity_id"] for d in between if d["clause"] is None] == [None]


def test_the_policy_renewal_alert_is_issued_once_not_per_enterprise(services):
    _enterprises(services, 5)
    issued = scan(services, date(2027, 9, 16))  # 90 days before the policy's end
    renewal = [a for a in issued if a["kind"] == "policy_renewal"]
    assert [(a["entity_id"], a["threshold"]) for a in renewal] == [(None, "90d")]
    assert all(a["clause"] is not None for a in issued if a["kind"] == "expiry")


def test_a_rebuild_keeps_one_policy_end(services):
    _enterprises(services, 3)
    services.projector.rebuild()
    rows, _total = services.model.deadlines(date(2100, 1, 1), None, 0, 10_000)
    assert sum(d["clause"] is None for d in rows) == 1
