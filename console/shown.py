"""Rows as a page shows them, worked out in Python once: the template only places them (a
hundred rows of labels looked up from the template cost a page of a hundred events 0.2 s)."""

from __future__ import annotations

from typing import Any

from console import labels
from console.format import day, moment, money
from console.i18n import _, language
from contract.catalogue import FACT_TYPES, SYSTEM_TYPES
from i18n import Percent
from i18n.labels import PARTIES
from registry.access import Principal

# What a clerk records next on an entitlement of each status: its review, then its payment;
# of one paid beyond what it owes (应追回), the money's return.
NEXT_STEP = {"eligible": "entitlement_approved", "approved": "entitlement_disbursed",
             "overpaid": "entitlement_recovered"}


def _next_step(e: dict[str, Any]) -> str | None:
    step = NEXT_STEP.get(e["status"])
    # In kind: reviewed, but nothing to pay.
    return None if step == "entitlement_disbursed" and e["amount"] is None else step


def entitlement_rows(rows: list[dict[str, Any]], actions: bool = False) -> list[dict[str, Any]]:
    """`actions`: each row offers the event that settles it next (a clerk's page of today)."""
    paid = _("paid %(amount)s", amount="{}")
    return [{"id": e["id"], "clause": e["clause"], "status": e["status"], "amount": e["amount"] or "",
             "next_type": _next_step(e) if actions else None,
             "next_label": labels.event_type(_next_step(e) or ""),
             "title": e["title"] + (f" · {e['year']}" if e.get("year") else ""),
             "shown_amount": _("in kind") if e["amount"] is None else money(e["amount"]),
             "paid": paid.format(money(e["disbursed"]))
             if e.get("disbursed") not in (None, "0.00") and e["amount"] is not None else "",
             "explanation": e.get("explanation") or "", "status_label": labels.status(e["status"]),
             "valid": _valid(e.get("valid_from"), e.get("expires_on"))}
            for e in rows]


def _valid(start: str | None, end: str | None) -> str:
    """A one-time award has no end: its lone start day read as 有效期 looked like an expiry."""
    if start and end:
        return f"{start} – {end}"
    if start:
        return _("from %(day)s", day=start)
    return _("until %(day)s", day=end) if end else ""


def entitlement_names(rows: list[dict[str, Any]]) -> dict[str, str]:
    """id → how a clerk knows an entitlement (its clause, title and year), for the history."""
    return {e["id"]: " ".join(str(p) for p in (e["clause"], e["title"], e.get("year") or "") if p)
            for e in rows}


def other_parties(records: list[Any]) -> set[str]:
    """The ids of the entities these events name (a loan's borrower, an investee …)."""
    return {str(v) for r in records for k, v in r.data.items() if k in PARTIES}


def history_rows(newest_first: list[Any], reader: Principal,
                 names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """An entity's own reader sees the recorder's role, not the staff's label; another entity or
    an entitlement an event names is shown as a clerk knows it (`names`: id → name)."""
    names = names or {}
    shown = []
    for r in newest_first:
        seen = reader.sees_recorder(r.recorded_by)
        by = labels.role(seen.get("role", ""))
        if "label" in seen:
            by = f"{seen['label']} · {by}"
        data = [_part(r.type, k, v, names, reader) for k, v in r.data.items()]
        shown.append({"event_id": r.event_id, "type": r.type, "type_label": labels.event_type(r.type),
                      "version": r.version, "occurred_on": day(r.occurred_on),
                      "recorded_at": moment(r.recorded_at), "by": by, "data": data})
    return shown


def _part(type_name: str, key: str, value: Any, names: dict[str, str], reader: Principal) -> dict[str, Any]:
    """One field of an event's data: another entity by its name beside its id, linked to its page
    for a reader who may open it; an entitlement by its clause and title; a value as shown."""
    if key in PARTIES:
        other = str(value)
        linked = reader.role != "entity" or other == str(reader.entity_id)
        return {"label": labels.party(key), "value": names.get(other, other), "entity_id": other,
                "linked": linked}
    return {"label": labels.field(key), "value": names.get(str(value)) or _value(type_name, key, value)}


def _kind(type_name: str, key: str) -> str | None:
    fact_type = FACT_TYPES.get(type_name) or SYSTEM_TYPES.get(type_name)
    spec = None if fact_type is None else fact_type.fields.get(key)
    return None if spec is None else spec.kind


def _value(type_name: str, key: str, raw: Any) -> str:
    """A recorded value as the page shows it: money as 1,000,000.00, a rate as 4.5%, codes named."""
    kind = _kind(type_name, key)
    if kind == "money":
        return money(raw)
    return Percent(raw).render(language()) if kind == "ratio" else labels.value(key, raw)
