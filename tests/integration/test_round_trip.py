"""What is recorded comes back exactly: money, days, who recorded it and when."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.conftest import FIXED_NOW
from tests.park import ADMIN, register


def test_money_and_dates_come_back_exactly_as_recorded(services) -> None:
    registry = services.registry
    entity_id = register(registry, 1)
    registry.record(entity_id, "achievement_recognised", date(2025, 6, 1),
                    {"achievement": "碳化硅中试", "stage": "pilot", "amount": "987654.32"}, ADMIN)
    registry.record(entity_id, "space_granted", date(2025, 6, 2),
                    {"project": "P1", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)

    registered, achievement, space = registry.history(entity_id)

    assert registered.data["entered_on"] == date(2025, 1, 2)
    assert type(achievement.data["amount"]) is Decimal
    assert str(achievement.data["amount"]) == "987654.32"
    assert type(space.data["start_on"]) is date and space.data["start_on"] == date(2025, 3, 1)
    assert space.data["months"] == 36
    assert (achievement.occurred_on, space.occurred_on) == (date(2025, 6, 1), date(2025, 6, 2))


def test_who_recorded_an_event_when_and_under_which_key_is_kept(services) -> None:
    registry = services.registry
    entity_id = register(registry, 1)
    registry.record(entity_id, "incubation_started", date(2025, 2, 1), {}, ADMIN,
                    idempotency_key="req-7f3a")

    fact = registry.history(entity_id)[-1]
    stored = list(registry.events.get(entity_id))[-1]

    assert fact.recorded_by == {"label": "园区管理", "role": "admin"}
    assert fact.recorded_at == FIXED_NOW
    assert fact.recorded_at.utcoffset() is not None
    assert fact.occurred_on == date(2025, 2, 1)
    assert stored.idempotency_key == "req-7f3a"


def test_an_idempotent_retry_records_nothing_new(services) -> None:
    registry = services.registry
    entity_id = register(registry, 1)
    data = {"project": "P3", "budget": "300000.00"}
    first = registry.record(entity_id, "self_initiated_project_filed", date(2025, 5, 1), data, ADMIN,
                            idempotency_key="retry-1")
    head = registry.recorder.max_notification_id()

    again = registry.record(entity_id, "self_initiated_project_filed", date(2025, 5, 1), dict(data),
                            ADMIN, idempotency_key="retry-1")

    assert again["event_id"] == first["event_id"] and again["version"] == first["version"]
    assert registry.recorder.max_notification_id() == head
    assert [r.type for r in registry.history(entity_id)] == ["registered", "self_initiated_project_filed"]
