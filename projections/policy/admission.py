"""Refusals at the door: a fact the policy in force does not allow is not recorded."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from registry.records import FactRecord

from .book import Clause, PolicyBook, PolicyVersion
from .context import REVIEW_TYPES
from .engine import entitlements
from .finance_door import FINANCE_TYPES, HistoryOf, LoanOf, check_finance
from .model import PolicyRefusal
from .money import pct, plain, q

# event type -> (clause, field naming another entity that must be registered)
ENTITY_REFERENCES = {"fund_investment_made": ("11", "investee_entity_id"),
                     "patent_case_won": ("7.1", "client_entity_id")}


def check_admissible(history: Sequence[FactRecord], candidate_type: str, occurred_on: date,
                     data: Mapping[str, Any], book: PolicyBook,
                     entity_exists: Callable[[str], bool], *, history_of: HistoryOf | None = None,
                     loan_of: LoanOf | None = None, drawn: Decimal | None = None
                     ) -> dict[str, Any]:
    """Raise `PolicyRefusal` if the candidate event breaks a limit of the policy in force;
    otherwise return the facts derived at the door to be stored with it (often none).

    `history_of` gives another entity's history (None if unregistered), `loan_of` a borrower's
    loan by its reference, `drawn` what the 泉科贷 line has lent so far.
    """
    if candidate_type in ENTITY_REFERENCES:
        clause, name = ENTITY_REFERENCES[candidate_type]
        if not entity_exists(str(data[name])):
            raise PolicyRefusal(clause, f"{clause}: {name} {data[name]} names no registered "
                                        "enterprise", name)
    if candidate_type in REVIEW_TYPES:
        _check_review(history, candidate_type, data, book)
    version = book.in_force_on(occurred_on)
    if version is not None and candidate_type in LIMITS:
        LIMITS[candidate_type](version, data)
    if candidate_type not in FINANCE_TYPES:
        return {}
    # Without a way to read other entities, no borrower or beneficiary can be shown to exist.
    return check_finance(history, candidate_type, occurred_on, data, book,
                         history_of or _unknown, loan_of, drawn)


def _check_review(history: Sequence[FactRecord], kind: str, data: Mapping[str, Any],
                  book: PolicyBook) -> None:
    wanted = str(data["entitlement_id"])
    found = next((e for e in entitlements(history, book) if e.id == wanted), None)
    label = "不重复" if kind == "external_support_recorded" else "review"
    if found is None:
        raise PolicyRefusal(label, f"{label}: entitlement {wanted} is not one of this entity's "
                                   "entitlements", "entitlement_id")
    if kind != "entitlement_disbursed":
        return
    if found.amount is None:
        raise PolicyRefusal(found.clause, f"{found.clause}: entitlement {wanted} is "
                                          f"{found.kind}, not money", "entitlement_id")
    if q(data["amount"]) > found.payable:
        raise PolicyRefusal(found.clause, f"{found.clause}: disbursement {plain(data['amount'])}"
                                          f" exceeds what is owed {plain(found.payable)} "
                                          f"(status {found.status})", "amount")


def _at_most(clause: Clause, value: Decimal, cap_name: str, field: str = "amount") -> None:
    cap = clause.params[cap_name]
    if value > cap:
        shown = plain(value) if isinstance(cap, Decimal) else str(value)
        limit = plain(cap) if isinstance(cap, Decimal) else str(cap)
        raise PolicyRefusal(clause.id, f"{clause.id}: {field} {shown} exceeds the cap {limit}",
                            field)


def _at_least(clause: Clause, value: Decimal, floor_name: str, field: str = "amount") -> None:
    floor = clause.money(floor_name)
    if value < floor:
        raise PolicyRefusal(clause.id, f"{clause.id}: {field} {plain(value)} is below the "
                                       f"minimum {plain(floor)}", field)


def _achievement(v: PolicyVersion, d: Mapping[str, Any]) -> None:
    _at_least(v.clause("1.1"), d["amount"], "min_amount")
    _at_most(v.clause("1.1"), d["amount"], "cap")


def _invest_first(v: PolicyVersion, d: Mapping[str, Any]) -> None:
    c = v.clause("3.1")
    share = c.money("max_share")
    half = q(share * d["total_investment"])
    if d["amount"] > half:
        raise PolicyRefusal(c.id, f"{c.id}: amount {plain(d['amount'])} exceeds "
                                  f"{pct(share)} of the total investment "
                                  f"{plain(d['total_investment'])} ({plain(half)})", "amount")
    _at_most(c, d["amount"], "cap")


def _capped(clause_id: str, cap_name: str = "cap", field: str = "amount"
            ) -> Callable[[PolicyVersion, Mapping[str, Any]], None]:
    def check(v: PolicyVersion, d: Mapping[str, Any]) -> None:
        if d.get(field) is not None:
            _at_most(v.clause(clause_id), d[field], cap_name, field)
    return check


LIMITS: dict[str, Callable[[PolicyVersion, Mapping[str, Any]], None]] = {
    "achievement_recognised": _achievement,
    "space_granted": _capped("1.2", "max_months", "months"),
    "industrialised": _capped("1.3"),
    "invest_first_approved": _invest_first,
    "transfer_performance_assessed": _capped("4.1", "annual_cap"),
    "patent_case_won": _capped("7.1"),
    "standard_drafted": _capped("7.2"),
    "patent_navigation_funded": _capped("7.3"),
}


def _unknown(ref: str) -> None:
    return None
