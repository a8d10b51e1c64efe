"""What an entity does not get in full, clause by clause: the clauses open to its kind under
which it is owed nothing yet, or whose entitlements owe less than their benefit (a threshold
not reached, 不重复, 就高, a departure, a revocation), each saying what it lacks.

One pure function of the history and the book, as the entitlements are; it reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from contract.catalogue import FACT_TYPES
from i18n import Bilingual, Series, Term, Text, then
from i18n.labels import event_type
from registry.records import FactRecord

from .book import Clause, PolicyBook, PolicyVersion
from .deadlines import deadlines
from .engine import entitlements
from .matter_names import same_matter
from .model import (
    AWAITING_RENEWAL,
    ENDED,
    INELIGIBLE,
    OVERPAID,
    REVOKED,
    SUPERSEDED,
    Entitlement,
)
from .money import ZERO, q
from .series import BEFORE, by_year, phase, total
from .status import PRESENCE, away_on

# Statuses under which the entity does not get the benefit the clause gives.
SHORT = (INELIGIBLE, SUPERSEDED, ENDED, REVOKED, AWAITING_RENEWAL)


# Money moving on an entitlement (its payment, its recovery) changes what is paid, not the
# benefit it gives.
MONEY_MOVED = ("entitlement_disbursed", "entitlement_recovered")


def _short_ids(events: Sequence[FactRecord], book: PolicyBook, today: date,
               found: list[Entitlement]) -> frozenset[str]:
    """The entitlements that do not give the clause's benefit: of SHORT status, or overpaid
    where unpaid they would be (revoked, 不重复, 就高: paid first, then owing nothing), as they
    are once the money is back; not one a cap left owing nothing, which gives all there is."""
    ids = {e.id for e in found if e.status in SHORT}
    overpaid = {e.id for e in found if e.status == OVERPAID}
    if overpaid:
        unpaid = entitlements([e for e in events if e.type not in MONEY_MOVED], book, today=today)
        ids |= {e.id for e in unpaid if e.id in overpaid and e.status in SHORT}
    return frozenset(ids)


@dataclass(frozen=True)
class Gap:
    """A clause open to the entity that it does not get in full."""

    clause: str
    title: str
    missing: str
    shortfall: Decimal | None

    def to_json(self) -> dict[str, Any]:
        return {"clause": self.clause, "title": self.title, "missing": self.missing,
                "shortfall": None if self.shortfall is None else str(self.shortfall)}


def gaps(events: Sequence[FactRecord], book: PolicyBook, today: date) -> list[Gap]:
    """The entity's gaps on `today`, under the version in force (after the policy's end, its
    last version), in the clauses' order."""
    version = book.in_force_on(today) or book.versions[-1]
    kind = events[0].kind
    found = entitlements(events, book, today=today)
    short_ids = _short_ids(events, book, today, found)
    departure = away_on([e for e in events if e.type in PRESENCE], today, version)
    # Windows still to be met (1.3's industrialisation after pilot maturation), by clause.
    windows = [d for d in deadlines(events, book, found) if d.entitlement_id is None and d.clause]
    out = []
    for clause in version.clauses.values():
        if not clause.params.get("benefit", True) or not _open_to(clause, kind):
            continue
        mine = [e for e in found if e.clause == clause.id]
        short = _lacking(mine, short_ids)
        if mine and not short:
            continue
        mine_windows = [d for d in windows if d.clause == clause.id]
        # While some window is open the fact may still be recorded; once all have closed, not.
        open_still = not mine_windows or any(d.due_on >= today for d in mine_windows)
        still = [_not_recorded(clause, kind)] if open_still else []
        missing = (_joined([e.explanation for e in short]) if short else
                   _departed(departure) if departure is not None else
                   _joined([*still, *(_window(d, today) for d in mine_windows)]))
        shortfall = _shortfall(clause, version, events, mine, short_ids)
        out.append(Gap(clause.id, clause.title, missing, shortfall))
    return out


def _lacking(mine: list[Entitlement], short_ids: frozenset[str]) -> list[Entitlement]:
    """Those short of the benefit whose matter no other entitlement of the clause gives: a
    matter revoked and recorded again (one matter, one benefit) is got, not lacking."""
    got = {_matter(e) for e in mine if e.matter and e.id not in short_ids}
    return [e for e in mine if e.id in short_ids and not (e.matter and _matter(e) in got)]


def _matter(e: Entitlement) -> tuple[tuple[str, ...], int | None]:
    return tuple(map(same_matter, e.matter)), e.year


def _open_to(clause: Clause, kind: str) -> bool:
    return any(kind in FACT_TYPES[t].kinds for t in clause.params["events"] if t in FACT_TYPES)


def _joined(texts: list[str]) -> str:
    joined = texts[0]
    for text in texts[1:]:
        joined = then(joined, text)
    return joined


def _departed(departure: FactRecord) -> Text:
    return Text("the entity departed the park (迁出) on %(day)s: no new fact of its activity is "
                "recorded until it re-enters", day=departure.occurred_on)


def _not_recorded(clause: Clause, kind: str) -> Text:
    types = [t for t in clause.params["events"] if t in FACT_TYPES and kind in FACT_TYPES[t].kinds]
    return Text("not yet recorded: %(events)s", events=Series(Term(t, event_type(t)) for t in types))


def _window(window: Any, today: date) -> Text:
    if window.due_on < today:
        return Text("the window has closed: %(what)s on %(day)s", what=Bilingual(window.what),
                    day=window.due_on)
    return Text("%(what)s on %(day)s", what=Bilingual(window.what), day=window.due_on)


def _shortfall(clause: Clause, version: PolicyVersion, events: Sequence[FactRecord],
               mine: list[Entitlement], short_ids: frozenset[str]) -> Decimal | None:
    """Money still short of the clause's threshold, while no entitlement under it meets it:
    2.1's purchases (as its `threshold_basis` adds them up), 5.1's project budget."""
    if any(e.id not in short_ids for e in mine):
        return None
    if "threshold" in clause.params and clause.id == "2.1":
        years = by_year([e for e in events if e.type == "equipment_purchased"])
        counted = [q(total(evs, "original_value")) for year, evs in years.items()
                   if phase(version, year) != BEFORE]
        reached = (sum(counted, ZERO) if clause.params["threshold_basis"] == "cumulative"
                   else max(counted, default=ZERO))
        return max(ZERO, clause.money("threshold") - reached)
    if "min_budget" in clause.params:
        budgets = [q(e.data["budget"]) for e in events if e.type == "self_initiated_project_filed"]
        return max(ZERO, clause.money("min_budget") - max(budgets, default=ZERO))
    return None
