"""Helpers for matters that run over several years under one version."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from registry.records import FactRecord

from .book import PolicyVersion
from .context import Context, Draft
from .model import AWAITING_RENEWAL, Entitlement
from .money import yuan

BEFORE, WITHIN, AFTER = "before", "within", "after"


def by_year(events: Iterable[FactRecord], year: Callable[[FactRecord], int] | None = None
            ) -> dict[int, list[FactRecord]]:
    """Events grouped by the year they report (data `year`), years ascending."""
    groups: dict[int, list[FactRecord]] = defaultdict(list)
    for e in events:
        groups[year(e) if year else int(e.data["year"])].append(e)
    return dict(sorted(groups.items()))


def by_key(events: Iterable[FactRecord], key: str) -> dict[str, list[FactRecord]]:
    """Events grouped by a matter key (a project, a talent), in order of first appearance."""
    groups: dict[str, list[FactRecord]] = defaultdict(list)
    for e in events:
        groups[str(e.data[key])].append(e)
    return dict(groups)


def phase(version: PolicyVersion, year: int) -> str:
    """Where a calendar year stands against the version: any overlap with it counts."""
    if year < version.valid_from.year:
        return BEFORE
    return AFTER if year > version.valid_to.year else WITHIN


def total(events: Sequence[FactRecord], field: str) -> Decimal:
    return sum((e.data[field] for e in events), Decimal("0.00"))


def shared_cap(gross: Decimal, cap: Decimal, used: Decimal, scope: str) -> tuple[Decimal, str]:
    """Hold an amount to what remains of a cap shared across years or matters."""
    room = max(Decimal("0.00"), cap - used)
    if gross > room:
        return room, (f"; capped at {yuan(room)}, what remains of {yuan(cap)} {scope} after "
                      f"{yuan(used)} already owed")
    return gross, f"; {yuan(used + gross)} of {yuan(cap)} {scope} owed so far"


def instalment(ctx: Context, draft: Draft, when: str) -> Entitlement:
    """Settle a year of a series; one after the version's end waits for the revised policy."""
    if when != AFTER:
        return ctx.settle(draft)
    v = draft.version
    note = (f"; falls after {v.id} ends on {v.valid_to}: awaits the revised policy, "
            "neither paid nor dropped") if v else ""
    # Built directly: dataclasses.replace costs as much again as the draft itself.
    return ctx.settle(Draft(draft.clause, v, draft.anchor, draft.year, draft.amount, draft.basis,
                            draft.explanation + note, draft.valid_from, draft.expires_on,
                            AWAITING_RENEWAL, draft.figures))


def outside_years(ctx: Context, clause_id: str, anchor: str,
                  years: dict[int, list[FactRecord]]) -> list[Entitlement]:
    return [ctx.outside(clause_id, evs[-1], anchor, year) for year, evs in years.items()]
