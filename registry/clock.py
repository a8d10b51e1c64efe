"""The park's clock. Time is passed in, never read from the system inside the domain."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

PARK_TZ = ZoneInfo("Asia/Shanghai")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, aware, in the park's time zone."""
    return datetime.now(UTC).astimezone(PARK_TZ)


def park_day(instant: datetime) -> date:
    """The park's calendar day of an instant."""
    return instant.astimezone(PARK_TZ).date()
