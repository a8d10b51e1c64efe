"""The policy's window at both ends (README, "Periods inside the window"): "the policy pays
nothing for a period that begins before 2024-12-16 … A period that begins after 2027-12-15 is
`awaiting_renewal`, as are one-time awards whose fact falls after it while their window is
still open." Each reading is checked on 2024-12-15/16 and 2027-12-15/16."""

from datetime import date

import pytest

from projections.policy import PolicyRefusal, check_admissible, load_book

from .helpers import History, yuan

BOOK = load_book()

AFTER = "falls after 阳政发〔2024〕15号 ends on 2027-12-15: awaits the revised policy"


# A fact recorded after 2027-12-15 whose periods begin after it: its periods await renewal.

@pytest.mark.parametrize(("on", "statuses"), [
    (date(2024, 12, 15), ["ineligible"]),
    (date(2024, 12, 16), ["eligible"] * 3 + ["awaiting_renewal"] * 2),
    (date(2027, 12, 15), ["eligible"] + ["awaiting_renewal"] * 4),
    (date(2027, 12, 16), ["awaiting_renewal"] * 5),
    (date(2028, 3, 1), ["awaiting_renewal"] * 5)])
def test_a_talent_introduced_after_the_policy_awaits_renewal_for_its_years(on, statuses):
    """8.1 and "A period that begins after 2027-12-15 is `awaiting_renewal`": a talent introduced
    on 2027-12-16 (years from that day) was shown once, ineligible, "outside every policy in
    force", as if dropped; its five years of 100,000.00 now await the revised policy, owing
    nothing now."""
    h = History()
    h.add("talent_introduced", on, talent="王院士团队", level="national", start_on=on)
    years = h.of("8.1")
    assert [e.status for e in years] == statuses
    if on > date(2027, 12, 15):
        assert [e.valid_from for e in years][:2] == [on, on.replace(year=on.year + 1)]
        assert {e.amount for e in years} == {yuan("100000.00")}
        assert all(AFTER in e.explanation and e.payable == 0 for e in years)


@pytest.mark.parametrize(("on", "status"), [(date(2024, 12, 15), "ineligible"),
                                            (date(2027, 12, 15), "awaiting_renewal"),
                                            (date(2027, 12, 16), "awaiting_renewal")])
def test_free_space_granted_after_the_policy_awaits_renewal(on, status):
    """1.2 and "A period that begins after 2027-12-15 is `awaiting_renewal`": a term granted on
    2027-12-16 from 2028-01-01 was ineligible "outside every policy in force"; it awaits the
    revised policy, like the same term granted a day earlier."""
    h = History()
    h.add("space_granted", on, project="储能", space="office", start_on=date(2028, 1, 1)
          if on.year > 2024 else on, months=12)
    e = h.one("1.2")
    assert e.status == status
    if status == "awaiting_renewal":
        assert (e.valid_from, e.expires_on) == (date(2028, 1, 1), date(2028, 12, 31))
        assert AFTER in e.explanation


@pytest.mark.parametrize("on", [date(2027, 12, 16), date(2028, 2, 1)])
def test_a_guarantee_issued_after_the_policy_awaits_renewal_for_its_days(on):
    """12.3 and "A period that begins after 2027-12-15 is `awaiting_renewal`": a guarantee issued
    and starting after 2027-12-15 was ineligible "outside every policy in force"; its days await
    the revised policy: (1.5% − 0.5%) × 3,660,000.00 × 31/366 = 3,100.00 for 2028-03 alone."""
    h = History("financial_institution", "阳泉担保")
    h.add("guarantee_issued", on, guarantee_ref="G-1", beneficiary_entity_id="b",
          amount=yuan("3660000.00"), fee_rate=yuan("0.005"), start_on=date(2028, 3, 1),
          end_on=date(2028, 3, 31))
    [e] = h.of("12.3")
    assert (e.year, e.status, e.amount, e.payable) == (2028, "awaiting_renewal", yuan("3100.00"),
                                                       0)
    assert "31/366 days of 2028" in e.explanation and AFTER in e.explanation


def test_a_guarantee_issued_before_the_policy_is_still_outside_it():
    """The other end is unchanged: a matter arising on 2024-12-15 creates nothing."""
    h = History("financial_institution", "阳泉担保", entered_on=date(2024, 12, 1))
    h.add("guarantee_issued", date(2024, 12, 15), guarantee_ref="G-1", beneficiary_entity_id="b",
          amount=yuan("3660000.00"), fee_rate=yuan("0.005"), start_on=date(2025, 1, 1),
          end_on=date(2025, 1, 31))
    [e] = h.of("12.3")
    assert (e.status, e.amount) == ("ineligible", yuan("0.00"))


# A year's figures reported after 2027-12-15: the year is placed by its own first day.

@pytest.mark.parametrize(("reported_on", "statuses"), [
    (date(2027, 12, 15), [("2027", "eligible", "1000000.00"), ("2028", "awaiting_renewal", "300000.00")]),
    (date(2027, 12, 16), [("2027", "eligible", "1000000.00"), ("2028", "awaiting_renewal", "300000.00")])])
def test_a_platforms_first_purchases_reported_after_the_policy_are_judged_by_their_year(
        reported_on, statuses):
    """2.1 and "a calendar year of purchases" is a period: a platform's 2027 purchases of
    12,000,000.00, its first report, made on 2027-12-16 were ineligible "outside every policy in
    force"; 2027 began inside the window, so 30% capped at 1,000,000.00 is owed, and 2028's
    awaits renewal."""
    h = History("pilot_platform")
    h.add("equipment_purchased", reported_on, year=2027, original_value=yuan("12000000.00"))
    h.add("equipment_purchased", date(2028, 3, 1), year=2028, original_value=yuan("1000000.00"))
    assert [(str(e.year), e.status, str(e.amount)) for e in h.of("2.1")] == statuses


def test_a_platforms_first_revenue_reported_after_the_policy_is_judged_by_its_year():
    """2.2 and "a calendar year of … revenue" is a period: 2027 revenue of 1,000,000.00 reported
    on 2027-12-16 (the first report) owes 300,000.00; 2028's awaits renewal."""
    h = History("pilot_platform")
    h.add("pilot_service_revenue_reported", date(2027, 12, 16), year=2027,
          revenue=yuan("1000000.00"))
    h.add("pilot_service_revenue_reported", date(2028, 6, 1), year=2028,
          revenue=yuan("1000000.00"))
    assert [(e.year, e.status, e.amount) for e in h.of("2.2")] == [
        (2027, "eligible", yuan("300000.00")), (2028, "awaiting_renewal", yuan("300000.00"))]


def test_a_major_project_first_reported_after_the_policy_is_judged_by_its_reward_year():
    """6.3 "allocation years paid are those whose reward year is inside the window": a 2026
    allocation of 1,000,000.00 first reported on 2027-12-16 was ineligible "outside every policy
    in force"; its reward year 2027 is inside, so 3% = 30,000.00 is owed; 2027's (rewarded in
    2028) awaits renewal."""
    h = History()
    for year in (2026, 2027):
        h.add("major_project_funding_reported", date(2027, 12, 16), project="P", level="national",
              year=year, allocation=yuan("1000000.00"), in_good_standing=True)
    assert [(e.year, e.status, e.amount) for e in h.of("6.3")] == [
        (2026, "eligible", yuan("30000.00")), (2027, "awaiting_renewal", yuan("30000.00"))]


def test_a_year_reported_before_the_policy_is_still_outside_it():
    """The other end is unchanged: purchases of 2024 reported on 2024-12-15 create nothing, and
    count toward no threshold ("Facts before it count toward no threshold of a paid year"):
    2027's 9,999,999.99 reported on 2027-12-16 stay below 10,000,000.00."""
    h = History("pilot_platform", entered_on=date(2024, 12, 1))
    h.add("equipment_purchased", date(2024, 12, 15), year=2024, original_value=yuan("12000000.00"))
    assert [(e.status, e.amount) for e in h.of("2.1")] == [("ineligible", yuan("0.00"))]
    h.add("equipment_purchased", date(2027, 12, 16), year=2027, original_value=yuan("9999999.99"))
    y2024, y2027 = h.of("2.1")
    assert (y2024.status, y2027.status, y2027.amount) == ("ineligible", "ineligible", yuan("0.00"))
    assert "9,999,999.99 < 10,000,000.00" in y2027.explanation
    h.add("equipment_purchased", date(2027, 12, 16), year=2027, original_value=yuan("0.01"))
    assert (h.of("2.1")[1].status, h.of("2.1")[1].amount) == ("eligible", yuan("1000000.00"))


# 12.3 is counted by days: its days after 2027-12-15 await renewal, even inside a paid year.

def guarantee(start: date, end: date, on: date = date(2024, 12, 20)) -> History:
    h = History("financial_institution", "阳泉担保")
    h.add("guarantee_issued", on, guarantee_ref="G-1", beneficiary_entity_id="b",
          amount=yuan("3650000.00"), fee_rate=yuan("0.005"), start_on=start, end_on=end)
    return h


@pytest.mark.parametrize(("end", "pieces"), [
    (date(2027, 12, 15), [(2027, "eligible", "16800.00", "168/365")]),
    (date(2027, 12, 16), [(2027, "eligible", "16800.00", "168/365"),
                          (2027, "awaiting_renewal", "100.00", "1/365")]),
    (date(2028, 1, 31), [(2027, "eligible", "16800.00", "168/365"),
                         (2027, "awaiting_renewal", "1600.00", "16/365"),
                         (2028, "awaiting_renewal", "3091.53", "31/366")])])
def test_a_guarantees_days_after_the_policy_await_renewal_even_in_its_last_year(end, pieces):
    """12.3 and the README: the policy pays nothing for "a guarantee's days before" 2024-12-16,
    and "a period that begins after 2027-12-15 is awaiting_renewal". A guarantee of
    3,650,000.00 at 0.5% from 2027-07-01 was paid (1.5% − 0.5%) × 184/365 = 18,400.00 for 2027,
    its 16 days after 2027-12-15 included; now 168/365 = 16,800.00 is owed and 16/365 =
    1,600.00 awaits the revised policy, each rounded once."""
    h = guarantee(date(2027, 7, 1), end, on=date(2027, 7, 1))
    found = h.of("12.3")
    assert sorted((e.year, e.status, str(e.amount), next(f for _, _, _, f in pieces
                                                          if f in e.explanation))
                  for e in found) == sorted(pieces)
    owed = [e for e in found if e.status == "eligible"]
    assert sum(e.payable for e in owed) == yuan("16800.00")
    assert sum(e.payable for e in found if e.status == "awaiting_renewal") == 0
    for e in found:
        if e.status == "awaiting_renewal":
            assert AFTER in e.explanation
    if end > date(2027, 12, 15):
        assert "days after 2027-12-15 await the revised policy" in owed[0].explanation
    assert len({e.id for e in found}) == len(found)


def test_a_guarantee_over_the_whole_window_is_paid_only_its_days_inside_it():
    """Both ends at once: 2024-01-01 to 2027-12-31 is paid 16/366 of 2024 (1,595.63), 2025 and
    2026 whole (36,500.00 each) and 349/365 of 2027 (34,900.00); 2027-12-16 to 2027-12-31
    (1,600.00) awaits renewal."""
    found = guarantee(date(2024, 1, 1), date(2027, 12, 31)).of("12.3")
    assert [(e.year, e.status, e.amount) for e in found] == [
        (2024, "eligible", yuan("1595.63")), (2025, "eligible", yuan("36500.00")),
        (2026, "eligible", yuan("36500.00")), (2027, "eligible", yuan("34900.00")),
        (2027, "awaiting_renewal", yuan("1600.00"))]
    assert sum(e.payable for e in found) == yuan("109495.63")


# The door holds a fact of periods to the limits of the version its periods are judged under.

@pytest.mark.parametrize("on", [date(2027, 12, 15), date(2027, 12, 16), date(2028, 3, 1)])
def test_a_years_assessment_recorded_after_the_policy_is_held_to_its_cap_at_the_door(on):
    """4.1 "by the year assessed, whenever the assessment is recorded" (年度最高不超过100万元):
    2027's assessment of 1,000,000.01 recorded on 2027-12-15 was refused, but recorded on
    2027-12-16 or 2028-03-01 it was admitted, though 2027 is paid under the policy; now
    refused alike, and 1,000,000.00 admitted."""
    h = History("tech_transfer_agency")
    data = {"year": 2027, "amount": yuan("1000000.01")}
    with pytest.raises(PolicyRefusal) as caught:
        check_admissible(h.events, "transfer_performance_assessed", on, data, BOOK,
                         lambda ref: True)
    assert str(caught.value) == "4.1: amount 1000000.01 exceeds the cap 1000000.00"
    check_admissible(h.events, "transfer_performance_assessed", on,
                     {**data, "amount": yuan("1000000.00")}, BOOK, lambda ref: True)


@pytest.mark.parametrize("on", [date(2027, 12, 15), date(2027, 12, 16)])
def test_free_space_granted_after_the_policy_is_held_to_thirty_six_months_at_the_door(on):
    """1.2 最多不超过3年: a term of 37 months granted on 2027-12-16 (awaiting renewal under the
    policy) was admitted; refused as on 2027-12-15."""
    data = {"project": "储能", "space": "office", "start_on": date(2028, 1, 1), "months": 37}
    with pytest.raises(PolicyRefusal) as caught:
        check_admissible(History().events, "space_granted", on, data, BOOK, lambda ref: True)
    assert str(caught.value) == "1.2: months 37 exceeds the cap 36"


@pytest.mark.parametrize("on", [date(2027, 12, 15), date(2027, 12, 16), date(2028, 6, 1)])
def test_an_industrialisation_after_the_policy_is_held_to_its_cap_at_the_door(on):
    """1.3 "对完成中试熟化且在三年内实现产业化的项目，一次性给予企业最高200万元的奖补资金": matured
    2027-06-01, industrialised after 2027-12-15 while the three years are open, the reward
    awaits the revised policy under 阳政发〔2024〕15号; 2,000,000.01 was admitted on 2027-12-16
    or 2028-06-01 though refused on 2027-12-15; now refused alike, and 2,000,000.00 admitted."""
    h = History()
    h.add("pilot_maturation_completed", date(2027, 6, 1), project="钠电池")
    data = {"project": "钠电池", "amount": yuan("2000000.01")}
    with pytest.raises(PolicyRefusal) as caught:
        check_admissible(h.events, "industrialised", on, data, BOOK, lambda ref: True)
    assert str(caught.value) == "1.3: amount 2000000.01 exceeds the cap 2000000.00"
    check_admissible(h.events, "industrialised", on, {**data, "amount": yuan("2000000.00")}, BOOK,
                     lambda ref: True)


def test_a_one_time_fact_after_the_policy_is_still_recorded_unchecked():
    """A one-time award after 2027-12-15 is outside the policy (it owes nothing): the door does
    not judge it by the policy's ranges."""
    check_admissible(History().events, "achievement_recognised", date(2027, 12, 16),
                     {"amount": yuan("9000000.00")}, BOOK, lambda ref: True)
