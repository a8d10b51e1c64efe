"""Deadlines: expiries, windows and the policy's own end, soonest first."""

from datetime import date

from projections.policy import deadlines, load_book, park_deadlines

from .helpers import History, yuan


def test_an_entitys_deadlines_list_expiries_and_windows_soonest_first():
    h = History()
    h.add("space_granted", date(2025, 2, 20), project="储能", space="office",
          start_on=date(2025, 3, 1), months=36)
    h.add("pilot_maturation_completed", date(2025, 4, 10), project="钠电池")
    h.add("invest_first_approved", date(2025, 5, 1), project="陶瓷",
          total_investment=yuan("10000000.00"), amount=yuan("1000000.00"),
          equity_ratio=yuan("0.1"), exit_deadline=date(2029, 12, 31))
    h.add("talent_introduced", date(2025, 6, 1), talent="T", level="national",
          start_on=date(2025, 6, 1))
    found = deadlines(h.events, load_book())
    assert [(d.clause, d.due_on) for d in found] == [
        ("1.2", date(2028, 2, 29)), ("1.3", date(2028, 4, 9)),
        ("3.2", date(2029, 12, 31)), ("8.1", date(2030, 5, 31))]
    assert [d.due_on for d in found] == sorted(d.due_on for d in found)
    space = next(d for d in found if d.clause == "1.2")
    assert space.entitlement_id == h.one("1.2").id and "free space" in space.what


def test_an_industrialised_project_has_no_open_window():
    h = History()
    h.add("pilot_maturation_completed", date(2025, 4, 10), project="钠电池")
    h.add("industrialised", date(2026, 4, 10), project="钠电池", amount=yuan("100.00"))
    assert [d.clause for d in deadlines(h.events, load_book())] == []


def test_the_policys_end_is_one_deadline_for_the_whole_park():
    """Contract, "The money's life cycle": "The policy's end is one deadline (entity_id null),
    not one per entity" (有效期3年: the last day is 2027-12-15)."""
    (end,) = park_deadlines(load_book())
    assert (end.entity_id, end.clause, end.due_on) == (None, None, date(2027, 12, 15))
    assert end.to_json()["entity_id"] is None and "policy ends" in end.what


def test_a_departed_talent_has_no_term_end_to_watch():
    h = History()
    h.add("talent_introduced", date(2025, 6, 1), talent="T", level="national",
          start_on=date(2025, 6, 1))
    h.add("talent_departed", date(2026, 1, 1), talent="T")
    assert "8.1" not in [d.clause for d in deadlines(h.events, load_book())]


def test_the_operating_subsidy_window_closes_at_the_end_of_its_third_year():
    """2.2 连续3年."""
    h = History("pilot_platform")
    h.add("pilot_service_revenue_reported", date(2026, 1, 5), year=2025, revenue=yuan("10.00"))
    window = [d for d in deadlines(h.events, load_book()) if d.clause == "2.2"]
    assert [d.due_on for d in window] == [date(2027, 12, 31)]


def test_a_talent_whose_last_years_ended_with_the_departure_has_no_term_end_to_watch():
    """The entity departed (迁出) before the talent's last years began: they are ended, and no
    one has to act on the term's end."""
    h = History()
    h.add("talent_introduced", date(2025, 6, 1), talent="T", level="national",
          start_on=date(2025, 6, 1))
    h.add("departed", date(2026, 7, 1), reason="迁出")
    assert [d.clause for d in deadlines(h.events, load_book())] == []


def _invest_first() -> History:
    h = History()
    h.add("invest_first_approved", date(2025, 5, 1), project="陶瓷",
          total_investment=yuan("4000000.00"), amount=yuan("2000000.00"),
          equity_ratio=yuan("0.1"), exit_deadline=date(2028, 6, 30))
    return h


def _exits(h: History) -> list[date]:
    return [d.due_on for d in deadlines(h.events, load_book()) if d.clause == "3.2"]


def test_an_exit_deadline_is_watched_while_money_is_outstanding_or_still_to_be_put_in():
    """3.2 在约定期限内逐步退出: approved and not yet paid, or paid and not yet recovered, the
    exit deadline is someone's to act on."""
    h = _invest_first()
    assert _exits(h) == [date(2028, 6, 30)]
    h.review("entitlement_approved", date(2025, 6, 1), h.one("3.1"), amount=yuan("2000000.00"))
    h.review("entitlement_disbursed", date(2025, 6, 2), h.one("3.1"), amount=yuan("1000000.00"),
             paid_on=date(2025, 6, 2))
    h.add("invest_first_recovered", date(2026, 1, 5), project="陶瓷", amount=yuan("1000000.00"))
    assert _exits(h) == [date(2028, 6, 30)]  # 1,000,000.00 still to be put in
    h.review("entitlement_disbursed", date(2026, 2, 1), h.one("3.1"), amount=yuan("1000000.00"),
             paid_on=date(2026, 2, 1))
    assert _exits(h) == [date(2028, 6, 30)]  # 1,000,000.00 outstanding


def test_an_exit_with_nothing_left_to_exit_has_no_deadline_to_watch():
    """3.2: all 2,000,000.00 put in was recovered (退出 done), or the approval was revoked
    before any of it was paid: the exit deadline 2028-06-30 stayed listed, and its alerts at 90,
    30, 7 days and on the day would still have been issued for an exit no one has to make."""
    recovered = _invest_first()
    recovered.review("entitlement_approved", date(2025, 6, 1), recovered.one("3.1"),
                     amount=yuan("2000000.00"))
    recovered.review("entitlement_disbursed", date(2025, 6, 2), recovered.one("3.1"),
                     amount=yuan("2000000.00"), paid_on=date(2025, 6, 2))
    recovered.add("invest_first_recovered", date(2026, 1, 5), project="陶瓷", amount=yuan("2000000.00"))
    assert recovered.one("3.2").figures["outstanding"] == yuan("0.00")
    assert _exits(recovered) == []
    revoked = _invest_first()
    revoked.review("entitlement_revoked", date(2025, 5, 10), revoked.one("3.1"), reason="立项撤销")
    assert _exits(revoked) == []


def test_an_approval_revoked_after_payment_keeps_its_exit_watched_until_the_money_is_back():
    """3.2: the revoked approval's 2,000,000.00 was paid (应追回); until it is recovered the
    exit deadline stays, and once it is, there is nothing left to exit."""
    h = _invest_first()
    h.review("entitlement_approved", date(2025, 6, 1), h.one("3.1"), amount=yuan("2000000.00"))
    h.review("entitlement_disbursed", date(2025, 6, 2), h.one("3.1"), amount=yuan("1500000.00"),
             paid_on=date(2025, 6, 2))
    h.review("entitlement_revoked", date(2025, 7, 1), h.one("3.1"), reason="立项撤销")
    assert _exits(h) == [date(2028, 6, 30)]
    h.add("invest_first_recovered", date(2026, 1, 5), project="陶瓷", amount=yuan("1500000.00"))
    assert _exits(h) == []


def test_a_revoked_industrialisation_reopens_the_window_to_watch():
    """1.3 中试熟化后三年内实现产业化: the industrialisation recorded by mistake is revoked (to be
    recorded anew when it happens, as the README says); the project is matured and not yet
    industrialised, so its window's end, 2028-04-09, is watched again. It was gone for good:
    no alert would ever say the window closes."""
    h = History()
    h.add("pilot_maturation_completed", date(2025, 4, 10), project="钠电池")
    h.add("industrialised", date(2026, 1, 10), project="钠电池", amount=yuan("1000000.00"))
    assert [d.clause for d in deadlines(h.events, load_book())] == []
    h.review("entitlement_revoked", date(2026, 2, 1), h.one("1.3"), reason="尚未产业化，误录")
    assert [(d.clause, d.due_on) for d in deadlines(h.events, load_book())] == [("1.3", date(2028, 4, 9))]
    h.add("industrialised", date(2027, 5, 10), project="钠 电池", amount=yuan("1000000.00"))
    assert [d.clause for d in deadlines(h.events, load_book())] == []


def test_the_operating_window_is_the_engines_three_years_after_the_first_is_revoked():
    """2.2 连续3年: revenue of 2025 and 2026 is reported and 2025's subsidy revoked (its figures
    wrong). The engine still counts the years 2025–2027 (2028 is outside them and owes nothing);
    the deadline said the years end 2028-12-31, so the platform was told of a year that pays
    nothing and never alerted of the real end, 2027-12-31."""
    h = History("pilot_platform")
    h.add("pilot_service_revenue_reported", date(2026, 1, 5), year=2025, revenue=yuan("10.00"))
    h.add("pilot_service_revenue_reported", date(2027, 1, 5), year=2026, revenue=yuan("10.00"))
    h.review("entitlement_revoked", date(2027, 2, 1), next(e for e in h.of("2.2") if e.year == 2025),
             reason="收入有误")
    assert "2025–2027" in str(next(e for e in h.of("2.2") if e.year == 2026).explanation)
    window = [d.due_on for d in deadlines(h.events, load_book()) if d.clause == "2.2"]
    assert window == [date(2027, 12, 31)]
