"""Helpers for the integration tests: a principal to record as, and valid registrations."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from registry.access import Principal
from registry.application import Registry
from registry.credit_code import check_character
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
