"""Article 2, pilot platforms (中试平台)."""

from datetime import date

import pytest

from .helpers import History, yuan


def purchases(*years_values: tuple[int, str]) -> History:
    h = History("pilot_platform")
    for year, value in years_values:
        h.add("equipment_purchased", date(max(year, 2025), 6, 1) if year < 2028
              else date(2027, 12, 1), year=year, original_value=yuan(value))
    return h


def test_equipment_subsidy_is_thirty_percent_of_the_years_new_equipment():
    """2.1 按照年度新购置设备总原值的30%，给予不超过100万元的补助。"""
    e = purchases((2025, "10000000.00"), (2026, "2000000.00")).of("2.1")[1]
    assert (e.year, e.amount, e.kind) == (2026, yuan("600000.00"), "annual")


def test_equipment_subsidy_is_capped_at_one_million_a_year():
    """2.1: 30% × 4,000,000.00 = 1,200,000.00, capped at 1,000,000.00 a year."""
    e = purchases((2025, "8000000.00"), (2026, "4000000.00")).of("2.1")[1]
    assert e.amount == yuan("1000000.00")
    assert e.explanation == ("2.1: 30% × 4,000,000.00 = 1,200,000.00; capped at 1,000,000.00 a "
                             "year; cumulative purchases to 2026 12,000,000.00 ≥ 10,000,000.00")


@pytest.mark.parametrize(("value", "owed", "capped"), [
    ("3333333.30", "999999.99", False),   # 999,999.99: one fen under the cap
    ("3333333.33", "1000000.00", False),  # 999,999.999, rounded once to the cap itself
    ("3333333.37", "1000000.00", True),   # 1,000,000.011: over it, held to it
])
def test_equipment_subsidy_at_the_yearly_cap(value, owed, capped):
    """2.1 "按照年度新购置设备总原值的30%，给予不超过100万元的补助": the year's 30% is rounded once
    to the fen and never owes more than 1,000,000.00."""
    e = purchases((2025, "10000000.00"), (2026, value)).of("2.1")[1]
    assert e.amount == yuan(owed)
    assert ("capped at 1,000,000.00 a year" in e.explanation) is capped


def test_equipment_subsidy_needs_ten_million_of_cumulative_purchases():
    """2.1 中试设备购置费达到1000万以上的: read as cumulative to the year assessed."""
    below, reached = purchases((2025, "6000000.00"), (2026, "3999999.99")).of("2.1")
    assert (below.status, reached.status) == ("ineligible", "ineligible")
    first, second = purchases((2025, "6000000.00"), (2026, "4000000.00")).of("2.1")
    assert first.status == "ineligible"
    assert (second.status, second.amount) == ("eligible", yuan("1000000.00"))


def test_equipment_subsidy_is_paid_for_the_first_three_subsidised_years_only():
    """2.1 最多不超过3年: the first three years in which a subsidy is granted."""
    h = purchases((2025, "12000000.00"), (2026, "100000.00"), (2027, "100000.00"),
                  (2028, "100000.00"))
    h.add("equipment_purchased", date(2027, 12, 10), year=2027, original_value=yuan("1.00"))
    ents = h.of("2.1")
    assert [e.status for e in ents] == ["eligible", "eligible", "eligible", "ineligible"]
    assert ents[2].amount == yuan("30000.30")


def test_purchases_of_a_year_before_the_policy_count_toward_no_threshold():
    """自2024年12月16日起实施: 2023's and 2024's purchases (years beginning before 2024-12-16)
    are paid nothing and do not help 2025 reach 2.1's 1000万元."""
    h = purchases((2023, "12000000.00"), (2024, "9000000.00"), (2025, "100000.00"))
    before_2023, before_2024, first = h.of("2.1")
    assert (before_2023.status, before_2024.status) == ("ineligible", "ineligible")
    assert "before" in before_2024.explanation and before_2024.amount == yuan("0.00")
    assert first.status == "ineligible" and "100,000.00 < 10,000,000.00" in first.explanation


def test_a_fourth_subsidised_year_gets_nothing():
    """2.1 最多不超过3年."""
    h = History("pilot_platform")
    for year in (2025, 2026, 2027):
        h.add("equipment_purchased", date(2025, 1, 10), year=year,
              original_value=yuan("10000000.00"))
    h.add("equipment_purchased", date(2027, 12, 1), year=2028, original_value=yuan("100.00"))
    fourth = h.of("2.1")[3]
    assert (fourth.year, fourth.status) == (2028, "ineligible")
    assert "(2025, 2026, 2027)" in fourth.explanation


def test_equipment_years_after_the_policy_ends_await_renewal():
    """2.x years from 2028 fall after 2027-12-15: neither paid nor dropped."""
    h = History("pilot_platform")
    h.add("equipment_purchased", date(2027, 3, 1), year=2027, original_value=yuan("10000000.00"))
    h.add("equipment_purchased", date(2028, 3, 1), year=2028, original_value=yuan("1000000.00"))
    ents = h.of("2.1")
    assert [e.status for e in ents] == ["eligible", "awaiting_renewal"]
    assert ents[1].amount == yuan("300000.00") and "awaits the revised policy" in ents[1].explanation


def revenue(*years_values: tuple[int, str]) -> History:
    h = History("pilot_platform")
    for year, value in years_values:
        h.add("pilot_service_revenue_reported", date(2025, 1, 5) if year < 2025
              else date(min(year + 1, 2027), 1, 5), year=year, revenue=yuan(value))
    return h


def test_operating_subsidy_is_thirty_percent_of_pilot_service_revenue():
    """2.2 按其年度中试服务收入的30%，给予连续3年累计不超过100万元的运行补贴。"""
    e = revenue((2025, "1000000.00")).one("2.2")
    assert (e.year, e.amount) == (2025, yuan("300000.00"))
    assert e.explanation.startswith("2.2: 30% × 1,000,000.00 = 300,000.00")


def test_operating_subsidy_is_capped_at_one_million_over_three_years():
    """2.2 连续3年累计不超过100万元: 900,000 + 300,000 is held to 100,000 in the second year."""
    first, second, third = revenue((2025, "3000000.00"), (2026, "1000000.00"),
                                   (2027, "1000000.00")).of("2.2")
    assert (first.amount, second.amount, third.amount) == (
        yuan("900000.00"), yuan("100000.00"), yuan("0.00"))
    assert "capped at 100,000.00, what remains of 1,000,000.00" in second.explanation


def test_operating_subsidy_counts_three_consecutive_years_only():
    """2.2 连续3年: a fourth year after the first reported one gets nothing."""
    ents = revenue((2025, "100.00"), (2027, "100.00")).of("2.2")
    assert [e.status for e in ents] == ["eligible", "eligible"]
    h = History("pilot_platform")
    h.add("pilot_service_revenue_reported", date(2025, 3, 1), year=2025, revenue=yuan("100.00"))
    h.add("pilot_service_revenue_reported", date(2027, 3, 1), year=2028, revenue=yuan("100.00"))
    assert h.of("2.2")[1].status == "ineligible"
