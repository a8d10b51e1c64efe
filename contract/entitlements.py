"""What the contract says of an entitlement as the API shows it (its JSON), read alike by the
read models and the workbooks."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

# The statuses of an entitlement a review has approved and that may still be paid: the
# 资金拨付明细's, and with `publicised` the 公示名单's.
REVIEWED = ("approved", "disbursed")


def publicised(entitlement: Mapping[str, Any]) -> bool:
    """Whether the 公示名单 lists it: approved, or paid and since owed less than was paid
    because support was received elsewhere (不重复: overpaid, still owed what it shows). One
    whose approval was revoked after payment (overpaid, owing 0.00) is not."""
    if entitlement["status"] in REVIEWED:
        return True
    amount = entitlement.get("amount")
    return entitlement["status"] == "overpaid" and amount is not None and Decimal(amount) > 0


def year_of(entitlement: Mapping[str, Any]) -> int | None:
    """The year it counts in: its `year`, or for a one-time award the year it became valid."""
    if entitlement.get("year") is not None:
        return entitlement["year"]
    return int(entitlement["valid_from"][:4]) if entitlement.get("valid_from") else None


def reviewed_amount(entitlement: Mapping[str, Any]) -> str | None:
    """What a review approved of it and it still owes (the lists' 核定金额): its amount, or
    less when money it gained since its review awaits a review of its own."""
    amount, approved = entitlement.get("amount"), entitlement.get("approved")
    if amount is None or approved is None:
        return amount
    return amount if Decimal(amount) <= Decimal(approved) else approved
