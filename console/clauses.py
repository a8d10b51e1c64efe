"""The clauses of the policy in force, as the console names them and filters by them."""

from __future__ import annotations

from datetime import date
from typing import Any

from console.i18n import language
from projections.units import clauses_of


def clauses_in_force(book: Any, today: date) -> list[dict[str, Any]]:
    """Every clause of the versions in force on or after today (or the latest), once each."""
    versions = book.to_json()["versions"]
    current = [v for v in versions if v["valid_to"] is None or v["valid_to"] >= today.isoformat()]
    seen: dict[str, dict[str, Any]] = {}
    for version in current or versions[-1:]:
        for clause in version["clauses"]:
            seen.setdefault(clause["id"], clause)
    return list(seen.values())


def title(clause: dict[str, Any]) -> str:
    return clause["title_en"] if language() == "en" else clause["title_zh"]


def units_of(clauses: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Clause id → its 责任单位, as the policy names them."""
    return {c["id"]: c.get("responsible_units", []) for c in clauses}


def matches(row: dict[str, Any], clause: str | None, unit: str | None, units: dict[str, list[str]]) -> bool:
    """A deadline or alert of this clause and, when asked, of a clause this unit answers for.
    A row that names several clauses ("1.4, 9") matches each of them."""
    named = [c.strip() for c in (row.get("clause") or "").split(",") if c.strip()]
    if clause and clause not in named:
        return False
    if unit:
        answerable = row.get("units") or [u for c in named for u in units.get(c, [])]
        return unit in answerable
    return True


def of_filters(book: Any, clause: str | None, unit: str | None) -> list[str] | None:
    """The clauses a list keeps for `?clause=` and `?unit=` (a unit: the clauses whose article
    names it, as the rows' own units say); None when neither is asked for."""
    if unit is None:
        return None if clause is None else [clause]
    answering = clauses_of(book, unit)
    return answering if clause is None else [c for c in answering if c == clause]
