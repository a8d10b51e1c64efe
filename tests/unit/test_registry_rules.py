"""The registry's own rules, in memory (eventsourcing's POPO store), without the policy engine."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from contract.catalogue import InvalidFact
from registry.application import Registry
from registry.errors import (
    CreditCodeTaken,
    EntityNotFound,
    FactNotAllowed,
    IdempotencyKeyReused,
    UnknownFactType,
    VersionMismatch,
)
from tests.park import ADMIN, credit_code, register, registration

DAY = date(2025, 6, 1)


@pytest.fixture
def registry() -> Registry:
    return Registry(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def test_an_event_for_another_kind_of_entity_is_refused(registry: Registry) -> None:
    enterprise = register(registry, 1)
    with pytest.raises(FactNotAllowed, match="pilot_platform entities, not against a enterprise"):
        registry.record(enterprise, "equipment_purchased", DAY,
                        {"year": 2025, "original_value": "100.00"}, ADMIN)


def test_a_departed_entity_records_no_new_activity_naming_the_day_and_the_way_back(
        registry: Registry) -> None:
    enterprise = register(registry, 1)
    registry.record(enterprise, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    with pytest.raises(FactNotAllowed, match="departed the park .* on 2025-06-01.*record reentered"):
        registry.record(enterprise, "incubation_started", DAY, {}, ADMIN)
    assert registry.entity(enterprise).status == "departed"
    assert len(registry.history(enterprise)) == 2


def test_a_departed_entity_still_has_what_it_earned_reviewed_and_paid(registry: Registry) -> None:
    enterprise = register(registry, 1)
    registry.record(enterprise, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    owed = "00000000-0000-0000-0000-000000000001"
    for type_name, data in (("entitlement_approved", {"entitlement_id": owed}),
                            ("external_support_recorded", {"entitlement_id": owed, "policy": "省政策",
                                                           "amount": "100.00"}),
                            ("entitlement_disbursed", {"entitlement_id": owed, "amount": "100.00",
                                                       "paid_on": "2025-07-01"}),
                            ("entitlement_revoked", {"entitlement_id": owed, "reason": "重复"})):
        registry.record(enterprise, type_name, date(2025, 7, 1), data, ADMIN)
    assert registry.entity(enterprise).status == "departed"


def test_reentry_brings_a_departed_entity_back_and_only_a_departed_one(registry: Registry) -> None:
    enterprise = register(registry, 1)
    with pytest.raises(FactNotAllowed, match="has not departed"):
        registry.record(enterprise, "reentered", DAY, {}, ADMIN)
    registry.record(enterprise, "incubation_started", date(2025, 2, 1), {}, ADMIN)
    registry.record(enterprise, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    with pytest.raises(FactNotAllowed, match="cannot re-enter on 2025-05-31, before it left"):
        registry.record(enterprise, "reentered", date(2025, 5, 31), {}, ADMIN)
    registry.record(enterprise, "reentered", date(2026, 1, 5), {}, ADMIN)
    back = registry.entity(enterprise)
    # Departure ended the incubation: back in the park, it is registered, not incubating.
    assert (back.status, back.departed_on) == ("registered", None)
    registry.record(enterprise, "incubation_started", date(2026, 2, 1), {}, ADMIN)
    assert [r.type for r in registry.history(enterprise)][-3:] == [
        "departed", "reentered", "incubation_started"]


def test_a_departed_entitys_registration_can_still_be_corrected(registry: Registry) -> None:
    """A mistyped code must not block the real company for ever: a correction is no activity."""
    enterprise = register(registry, 1)
    registry.record(enterprise, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    registry.record(enterprise, "registration_corrected", DAY, {"credit_code": credit_code(2)}, ADMIN)
    assert registry.holder_of(credit_code(1)) is None
    assert registry.register(registration(1, name="真正的公司"), ADMIN)["credit_code"] == credit_code(1)


def test_a_graduate_that_reenters_stays_graduated(registry: Registry) -> None:
    enterprise = register(registry, 1)
    registry.record(enterprise, "incubation_graduated", date(2025, 3, 1), {}, ADMIN)
    registry.record(enterprise, "departed", DAY, {"reason": "迁往太原"}, ADMIN)
    registry.record(enterprise, "reentered", DAY, {}, ADMIN)
    assert registry.entity(enterprise).status == "graduated"


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
