"""The registry's own rules, in memory (eventsourcing's POPO store), without the policy engine."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from registry.application import Registry
from registry.catalogue import InvalidFact
from registry.errors import (
    CreditCodeTaken,
    EntityNotFound,
    FactNotAllowed,
    IdempotencyKeyReused,
    UnknownFactType,
    VersionMismatch,
)
from tests.park import ADMIN, register, registration

DAY = date(2025, 6, 1)


@pytest.fixture
def registry() -> Registry:
    return Registry(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def test_an_event_for_another_kind_of_entity_is_refused(registry: Registry) -> None:
    enterprise = register(registry, 1)
    with pytest.raises(FactNotAllowed, match="pilot_platform entities, not against a enterprise"):
        registry.record(enterprise, "equipment_purchased", DAY,
                        {"year": 2025, "original_value": "100.00"}, ADMIN)


def test_a_departed_entity_records_nothing_more(registry: Registry) -> None:
    enterprise = register(registry, 1)
    registry.record(enterprise, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    with pytest.raises(FactNotAllowed, match="has departed"):
        registry.record(enterprise, "incubation_started", DAY, {}, ADMIN)
    assert registry.entity(enterprise).status == "departed"


def test_an_unknown_event_type_is_refused_listing_the_known_ones(registry: Registry) -> None:
    enterprise = register(registry, 1)
    with pytest.raises(UnknownFactType, match="award_received"):
        registry.record(enterprise, "award_won", DAY, {}, ADMIN)


def test_data_that_does_not_fit_the_type_names_every_wrong_field(registry: Registry) -> None:
    enterprise = register(registry, 1)
    with pytest.raises(InvalidFact) as refused:
        registry.record(enterprise, "achievement_recognised", DAY,
                        {"stage": "market", "amount": 5, "colour": "red"}, ADMIN)
    assert sorted(refused.value.errors) == ["achievement", "amount", "colour", "stage"]


def test_if_match_on_a_version_the_entity_has_moved_past_is_refused(registry: Registry) -> None:
    enterprise = register(registry, 1)
    registry.record(enterprise, "incubation_started", DAY, {}, ADMIN, if_match=1)
    with pytest.raises(VersionMismatch, match="at version 2, not 1"):
        registry.record(enterprise, "incubation_graduated", DAY, {}, ADMIN, if_match=1)
    assert len(registry.history(enterprise)) == 2


def test_an_idempotency_key_reused_for_a_different_event_is_refused(registry: Registry) -> None:
    enterprise = register(registry, 1)
    registry.record(enterprise, "talent_departed", DAY, {"talent": "张三"}, ADMIN, idempotency_key="k1")
    with pytest.raises(IdempotencyKeyReused, match="'k1'"):
        registry.record(enterprise, "talent_departed", DAY, {"talent": "李四"}, ADMIN,
                        idempotency_key="k1")


def test_an_idempotency_key_is_scoped_to_its_entity(registry: Registry) -> None:
    first, second = register(registry, 1), register(registry, 2)
    registry.record(first, "incubation_started", DAY, {}, ADMIN, idempotency_key="k1")
    registry.record(second, "incubation_started", DAY, {}, ADMIN, idempotency_key="k1")
    assert len(registry.history(second)) == 2


def test_a_credit_code_is_registered_once(registry: Registry) -> None:
    register(registry, 1)
    with pytest.raises(CreditCodeTaken, match="already registered"):
        registry.register(registration(1, name="另一家公司"), ADMIN)


def test_recording_against_an_unregistered_id_is_refused(registry: Registry) -> None:
    with pytest.raises(EntityNotFound):
        registry.record(UUID(int=7), "incubation_started", DAY, {}, ADMIN)


def test_a_token_stands_for_its_role_and_only_its_hash_is_stored(registry: Registry) -> None:
    enterprise = register(registry, 1)
    token = registry.issue_token("entity", "企业自助", enterprise)
    principal = registry.authenticate(token)
    assert (principal.role, principal.entity_id) == ("entity", enterprise)
    assert registry.authenticate(token + "x") is None
    stored = [n.state for n in registry.recorder.select_notifications(0, 100)]
    assert stored and not any(token.encode() in state for state in stored)
