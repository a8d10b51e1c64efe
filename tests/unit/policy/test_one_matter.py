"""One matter, one benefit (不重复 within the policy): every clause that entitles a matter once
refuses its second recording at the door (409, naming the clause and the earlier event), and
the engine gives a second recording already in a history nothing."""

from datetime import date
from decimal import Decimal

import pytest

from contract.catalogue import FACT_TYPES
from projections.policy import MatterAlreadyEntitled, check_admissible, load_book
from projections.policy.book import PolicyVersion

from .helpers import History, yuan
from .test_book import raw_version

BOOK = load_book()
ON = date(2025, 6, 1)
CLIENT = History(name="客户企业")
CLIENT_ID = str(CLIENT.entity_id)

# clause -> (kind, facts recorded before, the event recording the matter, its data)
SAMPLES = {
    "1.1": ("enterprise", [], "achievement_recognised",
            {"achievement": "碳化硅", "stage": "lab", "amount": yuan("500000.00")}),
    "1.3": ("enterprise", [("pilot_maturation_completed", {"project": "P"})], "industrialised",
            {"project": "P", "amount": yuan("2000000.00")}),
    "1.4": ("enterprise", [], "case_by_case_support_granted",
            {"clause": "1.4", "decision_ref": "阳科〔2025〕1号", "amount": yuan("3000000.00")}),
    "3.1": ("enterprise", [], "invest_first_approved",
            {"project": "P", "total_investment": yuan("10000000.00"),
             "amount": yuan("5000000.00"), "equity_ratio": yuan("0.20"),
             "exit_deadline": date(2030, 6, 30)}),
    "4.1": ("tech_transfer_agency", [], "transfer_performance_assessed",
            {"year": 2025, "amount": yuan("400000.00")}),
    "4.2": ("tech_transfer_agency", [], "technology_transfer_brokered",
            {"contract_ref": "HT-1", "contract_amount": yuan("500000.00"),
             "agreed_ratio": yuan("0.05")}),
    "5.1": ("enterprise", [], "self_initiated_project_filed",
            {"project": "P", "budget": yuan("300000.00")}),
    "5.2": ("enterprise", [], "joint_funding_granted",
            {"project": "P", "amount": yuan("400000.00")}),
    "6.1": ("enterprise", [], "award_received",
            {"award": "国家奖", "level": "national", "amount": yuan("200000.00"),
             "first_completing_unit": False}),
    "6.2": ("enterprise", [], "award_received",
            {"award": "省奖", "level": "provincial", "amount": yuan("200000.00"),
             "first_completing_unit": True}),
    "6.3": ("enterprise", [], "major_project_funding_reported",
            {"project": "P", "level": "national", "year": 2025,
             "allocation": yuan("4000000.00"), "in_good_standing": True}),
    "7.1": ("ip_service_firm", [("cnipa_filing_recorded", {"filing_no": "F-1"})],
            "patent_case_won", {"case_no": "(2025)晋03知1号", "client_entity_id": CLIENT_ID}),
    "7.2": ("enterprise", [], "standard_drafted",
            {"standard": "T/SXJCG 1-2025", "role": "lead", "amount": yuan("300000.00")}),
    "7.3": ("enterprise", [], "patent_navigation_funded",
            {"project": "P", "amount": yuan("300000.00")}),
    "8.1": ("enterprise", [], "talent_introduced",
            {"talent": "张三", "level": "national", "start_on": date(2025, 3, 1)}),
    "8.2": ("enterprise", [], "graduate_project_funded",
            {"researcher": "李四", "degree": "phd", "project": "P"}),
    "8.3": ("enterprise", [], "title_green_channel_granted", {"talent": "王五"}),
    "9": ("enterprise", [], "case_by_case_support_granted",
          {"clause": "9", "decision_ref": "阳政〔2025〕9号", "amount": yuan("8000000.00")}),
    "10": ("enterprise", [], "ip_pledge_loan_subsidised",
           {"loan_ref": "L-1", "interest_subsidy": yuan("1000.00"),
            "guarantee_fee_subsidy": yuan("500.00"), "loan_event_id": CLIENT_ID,
            "lender_entity_id": CLIENT_ID, "loan_category": "ip_pledge"}),
    "12.3": ("financial_institution", [], "guarantee_issued",
             {"guarantee_ref": "G-1", "beneficiary_entity_id": CLIENT_ID,
              "amount": yuan("5000000.00"), "fee_rate": yuan("0.01"),
              "start_on": date(2025, 7, 1), "end_on": date(2026, 6, 30)}),
}


def once_clauses() -> list[str]:
    return sorted(c.id for c in BOOK.versions[-1].clauses.values()
                  if c.params["repeat"] == "refused" and c.params["matter"])


def first_time(clause: str) -> tuple[History, dict]:
    kind, before, type_, data = SAMPLES[clause]
    h = History(kind)
    for t, d in before:
        h.add(t, date(2025, 3, 1), **d)
    return h, data


def door(h: History, type_: str, data: dict) -> dict:
    return check_admissible(h.events, type_, ON, data, BOOK, lambda ref: ref == CLIENT_ID,
                            history_of=lambda ref: CLIENT.events if ref == CLIENT_ID else None)


def test_every_clause_declares_what_identifies_its_matter():
    """不重复: the policy data says, for each clause, what its matter is; the event types it
    names exist, and every clause entitling a matter once has a sample here."""
    for c in BOOK.versions[-1].clauses.values():
        assert {"matter", "events", "repeat"} <= c.params.keys(), c.id
        for type_ in c.params["events"]:
            assert type_ in FACT_TYPES, (c.id, type_)
            assert set(c.params["matter"]) <= FACT_TYPES[type_].fields.keys(), (c.id, type_)
    assert once_clauses() == sorted(SAMPLES)


@pytest.mark.parametrize("name", ["matter", "events", "repeat"])
def test_a_clause_that_forgets_its_matter_is_refused_when_the_version_loads(name):
    raw = raw_version()
    del raw["clauses"]["7.2"][name]
    with pytest.raises(ValueError, match=f"7.2: declare {name}"):
        PolicyVersion.from_mapping(raw)


@pytest.mark.parametrize("clause", sorted(SAMPLES))
def test_the_same_matter_recorded_twice_is_refused_naming_the_clause_and_earlier_event(clause):
    """不重复: the second recording of a matter entitled under the clause is refused (409)."""
    h, data = first_time(clause)
    _, _, type_, _ = SAMPLES[clause]
    door(h, type_, data)  # the first recording is admitted
    first = h.add(type_, ON, **data)
    with pytest.raises(MatterAlreadyEntitled) as caught:
        door(h, type_, data)
    err = caught.value
    assert (err.status, err.clause, err.earlier_event_id) == (409, clause, first.ref)
    assert f"by event {first.ref}" in str(err) and clause in str(err)


@pytest.mark.parametrize("clause", sorted(SAMPLES))
def test_a_second_recording_already_in_a_history_is_owed_nothing(clause):
    """不重复: a history recorded before the door refused it still owes the matter once."""
    h, data = first_time(clause)
    _, _, type_, _ = SAMPLES[clause]
    first = h.add(type_, ON, **data)
    owed_once = sum((e.amount or Decimal(0)) for e in h.of(clause) if e.status == "eligible")
    again = h.add(type_, date(2025, 7, 1), **data)
    mine = [e for e in h.of(clause) if e.subject == again.ref]
    assert mine and all(e.status == "ineligible" and e.held_by == first.ref for e in mine)
    assert sum((e.amount or Decimal(0)) for e in h.of(clause)
               if e.status == "eligible") == owed_once


def test_a_revoked_matter_may_be_recorded_anew():
    """To change its figures, revoke the entitlement and record it anew."""
    h, data = first_time("1.1")
    h.add("achievement_recognised", ON, **data)
    h.review("entitlement_revoked", ON, h.one("1.1"), reason="金额有误")
    door(h, "achievement_recognised", {**data, "amount": yuan("600000.00")})


def test_one_talent_introduced_as_national_then_provincial_is_refused():
    """8.1 (the issue's example: 750,000.00 against a 500,000.00 maximum)."""
    h = History()
    first = h.add("talent_introduced", ON, talent="张三", level="national",
                  start_on=date(2025, 3, 1))
    with pytest.raises(MatterAlreadyEntitled) as caught:
        door(h, "talent_introduced", {"talent": "张三", "level": "provincial",
                                      "start_on": date(2025, 3, 1)})
    assert caught.value.earlier_event_id == first.ref


def test_two_grants_of_space_for_one_project_never_exceed_thirty_six_months_together():
    """1.2 最长不超过3年: the later grant counts toward the same 36 months."""
    h = History()
    h.add("space_granted", ON, project="P", space="office", start_on=date(2025, 3, 1), months=24)
    h.add("space_granted", ON, project="P", space="pilot_base", start_on=date(2027, 3, 1),
          months=36)
    h.add("space_granted", ON, project="P", space="office", start_on=date(2028, 3, 1), months=1)
    first, second, third = h.of("1.2")
    assert (first.valid_from, first.expires_on) == (date(2025, 3, 1), date(2027, 2, 28))
    assert (second.valid_from, second.expires_on) == (date(2027, 3, 1), date(2028, 2, 29))
    assert "for 12 months" in second.explanation and "36 months granted, held to 12" in (
        second.explanation)
    assert third.status == "ineligible" and "the 36 months for P are used" in third.explanation
    other = History()
    other.add("space_granted", ON, project="Q", space="office", start_on=date(2025, 3, 1),
              months=36)
    assert other.one("1.2").expires_on == date(2028, 2, 29)


# One matter however its name was typed: the court's （2025）晋03知民初12号 and
# (2025)晋03知民初12号 are one case (full- and half-width brackets are one character under
# Unicode NFKC); so are 重大专项Ｘ and 重大专项 x, 王院士团队 and 王院士 团队.
CASE_FULL_WIDTH, CASE_HALF_WIDTH = "（2025）晋03知民初12号", "(2025) 晋03知民初12号"


def patent_firm() -> History:
    h = History("ip_service_firm")
    h.add("cnipa_filing_recorded", date(2025, 1, 5), filing_no="F-1")
    return h


def test_one_patent_case_typed_with_other_brackets_is_paid_once():
    """7.1 “每件奖励不超过5000元”; 不重复: a patent case "is entitled once under a clause".
    Typed once with full-width brackets and once with half-width ones and a space, it was paid
    twice (5,000.00 + 5,000.00); the second recording now owes nothing, held by the first."""
    h = patent_firm()
    first = h.add("patent_case_won", date(2025, 3, 1), case_no=CASE_FULL_WIDTH, client_entity_id="c")
    again = h.add("patent_case_won", date(2025, 3, 2), case_no=CASE_HALF_WIDTH, client_entity_id="c")
    by_subject = {e.subject: e for e in h.of("7.1")}
    assert (by_subject[first.ref].status, by_subject[first.ref].amount) == ("eligible", yuan("5000.00"))
    assert (by_subject[again.ref].status, by_subject[again.ref].held_by) == ("ineligible", first.ref)


def test_the_door_refuses_one_patent_case_typed_with_other_brackets():
    """7.1, 不重复 at the door: the second recording of the case is 409 naming the first."""
    h = patent_firm()
    data = {"case_no": CASE_FULL_WIDTH, "client_entity_id": CLIENT_ID}
    door(h, "patent_case_won", data)
    first = h.add("patent_case_won", ON, **data)
    with pytest.raises(MatterAlreadyEntitled) as caught:
        door(h, "patent_case_won", {**data, "case_no": CASE_HALF_WIDTH})
    assert caught.value.earlier_event_id == first.ref
    door(h, "patent_case_won", {**data, "case_no": "（2025）晋03知民初13号"})  # another case


def test_one_major_project_typed_two_ways_has_one_cap():
    """6.3 “每个项目最高奖励50万元”: one project's reward is capped at 500,000.00 in total. Its
    2026 report typed 重大专项 x where 2025's said 重大专项Ｘ (a full-width Ｘ) made two projects
    of it, each with its own 500,000.00 (600,000.00 owed); now one project, one cap, under the
    name first recorded (the entitlement ids of 2025 unchanged)."""
    h = History()
    h.add("major_project_funding_reported", date(2025, 3, 1), project="重大专项Ｘ", level="national",
          year=2025, allocation=yuan("10000000.00"), in_good_standing=True)
    before = [e.id for e in h.of("6.3")]
    h.add("major_project_funding_reported", date(2026, 3, 1), project="重大专项 x", level="national",
          year=2026, allocation=yuan("10000000.00"), in_good_standing=True)
    owed = [e for e in h.of("6.3") if e.status == "eligible"]
    assert sum(e.amount for e in owed) == yuan("500000.00")
    assert before[0] in [e.id for e in h.of("6.3")]


def test_a_talents_departure_typed_with_a_space_ends_its_years():
    """8.1 “对引进的人才…给予补贴”: a departed talent brings no further years. The departure of
    王院士 团队 (a space typed in the name) did not end the years of 王院士团队, and four more
    years were owed."""
    h = History()
    h.add("talent_introduced", date(2025, 3, 1), talent="王院士团队", level="national",
          start_on=date(2025, 3, 1))
    h.add("talent_departed", date(2026, 3, 1), talent="王院士 团队")
    assert [e.status for e in h.of("8.1")] == ["eligible"] + ["ineligible"] * 4


def test_one_talent_typed_two_ways_gets_the_higher_benefit_only():
    """8.1 / 8.2, 就高 (“按‘从优、就高、不重复’原则予以支持”): one person gets the higher
    benefit. 张三 under 8.1 and 张 三 under 8.2 were paid both (50,000.00 + 100,000.00), though
    the departure typed 张 三 ended 张三's years: now one person, under 8.2 alone."""
    h = History()
    h.add("talent_introduced", date(2025, 3, 1), talent="张三", level="provincial", start_on=date(2025, 3, 1))
    h.add("talent_departed", date(2026, 2, 1), talent="张 三")
    h.add("graduate_project_funded", date(2025, 4, 1), researcher="张 三", degree="phd", project="P1")
    owed = [e for e in h.entitlements() if e.clause in ("8.1", "8.2") and e.status == "eligible"]
    assert [(e.clause, e.amount) for e in owed] == [("8.2", yuan("100000.00"))]
    assert "就高: 张 三 is also entitled under 8.2 (100,000.00 against 50,000.00 here)" in h.of("8.1")[0].explanation


def test_one_project_typed_two_ways_is_rewarded_on_its_maturation():
    """1.3 “对完成中试熟化且在三年内实现产业化的项目，一次性给予企业最高200万元的奖补资金”: the
    maturation of 项目Ｘ (a full-width Ｘ) and the industrialisation of 项目X are one project; 1.3
    found no maturation and owed nothing of the 2,000,000.00."""
    h = History()
    h.add("pilot_maturation_completed", date(2025, 3, 1), project="项目Ｘ")
    h.add("industrialised", date(2025, 6, 1), project="项目X", amount=yuan("2000000.00"))
    reward = h.one("1.3")
    assert (reward.status, reward.amount) == ("eligible", yuan("2000000.00")), reward.explanation


def test_one_project_typed_two_ways_has_one_thirty_six_months_of_space():
    """1.2 “最长不超过3年” for a project: typed Q then q, it was granted 24 + 24 months; the
    second grant is held to the 12 left."""
    h = History()
    h.add("space_granted", date(2025, 3, 1), project="Q", space="office", start_on=date(2025, 3, 1), months=24)
    h.add("space_granted", date(2027, 3, 1), project="q", space="office", start_on=date(2027, 3, 1), months=24)
    assert sorted(e.expires_on for e in h.of("1.2")) == [date(2027, 2, 28), date(2028, 2, 29)]
