"""贷款登记作废 at the door: a lender takes back a loan it recorded by mistake, so that it can be
recorded again as it is (registry.lending releases the borrower's claim on the reference and the
泉科贷 line's draw in the same save).

Only while nothing has arisen from the loan: principal lost on it (12.1, 12.2) is never undone
by a void, and a borrower's IP-pledge subsidy tied to it (article 10) must first be revoked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from i18n import ClauseId, Series, Text
from registry.records import VOIDED, FactRecord, live_loan

from .book import PolicyBook
from .engine import entitlements
from .matter_names import same_matter
from .model import PolicyRefusal

VOID = "void"


def check_void(history: Sequence[FactRecord], data: Mapping[str, Any], book: PolicyBook,
               history_of: Callable[[str], Sequence[FactRecord] | None]) -> dict[str, Any]:
    """Raise `PolicyRefusal`, or return what the void stores: the loan it voids and its borrower."""
    ref = data["loan_ref"]
    loan = live_loan(history, ref)
    if loan is None:
        raise _no_loan(history, ref)
    lost = [e.ref for e in history if e.type == "loan_principal_lost" and e.version > loan.version
            and same_matter(e.data["loan_ref"]) == same_matter(ref)]
    if lost:
        raise PolicyRefusal(VOID, Text(
            "%(clause)s: principal lost on loan %(ref)s was recorded (loan_principal_lost %(events)s): "
            "a loan with losses is not voided; revoke the 12.1 or 12.2 compensation that arose from "
            "them (entitlement_revoked) if it is wrong", clause=ClauseId(VOID), ref=ref, events=Series(lost)),
            "loan_ref")
    borrower = str(loan.data["borrower_entity_id"])
    subsidies = _subsidies_standing(history_of(borrower) or (), loan, book)
    if subsidies:
        raise PolicyRefusal(VOID, Text(
            "%(clause)s: the borrower's IP-pledge subsidy (ip_pledge_loan_subsidised %(events)s) is tied "
            "to loan %(ref)s: revoke its entitlement on the borrower (entitlement_revoked) first, then "
            "void the loan", clause=ClauseId(VOID), ref=ref, events=Series(subsidies)), "loan_ref")
    return {"loan_event_id": loan.ref, "borrower_entity_id": borrower}


def _no_loan(history: Sequence[FactRecord], ref: str) -> PolicyRefusal:
    void = next((e for e in reversed(history) if e.type == VOIDED
                 and same_matter(e.data["loan_ref"]) == same_matter(ref)), None)
    if void is None:
        return PolicyRefusal(VOID, Text(
            "%(clause)s: loan_ref %(ref)s names no loan recorded by this lender: a loan is voided by "
            "the lender that recorded it", clause=ClauseId(VOID), ref=ref), "loan_ref")
    return PolicyRefusal(VOID, Text(
        "%(clause)s: loan %(ref)s was already voided on %(day)s (event %(event)s) and not recorded "
        "again since", clause=ClauseId(VOID), ref=ref, day=void.occurred_on, event=void.ref), "loan_ref")


def _subsidies_standing(borrower: Sequence[FactRecord], loan: FactRecord,
                        book: PolicyBook) -> list[str]:
    """The borrower's subsidies the door tied to the loan whose entitlement is not revoked."""
    tied = {e.ref for e in borrower if e.type == "ip_pledge_loan_subsidised"
            and e.data.get("loan_event_id") == loan.ref}
    if not tied:
        return []
    revoked = {e.data["entitlement_id"] for e in borrower if e.type == "entitlement_revoked"}
    standing = {ref for e in entitlements(borrower, book) if e.id not in revoked
                for ref in e.basis if ref in tied}
    return [e.ref for e in borrower if e.ref in standing]
