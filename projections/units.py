"""Responsible units (责任单位): who answers for each article, as the policy data's [units] say.

Deadlines and alerts carry the units of their clause's article; `?unit=` reads them back as the
clauses whose article names the unit, so a list filters in the database and pages stay exact.
"""

from __future__ import annotations

from projections.policy import PolicyBook


def units_of(book: PolicyBook, clause: str | None) -> list[str]:
    """The units of the clause's article as the newest version names them; none for no clause."""
    found = book.latest_clause(clause) if clause else None
    return list(found.responsible_units) if found else []


def every_unit(book: PolicyBook) -> list[str]:
    """Each unit any version names, in the order the policy first lists it."""
    seen: dict[str, None] = {}
    for version in book.versions:
        for clause in version.clauses.values():
            seen.update(dict.fromkeys(clause.responsible_units))
    return list(seen)


def clauses_of(book: PolicyBook, unit: str) -> list[str]:
    """The clauses whose article names the unit, in any version (empty for a unit none names)."""
    return sorted({c for v in book.versions for c in v.clauses if unit in units_of(book, c)})
