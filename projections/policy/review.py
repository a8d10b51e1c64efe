"""Review before payment, at the door (contract, "The money's life cycle"): an entitlement is
approved only while it owes something, paid only once approved, never on a day after the
park's today, and never beyond what was approved and is owed; money paid beyond what is owed
(应追回) is recovered no further than that.

The door asks the engine itself for the entitlement's status, so what the door admits and what
every resource shows can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from i18n import N_, ClauseId, Money, Text
from registry.records import FactRecord

from .book import PolicyBook
from .engine import entitlements
from .model import APPROVED, DISBURSED, ELIGIBLE, OWES_NOTHING, Entitlement, PolicyRefusal
from .money import ZERO, q
from .once import as_recorded

REVIEW, PAYMENT, RECOVERY = "review", "payment", "recovery"
# An approval decides on money or a benefit still owed; a payment follows an approval.
APPROVABLE = (ELIGIBLE,)
PAID_AFTER_APPROVAL = (APPROVED, DISBURSED)
# Statuses as a refusal names them, marked for the catalogue (中文 as the console shows them).
STATUS_WORDS = frozenset((N_("eligible"), N_("approved"), N_("disbursed"), N_("expired"),
                          N_("superseded"), N_("revoked"), N_("ineligible"),
                          N_("awaiting_renewal"), N_("overpaid"), N_("overdue"), N_("ended")))


def status_word(status: str) -> str:
    return Text(status) if status in STATUS_WORDS else status


def check_review(history: Sequence[FactRecord], kind: str, data: Mapping[str, Any],
                 book: PolicyBook, today: date | None = None,
                 occurred_on: date | None = None) -> dict[str, Any]:
    """Raise `PolicyRefusal` unless the review event may be recorded against its entitlement;
    return what the door stores with it: an approval, the amount it approves."""
    wanted = str(data["entitlement_id"])
    now = entitlements(history, book)
    found = next((e for e in now if e.id == wanted), None)
    label = "不重复" if kind == "external_support_recorded" else REVIEW
    if found is None:
        raise PolicyRefusal(label, Text("%(clause)s: entitlement %(id)s is not one of this entity's "
                                        "entitlements", clause=ClauseId(label), id=wanted), "entitlement_id")
    if kind == "entitlement_approved":
        _approvable(found)
        # The review decides on the amount owed today: what a later fact adds (a second report
        # of the same year) is paid only once a review approves it too.
        return {} if found.amount is None else {"amount": found.amount}
    if kind == "entitlement_disbursed":
        _payable(found, data, today, _approved_on(history, wanted), occurred_on)
    if kind == "entitlement_recovered":
        _recoverable(found, data, today, _first_paid_on(history, wanted))
        _recovered_after_paid(history, wanted, q(data["amount"]), occurred_on)
        _positions_kept(history, now, data, book, occurred_on)
    return {}


def _approvable(found: Entitlement) -> None:
    grown = found.status == APPROVED and found.approved is not None and found.amount is not None \
        and found.amount > found.approved
    if found.status not in APPROVABLE and not grown:
        raise PolicyRefusal(REVIEW, Text(
            "%(clause)s: entitlement %(id)s (%(title)s) is %(status)s, not eligible: only an "
            "entitlement that owes something can be approved", clause=ClauseId(REVIEW),
            id=found.id, title=ClauseId(found.clause), status=status_word(found.status)),
            "entitlement_id", {"status": found.status})
    if found.amount is not None and found.amount <= 0:
        raise PolicyRefusal(REVIEW, Text(
            "%(clause)s: entitlement %(id)s owes %(owed)s: there is nothing to approve",
            clause=ClauseId(REVIEW), id=found.id, owed=Money(found.amount)), "entitlement_id")


def _approved_on(history: Sequence[FactRecord], entitlement_id: str) -> date | None:
    """The day of the entitlement's first approval, if it has one: a payment follows a review,
    and one made between a first approval and a second (of money owed since) followed the
    first."""
    return min((r.occurred_on for r in history if r.type == "entitlement_approved"
                and str(r.data["entitlement_id"]) == entitlement_id), default=None)


def _payable(found: Entitlement, data: Mapping[str, Any], today: date | None,
             approved_on: date | None, occurred_on: date | None = None) -> None:
    if found.amount is None:
        raise PolicyRefusal(found.clause, Text("%(clause)s: entitlement %(id)s is %(kind)s, not money",
                                               clause=ClauseId(found.clause), id=found.id,
                                               kind=found.kind), "entitlement_id")
    if found.status not in PAID_AFTER_APPROVAL:
        raise PolicyRefusal(REVIEW, Text(
            "%(clause)s: entitlement %(id)s is %(status)s, not approved: review before payment "
            "(record entitlement_approved first)", clause=ClauseId(REVIEW), id=found.id,
            status=status_word(found.status)), "entitlement_id", {"status": found.status})
    paid_on = data.get("paid_on")
    if today is not None and paid_on is not None and paid_on > today:
        raise PolicyRefusal(PAYMENT, Text(
            "%(clause)s: paid_on %(day)s is after the park's today %(today)s: record a payment "
            "once it is made", clause=ClauseId(PAYMENT), day=paid_on, today=today), "paid_on",
            {"paid_on": paid_on, "today": today})
    # Paid after its review, by the events' own dates too: read `?on=` a day between, the
    # money would otherwise stand disbursed on an entitlement no review had approved yet.
    if approved_on is not None and paid_on is not None and paid_on < approved_on:
        raise PolicyRefusal(PAYMENT, Text(
            "%(clause)s: paid_on %(day)s is before the entitlement's approval on %(approved)s: "
            "a payment follows its review", clause=ClauseId(PAYMENT), day=paid_on,
            approved=approved_on), "paid_on", {"paid_on": paid_on, "approved_on": approved_on})
    if approved_on is not None and occurred_on is not None and occurred_on < approved_on:
        raise PolicyRefusal(PAYMENT, Text(
            "%(clause)s: the payment is dated %(day)s (occurred_on), before the entitlement's "
            "approval on %(approved)s: a payment follows its review", clause=ClauseId(PAYMENT),
            day=occurred_on, approved=approved_on), "occurred_on",
            {"occurred_on": occurred_on, "approved_on": approved_on})
    amount = q(data["amount"])
    unreviewed = found.amount - found.approved if found.approved is not None else ZERO
    if amount > found.payable and unreviewed > 0 and amount <= found.amount - found.disbursed:
        raise PolicyRefusal(REVIEW, Text(
            "%(clause)s: entitlement %(id)s owes %(owed)s, of which the review approved %(approved)s: "
            "record entitlement_approved again before paying the %(rest)s owed since",
            clause=ClauseId(REVIEW), id=found.id, owed=Money(found.amount),
            approved=Money(found.approved), rest=Money(unreviewed)), "amount",
            {"amount": amount, "approved": found.approved, "disbursed": found.disbursed})
    if amount > found.payable:
        raise PolicyRefusal(found.clause, Text(
            "%(clause)s: disbursement %(amount)s exceeds what is approved and still owed "
            "%(left)s (approved %(owed)s, already disbursed %(paid)s)",
            clause=ClauseId(found.clause), amount=Money(amount), left=Money(found.payable),
            owed=Money(found.amount if found.approved is None else min(found.amount, found.approved)),
            paid=Money(found.disbursed)), "amount",
            {"amount": amount, "owed": found.amount, "disbursed": found.disbursed})


def _first_paid_on(history: Sequence[FactRecord], entitlement_id: str) -> date | None:
    return min((r.data["paid_on"] for r in history if r.type == "entitlement_disbursed"
                and str(r.data["entitlement_id"]) == entitlement_id), default=None)


def _recoverable(found: Entitlement, data: Mapping[str, Any], today: date | None,
                 first_paid_on: date | None) -> None:
    """Money comes back only where more was paid than is owed (应追回), never more than that:
    a recovery beyond it would show money owed again that the park has in fact received."""
    amount, recovered_on = q(data["amount"]), data.get("recovered_on")
    if amount > found.recoverable:
        owed = ZERO if found.status in OWES_NOTHING else found.amount or ZERO
        # What paid − owed leaves beyond 应追回 came back as 3.2 exits (status.returned).
        came_back = found.disbursed - owed - found.recoverable
        figures = dict(clause=ClauseId(RECOVERY), amount=Money(amount), id=found.id,
                       recoverable=Money(found.recoverable), paid=Money(found.disbursed),
                       owed=Money(owed))
        raise PolicyRefusal(RECOVERY, Text(
            "%(clause)s: recovery %(amount)s exceeds what is recoverable on entitlement %(id)s "
            "%(recoverable)s (应追回: paid %(paid)s − owed %(owed)s − came back under 3.2 "
            "(invest_first_recovered) %(back)s)", back=Money(came_back), **figures)
            if came_back > 0 else Text(
            "%(clause)s: recovery %(amount)s exceeds what is recoverable on entitlement %(id)s "
            "%(recoverable)s (应追回: paid %(paid)s, owed %(owed)s)", **figures), "amount",
            {"amount": amount, "recoverable": found.recoverable})
    if today is not None and recovered_on is not None and recovered_on > today:
        raise PolicyRefusal(RECOVERY, Text(
            "%(clause)s: recovered_on %(day)s is after the park's today %(today)s: record a "
            "recovery once the money is back", clause=ClauseId(RECOVERY), day=recovered_on,
            today=today), "recovered_on", {"recovered_on": recovered_on, "today": today})
    if first_paid_on is not None and recovered_on is not None and recovered_on < first_paid_on:
        raise PolicyRefusal(RECOVERY, Text(
            "%(clause)s: recovered_on %(day)s is before the first payment on %(paid_on)s: money is "
            "recovered after it was paid", clause=ClauseId(RECOVERY), day=recovered_on,
            paid_on=first_paid_on), "recovered_on",
            {"recovered_on": recovered_on, "paid_on": first_paid_on})


def _recovered_after_paid(history: Sequence[FactRecord], entitlement_id: str, amount: Decimal,
                          occurred_on: date | None) -> None:
    """By the events' own dates (`?on=`), what was recovered never exceeds what was paid: on
    the recovery's day and on each later recovery's, the payments dated by then cover it."""
    if occurred_on is None:
        return
    mine = [r for r in history if str(r.data.get("entitlement_id")) == entitlement_id]
    paid = [(r.occurred_on, r.data["amount"]) for r in mine if r.type == "entitlement_disbursed"]
    back = [(r.occurred_on, r.data["amount"]) for r in mine if r.type == "entitlement_recovered"]
    back.append((occurred_on, amount))
    for day in sorted({d for d, _ in back if d >= occurred_on}):
        paid_by = q(sum((a for d, a in paid if d <= day), ZERO))
        back_by = q(sum((a for d, a in back if d <= day), ZERO))
        if back_by > paid_by:
            raise PolicyRefusal(RECOVERY, Text(
                "%(clause)s: by %(day)s (occurred_on) %(paid)s was paid on entitlement %(id)s, and "
                "%(recovered)s would be recovered with this one: money is recovered after it was "
                "paid", clause=ClauseId(RECOVERY), day=day, paid=Money(paid_by), id=entitlement_id,
                recovered=Money(back_by)), "occurred_on",
                {"occurred_on": occurred_on, "paid": paid_by, "recovered": back_by})


def _positions_kept(history: Sequence[FactRecord], now: Sequence[Entitlement],
                    data: Mapping[str, Any], book: PolicyBook, occurred_on: date | None) -> None:
    """3.2 positions cannot go negative: money put in under 3.1 and recovered counts once,
    whether it came back as an exit under 3.2 (invest_first_recovered) or as 追回 of the 3.1
    entitlement (the position's disbursed is net of it)."""
    before = {e.id: e for e in now if e.clause == "3.2"}
    if not before:
        return
    candidate = as_recorded(history, "entitlement_recovered", occurred_on or history[-1].occurred_on, data)
    for p in entitlements([*history, candidate], book):
        figures = p.figures
        left = figures.get("outstanding", ZERO) - figures.get("converted", ZERO)
        was = before.get(p.id)
        if p.clause != "3.2" or left >= 0 or was is None or was.figures == figures:
            continue
        raise PolicyRefusal("3.2", Text(
            "%(clause)s: recovery %(amount)s would take the position in %(project)s below zero: "
            "outstanding %(outstanding)s (disbursed %(disbursed)s − recovered %(recovered)s − "
            "converted %(converted)s); money recovered under 3.2 (invest_first_recovered) is not "
            "recovered again", clause=ClauseId("3.2"), amount=Money(q(data["amount"])),
            project=_project(history, p), outstanding=Money(was.figures["outstanding"]),
            disbursed=Money(was.figures["disbursed"]), recovered=Money(was.figures["recovered"]),
            converted=Money(was.figures["converted"])), "amount",
            {"amount": q(data["amount"]), "outstanding": was.figures["outstanding"]})


def _project(history: Sequence[FactRecord], position: Entitlement) -> str:
    return next((str(r.data["project"]) for r in history if r.ref in position.basis
                 and "project" in r.data), "")
