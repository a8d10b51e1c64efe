"""Dates someone must act by, derived from the same entitlements the engine gives."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from registry.records import FactRecord

from .book import PolicyBook
from .engine import entitlements
from .matter_names import same_matter
from .model import INELIGIBLE, OVERPAID, OWES_NOTHING, Deadline, Entitlement
from .money import ZERO, term_end
from .talent import departure_of, departures_by_talent


def _live(e: Entitlement) -> bool:
    """Whether anyone still has to act on it (not refused, superseded, revoked or ended)."""
    return e.status not in OWES_NOTHING


def deadlines(events: Sequence[FactRecord], book: PolicyBook,
              found: Sequence[Entitlement] | None = None) -> list[Deadline]:
    """Expiries and windows for one entity, soonest first (the policy's own end is the whole
    park's: `park_deadlines`).

    `found` is `entitlements(events, book)` when the caller has it already (the projector does).
    """
    if not events:
        return []
    every = list(entitlements(events, book) if found is None else found)
    ents = [e for e in every if _live(e)]
    entity = str(events[0].entity_id)
    found = _expiries(entity, ents, every) + _talent_terms(entity, events, every)
    found += _industrialisation_windows(entity, events, book, every)
    found += _operating_window(entity, ents, every, book)
    return sorted(found, key=lambda d: (d.due_on, d.clause or "", d.entitlement_id or ""))


def _expiries(entity: str, ents: list[Entitlement], every: list[Entitlement]) -> list[Deadline]:
    what = {"1.2": "免费使用办公空间和公共中试基地期满 / free space and pilot base end",
            "3.2": "先投后股退出期限 / invest-first exit deadline"}
    return [Deadline(entity, e.clause, what[e.clause], e.expires_on, e.id)
            for e in ents if e.clause in what and e.expires_on
            and (e.clause != "3.2" or _exit_open(e, every))]


def _exit_open(position: Entitlement, every: list[Entitlement]) -> bool:
    """3.2: whether anything is left to exit by the deadline: money put in and not recovered,
    or money an approval of the project still owes (to be put in, then exited). Not when all
    of it came back, nor when the approval was revoked (or paid beyond what it owes) before
    more was put in."""
    if position.figures.get("outstanding", ZERO) > 0:
        return True
    approvals = set(position.basis)
    return any(e.clause == "3.1" and e.basis[0] in approvals and _live(e) and e.status != OVERPAID
               and (e.amount or ZERO) > e.disbursed for e in every)


def _talent_terms(entity: str, events: Sequence[FactRecord],
                  ents: list[Entitlement]) -> list[Deadline]:
    """The 5-year term of each talent still with the entity ends with its last instalment;
    none when that instalment owes nothing (the entity departed before it began, say)."""
    departures = departures_by_talent(events)
    departed = {intro.ref for intro in events
                if intro.type == "talent_introduced" and departure_of(departures, intro)}
    last: dict[str, Entitlement] = {}
    for e in ents:
        intro = e.basis[0]
        if e.clause == "8.1" and e.expires_on and intro not in departed:
            if intro not in last or e.expires_on > last[intro].expires_on:
                last[intro] = e
    return [Deadline(entity, "8.1", "人才补贴期满 / talent subsidy term ends", e.expires_on, e.id)
            for e in last.values() if _live(e)]


def _industrialisation_windows(entity: str, events: Sequence[FactRecord], book: PolicyBook,
                               every: list[Entitlement]) -> list[Deadline]:
    """1.3: a matured project not yet industrialised must be by the window's last day. An
    industrialisation whose reward was revoked (recorded by mistake, to be recorded anew) does
    not close the window."""
    revoked = {e.data["entitlement_id"] for e in events if e.type == "entitlement_revoked"}
    void = {ref for e in every if e.clause == "1.3" and e.id in revoked for ref in e.basis}
    done = {same_matter(e.data["project"]) for e in events
            if e.type == "industrialised" and e.ref not in void}
    out, seen = [], set()
    for m in events:
        if m.type != "pilot_maturation_completed":
            continue
        project = m.data["project"]
        if same_matter(project) in done or same_matter(project) in seen:
            continue
        seen.add(same_matter(project))
        v = book.in_force_on(m.occurred_on)
        clause = v.clause("1.3") if v else book.latest_clause("1.3")
        if clause is not None:
            due = term_end(m.occurred_on, clause.params["window_months"])
            out.append(Deadline(entity, "1.3", f"中试熟化后三年内产业化期限截止 / industrialisation window "
                                               f"ends ({project})", due))
    return out


def _operating_window(entity: str, ents: list[Entitlement], every: list[Entitlement],
                      book: PolicyBook) -> list[Deadline]:
    """2.2: the 3 consecutive years close at the end of the last of them. They run from the
    first year the engine counts (any not refused: one revoked or ended still began them),
    while some year still owes or may owe."""
    version = next((v for v in book.versions for e in ents
                    if e.clause == "2.2" and e.year and e.policy_version == v.id), None)
    years = sorted(e.year for e in every if e.clause == "2.2" and e.year and e.status != INELIGIBLE)
    if not years or version is None:
        return []
    span = version.clause("2.2").params["consecutive_years"]
    due = date(years[0] + span - 1, 12, 31)
    return [Deadline(entity, "2.2", "中试平台运行补贴三年期满 / operating-subsidy years end", due)]


def park_deadlines(book: PolicyBook) -> list[Deadline]:
    """The end of each policy version: one deadline for the whole park (`entity_id` None), not
    one per entity, however many draw on it."""
    return [Deadline(None, None, f"{v.id} 到期 / policy ends, to be revised", v.valid_to)
            for v in book.versions]
