"""就高 across clauses: one person or project gets the higher benefit, not both.

Run over everything the rules found for an entity: a case-by-case decision (1.4, 9) replaces
the entitlements its event names (`replaces`); a talent brought in flexibly (8.1) and hired
full time (8.2) keeps the higher of the two benefits, each worth what the policy in force pays
on it before support received elsewhere (不重复), which then lowers only the winner's top-up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from i18n import ClauseId, Text, Yuan

from .context import Context
from .matter_names import same_matter
from .model import OWES_NOTHING, Entitlement
from .money import ZERO
from .status import superseded

# Statuses under which nothing more is owed: 就高 has nothing left to take from them.
GONE = OWES_NOTHING


def highest(ctx: Context, found: Sequence[Entitlement]) -> list[Entitlement]:
    out = _replaced(ctx, list(found))
    for version in ctx.book.versions[-1:]:  # the pairs as the newest version states them
        for clause in version.clauses.values():
            other = clause.params.get("highest_with")
            if other is not None:  # a clause id, which the book reads as a number: "8.2"
                out = _one_of(ctx, out, clause.id, str(other), clause.params["same_person"])
    return out


def _replaced(ctx: Context, found: list[Entitlement]) -> list[Entitlement]:
    """Entitlements a case-by-case decision names in `replaces` are superseded by it, unless the
    decision is void; paid elsewhere, it still replaces them."""
    by_id = {e.id: e for e in found}
    replacing: dict[str, Entitlement] = {}
    for e in found:
        if e.clause not in ("1.4", "9") or ctx.void(e):
            continue
        event = ctx.event(e.subject)
        if event is None:
            continue
        for replaced in event.data.get("replaces") or ():
            if replaced in by_id and replaced != e.id:
                replacing.setdefault(replaced, e)
    if not replacing:
        return found
    return [superseded(e, _replaced_by(ctx, replacing[e.id]))
            if e.id in replacing and e.status not in GONE else e for e in found]


def _replaced_by(ctx: Context, decision: Entitlement) -> Text:
    return Text("就高: replaced by the %(clause)s case-by-case decision %(decision)s "
                "(entitlement %(entitlement)s)", clause=ClauseId(decision.clause),
                decision=ctx.event(decision.subject).data["decision_ref"], entitlement=decision.id)


def _one_of(ctx: Context, found: list[Entitlement], first: str, second: str,
            fields: Sequence[str]) -> list[Entitlement]:
    """Where the same person is under both clauses, the one whose benefit is worth less under
    the policy in force is superseded (on a tie, the one recorded later)."""
    totals: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    order: dict[tuple[str, str], int] = {}
    named: dict[str, str] = {}  # the person as recorded, for the explanation
    for n, e in enumerate(found):
        name = _person(ctx, e, first, second, fields)
        person = None if name is None else same_matter(name)
        if person is not None and not ctx.void(e):
            named.setdefault(person, name)
            totals[(e.clause, person)] += e.worth
            order.setdefault((e.clause, person), n)
    losers: dict[tuple[str, str], Text] = {}
    for (clause, person), amount in totals.items():
        other = second if clause == first else first
        if (other, person) not in totals:
            continue
        theirs = totals[(other, person)]
        if amount < theirs or (amount == theirs and order[(clause, person)] > order[(other,
                                                                                      person)]):
            losers[(clause, person)] = Text(
                "就高: %(person)s is also entitled under %(other)s (%(theirs)s against %(here)s "
                "here), the higher benefit", person=named[person], other=ClauseId(other),
                theirs=Yuan(theirs), here=Yuan(amount))
    if not losers:
        return found
    out = []
    for e in found:
        key = (e.clause, _same_person(ctx, e, first, second, fields))
        out.append(superseded(e, losers[key]) if key in losers and e.status not in GONE else e)
    return out


def _person(ctx: Context, e: Entitlement, first: str, second: str, fields: Sequence[str]
            ) -> str | None:
    if e.clause not in (first, second):
        return None
    event = ctx.event(e.subject)
    name = fields[0] if e.clause == first else fields[1]
    return None if event is None else str(event.data.get(name))


def _same_person(ctx: Context, e: Entitlement, first: str, second: str, fields: Sequence[str]
                 ) -> str | None:
    """The person as one matter compares it (不重复), as a talent's departure finds its talent."""
    person = _person(ctx, e, first, second, fields)
    return None if person is None else same_matter(person)
