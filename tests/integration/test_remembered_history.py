"""Each process remembers the histories it decoded; these check that a write or a read always
acts on the store's newest state, whatever another process wrote meanwhile."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from projections.wiring import bootstrap
from registry.application import entity_view
from registry.errors import FactNotAllowed, VersionMismatch
from tests.park import ADMIN, register

DAY = date(2025, 6, 1)


@pytest.fixture
def other(database_url: str, fixed_clock) -> Any:
    """A second process's services on the same store: its own history cache."""
    wired = bootstrap(database_url, clock=fixed_clock)
    yield wired
    wired.close()


def _filing(registry: Any, entity_id: Any, n: int, **kwargs: Any) -> dict[str, Any]:
    return registry.record(entity_id, "cnipa_filing_recorded", DAY, {"filing_no": f"CNIPA-{n}"},
                           ADMIN, **kwargs)


def test_a_write_after_another_process_wrote_takes_the_next_version(services, other) -> None:
    mine, theirs = services.registry, other.registry
    entity_id = register(mine, 1, kind="ip_service_firm")
    assert _filing(mine, entity_id, 1)["version"] == 2  # remembered here at version 2
    assert _filing(theirs, entity_id, 2)["version"] == 3
    assert _filing(mine, entity_id, 3)["version"] == 4
    assert [r.data.get("filing_no") for r in mine.history(entity_id)] == [None, "CNIPA-1", "CNIPA-2", "CNIPA-3"]


def test_a_departure_recorded_elsewhere_refuses_the_next_write(services, other) -> None:
    mine, theirs = services.registry, other.registry
    entity_id = register(mine, 2, kind="ip_service_firm")
    _filing(mine, entity_id, 1)
    theirs.record(entity_id, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    with pytest.raises(FactNotAllowed, match="departed"):
        _filing(mine, entity_id, 2)
    assert len(mine.history(entity_id)) == 3


def test_if_match_is_judged_against_the_store_not_the_remembered_version(services, other) -> None:
    mine, theirs = services.registry, other.registry
    entity_id = register(mine, 3, kind="ip_service_firm")
    _filing(mine, entity_id, 1)
    _filing(theirs, entity_id, 2)  # the store is at 3; this process remembers 2
    assert _filing(mine, entity_id, 3, if_match=3)["version"] == 4
    with pytest.raises(VersionMismatch):
        _filing(mine, entity_id, 4, if_match=3)


def test_each_write_reads_from_the_store_only_the_events_after_those_remembered(services, monkeypatch) -> None:
    registry = services.registry
    entity_id = register(registry, 4, kind="ip_service_firm")
    _filing(registry, entity_id, 1)
    reads: list[Any] = []
    get = registry.events.get
    monkeypatch.setattr(registry.events, "get", lambda *a, **k: reads.append(k.get("gt")) or get(*a, **k))
    for n in range(2, 6):
        _filing(registry, entity_id, n)
    assert reads == [1, 2, 3, 4]  # each time, only the fact the write before it saved
    assert [r.version for r in registry.history(entity_id)] == [1, 2, 3, 4, 5, 6]


def test_an_unknown_id_is_no_entity_to_write_on(services) -> None:
    from uuid import uuid4

    from registry.errors import EntityNotFound

    with pytest.raises(EntityNotFound):
        _filing(services.registry, uuid4(), 1)


def test_reading_an_entity_sees_another_process_and_is_the_history_replayed(services, other) -> None:
    mine, theirs = services.registry, other.registry
    entity_id = register(mine, 9, kind="ip_service_firm")
    for n in range(5):
        _filing(mine, entity_id, n)
    mine.record(entity_id, "details_amended", DAY, {"name": "晋创知识产权", "zone": "pingding"}, ADMIN)
    assert mine.entity(entity_id).version == 7
    theirs.record(entity_id, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    entity = mine.entity(entity_id)
    assert entity_view(entity) == entity_view(mine.repository.get(entity_id))
    assert (entity.version, entity.status, entity.name) == (8, "departed", "晋创知识产权")
