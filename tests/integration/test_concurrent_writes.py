"""Writers racing on one entity or one credit code: nothing lost, nothing doubled.

A barrier releases every thread at once so that the writes really overlap.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from registry.errors import CreditCodeTaken
from tests.park import ADMIN, register, registration

THREADS = 8
EVENTS_PER_THREAD = 25


def race(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run `work(i)` in `count` threads started together; each result or exception, in order."""
    barrier = threading.Barrier(count)
    outcomes: list[Any] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = work(i)
        except Exception as exc:  # the test inspects what each writer met
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_many_threads_recording_to_one_entity_lose_no_event(services) -> None:
    registry = services.registry
    entity_id = register(registry, 1, kind="ip_service_firm")

    def record_many(i: int) -> list[int]:
        return [registry.record(entity_id, "cnipa_filing_recorded", date(2025, 6, 1),
                                {"filing_no": f"CNIPA-{i}-{n}"}, ADMIN)["version"]
                for n in range(EVENTS_PER_THREAD)]

    outcomes = race(THREADS, record_many)

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    history = registry.history(entity_id)
    total = 1 + THREADS * EVENTS_PER_THREAD
    assert [r.version for r in history] == list(range(1, total + 1))
    assert sorted(v for versions in outcomes for v in versions) == list(range(2, total + 1))
    filings = {r.data["filing_no"] for r in history[1:]}
    assert len(filings) == THREADS * EVENTS_PER_THREAD


def test_two_registrations_of_one_credit_code_at_once_let_exactly_one_through(services) -> None:
    registry = services.registry
    for round_no in range(5):
        outcomes = race(2, lambda i, n=round_no: registry.register(
            registration(n, name=f"抢注 {n}-{i}"), ADMIN))

        succeeded = [o for o in outcomes if isinstance(o, dict)]
        refused = [o for o in outcomes if isinstance(o, CreditCodeTaken)]
        assert (len(succeeded), len(refused)) == (1, 1), outcomes
        assert refused[0].existing_id == registry.holder_of(succeeded[0]["credit_code"])


def test_two_corrections_onto_one_credit_code_at_once_move_exactly_one_claim(services) -> None:
    """A correction saves the entity, the old code's release and the new code's claim in one
    transaction: the loser of a race keeps its own code, and the winner's old code is free."""
    registry = services.registry
    for round_no in range(3):
        wanted = registration(100 + round_no).credit_code
        racers = [register(registry, 10 * round_no + i) for i in (1, 2)]
        old_codes = [registry.entity(r).credit_code for r in racers]
        outcomes = race(2, lambda i, racers=racers, wanted=wanted: registry.record(
            racers[i], "registration_corrected", date(2025, 6, 1), {"credit_code": wanted}, ADMIN))

        winners = [i for i, o in enumerate(outcomes) if isinstance(o, dict)]
        losers = [i for i, o in enumerate(outcomes) if isinstance(o, CreditCodeTaken)]
        assert (len(winners), len(losers)) == (1, 1), outcomes
        winner, loser = winners[0], losers[0]
        assert outcomes[loser].existing_id == racers[winner]
        assert registry.holder_of(wanted) == racers[winner]
        assert registry.holder_of(old_codes[winner]) is None
        assert registry.holder_of(old_codes[loser]) == racers[loser]
        assert registry.entity(racers[loser]).credit_code == old_codes[loser]
        assert len(registry.history(racers[loser])) == 1


def test_one_request_sent_at_once_by_many_writers_with_one_key_is_recorded_once(services) -> None:
    """The Idempotency-Key's record is saved with the event: of writers racing with one key and
    one request, one records and every other is answered with its response as a replay."""
    registry = services.registry
    entity_id = register(registry, 1)
    standard = {"standard": "T/JCG 1-2025", "role": "lead", "amount": "300000.00"}

    outcomes = race(THREADS, lambda i: registry.record(
        entity_id, "standard_drafted", date(2025, 6, 1), standard, ADMIN, idempotency_key="k-1"))

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    first = [o for o in outcomes if not o.get("replayed")]
    assert len(first) == 1, outcomes
    assert {(o["event_id"], o["version"]) for o in outcomes} == {(first[0]["event_id"], 2)}
    assert [r.type for r in registry.history(entity_id)] == ["registered", "standard_drafted"]


def test_a_request_whose_first_sending_is_saved_while_it_is_decided_is_answered_as_a_replay(
        services, monkeypatch) -> None:
    """The first sending of a keyed request is saved after its repeat looked for the key but
    before it read the entity's history: the repeat is the same request, answered with the
    first response, not refused as a second recording of its own matter (7.2, 409)."""
    registry = services.registry
    entity_id = register(registry, 1)
    standard = {"standard": "T/JCG 2-2025", "role": "lead", "amount": "300000.00"}

    def send() -> dict:
        return registry.record(entity_id, "standard_drafted", date(2025, 6, 1), standard, ADMIN,
                               idempotency_key="k-2")

    first: list[dict] = []
    read = registry.load

    def first_sending_saved_meanwhile(*args: Any, **kwargs: Any) -> Any:
        if not first:
            first.append({})
            first[0] = send()
        return read(*args, **kwargs)

    monkeypatch.setattr(registry, "load", first_sending_saved_meanwhile)
    repeat = send()

    response = {k: v for k, v in first[0].items() if k != "position"}  # where the log stood
    assert repeat == {**response, "replayed": True}
    assert [r.type for r in registry.history(entity_id)] == ["registered", "standard_drafted"]



def test_two_clerks_paying_one_award_at_once_pay_it_once(services, monkeypatch) -> None:
    """1.1 创新资金 of 500,000.00, approved: a clerk's disbursement of the whole sum is decided,
    and before it is saved another clerk's is saved. The first's retry decides again on the
    history the other left, so it is refused: what is paid never exceeds what was approved."""
    from projections.policy import PolicyRefusal, entitlements

    registry = services.registry
    entity_id = register(registry, 1)
    registry.record(entity_id, "achievement_recognised", date(2026, 2, 1),
                    {"achievement": "氢能", "stage": "lab", "amount": "500000.00"}, ADMIN)
    [award] = [e.id for e in entitlements(registry.history(entity_id), services.policy) if e.clause == "1.1"]
    registry.record(entity_id, "entitlement_approved", date(2026, 2, 15), {"entitlement_id": award}, ADMIN)

    def pay() -> dict:
        return registry.record(entity_id, "entitlement_disbursed", date(2026, 2, 20),
                               {"entitlement_id": award, "amount": "500000.00", "paid_on": "2026-02-20"},
                               ADMIN)

    other: list[Any] = []
    save = registry.save

    def other_clerk_saves_first(*aggregates: Any, **kwargs: Any) -> Any:
        if not other:
            other.append(None)
            other[0] = pay()
        return save(*aggregates, **kwargs)

    monkeypatch.setattr(registry, "save", other_clerk_saves_first)
    with pytest.raises(PolicyRefusal):
        pay()

    assert other[0]["version"] == 4
    [paid] = [e for e in entitlements(registry.history(entity_id), services.policy) if e.id == award]
    assert (paid.disbursed, paid.status) == (Decimal("500000.00"), "disbursed")
    assert len(registry.history(entity_id)) == 4
