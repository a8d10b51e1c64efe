from datetime import date

from .helpers import History, yuan


def test_equipment_subsidy_is_capped_at_one_million_a_year():
    """2.1 按照年度新购置设备总原值的30%，给予不超过100万元的补助。"""
    h = History("pilot_platform")
    h.add("equipment_purchased", date(2025, 3, 1), year=2025, original_value=yuan("8000000.00"))
    h.add("equipment_purchased", date(2025, 9, 1), year=2025, original_value=yuan("4000000.00"))
    e = h.one("2.1")
    assert e.amount == yuan("1000000.00")
    print(e.explanation)
