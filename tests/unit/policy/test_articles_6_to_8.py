"""Articles 6 (高精尖), 7 (知识产权) and 8 (人才)."""

from datetime import date

import pytest

from .helpers import History, yuan


def award(level: str, first: bool, amount: str = "200000.00") -> History:
    h = History()
    h.add("award_received", date(2025, 6, 1), award="科技进步奖", level=level,
          amount=yuan(amount), first_completing_unit=first)
    return h


def test_a_national_award_is_matched_one_to_one():
    """6.1 对获得国家科学技术奖励的企业，按国家奖励额1:1配套奖励资金。"""
    e = award("national", False).one("6.1")
    assert e.amount == yuan("200000.00") and e.status == "eligible"


def test_a_provincial_award_is_matched_only_for_the_first_completing_unit():
    """6.2 对作为第一完成单位，获得省科学技术奖的企业，按省级奖励额1:1配套奖励资金。"""
    assert award("provincial", True, "123456.78").one("6.2").amount == yuan("123456.78")
    other = award("provincial", False).one("6.2")
    assert (other.status, other.amount) == ("ineligible", yuan("0.00"))
    assert "first completing unit" in other.explanation


def major(*reports: tuple[int, str, bool]) -> History:
    h = History()
    for year, allocation, good in reports:
        h.add("major_project_funding_reported", date(2025, 3, 1), project="重大专项X",
              level="national", year=year, allocation=yuan(allocation), in_good_standing=good)
    return h


def test_a_major_project_earns_three_percent_of_the_previous_years_allocation():
    """6.3 按项目上年度实际国拨、省拨经费的3%奖励研发团队，每个项目最高奖励50万元。"""
    e = major((2025, "10000000.00", True)).one("6.3")
    assert (e.year, e.amount, e.kind) == (2025, yuan("300000.00"), "annual")


def test_a_major_project_reward_is_capped_at_half_a_million_in_total():
    """6.3 每个项目最高奖励50万元: read as per project in total across the years."""
    first, second = major((2025, "10000000.00", True), (2026, "10000000.00", True)).of("6.3")
    assert (first.amount, second.amount) == (yuan("300000.00"), yuan("200000.00"))
    assert "per project in total" in second.explanation


@pytest.mark.parametrize(("second", "owed", "left"), [
    ("6666666.67", "200000.00", "0.00"),   # 3% is 200,000.0001: the cap itself
    ("6666667.00", "200000.00", "0.00"),   # 200,000.01: one fen over, held to the cap
    ("6666666.33", "199999.99", "0.01"),   # 199,999.9899: one fen under, rounded once
])
def test_a_major_projects_reward_reaches_half_a_million_in_total_and_no_fen_more(second, owed, left):
    """6.3 "按项目上年度实际国拨、省拨经费的3%奖励研发团队，每个项目最高奖励50万元" (read as per project
    in total): 300,000.00 for 2024's allocation, then 3% of 2025's, rounded once to the fen and
    held to the 200,000.00 left; 2026's then has what remains, if a fen does."""
    first, then, third = major((2024, "10000000.00", True), (2025, second, True),
                               (2026, "100.00", True)).of("6.3")
    assert (first.amount, then.amount, third.amount) == (yuan("300000.00"), yuan(owed), yuan(left))


def test_a_major_project_not_in_good_standing_earns_nothing():
    """6.3 项目实施进展绩效正常和状态良好的."""
    assert major((2025, "10000000.00", False)).one("6.3").status == "ineligible"


def ip_firm(filed_on: date | None, won_on: date, amount: str | None = None) -> History:
    h = History("ip_service_firm")
    if filed_on:
        h.add("cnipa_filing_recorded", filed_on, filing_no="CNIPA-2025-001")
    extra = {} if amount is None else {"amount": yuan(amount)}
    h.add("patent_case_won", won_on, case_no="(2025)晋03知民初1号",
          client_entity_id="6f5b11fd-b3a8-5e00-bca9-e2b0793d21e8", **extra)
    return h


def test_a_filed_ip_firm_winning_a_case_gets_five_thousand_by_default():
    """7.1 服务机构代理入驻企业专利案件并胜诉，按照每案不高于5000元的标准给予一次性奖励。"""
    e = ip_firm(date(2025, 1, 1), date(2025, 1, 1)).one("7.1")
    assert (e.status, e.amount) == ("eligible", yuan("5000.00"))
    assert ip_firm(date(2025, 1, 1), date(2025, 2, 1), "4999.99").one("7.1").amount == yuan(
        "4999.99")
    assert ip_firm(date(2025, 1, 1), date(2025, 2, 1), "5000.01").one("7.1").amount == yuan(
        "5000.00")


def test_an_ip_firm_without_a_cnipa_filing_before_the_case_gets_nothing():
    """7.1 引进知识产权服务机构（完成国家知识产权局备案）."""
    assert ip_firm(None, date(2025, 2, 1)).one("7.1").status == "ineligible"
    late = ip_firm(date(2025, 2, 2), date(2025, 2, 1)).one("7.1")
    assert (late.status, late.amount) == ("ineligible", yuan("0.00"))


def test_drafting_a_standard_and_patent_navigation_are_capped_at_three_hundred_thousand():
    """7.2 对主持、参与标准制修订的企业给予最高30万元的一次性奖励。
    7.3 经评审对重点产业专利导航项目给予最高30万元的资金支持。"""
    h = History()
    h.add("standard_drafted", date(2025, 6, 1), standard="T/SXJC 1-2025", role="lead",
          amount=yuan("300000.01"))
    h.add("patent_navigation_funded", date(2025, 6, 1), project="氢能导航",
          amount=yuan("300000.00"))
    assert h.one("7.2").amount == yuan("300000.00")
    assert h.one("7.3").amount == yuan("300000.00")


def talent(level: str, start: date, introduced_on: date | None = None) -> History:
    h = History()
    h.add("talent_introduced", introduced_on or start, talent="王院士团队", level=level,
          start_on=start)
    return h


def test_a_national_level_talent_brings_one_hundred_thousand_a_year_for_five_years():
    """8.1 每年分别为引才单位发放10万元、5万元补贴，最多不超过5年。"""
    ents = talent("national", date(2025, 3, 1), date(2024, 12, 20)).of("8.1")
    assert [e.amount for e in ents] == [yuan("100000.00")] * 3 + [yuan("100000.00")] * 2
    assert [e.valid_from for e in ents][:2] == [date(2025, 3, 1), date(2026, 3, 1)]
    assert ents[-1].expires_on == date(2030, 2, 28)
    assert [e.status for e in ents] == ["eligible"] * 3 + ["awaiting_renewal"] * 2


def test_a_provincial_level_talent_brings_fifty_thousand_a_year():
    """8.1 省级(团队)专家标准…5万元."""
    assert talent("provincial", date(2025, 1, 1)).of("8.1")[0].amount == yuan("50000.00")


def test_talent_years_after_the_policy_ends_await_renewal():
    """8.1 years beginning after 2027-12-15 are neither paid nor dropped."""
    ents = talent("national", date(2025, 12, 15)).of("8.1")
    assert [e.status for e in ents] == ["eligible"] * 3 + ["awaiting_renewal"] * 2
    assert ents[2].valid_from == date(2027, 12, 15)


def test_the_talent_subsidy_stops_at_departure():
    """8.1: a departed talent brings no further years; the year already begun stays."""
    h = talent("national", date(2025, 3, 1))
    h.add("talent_departed", date(2026, 3, 1), talent="王院士团队")
    ents = h.of("8.1")
    assert [e.status for e in ents] == ["eligible"] + ["ineligible"] * 4


def test_a_departure_ends_only_that_talents_years():
    """8.1 “对引进的人才…给予补贴”: each talent's years are its own; one team's departure ends none
    of another's."""
    h = talent("national", date(2025, 3, 1))
    h.add("talent_introduced", date(2025, 3, 1), talent="李教授团队", level="provincial",
          start_on=date(2025, 3, 1))
    h.add("talent_departed", date(2026, 3, 1), talent="王院士团队")
    by_talent: dict[str, list[str]] = {}
    for e in h.of("8.1"):
        by_talent.setdefault(e.explanation.split("talent ")[1].split(",")[0], []).append(e.status)
    assert by_talent == {"王院士团队": ["eligible"] + ["ineligible"] * 4,
                         "李教授团队": ["eligible"] * 3 + ["awaiting_renewal"] * 2}


def test_a_departure_recorded_before_the_introduction_still_ends_its_stint_by_date():
    """8.1 最多不超过5年: the departure (2026-03-01) ends the stint it falls in by the events' own
    dates, even when the history is entered out of order; recording the introduction again then
    owes nothing more (不重复)."""
    h = History()
    h.add("talent_departed", date(2026, 3, 1), talent="王院士团队")
    h.add("talent_introduced", date(2025, 3, 1), talent="王院士团队", level="national",
          start_on=date(2025, 3, 1))
    assert [e.status for e in h.of("8.1")] == ["eligible"] + ["ineligible"] * 4
    h.add("talent_introduced", date(2025, 3, 1), talent="王院士团队", level="national",
          start_on=date(2025, 3, 1))
    owed = [e.amount for e in h.of("8.1") if e.status not in ("ineligible", "superseded")]
    assert owed == [yuan("100000.00")]


def test_a_talent_who_returns_after_a_departure_begins_a_new_stint():
    """8.1: a departure before the (re-)introduction does not end the later stint."""
    h = talent("national", date(2025, 3, 1))
    h.add("talent_departed", date(2025, 6, 1), talent="王院士团队")
    h.add("talent_introduced", date(2026, 3, 1), talent="王院士团队", level="national",
          start_on=date(2026, 3, 1))
    statuses = [(e.valid_from, e.status) for e in h.of("8.1")]
    assert (date(2025, 3, 1), "eligible") in statuses


def test_graduate_project_money_is_one_hundred_thousand_for_a_phd_fifty_for_a_master():
    """8.2 支持企业全职引进的博士、硕士研究生牵头开展科研项目，经评审分别给予10万元、5万元项目经费支持。"""
    h = History()
    phd = h.add("graduate_project_funded", date(2025, 6, 1), researcher="李博士", degree="phd",
                project="P1")
    master = h.add("graduate_project_funded", date(2025, 6, 1), researcher="赵硕士",
                   degree="master", project="P2")
    # Each project's money is tied to its own fact (both of one day, so no order between them).
    assert {e.subject: e.amount for e in h.of("8.2")} == {phd.ref: yuan("100000.00"),
                                                          master.ref: yuan("50000.00")}
