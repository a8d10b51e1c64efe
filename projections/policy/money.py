"""Money and date arithmetic shared by the rules: exact decimals and calendar terms."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def q(amount: Decimal) -> Decimal:
    """Round to the fen, half up (四舍五入), as the policy's money is paid."""
    if not isinstance(amount, Decimal):  # Decimal() of a Decimal would only copy it
        amount = Decimal(amount)
    # Rounding passed by position: decimal's C code parses keywords slowly, and the rules
    # round a few hundred thousand amounts a rebuild.
    return amount.quantize(FEN, ROUND_HALF_UP)


def yuan(amount: Decimal) -> str:
    """Thousands separators and two decimals, for explanations a person checks by hand."""
    return f"{q(amount):,.2f}"


def exact(amount: Decimal) -> str:
    """Like `yuan`, but keeping any digits below the fen: a limit shown as it is compared."""
    return yuan(amount) if amount == q(amount) else f"{amount.normalize():,f}"


def exact_plain(amount: Decimal) -> str:
    """Like `plain`, but keeping any digits below the fen."""
    return plain(amount) if amount == q(amount) else f"{amount.normalize():f}"


def plain(amount: Decimal) -> str:
    """Two decimals without separators, as money is written in JSON and in refusals."""
    return f"{q(amount):.2f}"


def add_months(day: date, months: int) -> date:
    """The corresponding day `months` later, clamped to the month's end (Jan 31 + 1 = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    # monthrange's length without its weekday, which the rules never use.
    last = 29 if month == 2 and calendar.isleap(year) else calendar.mdays[month]
    return date(year, month, min(day.day, last))


def term_end(start: date, months: int) -> date:
    """Last day, inclusive, of a term of `months` starting on `start`.

    民法典 art. 202: a period in months ends on the corresponding day of its last month, or
    that month's last day when it has none; art. 201: the day it is counted from is not itself
    counted. A term whose first day is `start` (the contract convention) is counted from the
    day before, so it ends the day before the corresponding day, or at the month's end when
    that day does not exist (a term from Jan 31 or Feb 29): 36 months from 2025-03-01 end on
    2028-02-29.
    """
    target = add_months(start, months)
    if target.day < start.day:
        return target
    return target - timedelta(days=1)
