"""Domain events: one class per contract event type, named in the past tense.

Each class's topic (`registry.events:ClassName`) is stored with every event of its type, so a
class must never be renamed or moved; change its shape only with an upcaster. The facts that
change the entity's own state are written out; the others are made from the catalogue, named
after their type, and a test holds their names to the topics already stored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from eventsourcing.domain import Aggregate

from contract.catalogue import CORRECTABLE, FACT_TYPES, SYSTEM_TYPES


class Fact(Aggregate.Event):
    """A fact of an entity's life in the park, as recorded through the registry."""

    type = ""
    occurred_on: date
    data: dict[str, Any]
    recorded_by: dict[str, str]
    recorded_at: datetime
    idempotency_key: str | None

    def apply(self, aggregate: Any) -> None:
        """Most facts change nothing of the entity's own state; the life events do."""


class IncubationStarted(Fact):
    type = "incubation_started"

    def apply(self, aggregate: Any) -> None:
        aggregate.status = "incubating"


class IncubationGraduated(Fact):
    type = "incubation_graduated"

    def apply(self, aggregate: Any) -> None:
        aggregate.status = "graduated"


class Departed(Fact):
    """迁出."""

    type = "departed"

    def apply(self, aggregate: Any) -> None:
        aggregate.status_before_departure = aggregate.status
        aggregate.status = "departed"
        aggregate.departed_on = self.occurred_on


class Reentered(Fact):
    """重新入驻: a departed entity comes back into the park."""

    type = "reentered"

    def apply(self, aggregate: Any) -> None:
        # Departure ended any incubation (records.incubating_on reads it so); a graduation
        # stays a fact of the entity's past.
        before = getattr(aggregate, "status_before_departure", "registered")
        aggregate.status = "graduated" if before == "graduated" else "registered"
        aggregate.departed_on = None


class DetailsAmended(Fact):
    type = "details_amended"

    def apply(self, aggregate: Any) -> None:
        aggregate.name = self.data.get("name", aggregate.name)
        aggregate.zone = self.data.get("zone", aggregate.zone)


class RegistrationCorrected(Fact):
    """更正登记: a mistake made at registration, corrected; the registration itself stays."""

    type = "registration_corrected"

    def apply(self, aggregate: Any) -> None:
        for name in CORRECTABLE:
            if name in self.data:
                setattr(aggregate, name, self.data[name])


def _class_name(type_name: str) -> str:
    return "".join(word.capitalize() for word in type_name.split("_"))


def _add_plain_facts() -> None:
    """The facts that change nothing of the entity's own state, as classes of this module named
    after their type (`award_received` is AwardReceived), so their topics read like the others'."""
    written = {cls.type for cls in Fact.__subclasses__()}
    for type_name in (*FACT_TYPES, *SYSTEM_TYPES):
        if type_name not in written:
            name = _class_name(type_name)
            globals()[name] = type(name, (Fact,), {"type": type_name, "__module__": __name__,
                                                  "__qualname__": name})


_add_plain_facts()

FACT_CLASSES: dict[str, type[Fact]] = {cls.type: cls for cls in Fact.__subclasses__()}
