"""Refusals and derived facts at the door for articles 10 and 12.

The engine sees one entity's history, so what a lender's entitlement needs to know of the
borrower (12.2's early-stage test), and what a borrower's subsidy needs to know of the loan
(article 10), is looked up here, when the fact is recorded, and stored with it. A later fact on
the borrower that changes its standing restates it on the lender (registry.borrower_standing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from i18n import ClauseId, Money, Text
from registry.records import VOIDED, FactRecord, borrower_standing, live_loan

from .book import PolicyBook
from .loan_void import check_void
from .matter_names import same_matter
from .model import PolicyRefusal
from .money import ZERO, q
from .quotas import check_quota

HistoryOf = Callable[[str], Sequence[FactRecord] | None]
LoanOf = Callable[[str, str], Mapping[str, Any] | None]
FINANCE_TYPES = ("loan_issued", "loan_principal_lost", "guarantee_issued",
                 "ip_pledge_loan_subsidised", VOIDED)
# A loan's clause, for refusals that concern it.
LOAN_CLAUSE = {"tech_transfer": "12.1", "early_rd_credit": "12.2", "ip_pledge": "10",
               "other": "10"}


def check_finance(history: Sequence[FactRecord], kind: str, occurred_on: date,
                  data: Mapping[str, Any], book: PolicyBook, history_of: HistoryOf,
                  loan_of: LoanOf | None, drawn: Decimal | None) -> dict[str, Any]:
    """Raise `PolicyRefusal`, or return the facts to store with the candidate."""
    if kind == "loan_issued":
        return _loan(history, occurred_on, data, book, history_of, loan_of, drawn)
    if kind == VOIDED:
        return check_void(history, data, book, history_of)
    if kind == "loan_principal_lost":
        _loss(history, occurred_on, data)
    elif kind == "guarantee_issued":
        _enterprise(history_of, "12.3", "beneficiary_entity_id", data)
    elif kind == "ip_pledge_loan_subsidised" and loan_of is not None and history:
        return _linked_loan(loan_of(str(history[0].entity_id), data["loan_ref"]))
    return {}


def _enterprise(history_of: HistoryOf, clause: str, name: str,
                data: Mapping[str, Any]) -> Sequence[FactRecord]:
    found = history_of(str(data[name]))
    if not found or found[0].kind != "enterprise":
        raise PolicyRefusal(clause, Text("%(clause)s: %(field)s %(value)s names no registered enterprise",
                                         clause=ClauseId(clause), field=name, value=data[name]), name)
    return found


def _loan(history: Sequence[FactRecord], occurred_on: date, data: Mapping[str, Any],
          book: PolicyBook, history_of: HistoryOf, loan_of: LoanOf | None,
          drawn: Decimal | None) -> dict[str, Any]:
    clause = LOAN_CLAUSE[data["category"]]
    borrower = _enterprise(history_of, clause, "borrower_entity_id", data)
    if live_loan(history, data["loan_ref"]) is not None:
        raise PolicyRefusal(clause, Text("%(clause)s: loan_ref %(ref)s was already issued by this lender",
                                         clause=ClauseId(clause), ref=data["loan_ref"]), "loan_ref")
    # Another lender's loan to the borrower under the reference, however typed.
    earlier = loan_of(str(data["borrower_entity_id"]), data["loan_ref"]) if loan_of else None
    if earlier is not None:
        raise PolicyRefusal(clause, Text(
            "%(clause)s: loan_ref %(ref)s is already recorded for borrower %(borrower)s, as %(earlier)s "
            "by lender %(lender)s: give each of a borrower's loans its own reference",
            clause=ClauseId(clause), ref=data["loan_ref"], borrower=data["borrower_entity_id"],
            earlier=earlier["loan_ref"], lender=earlier["lender_entity_id"]), "loan_ref")
    if data["quankedai"]:
        # The line is one sum however a loan falls against the policy's dates: a day no
        # version is in force draws on it as the latest version sizes it (as the quota report
        # shows it), never past it.
        check_quota(book.in_force_on(occurred_on) or book.versions[-1], data["principal"], drawn or ZERO)
    return borrower_standing(borrower, data["start_on"])


def _loss(history: Sequence[FactRecord], occurred_on: date, data: Mapping[str, Any]) -> None:
    ref = data["loan_ref"]
    issued = live_loan(history, ref)
    if issued is None:
        raise PolicyRefusal("12", Text("%(clause)s: loan_ref %(ref)s names no loan issued by this lender",
                                       clause=ClauseId("12"), ref=ref), "loan_ref")
    loan = issued.data
    clause = LOAN_CLAUSE[loan["category"]]
    if loan["category"] == "early_rd_credit" and data.get("provincial_share_rate") is None:
        raise PolicyRefusal(clause, Text(
            "%(clause)s: a loss on early-stage R&D credit loan %(ref)s states the provincial share "
            "it follows (比照省财政分担比例), provincial_share_rate", clause=ClauseId(clause), ref=ref),
            "provincial_share_rate")
    if occurred_on < loan["start_on"]:
        raise PolicyRefusal(clause, Text(
            "%(clause)s: a loss on %(day)s precedes loan %(ref)s's start on %(start)s",
            clause=ClauseId(clause), day=occurred_on, ref=ref, start=loan["start_on"]), "occurred_on")
    before = q(sum((e.data["amount"] for e in history if e.type == "loan_principal_lost"
                    and same_matter(e.data["loan_ref"]) == same_matter(ref)), ZERO))
    if before + data["amount"] > loan["principal"]:
        raise PolicyRefusal(clause, Text(
            "%(clause)s: amount %(amount)s with %(before)s already lost exceeds loan %(ref)s's "
            "principal %(principal)s",
            clause=ClauseId(clause), amount=Money(data["amount"]), before=Money(before), ref=ref,
            principal=Money(loan["principal"])), "amount")


def _linked_loan(loan: Mapping[str, Any] | None) -> dict[str, Any]:
    if loan is None:
        return {}
    return {"loan_event_id": str(loan["loan_event_id"]),
            "lender_entity_id": str(loan["lender_entity_id"]), "loan_category": loan["category"]}
