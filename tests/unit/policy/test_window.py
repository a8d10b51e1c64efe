"""The policy's window at both ends (README, "Periods inside the window"): "the policy pays
nothing for a period that begins before 2024-12-16 … A period that begins after 2027-12-15 is
`awaiting_renewal`, as are one-time awards whose fact falls after it while their window is
still open." Each reading is checked on 2024-12-15/16 and 2027-12-15/16."""

from datetime import date

import pytest

from .helpers import History, yuan

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
