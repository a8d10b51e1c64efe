"""Build an entity's history in memory, the way the registry hands it to the engine."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5
from zoneinfo import ZoneInfo

from projections.policy import Entitlement, entitlements, load_book
from registry.records import FactRecord

SHANGHAI = ZoneInfo("Asia/Shanghai")
TESTS = UUID("0b5e7a52-7c1f-4d55-9a3e-6f0c2d8b1e47")


def yuan(text: str) -> Decimal:
    return Decimal(text)


class History:
    """One entity's facts, oldest first, registered on the policy's first day by default."""

    def __init__(self, kind: str = "enterprise", name: str = "阳泉示范企业",
                 entered_on: date = date(2024, 12, 16)) -> None:
        self.kind = kind
        self.entity_id = uuid5(TESTS, f"{kind}/{name}")
        self.events: list[FactRecord] = []
        self.add("registered", entered_on, kind=kind, name=name,
                 credit_code="91140300MA0000000X", zone="高新区", entered_on=entered_on)

    def add(self, type: str, on: date, **data: Any) -> FactRecord:
        record = FactRecord(
            entity_id=self.entity_id,
            kind=self.kind, type=type, occurred_on=on,
            recorded_at=datetime.combine(on, time(9), SHANGHAI), version=len(self.events) + 1,
            data=data, recorded_by={"role": "admin"})
        self.events.append(record)
        return record

    def review(self, type: str, on: date, entitlement: Entitlement, **data: Any) -> FactRecord:
        return self.add(type, on, entitlement_id=entitlement.id, **data)

    def entitlements(self, book: Any = None, today: date | None = None) -> list[Entitlement]:
        return entitlements(self.events, book or load_book(), today)

    def of(self, clause: str, **kw: Any) -> list[Entitlement]:
        return [e for e in self.entitlements(**kw) if e.clause == clause]

    def one(self, clause: str, **kw: Any) -> Entitlement:
        found = self.of(clause, **kw)
        assert len(found) == 1, found
        return found[0]
