"""The registration as it stands: the first event's data with each correction applied."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

from registry.records import FactRecord, registration_of

ENTITY = uuid4()


def fact(version: int, type_name: str, **data: object) -> FactRecord:
    return FactRecord(entity_id=ENTITY, kind="enterprise", type=type_name,
                      occurred_on=date(2025, 1, version), recorded_at=datetime(2025, 1, version, tzinfo=UTC),
                      version=version, data=dict(data))


def test_each_correction_overrides_the_registration_in_the_order_recorded() -> None:
    history = [
        fact(1, "registered", kind="enterprise", name="错名", credit_code="A", zone="gaoxin",
             entered_on=date(2019, 1, 2)),
        fact(2, "registration_corrected", entered_on=date(2025, 3, 1), credit_code="B"),
        fact(3, "details_amended", name="改名"),
        fact(4, "registration_corrected", credit_code="C"),
    ]
    assert registration_of(history) == {"kind": "enterprise", "name": "错名", "credit_code": "C",
                                        "zone": "gaoxin", "entered_on": date(2025, 3, 1)}
    assert registration_of(history[:1])["credit_code"] == "A"
