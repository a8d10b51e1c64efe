"""The benchmark's events: a fixed, valid mix of contract types across the park's kinds.

Every amount sits under its clause's cap, so the policy's admission check passes them all and
the benchmark measures recording, not refusals.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from contract.credit_code import check_character

# Mostly enterprises, as in the park; each other kind is present so its types are exercised.
KIND_CYCLE = ["enterprise"] * 6 + ["pilot_platform", "tech_transfer_agency", "ip_service_firm", "fund"]

Maker = Callable[[random.Random, int, str], dict[str, Any]]


def money(rng: random.Random, low: int, high: int) -> str:
    return f"{rng.randint(low, high)}.{rng.randint(0, 99):02d}"


TYPES: dict[str, list[tuple[str, Maker]]] = {
    "enterprise": [
        ("achievement_recognised", lambda r, i, ref: {"achievement": f"成果{i}", "stage": "lab",
                                                      "amount": money(r, 300_000, 999_999)}),
        ("self_initiated_project_filed", lambda r, i, ref: {"project": f"P{i}",
                                                            "budget": money(r, 300_000, 900_000)}),
        ("standard_drafted", lambda r, i, ref: {"standard": f"T/JCG {i}", "role": "lead",
                                                "amount": money(r, 1_000, 299_999)}),
        ("talent_introduced", lambda r, i, ref: {"talent": f"人才{i}", "level": "provincial",
                                                 "start_on": "2025-03-01"}),
        ("graduate_project_funded", lambda r, i, ref: {"researcher": f"R{i}", "degree": "phd",
                                                       "project": f"P{i}"}),
        ("award_received", lambda r, i, ref: {"award": f"奖{i}", "level": "provincial",
                                              "amount": money(r, 10_000, 200_000),
                                              "first_completing_unit": True}),
    ],
    "pilot_platform": [
        ("equipment_purchased", lambda r, i, ref: {"year": 2025,
                                                   "original_value": money(r, 10_000, 900_000)}),
        ("pilot_service_revenue_reported", lambda r, i, ref: {"year": 2025, "revenue": money(r, 1, 90_000)}),
    ],
    "tech_transfer_agency": [
        ("technology_transfer_brokered", lambda r, i, ref: {"contract_ref": f"HT-{i}",
                                                            "contract_amount": money(r, 10_000, 900_000),
                                                            "agreed_ratio": "0.05"}),
    ],
    "ip_service_firm": [
        ("cnipa_filing_recorded", lambda r, i, ref: {"filing_no": f"CNIPA-{i}"}),
        ("patent_case_won", lambda r, i, ref: {"case_no": f"案{i}", "client_entity_id": ref}),
    ],
    "fund": [
        ("fund_investment_made", lambda r, i, ref: {"investee_entity_id": ref,
                                                    "amount_paid_in": money(r, 100_000, 5_000_000)}),
        ("fund_project_outcome_recorded", lambda r, i, ref: {"project": f"F{i}", "outcome": "succeeded"}),
    ],
}


def credit_code(n: int) -> str:
    first17 = f"91140300MB{n:07d}"
    return first17 + check_character(first17)


def registrations(entities: int) -> list[dict[str, Any]]:
    """The registration bodies, as the API takes them."""
    return [{"kind": KIND_CYCLE[n % len(KIND_CYCLE)], "name": f"阳泉测试主体{n}",
             "credit_code": credit_code(n), "zone": "gaoxin", "entered_on": "2025-01-02"}
            for n in range(entities)]


def events(kinds: list[str], count: int, enterprise_ref: str, seed: int = 15
           ) -> list[tuple[int, str, str, dict[str, Any]]]:
    """(entity index, type, occurred_on, data), spread round-robin over the entities."""
    rng = random.Random(seed)
    planned = []
    for i in range(count):
        entity = i % len(kinds)
        type_name, make = rng.choice(TYPES[kinds[entity]])
        planned.append((entity, type_name, "2025-06-01", make(rng, i, enterprise_ref)))
    return planned
