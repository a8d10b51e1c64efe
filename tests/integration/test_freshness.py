"""Reads wait for the projection in one round trip: the check must agree with the log and tracking."""

from __future__ import annotations

from datetime import date

from tests.park import ADMIN, register


def _freshness(services):
    return services.model.freshness(services.projector.name, services.registry.recorder.events_table_name)


def test_freshness_reports_the_logs_head_and_the_position_reached(services):
    assert _freshness(services) == (0, 0)
    entity = register(services.registry, 1)
    services.registry.record(entity, "incubation_started", date(2025, 2, 1), {}, ADMIN)
    head = services.projector.head()
    assert head > 0 and _freshness(services) == (head, 0)
    services.projector.ensure_current()
    assert _freshness(services) == (head, head) == (services.projector.head(), services.projector.position())
