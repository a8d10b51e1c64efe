"""What if the policy said otherwise: a draft of the book with some clauses' parameters
changed, refused unless the policy data could hold it, and what every entity is owed under the
book and under the draft.

The draft is a new book of new clauses with new parameter mappings: the live book (read once,
shared by every request) is never touched, so a what-if cannot leak into later answers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from i18n import ClauseId, Money, Quoted, Series, Text

from .book import READINGS, PolicyBook
from .engine import entitlements
from .model import Entitlement, fiscal_owed
from .money import ZERO, q

# Money is written with at most two decimals; a share of a whole (a rate, a ratio, a ceiling on
# one) with at most six, and never above 1.
_MONEY = re.compile(r"^[0-9]{1,13}(\.[0-9]{1,2})?$")
_SHARE = re.compile(r"^[0-9](\.[0-9]{1,6})?$")
# Terms counted in months or years: at least one, and no further than a date can reach.
MOST = {"months": 1200, "years": 100}
# What shapes a clause though the policy data reads it as a number: 就高's pairing names a
# clause ("8.2"), not a figure.
STRUCTURAL = frozenset({"highest_with"})
# Figures that must keep their order: the first never above the second (a floor and its cap).
ORDERED = (("min_amount", "cap"), ("default_amount", "cap"))


class DraftRefused(Exception):
    """A change the policy data cannot hold; `field` names it as the request did."""

    def __init__(self, message: Text, field: str) -> None:
        super().__init__(message)
        self.field = field


def draft_book(book: PolicyBook, changes: Any) -> PolicyBook:
    """The book with `changes` ({clause: {parameter: value}}) applied to every version holding
    the clause; refused (DraftRefused) unless every clause, parameter and value is one the
    policy data can hold."""
    if not isinstance(changes, Mapping):
        raise DraftRefused(Text("changes name clauses and their parameters as an object, such as "
                                "%(example)s", example='{"1.1": {"cap": "1200000.00"}}'), "changes")
    checked = {str(cid): _checked(book, str(cid), params) for cid, params in changes.items()}
    versions = []
    for version in book.versions:
        clauses = dict(version.clauses)
        for cid, params in checked.items():
            if cid in clauses:
                merged = {**clauses[cid].params, **params}
                _check_order(cid, merged)
                clauses[cid] = replace(clauses[cid], params=merged)
        versions.append(replace(version, clauses=clauses))
    return PolicyBook(versions)


def _checked(book: PolicyBook, cid: str, params: Any) -> dict[str, Any]:
    clause = book.latest_clause(cid)
    if clause is None:
        raise DraftRefused(Text("%(clause)s: the policy has no such clause", clause=Quoted(cid)),
                           f"changes.{cid}")
    if not isinstance(params, Mapping):
        raise DraftRefused(Text("changes name clauses and their parameters as an object, such as "
                                "%(example)s", example='{"1.1": {"cap": "1200000.00"}}'), f"changes.{cid}")
    return {str(name): _value(cid, clause.params, str(name), value) for name, value in params.items()}


def _value(cid: str, params: Mapping[str, Any], name: str, value: Any) -> Any:
    field = f"changes.{cid}.{name}"
    if name not in params:
        raise DraftRefused(Text("%(clause)s: the clause has no parameter %(param)s; it has %(params)s",
                                clause=ClauseId(cid), param=Quoted(name), params=Series(sorted(params))),
                           field)
    now = params[name]
    if name in STRUCTURAL:
        raise _structural(cid, name, field)
    if isinstance(now, bool):
        if isinstance(value, bool):
            return value
        raise _wrong(cid, name, value, field, Text("true or false"))
    if isinstance(now, Decimal):
        return _decimal(cid, name, value, field)
    if isinstance(now, int):
        unit = "months" if name.endswith("months") else "years"
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MOST[unit]:
            return value
        raise _wrong(cid, name, value, field, Text("a whole number from 1 to %(most)s", most=MOST[unit]))
    if name in READINGS and isinstance(now, str):
        if value in READINGS[name]:
            return value
        raise _wrong(cid, name, value, field, Text("one of %(allowed)s",
                                                   allowed=Series(map(Quoted, READINGS[name]))))
    # What identifies a matter, which events bring it, which clause it is weighed against:
    # the shape of the clause, not a figure of it.
    raise _structural(cid, name, field)


def _structural(cid: str, name: str, field: str) -> DraftRefused:
    return DraftRefused(Text("%(clause)s: %(param)s is not a figure a what-if can change",
                             clause=ClauseId(cid), param=Quoted(name)), field)


def _decimal(cid: str, name: str, value: Any, field: str) -> Decimal:
    share = name == "rate" or name.endswith(("_rate", "_ratio", "_share", "_ceiling"))
    pattern, example = (_SHARE, "0.25") if share else (_MONEY, "1234567.89")
    if not isinstance(value, str) or not pattern.match(value):
        raise _wrong(cid, name, value, field, Text(
            "a non-negative decimal written as a string, such as %(example)s", example=example))
    amount = Decimal(value)
    if share and amount > 1:
        raise DraftRefused(Text("%(clause)s: %(param)s is a share of a whole and cannot exceed 1; "
                                "%(value)s does", clause=ClauseId(cid), param=Quoted(name),
                                value=Quoted(value)), field)
    return amount


def _wrong(cid: str, name: str, value: Any, field: str, takes: Text) -> DraftRefused:
    return DraftRefused(Text("%(clause)s: %(param)s takes %(takes)s; %(value)s is not one",
                             clause=ClauseId(cid), param=Quoted(name), takes=takes,
                             value=Quoted(value)), field)


def _check_order(cid: str, params: Mapping[str, Any]) -> None:
    for low, high in ORDERED:
        if low in params and high in params and params[low] > params[high]:
            raise DraftRefused(Text("%(clause)s: %(low)s %(floor)s would exceed %(high)s %(cap)s",
                                    clause=ClauseId(cid), low=Quoted(low), floor=Money(params[low]),
                                    high=Quoted(high), cap=Money(params[high])), f"changes.{cid}")


def year_of(e: Entitlement) -> int | None:
    """Its year, or for a one-time award the year of its first day, as the exports count it."""
    return e.year if e.year is not None else e.valid_from.year if e.valid_from else None


def compare(histories: Iterable[tuple[str, str, Sequence[Any]]], baseline: PolicyBook,
            draft: PolicyBook, year: int | None, today: date) -> dict[str, Any]:
    """What every entity (id, name, history) is owed under `baseline` and under `draft`, by
    clause, and the entities whose amounts change; with `year`, that year's entitlements only."""
    by_clause: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    changed = []
    for entity_id, name, history in histories:
        mine: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
        for side, book in enumerate((baseline, draft)):
            for e in entitlements(history, book, today=today):
                if year is None or year_of(e) == year:
                    mine[e.clause][side] += fiscal_owed(e.status, e.fiscal, e.amount)
        for clause, (before, after) in mine.items():
            by_clause[clause][0] += before
            by_clause[clause][1] += after
            if before != after:
                changed.append({"entity_id": entity_id, "name": name, "clause": clause,
                                "baseline": _money(before), "draft": _money(after),
                                "difference": _money(after - before)})
    before = sum((b for b, _ in by_clause.values()), ZERO)
    after = sum((a for _, a in by_clause.values()), ZERO)
    return {"baseline_total": _money(before), "draft_total": _money(after),
            "difference": _money(after - before),
            "by_clause": [{"clause": c, "baseline": _money(b), "draft": _money(a),
                           "difference": _money(a - b)}
                          for c, (b, a) in sorted(by_clause.items(), key=lambda i: _order(i[0]))],
            "entities": changed}


def _money(amount: Decimal) -> str:
    return str(q(amount))


def _order(clause: str) -> tuple[int, ...]:
    return tuple(int(p) for p in clause.split("."))
