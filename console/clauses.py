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


def of_filters(book: Any, clause: str | None, unit: str | None) -> list[str] | None:
    """The clauses a list keeps for `?clause=` and `?unit=` (a unit: the clauses whose article
    names it, as the rows' own units say); None when neither is asked for."""
    if unit is None:
        return None if clause is None else [clause]
    answering = clauses_of(book, unit)
    return answering if clause is None else [c for c in answering if c == clause]
