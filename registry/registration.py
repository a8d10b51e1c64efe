"""What a registration (入驻登记) must state, checked before anything is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from contract.catalogue import CREDIT_CODE, NAME, ZONE, InvalidFact
from contract.fields import parse_date
from contract.vocabulary import SUBTYPES
from i18n import Quoted, Series, Text, message_of
from registry.entities import ENTITY_CLASSES

# The kind whose registration names a subtype; every other kind's must not.
SUBTYPED_KIND = "financial_institution"


@dataclass(frozen=True)
class Registration:
    kind: str
    name: str
    credit_code: str
    zone: str
    entered_on: date
    subtype: str | None = None

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> Registration:
        """A registration from JSON-like values, or InvalidFact naming every wrong field."""
        errors: dict[str, list[str]] = {}
        values: dict[str, Any] = {}
        checks = {
            "kind": _kind,
            "name": NAME.parse,
            "credit_code": CREDIT_CODE.parse,
            "zone": ZONE.parse,
            "entered_on": lambda v: v if isinstance(v, date) else parse_date(v),
        }
        for name, check in checks.items():
            try:
                values[name] = check(raw.get(name))
            except ValueError as exc:
                errors[name] = [message_of(exc) if raw.get(name) is not None else Text("is required")]
        try:
            values["subtype"] = check_subtype(values.get("kind"), raw.get("subtype"))
        except ValueError as exc:
            errors["subtype"] = [message_of(exc)]
        if errors:
            raise InvalidFact(errors)
        return cls(**values)


def _kind(value: Any) -> str:
    if value not in ENTITY_CLASSES:
        raise ValueError(Text("%(value)s is not a kind of entity; use one of %(kinds)s", value=Quoted(value),
                              kinds=Series(ENTITY_CLASSES)))
    return value


def check_subtype(kind: str | None, value: Any) -> str | None:
    """The subtype a registration of `kind` states: required of a financial institution only."""
    if kind != SUBTYPED_KIND:
        if value is not None:
            raise ValueError(Text("only a %(subtyped)s has a subtype; leave it out for a %(kind)s",
                                  subtyped=SUBTYPED_KIND, kind=kind))
        return None
    if value not in SUBTYPES:
        if value is None:
            raise ValueError(Text("is required: use one of %(subtypes)s", subtypes=Series(SUBTYPES)))
        raise ValueError(Text("%(value)s is not one: use one of %(subtypes)s", value=Quoted(value),
                              subtypes=Series(SUBTYPES)))
    return value
