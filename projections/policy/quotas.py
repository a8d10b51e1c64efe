"""The 泉科贷 line (article 10): what loans flagged `quankedai` may draw, and what is left.

The line's size is policy data (clause 10, `quankedai_line`); what is drawn is kept by the
registry's credit-line aggregate, saved with each loan so concurrent loans cannot overdraw it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from i18n import ClauseId, Money, Text

from .book import PolicyBook, PolicyVersion
from .model import PolicyRefusal
from .money import ZERO

# line name (as the registry draws on it) -> (clause, parameter holding its size)
LINES = {"quankedai": ("10", "quankedai_line")}


def check_quota(version: PolicyVersion, principal: Decimal, drawn: Decimal) -> None:
    """Refuse a loan whose principal would take the line past its size."""
    clause, param = LINES["quankedai"]
    size = version.clause(clause).money(param)
    if drawn + principal > size:
        raise PolicyRefusal(clause, Text(
            "%(clause)s: 泉科贷 principal %(principal)s would overdraw the line %(size)s: %(drawn)s drawn, "
            "%(remaining)s remaining", clause=ClauseId(clause), principal=Money(principal), size=Money(size),
            drawn=Money(drawn), remaining=Money(max(ZERO, size - drawn))), "principal")


def quota_report(book: PolicyBook, drawn: dict[str, tuple[Decimal, int]],
                 today: date) -> list[dict[str, Any]]:
    """Each line with its size under the version in force today (else the latest), drawn and
    remaining; `drawn` maps a line to (amount drawn, loans drawn)."""
    version = book.in_force_on(today) or book.versions[-1]
    out = []
    for name, (clause_id, param) in LINES.items():
        clause = version.clause(clause_id)
        size, (taken, loans) = clause.money(param), drawn.get(name, (ZERO, 0))
        out.append({"name": name, "title": "泉科贷支小再贷款专项额度 / Quankedai relending line",
                    "clause": clause_id, "policy_version": version.id, "line": size,
                    "drawn": taken, "remaining": max(ZERO, size - taken), "loans": loans,
                    "responsible_units": list(clause.responsible_units)})
    return out
