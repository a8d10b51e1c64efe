"""A seeded, reproducible park: entities of every kind in the park's proportions, with histories
that touch every clause, loaded straight through the application, interleaved in the log as a
park's histories are."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from contract.catalogue import FACT_TYPES
from contract.credit_code import check_character
from registry.access import Principal
from registry.entities import ENTITY_CLASSES, CreditCodeIndex

BENCH = Principal("bench", "admin")
# Roughly the park's mix: mostly enterprises, a few of each service kind.
PROPORTIONS = {"enterprise": 80, "pilot_platform": 5, "tech_transfer_agency": 5,
               "ip_service_firm": 5, "fund": 5}
START = date(2024, 12, 16)
# Events saved per transaction: loading is set-up, not what is measured.
SAVE_EVENTS = 1000
# A park records its entities' facts as they happen, over years: a stretch of its log touches
# many entities, whose histories go on further on. So the histories of each WINDOW entities are
# interleaved, each entity's in its own order and after its registration. A window, not the
# whole park, keeps the loader's memory bounded; a projector's batch (2,000 events) is a small
# part of a window's (about 42,000), so each entity is met in many batches as in a real log.
WINDOW = 2000
# Registrations fall in the first part of a window's stretch of the log, in the entities' order.
REGISTERING = 0.3


def credit_code(n: int) -> str:
    first17 = f"9114{n:013d}"
    return first17 + check_character(first17)


def _money(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high)}.{rng.randint(0, 99):02d}"


def fact_day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randint(0, 1000))


def enterprise_fact(rng: random.Random, i: int, refs: list[str]) -> tuple[str, dict[str, Any]]:
    project = f"P{i % 7}"
    choices: list[Callable[[], tuple[str, dict[str, Any]]]] = [
        lambda: ("achievement_recognised", {"achievement": f"成果{i}", "stage": rng.choice(["lab", "pilot"]),
                                            "amount": _money(rng, 300_000, 999_999)}),
        lambda: ("space_granted", {"project": project, "space": "office",
                                   "start_on": fact_day(rng).isoformat(), "months": rng.randint(6, 36)}),
        lambda: ("pilot_maturation_completed", {"project": project}),
        lambda: ("industrialised", {"project": project, "amount": _money(rng, 100_000, 1_999_999)}),
        lambda: ("standard_drafted", {"standard": f"T/{i}", "role": "lead", "amount": _money(rng, 1, 299_999)}),
        lambda: ("patent_navigation_funded", {"project": project, "amount": _money(rng, 1, 299_999)}),
        lambda: ("talent_introduced", {"talent": f"T{i % 3}", "level": rng.choice(["national", "provincial"]),
                                       "start_on": fact_day(rng).isoformat()}),
        lambda: ("graduate_project_funded", {"researcher": f"R{i}", "degree": "phd", "project": project}),
        lambda: ("major_project_funding_reported", {"project": project, "level": "national",
                                                    "year": rng.randint(2025, 2027),
                                                    "allocation": _money(rng, 1_000_000, 30_000_000),
                                                    "in_good_standing": True}),
        lambda: ("award_received", {"award": f"奖{i}", "level": rng.choice(["national", "provincial"]),
                                    "amount": _money(rng, 10_000, 500_000), "first_completing_unit": True}),
        lambda: ("self_initiated_project_filed", {"project": project, "budget": _money(rng, 300_000, 900_000)}),
        lambda: ("ip_pledge_loan_subsidised", {"loan_ref": f"L{i}", "interest_subsidy": _money(rng, 0, 50_000),
                                               "guarantee_fee_subsidy": _money(rng, 0, 20_000)}),
    ]
    return rng.choice(choices)()


def fact_of(kind: str, rng: random.Random, i: int, refs: list[str]) -> tuple[str, dict[str, Any]]:
    year = rng.randint(2025, 2027)
    if kind == "pilot_platform":
        return rng.choice([("equipment_purchased", {"year": year, "original_value": _money(rng, 100_000, 9_000_000)}),
                           ("pilot_service_revenue_reported", {"year": year, "revenue": _money(rng, 10_000, 2_000_000)})])
    if kind == "tech_transfer_agency":
        return rng.choice([("transfer_performance_assessed", {"year": year, "amount": _money(rng, 1, 999_999)}),
                           ("technology_transfer_brokered", {"contract_ref": f"C{i}",
                                                             "contract_amount": _money(rng, 10_000, 900_000),
                                                             "agreed_ratio": "0.05"})])
    if kind == "ip_service_firm":
        if i == 0:
            return "cnipa_filing_recorded", {"filing_no": f"F{rng.randint(1, 10**6)}"}
        return "patent_case_won", {"case_no": f"案{i}", "client_entity_id": rng.choice(refs)}
    if kind == "fund":
        if rng.random() < 0.7:
            return "fund_investment_made", {"investee_entity_id": rng.choice(refs),
                                            "amount_paid_in": _money(rng, 100_000, 50_000_000)}
        return "fund_project_outcome_recorded", {"project": f"F{i}", "outcome": rng.choice(["succeeded", "failed"])}
    return enterprise_fact(rng, i, refs)


@dataclass(frozen=True)
class Loaded:
    entity_ids: list[UUID]
    events: int


def plan(n_entities: int, events_per_entity: int, seed: int) -> Iterator[tuple[str, int]]:
    """(kind, number of facts) for each entity, seeded."""
    rng = random.Random(seed)
    kinds = [k for k, weight in PROPORTIONS.items() for _ in range(weight)]
    for _ in range(n_entities):
        yield rng.choice(kinds), max(1, int(rng.gauss(events_per_entity, events_per_entity / 4)))


def load(registry: Any, n_entities: int, events_per_entity: int = 20, seed: int = 2024,
         progress: Callable[[int], None] | None = None) -> Loaded:
    """Register the entities and record their facts, interleaved WINDOW entities at a time,
    SAVE_EVENTS events per transaction."""
    rng = random.Random(seed)
    # Its own stream, so that the facts are the same however they are interleaved.
    order = random.Random(seed + 1)
    ids: list[UUID] = []
    refs: list[str] = []
    events = 0
    window: list[tuple[float, Any]] = []  # (place in the window's log, event), in making order
    for n, (kind, count) in enumerate(plan(n_entities, events_per_entity, seed)):
        entity = ENTITY_CLASSES[kind](name=f"{kind}-{n}", credit_code=credit_code(n), zone="gaoxin",
                                      entered_on=START, recorded_by=BENCH.as_recorder(),
                                      recorded_at=registry.clock())
        for i in range(count if refs or kind == "enterprise" else 0):
            type_name, data = fact_of(kind, rng, i, refs or [str(entity.id)])
            entity.record_fact(type_name, fact_day(rng), FACT_TYPES[type_name].parse(data), recorded_by=BENCH.as_recorder(),
                               recorded_at=registry.clock(), idempotency_key=None)
        registered = (n % WINDOW) / WINDOW * REGISTERING
        history = entity.collect_events()
        places = [registered, *sorted(order.uniform(registered, 1.0) for _ in history[1:])]
        index = CreditCodeIndex(entity.credit_code, entity.id).collect_events()
        window += [*zip(places, history, strict=True), *((registered, e) for e in index)]
        ids.append(entity.id)
        if kind == "enterprise":
            refs.append(str(entity.id))
        events += entity.version
        if (n + 1) % WINDOW == 0:
            _save_interleaved(registry, window)
        if progress:
            progress(n + 1)
    _save_interleaved(registry, window)
    return Loaded(ids, events)


def _save_interleaved(registry: Any, window: list[tuple[float, Any]]) -> None:
    # A stable sort by place: events at the same place keep the order they were made in, so a
    # registration stays before its entity's facts and its credit-code claim.
    window.sort(key=lambda placed: placed[0])
    in_order = [e for _, e in window]
    # The library's own save: it takes events in the order given, as one transaction. The
    # registry's takes aggregates, whose events it keeps together.
    for first in range(0, len(in_order), SAVE_EVENTS):
        Application.save(registry, *in_order[first:first + SAVE_EVENTS])
    window.clear()
