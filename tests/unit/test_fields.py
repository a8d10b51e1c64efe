"""Money and dates are accepted only in the contract's exact form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from contract.fields import Field, parse_date, parse_money


@pytest.mark.parametrize("text, amount", [
    ("1000000.00", Decimal("1000000.00")),
    ("5", Decimal("5.00")),
    ("0.1", Decimal("0.10")),
    ("9999999999999.99", Decimal("9999999999999.99")),
])
def test_money_in_yuan_with_at_most_two_decimals_is_accepted(text: str, amount: Decimal) -> None:
    parsed = parse_money(text)
    assert parsed == amount
    assert str(parsed) == str(amount)


@pytest.mark.parametrize("value", [
    1000.0, 1000, "1e3", "99.999", "１０００.００", "-5.00", "1,000.00", " 5.00", "", None,
    "10000000000000.00",
])
def test_money_in_any_other_form_is_refused_with_an_example(value: object) -> None:
    with pytest.raises(ValueError, match='e.g. "1000000.00"'):
        parse_money(value)


def test_zero_money_is_refused_unless_the_field_allows_it() -> None:
    with pytest.raises(ValueError, match="greater than 0.00"):
        parse_money("0.00")
    assert Field("money", allow_zero=True).parse("0.00") == Decimal("0.00")


def test_a_day_is_read_from_yyyy_mm_dd_only() -> None:
    assert parse_date("2025-02-28") == date(2025, 2, 28)
    for bad in ("2025-02-30", "2025/02/28", "28-02-2025", "２０２５-０２-２８", 20250228):
        with pytest.raises(ValueError):
            parse_date(bad)


@pytest.mark.parametrize("value", [True, 1999, "2025", 2025.0])
def test_a_year_is_a_whole_number_in_range(value: object) -> None:
    with pytest.raises(ValueError, match="not a year"):
        Field("year").parse(value)
