"""What the generated park would be owed, clause by clause: the policy engine replayed over the
histories `generator.load` records, built in memory (no database), so a change of the engine's
readings shows as a change of these totals.

    python -m bench.policy_totals [--entities 10000] [--events 20] [--seed 2024]
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, time
from decimal import Decimal
from uuid import NAMESPACE_URL, UUID, uuid5
from zoneinfo import ZoneInfo

from bench.generator import START, fact_day, fact_of, plan
from contract.catalogue import FACT_TYPES
from projections.policy import entitlements, load_book
from projections.policy.model import AWAITING_RENEWAL, PAYABLE
from registry.records import FactRecord

SHANGHAI = ZoneInfo("Asia/Shanghai")
PARK = uuid5(NAMESPACE_URL, "jcg-registry/bench/policy_totals")


def histories(n_entities: int, events_per_entity: int, seed: int) -> Iterator[list[FactRecord]]:
    """The facts `generator.load` records for each entity, drawn from the same random streams."""
    rng = random.Random(seed)
    refs: list[str] = []
    for n, (kind, count) in enumerate(plan(n_entities, events_per_entity, seed)):
        entity_id = uuid5(PARK, str(n))
        events = [fact_record(entity_id, kind, 1, "registered", START, {"kind": kind})]
        for i in range(count if refs or kind == "enterprise" else 0):
            type_name, data = fact_of(kind, rng, i, refs or [str(entity_id)])
            events.append(fact_record(entity_id, kind, len(events) + 1, type_name, fact_day(rng),
                                  FACT_TYPES[type_name].parse(data)))
        if kind == "enterprise":
            refs.append(str(entity_id))
        yield events


def fact_record(entity_id: UUID, kind: str, version: int, type_name: str, on, data) -> FactRecord:
    return FactRecord(entity_id, kind, type_name, on,
                      datetime.combine(on, time(9), SHANGHAI), version, data, {"role": "admin"})


def totals(n_entities: int, events_per_entity: int, seed: int) -> dict[str, dict[str, Decimal]]:
    book = load_book()
    out: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for events in histories(n_entities, events_per_entity, seed):
        for e in entitlements(events, book):
            row = out[e.clause]
            row["entitlements"] += 1
            row[e.status] += 1
            if e.amount is not None and e.status in PAYABLE:
                row["owed"] += e.amount
            if e.amount is not None and e.status == AWAITING_RENEWAL:
                row["awaiting"] += e.amount
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    found = totals(args.entities, args.events, args.seed)
    order = sorted(found, key=lambda c: tuple(int(p) for p in c.split(".")))
    print(f"{'clause':<7}{'owed':>20}{'awaiting':>20}  statuses")
    grand = Decimal("0.00")
    for clause in order:
        row = found[clause]
        grand += row["owed"]
        counts = ", ".join(f"{k} {int(v)}" for k, v in sorted(row.items())
                           if k not in ("owed", "awaiting", "entitlements"))
        print(f"{clause:<7}{row['owed']:>20,.2f}{row['awaiting']:>20,.2f}  {counts}")
    print(f"{'total':<7}{grand:>20,.2f}")


if __name__ == "__main__":
    main()
