"""Helpers for matters that run over several years under one version."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal

from i18n import Text, Yuan, then
from registry.records import FactRecord

from .book import PolicyVersion
from .context import Context, Draft
from .matter_names import same_matter
from .model import AWAITING_RENEWAL, Entitlement

BEFORE, WITHIN, AFTER = "before", "within", "after"


def by_year(events: Iterable[FactRecord], year: Callable[[FactRecord], int] | None = None
            ) -> dict[int, list[FactRecord]]:
    """Events grouped by the year they report (data `year`), years ascending."""
    groups: dict[int, list[FactRecord]] = defaultdict(list)
    for e in events:
        groups[year(e) if year else int(e.data["year"])].append(e)
    return dict(sorted(groups.items()))


def by_key(events: Iterable[FactRecord], key: str) -> dict[str, list[FactRecord]]:
    """Events grouped by a matter key (a project, a talent), in order of first appearance, each
    group under the name as first recorded; names typed differently but one matter
    (`same_matter`) are one group."""
    groups: dict[str, list[FactRecord]] = {}
    first_named: dict[str, str] = {}
    for e in events:
        name = str(e.data[key])
        groups.setdefault(first_named.setdefault(same_matter(name), name), []).append(e)
    return groups


def phase(version: PolicyVersion, year: int) -> str:
    """Where a calendar year stands against the version, by the day it begins."""
    return phase_of_day(version, date(year, 1, 1))


def phase_of_day(version: PolicyVersion, first: date) -> str:
    """Where a period beginning on `first` stands (periods = "begin_inside_window"): one that
    begins before the version took effect is not paid, one after its end awaits renewal."""
    if first < version.valid_from:
        return BEFORE
    return AFTER if first > version.valid_to else WITHIN


def period_version(ctx: Context, first: date) -> tuple[PolicyVersion | None, str]:
    """The version a period beginning on `first` falls under, and where it stands: the one in
    force that day, else the latest that ended before it (awaiting renewal), else the first
    that begins after it (the period is before the policy)."""
    version = ctx.version_on(first)
    if version is not None:
        return version, WITHIN
    ended = [v for v in ctx.book.versions if v.valid_to < first]
    if ended:
        return ended[-1], AFTER
    later = [v for v in ctx.book.versions if v.valid_from > first]
    return (later[0], BEFORE) if later else (None, WITHIN)


def arising_version(ctx: Context, day: date) -> PolicyVersion | None:
    """The version a matter of periods arising on `day` lives under: the one in force that day,
    or, arising after the latest ended, that one (its periods, placed by their own first days,
    await the revised policy); None before every version (it creates nothing)."""
    version, when = period_version(ctx, day)
    return None if when == BEFORE else version


def total(events: Sequence[FactRecord], field: str) -> Decimal:
    return sum((e.data[field] for e in events), Decimal("0.00"))


def shared_cap(gross: Decimal, cap: Decimal, used: Decimal, scope: Text) -> tuple[Decimal, Text]:
    """Hold an amount to what remains of a cap shared across years or matters; the step that says so."""
    room = max(Decimal("0.00"), cap - used)
    if gross > room:
        return room, Text("capped at %(room)s, what remains of %(cap)s %(scope)s after %(used)s already owed",
                          room=Yuan(room), cap=Yuan(cap), scope=scope, used=Yuan(used))
    return gross, Text("%(so_far)s of %(cap)s %(scope)s owed so far", so_far=Yuan(used + gross),
                       cap=Yuan(cap), scope=scope)


def instalment(ctx: Context, draft: Draft, when: str) -> Entitlement:
    """Settle a year of a series; one after the version's end waits for the revised policy."""
    if when != AFTER:
        return ctx.settle(draft)
    v = draft.version
    text = then(draft.explanation, Text("falls after %(version)s ends on %(day)s: awaits the revised "
                                        "policy, neither paid nor dropped", version=v.id, day=v.valid_to)
                ) if v else draft.explanation
    # Built directly: dataclasses.replace costs as much again as the draft itself.
    return ctx.settle(Draft(draft.clause, v, draft.anchor, draft.year, draft.amount, draft.basis,
                            text, draft.valid_from, draft.expires_on,
                            AWAITING_RENEWAL, draft.figures))


def outside_years(ctx: Context, clause_id: str, anchor: str,
                  years: dict[int, list[FactRecord]]) -> list[Entitlement]:
    return [ctx.outside(clause_id, evs[-1], anchor, year) for year, evs in years.items()]
