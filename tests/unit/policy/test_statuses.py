"""Statuses mean one thing everywhere (contract, "The money's life cycle"): money owed for a
period that is over stays owed; `expired` is only for a benefit in kind whose term is over; a
period that begins after the entity departed is `ended`; after a re-entry it is owed again."""

from datetime import date

from projections.policy import load_book
from projections.policy.book import PolicyVersion

from .helpers import History, yuan

ZERO = yuan("0.00")


def provincial_talent(start: date = date(2025, 1, 10)) -> History:
    h = History(entered_on=date(2025, 1, 2))
    h.add("talent_introduced", start, talent="王五", level="provincial", start_on=start)
    return h


def test_money_owed_for_a_finished_year_stays_owed():
    """"Money owed for a period that is over stays owed (eligible, approved) until it is paid
    or revoked": the 2025 year of a provincial talent from 2025-01-10 is still eligible on
    2026-12-04, and once approved stays approved."""
    h = provincial_talent()
    first = h.of("8.1", today=date(2026, 12, 4))[0]
    assert (first.year, first.expires_on, first.status, first.amount) == (
        2025, date(2026, 1, 9), "eligible", yuan("50000.00"))
    h.review("entitlement_approved", date(2026, 2, 1), first)
    assert h.of("8.1", today=date(2030, 1, 1))[0].status == "approved"


def test_only_a_benefit_in_kind_expires_when_its_term_is_over():
    """"expired is only for an in-kind benefit whose term is over" (1.2 free space)."""
    h = History()
    h.add("space_granted", date(2025, 2, 20), project="储能", space="office",
          start_on=date(2025, 3, 1), months=12)
    h.add("achievement_recognised", date(2025, 3, 1), achievement="电堆", stage="lab",
          amount=yuan("500000.00"))
    on = {e.clause: e.status for e in h.entitlements(today=date(2026, 3, 1))}
    assert on == {"1.2": "expired", "1.1": "eligible"}


def departed_talent() -> History:
    """A national talent from 2025-03-01; the enterprise departs the park on 2026-06-30."""
    h = History(entered_on=date(2025, 1, 2))
    h.add("talent_introduced", date(2025, 3, 1), talent="张三", level="national",
          start_on=date(2025, 3, 1))
    h.add("departed", date(2026, 6, 30), reason="迁往太原")
    return h


def test_talent_years_beginning_after_the_departure_are_ended():
    """"An annual or in-kind entitlement for a period that starts after the entity departed is
    ended (owes nothing)": years 3–5 of an 8.1 talent begin after 2026-06-30."""
    years = departed_talent().of("8.1", today=date(2026, 12, 4))
    assert [(e.year, e.status, e.amount) for e in years] == [
        (2025, "eligible", yuan("100000.00")), (2026, "eligible", yuan("100000.00")),
        (2027, "ended", ZERO), (2028, "ended", ZERO), (2029, "ended", ZERO)]
    assert "2026-06-30" in years[2].explanation
    assert all(not e.counts_against_cap and e.payable == ZERO for e in years[2:])
    assert years[2].to_json()["amount"] == "0.00"


def test_an_ended_period_reads_why_in_chinese():
    from i18n import render

    ended = departed_talent().of("8.1")[2]
    zh = render(ended.explanation, "zh_CN")
    assert "已终止：主体已于 2026-06-30 迁出园区" in zh


def test_free_space_beginning_after_the_departure_is_ended_and_not_money():
    """1.2 in kind: a term that starts after the departure is ended, with no amount."""
    h = History()
    h.add("space_granted", date(2025, 2, 20), project="储能", space="office",
          start_on=date(2025, 9, 1), months=12)
    h.add("departed", date(2025, 8, 31), reason="迁出")
    space = h.one("1.2")
    assert (space.status, space.amount, space.to_json()["amount"]) == ("ended", None, None)


def test_a_period_beginning_on_the_departure_day_is_ended():
    """after_departure = "ended_from_departure_day" (policy data): on the day it leaves, the
    entity is no longer in the park for the period that begins then."""
    h = History("pilot_platform")
    h.add("departed", date(2026, 1, 1), reason="迁出")
    h.add("equipment_purchased", date(2025, 3, 1), year=2025, original_value=yuan("12000000.00"))
    h.add("equipment_purchased", date(2026, 3, 1), year=2026, original_value=yuan("1000000.00"))
    assert [(e.year, e.status) for e in h.of("2.1")] == [(2025, "eligible"), (2026, "ended")]


def test_the_other_reading_pays_a_period_beginning_on_the_departure_day(tmp_path):
    """The reading is data: "ended_after_departure_day" still pays the period beginning that day."""
    from importlib import resources

    from projections.policy import PolicyBook

    text = resources.files("projections.policy").joinpath(
        "versions/yangzhengfa-2024-15.toml").read_text(encoding="utf-8")
    other = PolicyBook([PolicyVersion.from_toml(text.replace(
        'after_departure = "ended_from_departure_day"',
        'after_departure = "ended_after_departure_day"'))])
    h = History("pilot_platform")
    h.add("departed", date(2026, 1, 1), reason="迁出")
    h.add("equipment_purchased", date(2026, 3, 1), year=2026, original_value=yuan("12000000.00"))
    assert h.one("2.1", book=other).status == "eligible"
    assert h.one("2.1", book=load_book()).status == "ended"


def test_after_re_entry_periods_are_owed_again():
    """"reentered brings a departed entity back into the park": periods beginning after the
    re-entry are owed again; those beginning while it was away stay ended."""
    h = departed_talent()
    h.add("reentered", date(2027, 2, 1))
    years = h.of("8.1")
    # The years after 2027-12-15 await the revised policy, as for an entity that never left.
    assert [(e.year, e.status) for e in years] == [
        (2025, "eligible"), (2026, "eligible"), (2027, "eligible"),
        (2028, "awaiting_renewal"), (2029, "awaiting_renewal")]
    assert years[2].amount == yuan("100000.00")


def test_periods_beginning_while_away_stay_ended_after_re_entry():
    h = departed_talent()
    h.add("reentered", date(2027, 6, 1))
    assert [(e.year, e.status) for e in h.of("8.1")][2:] == [
        (2027, "ended"), (2028, "awaiting_renewal"), (2029, "awaiting_renewal")]


def test_a_departure_recorded_late_makes_money_paid_for_a_later_year_recoverable():
    """A departure entered after the year was paid: nothing was owed for that year, so what was
    paid is 应追回 (overpaid), not silently kept as owed."""
    h = departed_talent()
    h.events.pop()  # the departure, not yet known
    third = h.of("8.1")[2]
    h.review("entitlement_approved", date(2027, 3, 2), third)
    h.review("entitlement_disbursed", date(2027, 3, 3), third, amount=yuan("100000.00"),
             paid_on=date(2027, 3, 3))
    h.add("departed", date(2026, 6, 30), reason="迁往太原")
    after = h.of("8.1")[2]
    assert (after.status, after.amount, after.recoverable) == ("overpaid", ZERO,
                                                              yuan("100000.00"))


def test_an_ended_year_frees_no_shared_cap_and_is_never_superseded():
    """Support recorded elsewhere against an ended year changes nothing: it owes nothing."""
    h = departed_talent()
    third = h.of("8.1")[2]
    h.review("external_support_recorded", date(2027, 4, 1), third, policy="省级",
             amount=yuan("1.00"))
    assert h.of("8.1")[2].status == "ended"


def test_the_lists_show_the_statuses_the_engine_gives_a_reviewed_entitlement():
    # The contract's reading (contract.entitlements) and the engine's names must not drift
    # apart: the 公示名单, 资金拨付明细 and the read models' lists all select by it.
    from contract.entitlements import REVIEWED
    from projections.policy.model import APPROVED, DISBURSED, STATUSES

    assert REVIEWED == (APPROVED, DISBURSED) and set(REVIEWED) <= set(STATUSES)
