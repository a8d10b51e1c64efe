"""Parsers for the values of an event's `data`, from JSON to typed Python.

Each parser raises `ValueError` with a message a person can act on; money is parsed by hand
because marshmallow's Decimal field rounds and accepts floats (see stack notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from contract.credit_code import InvalidCreditCode, normalise_credit_code
from contract.text import check_text
from contract.vocabulary import zone_code
from i18n import Quoted, Series, Text, message_of

# What a client sends: the OpenAPI document gives the same patterns (api/events/schemas.py).
MONEY_TEXT = re.compile(r"^[0-9]{1,13}(\.[0-9]{1,2})?$")
RATIO_TEXT = re.compile(r"^(0(\.[0-9]{1,6})?|1(\.0{1,6})?)$")
# The same ratio as an official writes it, a percentage: "4.35%" is 0.0435 (as many places).
PERCENT_TEXT = re.compile(r"^(100(\.0{1,4})?|[0-9]{1,2}(\.[0-9]{1,4})?)%$")
CENT = Decimal("0.01")


def parse_money(value: Any, *, allow_zero: bool = False) -> Decimal:
    """Yuan as a string with at most 2 decimals, e.g. "1000000.00"."""
    if not isinstance(value, str) or not MONEY_TEXT.match(value):
        raise ValueError(Text(
            '%(value)s is not an amount of money: send yuan as a string with at most '
            'two decimals, e.g. "1000000.00"', value=Quoted(value)))
    amount = Decimal(value).quantize(CENT)
    if amount == 0 and not allow_zero:
        raise ValueError(Text("the amount must be greater than 0.00"))
    return amount


def parse_date(value: Any) -> date:
    """A calendar day as YYYY-MM-DD."""
    if not isinstance(value, str) or not re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", value):
        raise ValueError(Text('%(value)s is not a date: use YYYY-MM-DD, e.g. "2025-03-01"',
                              value=Quoted(value)))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(Text("%(value)s is not a day of the calendar", value=Quoted(value))) from None


@dataclass(frozen=True)
class Field:
    """One field of an event's data: how to parse it and whether it may be left out."""

    kind: str
    choices: tuple[str, ...] = ()
    optional: bool = False
    allow_zero: bool = False
    max_length: int = 200
    # A reason or a note may run over lines; names, codes and references may not.
    free_text: bool = False

    def parse(self, value: Any) -> Any:
        return _PARSERS[self.kind](self, value)


def _text(f: Field, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(Text("must be non-empty text"))
    if len(value) > f.max_length:
        raise ValueError(Text("is %(length)s characters long; at most %(most)s are kept",
                              length=len(value), most=f.max_length))
    # Checked before stripping: strip() would drop U+001C–U+001F at the ends without a word.
    return check_text(value, free_text=f.free_text).strip()


def _choice(f: Field, value: Any) -> str:
    if value not in f.choices:
        raise ValueError(Text("%(value)s is not one of %(choices)s", value=Quoted(value),
                              choices=Series(f.choices)))
    return value


def _year(f: Field, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise ValueError(Text("%(value)s is not a year: send a whole number such as 2025",
                              value=Quoted(value)))
    return value


def _count(f: Field, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1200:
        raise ValueError(Text("%(value)s is not a whole number of months from 1 to 1200",
                              value=Quoted(value)))
    return value


def _flag(f: Field, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(Text("%(value)s is not true or false", value=Quoted(value)))
    return value


def _ratio(f: Field, value: Any) -> Decimal:
    ratio = None
    if isinstance(value, str) and RATIO_TEXT.match(value):
        ratio = Decimal(value)
    elif isinstance(value, str) and PERCENT_TEXT.match(value):
        ratio = Decimal(value[:-1]) / 100  # exact: at most six places
    if ratio is None or (ratio == 0 and not f.allow_zero):
        least = (Text('%(value)s is not a ratio: send a number from 0 to 1 such as "0.0435", '
                      'or a percentage such as "4.35%%"', value=Quoted(value)) if f.allow_zero else
                 Text('%(value)s is not a ratio: send a number above 0 and at most 1 such as '
                      '"0.0435", or a percentage such as "4.35%%"', value=Quoted(value)))
        raise ValueError(least)
    return ratio


def _reference(f: Field, value: Any) -> str:
    try:
        return str(UUID(value))
    except (TypeError, ValueError, AttributeError):
        raise ValueError(Text("%(value)s is not an id (a UUID such as those the API returns)",
                              value=Quoted(value))) from None


def _references(f: Field, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError(Text("%(value)s is not a list of ids (UUIDs such as those the API returns)",
                              value=Quoted(value)))
    found = [_reference(f, v) for v in value]
    if len(set(found)) != len(found):
        raise ValueError(Text("lists the same id twice"))
    return found


def _zone(f: Field, value: Any) -> str:
    return zone_code(_text(f, value))


def _credit_code(f: Field, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(Text("must be the 18-character unified social credit code as text"))
    try:
        return normalise_credit_code(value)
    except InvalidCreditCode as exc:
        raise ValueError(message_of(exc)) from None


_PARSERS = {
    "zone": _zone,
    "credit_code": _credit_code,
    "text": _text,
    "choice": _choice,
    "money": lambda f, v: parse_money(v, allow_zero=f.allow_zero),
    "date": lambda f, v: parse_date(v),
    "year": _year,
    "months": _count,
    "flag": _flag,
    "ratio": _ratio,
    "reference": _reference,
    "references": _references,
}
