"""A cell's value as the API's JSON would carry it, so the API's own rules judge every row.

A value that cannot be turned into what the column takes is passed on as it is, and the API's
parser says what is wrong with it, in its own words. Refused here is only what no parser could
see: a number Excel has already cut to 15 digits.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from i18n import Text
from spreadsheets.columns import Column

_THOUSANDS = re.compile(r"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
_FLAGS = {"是": True, "否": False, "true": True, "false": False, "1": True, "0": False}
# Excel keeps 15 significant digits of a number: a longer one (a credit code or a reference
# typed into a cell not formatted as text) has lost its last digits before it is saved.
EXACT_DIGITS = 15


class CellRefused(ValueError):
    """The cell no longer holds what was typed into it; the message says what to do."""


def to_json(column: Column, value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
    return _BY_KIND.get(column.kind, _text)(value)


def _text(value: Any) -> Any:
    if isinstance(value, float) and abs(value) >= 10 ** EXACT_DIGITS:
        raise CellRefused(Text("holds a number of more than 15 digits, and Excel keeps only the first 15 "
                               "digits of a number: format the column as text and type the value again"))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into a text column (a project number, say)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return value


def _money(value: Any) -> Any:
    """Yuan as the API's string: a float cell is read as Excel shows it (see _as_excel_shows), so
    1234567.1 is "1234567.10" and 0.125 stays "0.125" (refused by the API: more than two decimals)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        text = _as_excel_shows(value) if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = value.replace(",", "") if _THOUSANDS.match(value) else value
    else:
        return _text(value)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return text
    if not amount.is_finite() or amount.as_tuple().exponent < -2 or "e" in text.lower():
        return text
    return f"{amount:.2f}"


def _day(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            return value.isoformat(sep=" ")  # a time of day: the API refuses it as not a date
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and (typed := _TYPED_DAY.fullmatch(value)):
        try:
            return date(*map(int, typed.groups())).isoformat()
        except ValueError:
            return value  # no such day (2025/2/30): the API says so, quoting it
    return _text(value)


# A date typed into a text cell as clerks write one: 2025/3/1, 2025.3.1, 2025-3-1, 2025年3月1日,
# full-width digits and marks too. Year, month, day: a Chinese date has no other order.
_TYPED_DAY = re.compile(r"(\d{4})\s*[-/.年－／．]\s*(\d{1,2})\s*[-/.月－／．]\s*(\d{1,2})\s*日?")


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value):
        return int(value)
    return value


def _flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    return _FLAGS.get(str(value).strip().lower(), value)


def _ratio(value: Any) -> Any:
    if isinstance(value, float):
        return _as_excel_shows(value)
    return _text(value)


def _as_excel_shows(value: float) -> str:
    """A number cell as Excel shows and computes with it, to 15 significant digits: =300000.1*3
    pasted as a value is saved as 900000.29999999993, and is 900000.3 to the clerk and to Excel."""
    return f"{value:.{EXACT_DIGITS}g}"


def _ids(value: Any) -> Any:
    """Several ids in one cell (就高's `replaces`), as a clerk separates them: commas, 、 or
    spaces; a list, as the API takes it."""
    if not isinstance(value, str):
        return _text(value)
    return [part for part in re.split(r"[\s,，、;；]+", value) if part]


_BY_KIND = {"money": _money, "date": _day, "year": _whole, "months": _whole, "flag": _flag,
            "ratio": _ratio, "references": _ids}
