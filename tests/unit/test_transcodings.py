"""Dates are stored as ISO text, and the registry's transcoder round-trips every value it stores."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from registry.application import Registry


def test_the_registry_round_trips_dates_money_ids_and_times():
    registry = Registry(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    value = {"d": date(2025, 1, 2), "m": Decimal("1.00"), "u": UUID(int=5),
             "t": datetime(2025, 1, 2, tzinfo=UTC)}
    encoded = registry.mapper.transcoder.encode(value)
    assert b'"date_iso"' in encoded and b'"2025-01-02"' in encoded
    assert registry.mapper.transcoder.decode(encoded) == value
