"""One matter, one benefit at the door (and the positions and replacements that follow from
it): a second recording of a matter already entitled under
its clause is refused (409), naming the clause and the earlier event.

The door asks the engine itself: it runs the entity's history with the candidate added and
refuses when the engine finds the candidate's matter held by an earlier event. So the door and
the engine (which gives such a recording nothing, for histories recorded before this check)
can never disagree about what a matter is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from i18n import ClauseId, Money, Series, Text
from registry.records import FactRecord

from .book import Clause, PolicyBook
from .engine import entitlements
from .matter_names import same_matter
from .model import MatterAlreadyEntitled, PolicyRefusal
from .money import ZERO


def check_once(history: Sequence[FactRecord], candidate_type: str, occurred_on: date,
               data: Mapping[str, Any], book: PolicyBook) -> None:
    """Raise `MatterAlreadyEntitled` if the candidate records a matter already entitled."""
    clauses = [c for c in _recording(book, candidate_type)
               if c.params["repeat"] == "refused" and c.params["matter"]]
    # Most facts name a matter the entity never recorded before: no need to run the engine.
    if not clauses or not any(_same(e, candidate_type, data, c) for c in clauses
                              for e in history):
        return
    candidate = as_recorded(history, candidate_type, occurred_on, data)
    for e in entitlements([*history, candidate], book):
        if e.subject == candidate.ref and e.held_by is not None:
            fields = book.latest_clause(e.clause).params["matter"]
            raise MatterAlreadyEntitled(e.clause, dict(zip(fields, e.matter, strict=True)),
                                        e.held_by)


def as_recorded(history: Sequence[FactRecord], candidate_type: str, occurred_on: date,
                data: Mapping[str, Any]) -> FactRecord:
    """The candidate as the history would hold it once recorded, for the engine to judge."""
    first = history[0]
    return FactRecord(first.entity_id, first.kind, candidate_type, occurred_on,
                      datetime.combine(occurred_on, time()), len(history) + 1, dict(data), {})


def _recording(book: PolicyBook, event_type: str) -> list[Clause]:
    """The clauses (of any version) whose matter this type of event records."""
    return [c for v in book.versions for c in v.clauses.values()
            if event_type in c.params["events"]]


def _same(e: FactRecord, event_type: str, data: Mapping[str, Any], clause: Clause) -> bool:
    return e.type == event_type and all(
        same_matter(str(e.data.get(f))) == same_matter(str(data.get(f))) for f in clause.params["matter"])


def check_replaces(history: Sequence[FactRecord], data: Mapping[str, Any],
                   book: PolicyBook) -> None:
    """A case-by-case decision may replace (就高) only entitlements of the same entity."""
    wanted = data.get("replaces") or []
    if not wanted:
        return
    known = {e.id for e in entitlements(history, book)}
    unknown = [ref for ref in wanted if ref not in known]
    if unknown:
        clause = str(data["clause"])
        raise PolicyRefusal(clause, Text("%(clause)s: replaces names %(unknown)s, not entitlements "
                                         "of this entity", clause=ClauseId(clause),
                                         unknown=Series(unknown)), "replaces", {"unknown": unknown})


def check_position(history: Sequence[FactRecord], candidate_type: str, data: Mapping[str, Any],
                   book: PolicyBook, occurred_on: date | None = None) -> None:
    """3.2: a conversion or recovery never takes the position below zero, and needs a project
    approved under 3.1; dated `occurred_on`, not by the events' own dates either."""
    project, amount = data["project"], data["amount"]
    refs = {e.ref for e in history if same_matter(str(e.data.get("project"))) == same_matter(project)
            and e.type.startswith("invest_first_")}
    if not any(e.type == "invest_first_approved" and e.ref in refs for e in history):
        raise PolicyRefusal("3.2", Text("%(clause)s: project %(project)s was never approved under "
                                        "3.1 (invest_first_approved); nothing can be converted or "
                                        "recovered on it", clause=ClauseId("3.2"), project=project),
                            "project", {"project": project})
    position = next(e for e in entitlements(history, book)
                    if e.clause == "3.2" and e.subject in refs)
    figures = position.figures
    outstanding = figures.get("outstanding", ZERO)
    # What may still be converted is what was put in and neither recovered nor converted yet:
    # 9,000,000.00 converted on 5,000,000.00 disbursed would be a negative position.
    if candidate_type == "invest_first_converted" and amount > outstanding - figures.get("converted", ZERO):
        outstanding -= figures.get("converted", ZERO)
        raise PolicyRefusal("3.2", Text(
            "%(clause)s: conversion %(amount)s exceeds what may still be converted on %(project)s, "
            "%(left)s (disbursed %(disbursed)s − recovered %(recovered)s − converted %(converted)s)",
            clause=ClauseId("3.2"), amount=Money(amount), project=project, left=Money(outstanding),
            disbursed=Money(figures["disbursed"]), recovered=Money(figures["recovered"]),
            converted=Money(figures["converted"])), "amount",
            {"project": project, "amount": amount, "outstanding": outstanding})
    if amount > outstanding:
        what = Text("conversion") if candidate_type == "invest_first_converted" else Text("recovery")
        raise PolicyRefusal("3.2", Text(
            "%(clause)s: %(what)s %(amount)s exceeds what is outstanding on %(project)s, "
            "%(outstanding)s (disbursed %(disbursed)s − recovered %(recovered)s)",
            clause=ClauseId("3.2"), what=what, amount=Money(amount), project=project,
            outstanding=Money(outstanding), disbursed=Money(figures["disbursed"]),
            recovered=Money(figures["recovered"])), "amount",
            {"project": project, "amount": amount, "outstanding": outstanding})
    if occurred_on is not None:
        _after_paid(history, candidate_type, occurred_on, data, book, refs)


# The figure of a 3.2 position each kind of exit adds to.
EXITS = {"invest_first_recovered": "recovered", "invest_first_converted": "converted"}


def _after_paid(history: Sequence[FactRecord], candidate_type: str, occurred_on: date,
                data: Mapping[str, Any], book: PolicyBook, refs: set[str]) -> None:
    """By the events' own dates (`?on=`), money comes back or is converted after it was paid:
    on the candidate's day and on each later day money left the position (an exit, a 追回),
    the position with the candidate is not below zero."""
    candidate = as_recorded(history, candidate_type, occurred_on, data)
    later = {e.occurred_on for e in history if e.occurred_on > occurred_on
             and (e.ref in refs or e.type == "entitlement_recovered")}
    for day in sorted({occurred_on} | later):
        facts = [e for e in (*history, candidate) if e.type == "registered" or e.occurred_on <= day]
        # No position that day: the project was approved later, and nothing was paid into it.
        figures = next((e.figures for e in entitlements(facts, book)
                        if e.clause == "3.2" and candidate.ref in e.basis), None) or {
            "disbursed": ZERO, "outstanding": -data["amount"], "converted": ZERO, "recovered": ZERO,
            EXITS[candidate_type]: data["amount"]}
        converted = figures["converted"] if candidate_type == "invest_first_converted" else ZERO
        if figures["outstanding"] - converted >= 0:
            continue
        raise PolicyRefusal("3.2", Text(
            "%(clause)s: by %(day)s (occurred_on) %(disbursed)s was paid into %(project)s, and "
            "%(recovered)s would have come back and %(converted)s been converted with this one: "
            "money comes back or is converted after it was paid", clause=ClauseId("3.2"), day=day,
            disbursed=Money(figures["disbursed"]), project=data["project"],
            recovered=Money(figures["recovered"]), converted=Money(figures["converted"])),
            "occurred_on", {"occurred_on": occurred_on, "day": day, "disbursed": figures["disbursed"]})
