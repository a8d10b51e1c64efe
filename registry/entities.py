"""Park entities (园区主体): one aggregate per kind, sharing a life in the park."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from contract.catalogue import FACT_TYPES
from i18n import Series, Text
from registry.errors import FactNotAllowed
from registry.events import FACT_CLASSES, Fact
from registry.records import NAMESPACE

REENTERED = "reentered"
# Who records the facts the registry records itself (catalogue.SYSTEM_TYPES).
SYSTEM_RECORDER = {"role": "system"}
# What the park settles of a departed entity's past: the review and payment of what it earned
# while in the park (contract: "The money's life cycle").
SETTLING = ("entitlement_approved", "entitlement_disbursed", "entitlement_recovered",
            "entitlement_revoked", "external_support_recorded")
# A correction of the registration is no fact of the entity's activity: a departed entity's
# wrong credit code must not block the real company for ever.
AFTER_DEPARTURE = frozenset((*SETTLING, "registration_corrected"))


class ParkEntity(Aggregate):
    """Something the park registers and whose facts it records."""

    kind = ""

    class Registered(Aggregate.Created):
        name: str
        credit_code: str
        zone: str
        entered_on: date
        recorded_by: dict[str, str]
        recorded_at: datetime
        # Only a financial institution has one; events stored before it existed have none.
        subtype: str | None = None

    @event(Registered)
    def __init__(
        self,
        name: str,
        credit_code: str,
        zone: str,
        entered_on: date,
        recorded_by: dict[str, str],
        recorded_at: datetime,
        subtype: str | None = None,
    ):
        self.name = name
        self.subtype = subtype
        self.credit_code = credit_code
        self.zone = zone
        self.entered_on = entered_on
        self.status = "registered"
        # Set by `departed`, cleared by `reentered`.
        self.departed_on: date | None = None

    def record_fact(self, type_name: str, occurred_on: date, data: dict[str, Any], **meta: Any) -> Fact:
        """Record one fact of the contract's table, after checking it may happen to this entity."""
        self.check_may_record(type_name, occurred_on)
        self.trigger_event(FACT_CLASSES[type_name], occurred_on=occurred_on, data=data, **meta)
        return self.pending_events[-1]

    def may_record(self, type_name: str) -> bool:
        """Whether the entity, as it stands, takes facts of this type (whatever their day): what
        the console offers to record, and what `check_may_record` lets through."""
        if self.kind not in FACT_TYPES[type_name].kinds:
            return False
        if type_name == REENTERED:
            return self.departed_on is not None
        return self.departed_on is None or type_name in AFTER_DEPARTURE

    def check_may_record(self, type_name: str, occurred_on: date) -> None:
        """Refuse a fact this entity cannot have: another kind's, a departed entity's activity,
        the re-entry of an entity in the park or before it left."""
        if not self.may_record(type_name):
            raise FactNotAllowed(self._refusal(type_name))
        if type_name == REENTERED and self.departed_on is not None and occurred_on < self.departed_on:
            raise FactNotAllowed(Text(
                "%(name)s departed the park on %(departed)s: it cannot re-enter on %(day)s, "
                "before it left", name=self.name, departed=self.departed_on, day=occurred_on))

    def _refusal(self, type_name: str) -> Text:
        kinds = FACT_TYPES[type_name].kinds
        if self.kind not in kinds:
            return Text("%(type)s is recorded against %(kinds)s entities, not against a %(kind)s",
                        type=type_name, kinds=Series(kinds), kind=self.kind)
        if type_name == REENTERED:
            return Text("%(name)s has not departed the park: reentered brings back only a "
                        "departed entity", name=self.name)
        return Text("%(name)s departed the park (迁出) on %(day)s: only what it earned before can be "
                    "settled (entitlement_approved, entitlement_disbursed, entitlement_recovered, "
                    "entitlement_revoked, external_support_recorded); record reentered to bring it "
                    "back into the park first", name=self.name, day=self.departed_on)


class Enterprise(ParkEntity):
    """科技型企业/创新型企业: a resident enterprise."""

    kind = "enterprise"


class TechTransferAgency(ParkEntity):
    """技术转移机构."""

    kind = "tech_transfer_agency"


class PilotPlatform(ParkEntity):
    """中试平台."""

    kind = "pilot_platform"


class IPServiceFirm(ParkEntity):
    """知识产权服务机构."""

    kind = "ip_service_firm"


class Fund(ParkEntity):
    """股权投资机构 / 政府引导基金 / 子基金."""

    kind = "fund"


class FinancialInstitution(ParkEntity):
    """金融机构 (银行/担保/保险): a bank, guarantor or insurer, paid under articles 10 and 12."""

    kind = "financial_institution"

    def restate_borrower_standing(self, occurred_on: date, data: dict[str, Any],
                                  recorded_at: datetime) -> None:
        """Record that a loan's borrower standing changed (a system fact: no clerk's check
        applies, and a departed lender's losses are still settled on the truth)."""
        self.trigger_event(FACT_CLASSES["loan_borrower_standing_restated"], occurred_on=occurred_on,
                           data=data, recorded_by=SYSTEM_RECORDER, recorded_at=recorded_at,
                           idempotency_key=None)


ENTITY_CLASSES: dict[str, type[ParkEntity]] = {
    cls.kind: cls for cls in (Enterprise, TechTransferAgency, PilotPlatform, IPServiceFirm, Fund,
                              FinancialInstitution)
}


class CreditCodeIndex(Aggregate):
    """Claims a credit code for one entity; its id is derived from the code, so a second claim
    collides in the event store, within the same transaction that saves the entity.

    A correction of the entity's credit code releases its claim; a later registration (or
    correction) with the code claims the same index again, so a claim is always a new version
    of one aggregate and two racing claims still collide."""

    @staticmethod
    def create_id(credit_code: str) -> UUID:
        return uuid5(NAMESPACE, f"credit-code:{credit_code}")

    @event("Claimed")
    def __init__(self, credit_code: str, entity_id: UUID):
        self.credit_code = credit_code
        self.entity_id: UUID | None = entity_id
        self.released_by: UUID | None = None

    @event("Released")
    def release(self, entity_id: UUID) -> None:
        self.entity_id = None
        self.released_by = entity_id

    @event("Reclaimed")
    def reclaim(self, entity_id: UUID) -> None:
        self.entity_id = entity_id


class IdempotencyRecord(Aggregate):
    """The first response to a request sent with an Idempotency-Key, saved with its effect."""

    @staticmethod
    def create_id(scope: str, key: str) -> UUID:
        return uuid5(NAMESPACE, f"idempotency:{scope}:{key}")

    @event("Remembered")
    def __init__(self, scope: str, key: str, fingerprint: str, response: dict[str, Any]):
        self.fingerprint = fingerprint
        self.response = response
