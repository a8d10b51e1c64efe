"""Entitlements read in Chinese: the clause's Chinese title and the arithmetic explained in
Chinese, rendered from the same stored terms as the English (contract, "Languages")."""

from __future__ import annotations

import re

import pytest

from projections.policy import load_book
from tests.api.conftest import Park
from tests.api.samples import NEEDS_DISBURSED, sample_events

ZH = {"Accept-Language": "zh-CN"}
# What may stay in Latin letters in a Chinese explanation: ids, references and codes the data
# carries (P1, HT-1, CNIPA-2025-001, T/SXJCG 1-2025), numbers, dates and the arithmetic's signs.
ID_LIKE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|"
                     r"[A-Za-z]*[-/]?[A-Za-z]*[0-9][A-Za-z0-9/-]*|T/SXJCG")


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", ID_LIKE.sub(" ", text))


@pytest.fixture
def recorded(park: Park) -> dict[str, str]:
    """Every sample event recorded, as in the recording test: one entity of each kind."""
    enterprise = park.register("enterprise")
    others = {kind: park.register(kind) for kind in
              ("pilot_platform", "tech_transfer_agency", "ip_service_firm", "fund")}
    others["enterprise"] = park.register("enterprise")
    others["financial_institution"] = park.register("financial_institution", subtype="bank")
    for kind, type_name, data in sample_events(enterprise["id"]):
        if type_name in NEEDS_DISBURSED:
            clause, amount = NEEDS_DISBURSED[type_name]
            target = others[kind]["id"]
            entitlement = next(e for e in park.entitlements(target) if e["clause"] == clause)
            park.record(target, "entitlement_approved", {"entitlement_id": entitlement["id"]},
                        occurred_on="2025-06-30")
            park.record(target, "entitlement_disbursed", {"entitlement_id": entitlement["id"],
                        "amount": amount, "paid_on": "2025-06-30"}, occurred_on="2025-06-30")
        if type_name not in ("departed", "reentered"):
            response = park.record(others[kind]["id"], type_name, data, occurred_on="2025-06-30")
            assert response.status_code == 201, (type_name, response.get_json())
    return {kind: entity["id"] for kind, entity in {**others, "first": enterprise}.items()}


def entitlements(park: Park, entity: str, headers: dict[str, str] | None = None) -> list[dict]:
    response = park.client.get(f"/api/v1/entities/{entity}/entitlements",
                               headers={**park.admin, **(headers or {})})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_every_clause_is_explained_in_chinese_with_no_english_left(park: Park, recorded: dict) -> None:
    book = load_book()
    seen = set()
    for entity in recorded.values():
        english = {e["id"]: e for e in entitlements(park, entity)}
        for row in entitlements(park, entity, ZH):
            seen.add(row["clause"])
            clause = book.latest_clause(row["clause"])
            assert row["title"] == clause.title_zh
            assert english_words(row["explanation"]) == [], (row["clause"], row["explanation"])
            before = english[row["id"]]
            # Only the words change: the same figures, ids and amounts.
            assert {k: v for k, v in row.items() if k not in ("title", "explanation")} == \
                {k: v for k, v in before.items() if k not in ("title", "explanation")}
            assert english_words(before["explanation"])  # and the English is still English
    # The samples reach (nearly) every clause, and every clause has both its titles.
    assert {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5.1", "6.1", "6.3",
            "7.1", "7.2", "7.3", "8.1", "8.2", "10", "11", "12.1", "12.3", "13"} <= seen
    for version in book.versions:
        for clause in version.clauses.values():
            assert clause.title_zh and clause.title_en, clause.id


def test_a_chinese_reader_sees_the_arithmetic_of_the_equipment_subsidy(park: Park, recorded: dict) -> None:
    """2.1: 30% of the year's new equipment, at most 1,000,000 a year (阳政发〔2024〕15号 二)."""
    rows = entitlements(park, recorded["pilot_platform"], ZH)
    equipment = next(r for r in rows if r["clause"] == "2.1")
    assert "第2.1条：30% × 12,000,000.00 = 3,600,000.00，每年最高 1,000,000.00" in equipment["explanation"]
    assert equipment["title"] == "中试平台设备购置补助"
    english = next(r for r in entitlements(park, recorded["pilot_platform"]) if r["clause"] == "2.1")
    assert english["explanation"].startswith("2.1: 30% × 12,000,000.00 = 3,600,000.00; capped at 1,000,000.00 a year")
