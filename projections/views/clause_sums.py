"""The money an entity's entitlements count by year and clause, kept by the projector (one row
per entity, year and clause, written in the batch's transaction with its tracking record), so
that the 总览 sums a year in one indexed query instead of reading every entity's entitlements.

Amounts are kept in fen (integers): exact on both backends, and summed by the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from contract.entitlements import reviewed_amount, year_of
from projections.policy.model import OWED, REVIEWED_OWED

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
SERIES = ("owed", "approved", "paid")

TABLES = [
    """CREATE TABLE IF NOT EXISTS {p}jcg_clause_sums (
        entity_id TEXT NOT NULL,
        year INTEGER NOT NULL,
        clause TEXT NOT NULL,
        owed BIGINT NOT NULL,
        approved BIGINT NOT NULL,
        paid BIGINT NOT NULL,
        PRIMARY KEY (entity_id, year, clause))""",
    # Covering: a year's sums are read from the index alone.
    """CREATE INDEX IF NOT EXISTS jcg_clause_sums_year
        ON {p}jcg_clause_sums (year, clause, owed, approved, paid)""",
]
NAME = "jcg_clause_sums"
COLUMNS = ("entity_id", "year", "clause", *SERIES)
DROP = "DELETE FROM {p}jcg_clause_sums"
SELECT_YEAR = """
    SELECT clause, SUM(owed) AS owed, SUM(approved) AS approved, SUM(paid) AS paid
    FROM {p}jcg_clause_sums WHERE year = :year GROUP BY clause"""


def add_up(rows: Iterable[dict[str, Any]]) -> dict[tuple[int, str], dict[str, Decimal]]:
    """Per (year, clause): owed (every amount owed, as GET /subsidies counts it), approved (of
    it, reviewed), paid (every payment, whatever became of its entitlement since: money paid on
    one later revoked or overpaid has left the treasury all the same)."""
    sums: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(lambda: dict.fromkeys(SERIES, ZERO))
    for e in rows:
        year = year_of(e)
        # Only fiscal money counts, as in GET /subsidies: not what a lender or fund carries.
        if not e.get("fiscal", True) or year is None:
            continue
        owed = Decimal(e["amount"]) if e.get("amount") is not None and e["status"] in OWED else None
        paid = Decimal(e.get("disbursed") or "0")
        if owed is None and not paid:
            continue
        line = sums[(year, e["clause"])]
        line["owed"] += owed or ZERO
        if e["status"] in REVIEWED_OWED and owed is not None:
            # What a review approved of it: money owed since waits for a review of its own.
            line["approved"] += Decimal(reviewed_amount(e))
        line["paid"] += paid
    return sums


def entity_sums(entity_id: str, dated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entity's rows of jcg_clause_sums, from its entitlements as stored. The park's date
    changes no row these count (money owed does not lapse: only a benefit in kind or a 3.2
    position, which carry no amount), so they hold on later days too; test_clause_sums checks."""
    return [{"entity_id": entity_id, "year": year, "clause": clause,
             **{s: int(line[s] * 100) for s in SERIES}}
            for (year, clause), line in add_up(dated).items()]


def clause_order(clause: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in clause.replace(",", ".").split("."))


def lines(by_clause: dict[str, dict[str, Decimal]]) -> list[dict[str, Any]]:
    """[{clause, owed, approved, paid}] in the policy's order of clauses."""
    return [{"clause": c, **by_clause[c]} for c in sorted(by_clause, key=clause_order)]


class ClauseSumQueries:
    """Mixed into the read model (it provides `datastore` and `sql`)."""

    datastore: Any
    sql: Any

    def money_by_clause(self, year: int) -> list[dict[str, Any]]:
        """The year's owed, approved and paid by clause, over every entity."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(SELECT_YEAR), {"year": year})
            found = [dict(r) for r in cursor.fetchall()]
        return lines({r["clause"]: {s: (Decimal(r[s]) / 100).quantize(CENT) for s in SERIES} for r in found})
