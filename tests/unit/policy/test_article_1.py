"""Article 1, full-chain technology transfer (全链条科技成果转化)."""

from datetime import date

import pytest

from .helpers import History, yuan


def achievement(amount: str, on: date = date(2025, 5, 1)) -> History:
    h = History()
    h.add("achievement_recognised", on, achievement="氢能电堆", stage="pilot", amount=yuan(amount))
    return h


def test_an_achievement_gets_the_innovation_fund_the_review_decided():
    """1.1 经评审给予30万元-100万元的创新资金。"""
    e = achievement("650000.00").one("1.1")
    assert (e.amount, e.kind, e.status, e.year) == (yuan("650000.00"), "one_time", "eligible", None)
    assert e.explanation.startswith("1.1: ")
    assert "650,000.00" in e.explanation and "300,000.00–1,000,000.00" in e.explanation


def test_an_achievement_fund_may_be_exactly_the_floor_or_the_cap():
    """1.1 30万元-100万元: both ends of the range are allowed."""
    assert achievement("300000.00").one("1.1").amount == yuan("300000.00")
    assert achievement("1000000.00").one("1.1").amount == yuan("1000000.00")


def test_an_achievement_fund_one_fen_over_the_cap_is_held_to_the_cap():
    """1.1 最高100万元: the engine never owes more, even if a decision slipped past the door."""
    e = achievement("1000000.01").one("1.1")
    assert e.amount == yuan("1000000.00")
    assert "capped at 1,000,000.00" in e.explanation


def test_an_achievement_fund_below_the_floor_creates_nothing():
    """1.1 30万元起: a decision under the floor is not a fund under this clause."""
    e = achievement("299999.99").one("1.1")
    assert (e.status, e.amount) == ("ineligible", yuan("0.00"))


def test_free_space_runs_for_the_granted_months_and_ends_the_day_before():
    """1.2 免费使用办公空间和公共中试基地(实验厂房)，最多不超过3年: 36 months from 2025-03-01
    ends on the leap day 2028-02-29."""
    h = History()
    h.add("space_granted", date(2025, 2, 20), project="储能", space="office",
          start_on=date(2025, 3, 1), months=36)
    e = h.one("1.2")
    assert (e.kind, e.amount) == ("in_kind", None)
    assert (e.valid_from, e.expires_on) == (date(2025, 3, 1), date(2028, 2, 29))


def test_free_space_from_a_month_end_ends_at_the_shorter_month_end():
    """1.2: a month counted from Jan 31 ends on the last day of February."""
    h = History()
    h.add("space_granted", date(2025, 1, 2), project="储能", space="pilot_base",
          start_on=date(2027, 1, 31), months=1)
    assert h.one("1.2").expires_on == date(2027, 2, 28)


def test_free_space_is_never_longer_than_three_years():
    """1.2 最多不超过3年."""
    h = History()
    h.add("space_granted", date(2025, 2, 20), project="储能", space="office",
          start_on=date(2025, 3, 1), months=37)
    e = h.one("1.2")
    assert e.expires_on == date(2028, 2, 29)
    assert "held to 36" in e.explanation


def test_free_space_expires_after_its_last_day():
    """1.2: the benefit ends; the park clock turns it to expired the next day."""
    h = History()
    h.add("space_granted", date(2025, 2, 20), project="储能", space="office",
          start_on=date(2025, 3, 1), months=12)
    assert h.one("1.2", today=date(2026, 2, 28)).status == "eligible"
    assert h.one("1.2", today=date(2026, 3, 1)).status == "expired"


def space(start: date, months: int = 12, on: date = date(2025, 1, 10), project: str = "储能") -> History:
    h = History()
    h.add("space_granted", on, project=project, space="office", start_on=start, months=months)
    return h


@pytest.mark.parametrize(("start", "status"), [
    (date(2024, 1, 1), "ineligible"),    # wholly before the policy
    (date(2024, 12, 15), "ineligible"),  # the day before it took effect, running into it
    (date(2024, 12, 16), "eligible"),    # its first day
])
def test_free_space_beginning_before_the_policy_is_not_granted(start, status):
    """1.2 "按实际需求免费使用办公空间和公共中试基地(实验厂房)，最多不超过3年" and "本措施自2024年12月16日
    起实施"; the second review's reading (periods = begin_inside_window): the policy pays nothing
    for a period that begins before 2024-12-16, and a term of free space is such a period, placed
    by its start_on, not by the day it was granted. A term is one period, as a talent year (8.1)
    is, not a run of days as a guarantee's are (12.3): one beginning on 2024-12-15 is not granted
    even for its days from 2024-12-16."""
    e = space(start).one("1.2")
    assert e.status == status
    if status == "ineligible":
        assert (f"the term begins on {start}, before 阳政发〔2024〕15号 took effect on 2024-12-16; "
                "nothing is owed") in e.explanation


def test_a_term_of_free_space_before_the_policy_uses_none_of_the_three_years():
    """1.2 "最多不超过3年", reading: facts of a period before the policy count toward no
    threshold: a term beginning before 2024-12-16 leaves the project's 36 months whole."""
    h = space(date(2024, 1, 1), months=36)
    h.add("space_granted", date(2025, 1, 10), project="储能", space="office",
          start_on=date(2025, 1, 10), months=36)
    assert [e.status for e in h.of("1.2")] == ["ineligible", "eligible"]
    assert "held to" not in h.of("1.2")[1].explanation


def test_a_term_ended_by_a_departure_before_it_began_uses_none_of_the_three_years():
    """1.2 "按实际需求免费使用办公空间和公共中试基地(实验厂房)，最多不超过3年": a term of 36 months
    from 2025-03-01, granted before the enterprise departed on 2025-02-01, is ended (迁出) and
    gives no day of space; after the re-entry a new grant of 24 months for the project is whole,
    not refused as if the 36 months had been used."""
    h = space(date(2025, 3, 1), months=36)
    h.add("departed", date(2025, 2, 1), reason="迁往太原")
    h.add("reentered", date(2025, 6, 1))
    h.add("space_granted", date(2025, 6, 1), project="储能", space="office",
          start_on=date(2025, 6, 1), months=24)
    ended, regranted = h.of("1.2")
    assert ended.status == "ended"
    assert (regranted.status, regranted.expires_on) == ("eligible", date(2027, 5, 31))


@pytest.mark.parametrize(("start", "status"), [(date(2027, 12, 15), "eligible"),
                                               (date(2027, 12, 16), "awaiting_renewal"),
                                               (date(2028, 1, 1), "awaiting_renewal")])
def test_free_space_beginning_after_the_policy_awaits_renewal(start, status):
    """1.2 "最多不超过3年" and "有效期3年" (to 2027-12-15); the second review's reading: a
    period that begins after 2027-12-15 is awaiting_renewal. Granted while the policy is in
    force, a term starting on its last day is granted; one starting the day after waits for the
    revised policy, neither granted nor dropped."""
    e = space(start, on=date(2027, 12, 1)).one("1.2")
    assert e.status == status
    if status == "awaiting_renewal":
        assert ("falls after 阳政发〔2024〕15号 ends on 2027-12-15: awaits the revised policy, "
                "neither paid nor dropped") in e.explanation


def industrialised(matured_on: date, on: date, amount: str = "2000000.00") -> History:
    h = History()
    h.add("pilot_maturation_completed", matured_on, project="钠电池")
    h.add("industrialised", on, project="钠电池", amount=yuan(amount))
    return h


def test_industrialisation_on_the_last_day_of_the_three_year_window_is_rewarded():
    """1.3 对完成中试熟化且在三年内实现产业化的项目，一次性给予企业最高200万元的奖补资金。
    Three years from 2024-03-01 end on 2027-02-28."""
    e = industrialised(date(2024, 3, 1), date(2027, 2, 28)).one("1.3")
    assert (e.status, e.amount) == ("eligible", yuan("2000000.00"))
    assert "window 2024-03-01 to 2027-02-28" in e.explanation


def test_the_industrialisation_window_from_a_leap_day_ends_on_the_last_day_of_february():
    """1.3: three years from 2024-02-29 end on 2027-02-28, the month having no 29th."""
    assert industrialised(date(2024, 2, 29), date(2027, 2, 28)).one("1.3").status == "eligible"
    assert industrialised(date(2024, 2, 29), date(2027, 3, 1)).one("1.3").status == "ineligible"


def test_industrialisation_on_the_day_of_maturation_is_rewarded():
    """1.3: the window's first day is the day pilot maturation completes."""
    assert industrialised(date(2025, 3, 1), date(2025, 3, 1)).one("1.3").status == "eligible"


def test_industrialisation_a_day_after_the_window_gets_nothing():
    """1.3 在三年内: after the window closes, no reward."""
    e = industrialised(date(2024, 3, 1), date(2027, 3, 1)).one("1.3")
    assert (e.status, e.amount) == ("ineligible", yuan("0.00"))
    assert "outside the window" in e.explanation


def test_industrialisation_reward_is_capped_at_two_million():
    """1.3 最高200万元."""
    e = industrialised(date(2025, 3, 1), date(2026, 3, 1), "2000000.01").one("1.3")
    assert e.amount == yuan("2000000.00")


def test_industrialisation_without_pilot_maturation_gets_nothing():
    """1.3 完成中试熟化 is the condition."""
    h = History()
    h.add("industrialised", date(2026, 1, 5), project="钠电池", amount=yuan("1000000.00"))
    assert h.one("1.3").status == "ineligible"


def test_a_project_is_rewarded_for_industrialisation_only_once():
    """1.3 一次性给予: a second industrialisation of the same project is not a new matter."""
    h = industrialised(date(2025, 3, 1), date(2026, 3, 1))
    h.add("industrialised", date(2026, 6, 1), project="钠电池", amount=yuan("500000.00"))
    statuses = sorted(e.status for e in h.of("1.3"))
    assert statuses == ["eligible", "ineligible"]


def test_case_by_case_support_is_the_decided_amount_under_its_own_clause():
    """1.4 / 9 可采取“一事一议”的方式予以支持: no cap."""
    h = History()
    h.add("case_by_case_support_granted", date(2025, 7, 1), clause="1.4", decision_ref="阳科〔2025〕8号",
          amount=yuan("8000000.00"))
    h.add("case_by_case_support_granted", date(2025, 8, 1), clause="9", decision_ref="阳科〔2025〕9号",
          amount=yuan("3000000.00"))
    assert h.one("1.4").amount == yuan("8000000.00")
    nine = h.one("9")
    assert nine.amount == yuan("3000000.00") and "市工信局" in nine.responsible_units
