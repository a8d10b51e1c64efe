"""One entity's history as the rules see it, and the step every rule ends with: `settle`.

`settle` turns a rule's draft into an `Entitlement`: it gives the draft its stable id, then
applies the 不重复 rule and the review ledger (approval, disbursement, revocation) recorded
against that id. Rules sharing a cap across years call it year by year, so a later year sees
what the earlier ones really owe.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID, uuid5

from i18n import ClauseId, Series, Text, Yuan, then
from registry.records import FactRecord

from .book import Clause, PolicyBook, PolicyVersion
from .matter_names import same_matter
from .model import AWAITING_RENEWAL, ELIGIBLE, ENDED, INELIGIBLE, SUPERSEDED, VOID, Entitlement
from .money import ZERO, q
from .status import (
    ONE_TIME,
    PERIODIC,
    PRESENCE,
    approved_amount,
    away_on,
    ended,
    reviewed,
    revoked,
)

# Fixed for ever: entitlement ids derive from it, and recorded review events name those ids.
ENTITLEMENT_NAMESPACE = UUID("6f1d3c2a-5b7e-4f0a-9c8d-2e4b6a1f3d5c")
REVIEW_TYPES = ("external_support_recorded", "entitlement_approved", "entitlement_disbursed",
                "entitlement_recovered", "entitlement_revoked")


def entitlement_id(entity_id: str, clause: str, anchor: str, year: int | None) -> str:
    """Stable over rebuilds: entity, clause, the matter (event id or matter key) and year."""
    key = f"{entity_id}|{clause}|{anchor}|{'' if year is None else year}"
    return str(uuid5(ENTITLEMENT_NAMESPACE, key))


@dataclass(frozen=True)
class Draft:
    """What a rule works out before 不重复 and review are applied."""

    clause: Clause
    version: PolicyVersion | None
    anchor: str
    year: int | None
    amount: Decimal | None
    basis: Sequence[FactRecord]
    explanation: str
    valid_from: date | None = None
    expires_on: date | None = None
    status: str = ELIGIBLE
    figures: Mapping[str, Decimal] = field(default_factory=dict)


class Context:
    """The entity's events, indexed for the rules, with the policy book."""

    def __init__(self, events: Sequence[FactRecord], book: PolicyBook) -> None:
        self.events = list(events)
        self.book = book
        self.entity_id = str(events[0].entity_id) if events else ""
        self.reviews: dict[str, list[FactRecord]] = defaultdict(list)
        # One matter, one benefit: (clause, matter) -> the event whose entitlement holds it.
        self.holders: dict[tuple[str, tuple[str, ...]], str] = {}
        # The rules ask for a dozen types each run: one pass here rather than one per ask.
        self._by_type: dict[str, list[FactRecord]] = defaultdict(list)
        self._by_ref: dict[str, FactRecord] | None = None
        for e in self.events:
            self._by_type[e.type].append(e)
            if e.type in REVIEW_TYPES:
                self.reviews[str(e.data["entitlement_id"])].append(e)

    def event(self, ref: str | None) -> FactRecord | None:
        """The event with this id's text, if it is in the history."""
        if ref is None:
            return None
        if self._by_ref is None:
            self._by_ref = {e.ref: e for e in self.events}
        return self._by_ref.get(ref)

    def of_type(self, *types: str) -> list[FactRecord]:
        if len(types) == 1:
            return list(self._by_type.get(types[0], ()))  # a copy: callers own what they get
        return [e for e in self.events if e.type in types]

    def away_on(self, first: date, version: PolicyVersion | None) -> FactRecord | None:
        """The departure the entity was away by on the first day of a period, if it was."""
        presence = [e for t in PRESENCE for e in self._by_type.get(t, ())]
        if not presence:  # most entities never leave
            return None
        return away_on(presence, first, version)

    def version_on(self, day: date) -> PolicyVersion | None:
        return self.book.in_force_on(day)

    def series_version(self, events: Sequence[FactRecord]) -> PolicyVersion | None:
        """A multi-year matter lives under the version in force when it first arose; one first
        reported after the latest version ended lives under that version, its years placed by
        their own first days (periods = "begin_inside_window": inside it paid, after it awaiting
        renewal). Reported only before every version, it creates nothing (None)."""
        found = next((v for e in events if (v := self.version_on(e.occurred_on))), None)
        if found is not None or not events:
            return found
        for day in sorted(e.occurred_on for e in events):
            ended = [v for v in self.book.versions if v.valid_to < day]
            if ended:
                return ended[-1]
        return None

    def settle(self, draft: Draft, held_by: str | None = None) -> Entitlement:
        clause = draft.clause
        eid = entitlement_id(self.entity_id, clause.id, draft.anchor, draft.year)
        reviews = self.reviews.get(eid, [])
        amount, status, text = draft.amount, draft.status, draft.explanation
        subject, matter = _subject(draft)
        if held_by is None and status != INELIGIBLE and matter:
            held_by = self._held(clause.id, matter, subject, reviews)
            if held_by is not None:
                what = ", ".join(f"{k} {v}" for k, v in zip(clause.params["matter"], matter,
                                                           strict=True))
                return self.ineligible(draft, Text(
                    "one matter, one benefit (不重复): %(matter)s is already entitled under "
                    "%(clause)s by event %(event)s", matter=what, clause=ClauseId(clause.id),
                    event=held_by), held_by)
        departure = self.away_on(draft.valid_from, draft.version) if draft.valid_from and status in (
            ELIGIBLE, AWAITING_RENEWAL) and clause.kind in (*PERIODIC, ONE_TIME) else None
        if departure is not None and clause.kind == ONE_TIME:
            # A fact dated while the entity was away from the park (recorded after its re-entry)
            # did not arise in the park (在“晋创谷·阳泉”转化或产出): nothing is owed for it.
            return self.ineligible(draft, Text(
                "dated %(day)s, while the entity was away from the park (迁出 on %(departed)s)",
                day=draft.valid_from, departed=departure.occurred_on))
        if departure is not None:
            amount, status, text = ended(amount, text, departure)
        # Taken before 不重复 so that support elsewhere never turns the higher benefit (就高) into
        # the lower one.
        worth = amount if status == ELIGIBLE and amount is not None else ZERO
        if status not in (INELIGIBLE, ENDED) and amount is not None:
            amount, status, text = _non_duplication(amount, status, text, reviews)
        amount, status, text, paid, recoverable, recovered = reviewed(amount, status, text, reviews)
        if revoked(reviews) is not None:
            worth = ZERO
        basis = [e.ref for e in draft.basis]
        if reviews:  # most entitlements have none
            basis += [e.ref for e in reviews]
        return Entitlement(
            id=eid, entity_id=self.entity_id, clause=clause.id, title=clause.title,
            kind=clause.kind, amount=amount, disbursed=paid, year=draft.year,
            valid_from=draft.valid_from, expires_on=draft.expires_on, status=status,
            basis=tuple(dict.fromkeys(basis)),
            policy_version=draft.version.id if draft.version else None,
            fiscal=bool(clause.params.get("fiscal", True)),
            responsible_units=clause.responsible_units, explanation=text,
            figures=dict(draft.figures), recoverable=recoverable, matter=matter,
            subject=subject, held_by=held_by, worth=worth, approved=approved_amount(reviews),
            recovered=recovered)

    def void(self, e: Entitlement) -> bool:
        """Whether there is no benefit at all to weigh or follow: ineligible, ended or revoked
        (a revoked one already paid shows overpaid: its ledger says it is void)."""
        return e.status in VOID or revoked(self.reviews.get(e.id, ())) is not None

    def _held(self, clause_id: str, matter: tuple[str, ...], subject: str | None,
              reviews: Sequence[FactRecord]) -> str | None:
        """The earlier event holding this matter under the clause, if another holds it; else
        this entitlement takes it, unless revoked (then the matter may be recorded anew)."""
        key = (clause_id, tuple(map(same_matter, matter)))
        holder = self.holders.get(key)
        if holder is not None and holder != subject:
            return holder
        if holder is None and subject is not None and not revoked(reviews):
            self.holders[key] = subject
        return None

    def ineligible(self, draft: Draft, why: str, held_by: str | None = None) -> Entitlement:
        money = None if draft.clause.kind in ("in_kind", "status") else ZERO
        # Keep the arithmetic when there is some: the officer sees what was assessed and why
        # it is not owed.
        text = (then(then(draft.explanation, why), Text("nothing is owed")) if draft.explanation
                else Text("%(clause)s: %(why)s; nothing is owed", clause=ClauseId(draft.clause.id), why=why))
        return self.settle(Draft(draft.clause, draft.version, draft.anchor, draft.year, money,
                                 draft.basis, text, draft.valid_from, draft.expires_on,
                                 INELIGIBLE), held_by)

    def outside(self, clause_id: str, event: FactRecord, anchor: str | None = None,
                year: int | None = None) -> Entitlement:
        """The matter arose on a day no version is in force: it creates nothing."""
        clause = self.book.latest_clause(clause_id)
        if clause is None:
            raise LookupError(f"no policy version has clause {clause_id}")
        spans = Series(f"{v.id} {v.valid_from}–{v.valid_to}" for v in self.book.versions)
        why = Text("%(type)s on %(day)s falls outside every policy in force (%(spans)s)",
                   type=event.type, day=event.occurred_on, spans=spans)
        draft = Draft(clause, None, anchor or event.ref, year, None, [event], "",
                      event.occurred_on)
        return self.ineligible(draft, why)


def _non_duplication(amount: Decimal, status: str, text: str,
                     reviews: Sequence[FactRecord]) -> tuple[Decimal, str, str]:
    support = [e for e in reviews if e.type == "external_support_recorded"]
    if not support:
        return amount, status, text
    received = q(sum((e.data["amount"] for e in support), ZERO))
    owed = max(ZERO, amount - received)
    policies = Series(str(e.data.get("policy", "")) for e in support)
    text = then(text, Text("不重复: %(received)s received under %(policies)s, owed "
                           "max(0, %(amount)s − %(received)s) = %(owed)s", received=Yuan(received),
                           policies=policies, amount=Yuan(amount), owed=Yuan(owed)))
    if received >= amount:
        return owed, SUPERSEDED, then(text, Text("superseded by the more favourable support"))
    return owed, status, text


def _subject(draft: Draft) -> tuple[str | None, tuple[str, ...]]:
    """The event that recorded the draft's matter (the latest of its basis of a type the clause
    names), and the matter's identity in it; a clause whose repeats add up or correct has none
    to hold."""
    params = draft.clause.params
    types = params.get("events", ())
    event = next((e for e in reversed(draft.basis) if e.type in types), None)
    if event is None:
        return None, ()
    if params.get("repeat") != "refused":
        return event.ref, ()
    return event.ref, tuple(str(event.data.get(f, "")) for f in params.get("matter", ()))
