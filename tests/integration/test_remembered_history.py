"""A write trusts the history its process remembers and skips the read of newer events; these
check that a history gone stale, because another process wrote meanwhile, is never acted on."""

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


def test_consecutive_writes_in_one_process_read_the_store_once(services, monkeypatch) -> None:
    registry = services.registry
    entity_id = register(registry, 4, kind="ip_service_firm")
    _filing(registry, entity_id, 1)
    reads: list[Any] = []
    get = registry.events.get
    monkeypatch.setattr(registry.events, "get", lambda *a, **k: reads.append(a) or get(*a, **k))
    for n in range(2, 6):
        _filing(registry, entity_id, n)
    assert reads == []
    assert [r.version for r in registry.history(entity_id)] == [1, 2, 3, 4, 5, 6]


def test_a_state_read_for_a_write_in_a_new_process_is_the_state_replayed(services, other) -> None:
    writer = services.registry
    entity_id = register(writer, 5, kind="ip_service_firm")
    _filing(writer, entity_id, 1)
    writer.record(entity_id, "details_amended", DAY, {"name": "晋创知识产权", "zone": "pingding"}, ADMIN)
    _filing(writer, entity_id, 2)
    writer.record(entity_id, "incubation_started", DAY, {}, ADMIN)
    _filing(writer, entity_id, 3)
    fresh = other.registry  # has read nothing of this entity
    read_for_writing = fresh._state_from_store(entity_id)
    replayed, _ = writer._state(entity_id)
    assert (read_for_writing.version, read_for_writing.name, read_for_writing.zone,
            read_for_writing.status, read_for_writing.created_on) == (
        replayed.version, "晋创知识产权", "pingding", "incubating", replayed.created_on) == (
        replayed.version, replayed.name, replayed.zone, replayed.status, replayed.created_on)
    assert replayed.version == 6


def test_a_write_in_a_new_process_decodes_only_the_events_that_change_state(services, other,
                                                                            monkeypatch) -> None:
    entity_id = register(services.registry, 6, kind="ip_service_firm")
    for n in range(1, 6):
        _filing(services.registry, entity_id, n)
    fresh = other.registry
    decoded: list[Any] = []
    to_domain_event = fresh.mapper.to_domain_event
    monkeypatch.setattr(fresh.mapper, "to_domain_event",
                        lambda stored: decoded.append(stored.originator_version) or to_domain_event(stored))
    assert _filing(fresh, entity_id, 6)["version"] == 7
    # The registration only: the new fact is not decoded, since this process remembers no history
    # for it to continue (the state is what the next write needs, and it is remembered).
    assert decoded == [1]
    assert _filing(fresh, entity_id, 7)["version"] == 8
    assert decoded == [1]


def test_a_write_extends_a_remembered_history_so_a_read_needs_nothing_from_the_store(services) -> None:
    registry = services.registry
    entity_id = register(registry, 7, kind="ip_service_firm")
    _filing(registry, entity_id, 1)
    assert len(registry.history(entity_id)) == 2  # remembered to version 2
    assert _filing(registry, entity_id, 2)["version"] == 3

    def no_read(after: int) -> list[Any]:
        raise AssertionError(f"read the store for the events after version {after}")

    remembered = registry.histories.events(entity_id, no_read, at_least=3)
    assert [e.originator_version for e in remembered] == [1, 2, 3]
    assert remembered[-1].data == {"filing_no": "CNIPA-2"}


def test_an_unknown_id_is_no_entity_to_write_on(services) -> None:
    from uuid import uuid4

    from registry.errors import EntityNotFound

    with pytest.raises(EntityNotFound):
        _filing(services.registry, uuid4(), 1)


def test_reading_an_entity_sees_another_process_and_decodes_only_what_changes_its_state(
        services, other, monkeypatch) -> None:
    mine, theirs = services.registry, other.registry
    entity_id = register(mine, 9, kind="ip_service_firm")
    for n in range(5):
        _filing(mine, entity_id, n)
    assert mine.entity(entity_id).version == 6
    theirs.record(entity_id, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    decoded: list[Any] = []
    to_domain_event = mine.mapper.to_domain_event
    monkeypatch.setattr(mine.mapper, "to_domain_event", lambda s: decoded.append(s.topic) or to_domain_event(s))
    entity = mine.entity(entity_id)
    # The registration and the departure change the state; the filings only its version.
    assert len(decoded) == 2
    # What a replay of the whole history gives, field by field as the API shows it.
    assert entity_view(entity) == entity_view(mine.repository.get(entity_id))
    assert (entity.version, entity.status) == (7, "departed")
