"""How the policy engine's time grows with one entity's history: each shape of history at n
facts and at 4n, and the ratio of the two times. A ratio near 4 grows with the history; near
16, with its square (a rule that searched the history once per matter did: 13's fund outcomes
and 3.2's invest-first projects, before this bench was written).

    python -m bench.engine_growth [--facts 250]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from bench.policy_totals import fact_record
from contract.catalogue import FACT_TYPES
from projections.policy import entitlements, load_book
from registry.records import FactRecord

DAY = date(2025, 3, 1)
TODAY = date(2026, 6, 1)
BORROWER = str(uuid5(NAMESPACE_URL, "jcg-registry/bench/engine_growth/borrower"))


class Built:
    """One entity's history, each fact's data parsed as the registry parses it."""

    def __init__(self, kind: str, **registration: Any):
        self.kind, self.entity_id = kind, uuid5(NAMESPACE_URL, f"jcg-registry/bench/engine_growth/{kind}")
        self.events = [fact_record(self.entity_id, kind, 1, "registered", date(2024, 12, 16),
                               {"kind": kind, "entered_on": date(2024, 12, 16), **registration})]

    def add(self, type_name: str, on: date, data: dict[str, Any], **derived: Any) -> None:
        parsed = {**FACT_TYPES[type_name].parse(data), **derived}
        self.events.append(fact_record(self.entity_id, self.kind, len(self.events) + 1, type_name, on, parsed))


def fund(n: int) -> list[FactRecord]:
    b = Built("fund")
    for i in range(n):
        b.add("fund_project_outcome_recorded", DAY + timedelta(days=i % 300),
              {"project": f"F{i}", "outcome": "failed" if i % 3 else "succeeded"})
    return b.events


def invest_first(n: int) -> list[FactRecord]:
    b = Built("enterprise")
    for i in range(n // 2):
        b.add("invest_first_approved", DAY, {"project": f"P{i}", "total_investment": "1000000.00",
                                             "amount": "100000.00", "equity_ratio": "0.1",
                                             "exit_deadline": "2028-01-01"})
        b.add("invest_first_recovered", DAY + timedelta(days=180), {"project": f"P{i}", "amount": "1000.00"})
    return b.events


def talents(n: int) -> list[FactRecord]:
    b = Built("enterprise")
    for i in range(n // 2):
        b.add("talent_introduced", DAY, {"talent": f"T{i}", "level": "national", "start_on": "2025-03-01"})
        b.add("talent_departed", DAY + timedelta(days=180), {"talent": f"T{i}"})
    return b.events


def loan_losses(n: int) -> list[FactRecord]:
    b = Built("financial_institution", subtype="bank")
    for i in range(n // 2):
        b.add("loan_issued", DAY, {"loan_ref": f"L{i}", "borrower_entity_id": BORROWER,
                                   "category": "early_rd_credit", "principal": "100000.00",
                                   "annual_rate": "0.04", "start_on": "2025-03-01", "end_on": "2026-03-01",
                                   "quankedai": False},
              borrower_registered_on=date(2025, 1, 1), borrower_incubating=True)
        b.add("loan_principal_lost", DAY + timedelta(days=180),
              {"loan_ref": f"L{i}", "amount": "50000.00", "provincial_share_rate": "0.3"})
    return b.events


SHAPES: dict[str, Callable[[int], list[FactRecord]]] = {
    "13 fund outcomes": fund, "3.2 invest-first projects": invest_first,
    "8.1 talents": talents, "12.2 loan losses": loan_losses}


def seconds(events: list[FactRecord], book: Any) -> float:
    started = time.perf_counter()
    entitlements(events, book, TODAY)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=250)
    n = parser.parse_args().facts
    book = load_book()
    print(f"{'history':<28}{n:>10,} facts{4 * n:>10,} facts   ratio")
    for name, build in SHAPES.items():
        small, large = seconds(build(n), book), seconds(build(4 * n), book)
        print(f"{name:<28}{small:>14.3f} s{large:>14.3f} s{large / small:>8.1f}")


if __name__ == "__main__":
    main()
