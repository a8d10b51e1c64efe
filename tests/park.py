"""Helpers for the integration tests: a principal to record as, and valid registrations."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from contract.credit_code import check_character
from projections.policy import entitlements
from projections.views.clause_sums import add_up, lines
from registry.access import Principal
from registry.application import Registry
from registry.clock import park_day
from registry.registration import Registration

ADMIN = Principal("园区管理", "admin")


def credit_code(n: int) -> str:
    """A valid unified social credit code, different for each n."""
    first17 = f"91140300MA{n:07d}"
    return first17 + check_character(first17)


def registration(n: int, kind: str = "enterprise", **changes: Any) -> Registration:
    fields = {"kind": kind, "name": f"阳泉{kind} {n}", "credit_code": credit_code(n),
              "zone": "gaoxin", "entered_on": date(2025, 1, 2), **changes}
    return Registration(**fields)


def register(registry: Registry, n: int, kind: str = "enterprise") -> UUID:
    return UUID(registry.register(registration(n, kind), ADMIN)["id"])


def directory(services: Any) -> list[dict[str, Any]]:
    rows, total = services.model.list_entities(None, None, 0, 10_000)
    assert total == len(rows)
    return rows


def stored_entitlements(services: Any, entity_id: Any, today: date | None = None) -> list[dict[str, Any]] | None:
    """The read model's entitlements of an entity as they stand on `today` (the services' day)."""
    return services.model.entitlements_on(str(entity_id), today or park_day(services.clock()))


def replayed_entitlements(services: Any, history: Any, today: date | None = None) -> list[dict[str, Any]]:
    """What the pure function gives for the same history on the same day."""
    day = today or park_day(services.clock())
    return [e.to_json() for e in entitlements(history, services.policy, today=day)]


def money_by_clause(rows: Any, year: int) -> list[dict[str, Any]]:
    """Per clause of `year`, added up in Python from the entitlements themselves: what the
    database's sums (jcg_clause_sums) must equal. Owed, approved (of it, reviewed), paid."""
    return lines({clause: line for (y, clause), line in add_up(rows).items() if y == year})
