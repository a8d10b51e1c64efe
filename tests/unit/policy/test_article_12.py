"""Article 12 (政银担险): what a lender or guarantor is owed, from its own history."""

from datetime import date

import pytest

from registry.records import borrower_standing

from .helpers import History, yuan

BORROWER = "6f5b11fd-b3a8-5e00-bca9-e2b0793d21e8"


def lender(category: str = "tech_transfer", principal: str = "1000000.00",
           start: date = date(2025, 3, 1), entered: date = date(2024, 12, 16),
           incubating: bool = False) -> History:
    h = History("financial_institution", "阳泉银行")
    h.add("loan_issued", start, loan_ref="L-1", borrower_entity_id=BORROWER, category=category,
          principal=yuan(principal), annual_rate=yuan("0.0435"), start_on=start,
          end_on=date(start.year + 2, start.month, start.day), quankedai=False,
          borrower_registered_on=entered, borrower_incubating=incubating)
    return h


def lose(h: History, amount: str, on: date = date(2026, 5, 1), share: str | None = None) -> None:
    extra = {} if share is None else {"provincial_share_rate": yuan(share)}
    h.add("loan_principal_lost", on, loan_ref="L-1", amount=yuan(amount), **extra)


def test_a_tech_transfer_loan_loss_is_compensated_at_thirty_five_percent_to_the_lender():
    """12.1 对科技成果转化类贷款本金损失，市财政……给予35%补偿。"""
    h = lender()
    lose(h, "100000.10")
    e = h.one("12.1")
    assert (e.amount, e.kind, e.status, e.entity_id) == (
        yuan("35000.04"), "one_time", "eligible", str(h.entity_id))  # 35,000.035 half up
    assert e.explanation == (
        f"12.1: 35% × principal lost 100,000.10 on tech_transfer loan L-1 to {BORROWER} "
        "(principal 1,000,000.00, from 2025-03-01) = 35,000.04")
    assert e.basis == tuple(str(r.event_id) for r in h.events[1:])
    assert e.policy_version == "阳政发〔2024〕15号" and e.valid_from == date(2026, 5, 1)
    assert "国家金融监督管理总局阳泉监管分局" in e.responsible_units


def test_losses_beyond_the_principal_are_not_compensated():
    """12.1 本金损失: at most the principal is lost, however the losses are reported."""
    h = lender()
    lose(h, "600000.00")
    lose(h, "600000.00", date(2026, 6, 1))
    assert [e.amount for e in h.of("12.1")] == [yuan("210000.00"), yuan("140000.00")]
    assert "only principal not yet lost counts" in h.of("12.1")[1].explanation


def test_an_early_stage_rd_credit_loan_loss_is_compensated_at_up_to_forty_five_percent():
    """12.2 对早期、初创期科技型企业研发类信用贷款本金损失……给予最高不超过45%补偿。"""
    h = lender("early_rd_credit", start=date(2027, 12, 15))  # entered 2024-12-16: < 3 years
    lose(h, "200000.00", date(2027, 12, 15), share="0.45")
    e = h.one("12.2")
    assert (e.amount, e.status) == (yuan("90000.00"), "eligible")
    assert "45% (provincial share, at most 45%) × principal lost 200,000.00" in e.explanation
    assert ("borrower entered the park 2024-12-16, less than 36 months before the loan's start "
            "2027-12-15, not incubating then") in e.explanation


def test_a_borrower_in_the_park_three_years_at_the_loans_start_is_not_early_stage():
    """12.2 早期、初创期: read as in the park less than 3 years at the loan's start."""
    h = lender("early_rd_credit", start=date(2027, 12, 16))
    lose(h, "200000.00", date(2027, 12, 15), share="0.45")
    e = h.one("12.2")
    assert (e.amount, e.status) == (yuan("0.00"), "ineligible")
    assert "not less than 36 months" in e.explanation
    assert "the borrower was not early-stage at the loan's start; nothing is owed" in e.explanation


@pytest.mark.parametrize(("entered", "status", "amount", "said"), [
    (date(2025, 3, 1), "eligible", "90000.00",
     "borrower entered the park 2025-03-01, less than 36 months before the loan's start 2025-03-01"),
    (date(2025, 3, 2), "ineligible", "0.00",
     "borrower entered the park 2025-03-02, after the loan's start 2025-03-01"),
    (date(2026, 1, 1), "ineligible", "0.00",
     "borrower entered the park 2026-01-01, after the loan's start 2025-03-01"),
])
def test_a_borrower_that_entered_the_park_after_the_loans_start_is_not_early_stage(
        entered, status, amount, said):
    """12.2 "对早期、初创期科技型企业研发类信用贷款本金损失……给予最高不超过45%补偿"; the
    version's reading: early-stage when, at the loan's start, it entered the park less than
    `early_stage_months` ago. Entering on the start day itself is 0 months ago; entering after
    it, the borrower was not in the park at the loan's start at all."""
    h = lender("early_rd_credit", start=date(2025, 3, 1), entered=entered)
    lose(h, "200000.00", date(2026, 6, 1), share="0.45")
    e = h.one("12.2")
    assert (e.status, e.amount) == (status, yuan(amount))
    assert said + ", not incubating then" in e.explanation


def test_an_entry_date_corrected_to_after_the_loans_start_takes_back_the_compensation():
    """12.2 "早期、初创期" (reading: at the loan's start, entered less than 36 months ago): a
    registration_corrected moving the borrower's entry after the loan's start is restated on
    the lender, and the loss is then owed nothing."""
    h = lender("early_rd_credit", start=date(2025, 3, 1), entered=date(2024, 12, 16))
    lose(h, "500000.00", date(2026, 6, 1), share="0.45")
    assert h.one("12.2").amount == yuan("225000.00")
    restate(h, date(2026, 7, 1), entered=date(2026, 1, 1))
    e = h.one("12.2")
    assert (e.status, e.amount) == ("ineligible", yuan("0.00"))
    assert "borrower entered the park 2026-01-01, after the loan's start 2025-03-01" in e.explanation


@pytest.mark.parametrize(("start", "status", "amount"), [
    (date(2027, 2, 28), "eligible", "90000.00"),
    (date(2027, 3, 1), "ineligible", "0.00"),
])
def test_a_borrower_entered_on_a_leap_day_is_early_stage_to_the_end_of_february(start, status,
                                                                               amount):
    """12.2 "对早期、初创期科技型企业研发类信用贷款本金损失……给予最高不超过45%补偿"; the
    version's reading (at the loan's start, entered less than 36 months ago) with the README's
    term ends: 36 months from 2024-02-29 end on 2027-02-28, the month having no 29th, so a loan
    starting that day is within them and one starting 2027-03-01 is not."""
    h = lender("early_rd_credit", start=start, entered=date(2024, 2, 29))
    lose(h, "200000.00", date(2027, 6, 1), share="0.45")
    e = h.one("12.2")
    assert (e.status, e.amount) == (status, yuan(amount))


def test_an_incubating_borrower_is_early_stage_however_long_it_has_been_in_the_park():
    """12.2: or still incubating (孵化中) at the loan's start."""
    h = lender("early_rd_credit", start=date(2027, 12, 16), entered=date(2020, 1, 1),
               incubating=True)
    lose(h, "200000.00", date(2027, 12, 15), share="0.45")
    assert h.one("12.2").amount == yuan("90000.00")


@pytest.mark.parametrize(("share", "owed", "note"), [
    ("0.30", "60000.00", "30% (provincial share, at most 45%)"),
    ("0.45", "90000.00", "45% (provincial share, at most 45%)"),
    ("0.450001", "90000.00", "45% (provincial share 45.0001%, held to the most 45%)"),
    ("0.60", "90000.00", "45% (provincial share 60%, held to the most 45%)"),
])
def test_the_city_pays_the_provincial_share_of_an_rd_credit_loss_at_most_forty_five_percent(
        share, owed, note):
    """12.2 比照省财政分担比例……给予最高不超过45%补偿: the share stated on the loss, capped."""
    h = lender("early_rd_credit", start=date(2026, 1, 1))
    lose(h, "200000.00", date(2026, 5, 1), share=share)
    e = h.one("12.2")
    assert (e.amount, e.status) == (yuan(owed), "eligible")
    assert note in e.explanation


def test_an_rd_credit_loss_stating_no_provincial_share_owes_nothing():
    """12.2 比照省财政分担比例: without the province's share there is nothing to follow."""
    h = lender("early_rd_credit", start=date(2026, 1, 1))
    lose(h, "200000.00", date(2026, 5, 1))
    e = h.one("12.2")
    assert (e.amount, e.status) == (yuan("0.00"), "ineligible")
    assert "states no provincial share" in e.explanation


@pytest.mark.parametrize(("on", "status"), [(date(2027, 12, 15), "eligible"),
                                            (date(2027, 12, 16), "ineligible")])
def test_a_loss_is_judged_by_the_policy_in_force_on_the_day_it_is_recorded(on, status):
    """本措施自2024年12月16日起实施，有效期3年: the last day is 2027-12-15."""
    h = lender()
    lose(h, "1000.00", on)
    assert h.one("12.1").status == status


def test_other_and_ip_pledge_loans_earn_their_lender_nothing_under_twelve():
    for category in ("other", "ip_pledge"):
        h = lender(category)
        lose(h, "1000.00")
        assert [e for e in h.entitlements() if e.clause.startswith("12")] == []


def guarantor(*guarantees: tuple[str, str, date, date]) -> History:
    h = History("financial_institution", "阳泉担保")
    for n, (amount, rate, start, end) in enumerate(guarantees):
        h.add("guarantee_issued", start, guarantee_ref=f"G-{n}", beneficiary_entity_id=BORROWER,
              amount=yuan(amount), fee_rate=yuan(rate), start_on=start, end_on=end)
    return h


YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))


def test_the_fee_gap_of_a_ten_million_guarantee_is_made_up_for_the_year():
    """12.3 对单户担保金额1000万元以下，且担保费率低于1.5%的……给予担保费率补差。"""
    e = guarantor(("10000000.00", "0.01", *YEAR_2025)).one("12.3")
    assert (e.amount, e.year, e.kind, e.status) == (yuan("50000.00"), 2025, "annual", "eligible")
    assert e.explanation.startswith("12.3: (1.5% − 1%) × 10,000,000.00 × 365/365 days of 2025 "
                                    "= 50,000.00; guarantee G-0")
    assert "limit 10,000,000.00 inclusive" in e.explanation


def test_a_guarantee_one_fen_over_ten_million_gets_no_gap():
    e = guarantor(("10000000.01", "0.01", *YEAR_2025)).one("12.3")
    assert (e.amount, e.status) == (yuan("0.00"), "ineligible")
    assert "10,000,000.01 guaranteed for the enterprise exceeds 10,000,000.00" in e.explanation


def test_a_fee_of_exactly_one_and_a_half_percent_is_not_below_it():
    """12.3 担保费率低于1.5%: strictly below."""
    assert guarantor(("1000000.00", "0.015", *YEAR_2025)).one("12.3").status == "ineligible"
    e = guarantor(("1000000.00", "0.0149", *YEAR_2025)).one("12.3")
    assert (e.amount, e.status) == (yuan("100.00"), "eligible")


def test_the_gap_is_pro_rata_to_the_days_of_the_term_in_each_year():
    """12.3 reading: pro rata to the term, per calendar year, term days inclusive."""
    h = guarantor(("1000000.00", "0.01", date(2025, 7, 1), date(2026, 6, 30)))
    assert [(e.year, e.amount) for e in h.of("12.3")] == [
        (2025, yuan("2520.55")), (2026, yuan("2479.45"))]  # 184/365 and 181/365 of 5,000.00


def test_years_after_the_policy_ends_await_the_revised_policy():
    h = guarantor(("1000000.00", "0.01", date(2027, 7, 1), date(2028, 6, 30)))
    # The days of 2027 after 2027-12-15 (16 of them) await renewal too, apart from the 168 paid.
    assert [(e.year, e.status) for e in h.of("12.3")] == [(2027, "eligible"),
                                                         (2027, "awaiting_renewal"),
                                                         (2028, "awaiting_renewal")]
    assert "182/366 days of 2028" in h.of("12.3")[2].explanation


def test_an_enterprises_guarantees_outstanding_together_count_against_ten_million():
    """12.3 单户: read as what the enterprise has guaranteed with this guarantor at once."""
    h = guarantor(("6000000.00", "0.01", *YEAR_2025),
                  ("4000000.00", "0.01", date(2025, 6, 1), date(2025, 12, 31)),
                  ("1000000.00", "0.01", date(2025, 7, 1), date(2025, 12, 31)))
    assert [e.status for e in h.of("12.3")] == ["eligible", "eligible", "ineligible"]


def by_guarantee(h: History) -> dict:
    """Each guarantee's 12.3 entitlement, by its guarantee_ref (each runs within 2025 here)."""
    return {e.matter[0]: e for e in h.of("12.3")}


def test_a_guarantee_recorded_late_still_counts_toward_the_single_enterprise_limit():
    """12.3 "对单户担保金额1000万元以下……给予担保费率补差"; the version's reading: 单户 is the
    enterprise's guarantees outstanding with this guarantor when the new one starts, the new one
    included, whatever order they were recorded in."""
    # G-0 (from 2025-06-01) is recorded before G-1, which started on 2025-01-01 and is still
    # outstanding: 12,000,000 when G-0 starts, so G-0 is the new one and gets no gap; G-1,
    # alone when it started, keeps its own.
    h = guarantor(("6000000.00", "0.01", date(2025, 6, 1), date(2025, 12, 31)),
                  ("6000000.00", "0.01", *YEAR_2025))
    gaps = by_guarantee(h)
    assert [(gaps[ref].status, gaps[ref].amount) for ref in ("G-0", "G-1")] == [
        ("ineligible", yuan("0.00")), ("eligible", yuan("30000.00"))]
    assert "12,000,000.00 guaranteed for the enterprise exceeds 10,000,000.00" in gaps["G-0"].explanation


def test_a_paid_gap_an_earlier_guarantee_recorded_late_rules_out_is_to_be_recovered():
    """12.3 "对单户担保金额1000万元以下……": G-0's gap was paid; G-1, started before it and still
    outstanding, is recorded afterwards: 12,000,000 when G-0 started, so the whole payment is
    应追回 and G-1 gets its own gap."""
    h = guarantor(("6000000.00", "0.01", date(2025, 6, 1), date(2025, 12, 31)))
    paid = h.one("12.3")
    h.review("entitlement_approved", date(2025, 7, 1), paid)
    h.review("entitlement_disbursed", date(2025, 7, 2), paid, amount=paid.amount,
             paid_on=date(2025, 7, 2))
    h.add("guarantee_issued", date(2025, 8, 1), guarantee_ref="G-1", beneficiary_entity_id=BORROWER,
          amount=yuan("6000000.00"), fee_rate=yuan("0.01"), start_on=date(2025, 1, 1),
          end_on=date(2025, 12, 31))
    gaps = by_guarantee(h)
    assert (gaps["G-0"].status, gaps["G-0"].amount, gaps["G-0"].recoverable) == (
        "overpaid", yuan("0.00"), yuan("17589.04"))
    assert (gaps["G-1"].status, gaps["G-1"].amount) == ("eligible", yuan("30000.00"))


def test_a_late_record_starting_after_a_guarantee_leaves_its_gap_as_it_was():
    """12.3 单户 (reading: outstanding when the new one starts): a guarantee recorded late but
    starting after another is the new one; the earlier guarantee's gap is unchanged."""
    h = guarantor(("6000000.00", "0.01", *YEAR_2025),
                  ("6000000.00", "0.01", date(2025, 6, 1), date(2025, 12, 31)))
    before = by_guarantee(h)
    h.add("guarantee_issued", date(2026, 1, 5), guarantee_ref="G-late", beneficiary_entity_id=BORROWER,
          amount=yuan("1000000.00"), fee_rate=yuan("0.01"), start_on=date(2025, 7, 1),
          end_on=date(2025, 12, 31))
    after = by_guarantee(h)
    assert [before[ref].status for ref in ("G-0", "G-1")] == ["eligible", "ineligible"]
    assert {ref: after[ref] for ref in before} == before
    assert (after["G-late"].status, after["G-late"].amount) == ("ineligible", yuan("0.00"))  # 13,000,000


@pytest.mark.parametrize(("ends", "status"), [(date(2025, 5, 31), "eligible"),
                                              (date(2025, 6, 1), "ineligible")])
def test_a_guarantee_ending_the_day_before_the_new_one_starts_is_not_outstanding(ends, status):
    """12.3 单户 (reading: outstanding when the new one starts; a term runs start_on to end_on
    inclusive): recorded after the new one, an earlier guarantee ending the day before it starts
    does not count; one ending on its start day does."""
    h = guarantor(("6000000.00", "0.01", date(2025, 6, 1), date(2025, 12, 31)),
                  ("6000000.00", "0.01", date(2025, 1, 1), ends))
    assert by_guarantee(h)["G-0"].status == status


def test_of_two_guarantees_starting_the_same_day_the_later_recorded_is_the_new_one():
    """12.3 单户 (reading: the new one included): on the same start day, the recording order
    says which one is new, and that one takes the enterprise over the limit."""
    h = guarantor(("6000000.00", "0.01", *YEAR_2025), ("6000000.00", "0.01", *YEAR_2025))
    assert [by_guarantee(h)[ref].status for ref in ("G-0", "G-1")] == ["eligible", "ineligible"]


def test_a_guarantee_issued_outside_the_policy_creates_nothing():
    h = guarantor(("1000000.00", "0.01", date(2024, 12, 15), date(2025, 12, 14)))
    e = h.one("12.3")
    assert (e.status, e.policy_version) == ("ineligible", None)


def restate(h: History, on: date, entered: date, incubating: bool = False,
            cause: str = "registration_corrected") -> None:
    h.add("loan_borrower_standing_restated", on, loan_ref="L-1", borrower_entity_id=BORROWER,
          borrower_registered_on=entered, borrower_incubating=incubating, cause_entity_id=BORROWER,
          cause_event_id="0b6f3a7e-5c1d-5d2e-9f4a-3c2b1a0e9d8c", cause_type=cause)


def test_a_restated_standing_outweighs_the_one_captured_when_the_loan_was_recorded():
    """12.2 对早期、初创期科技型企业研发类信用贷款本金损失……给予最高不超过45%补偿: the
    borrower's entry date as the park corrected it after the loan decides 早期、初创期."""
    h = lender("early_rd_credit", start=date(2025, 6, 1), entered=date(2025, 1, 2))
    lose(h, "200000.00", date(2026, 1, 5), share="0.45")
    assert h.one("12.2").status == "eligible"
    restate(h, date(2026, 2, 1), entered=date(2019, 1, 2))
    e = h.one("12.2")
    assert (e.amount, e.status) == (yuan("0.00"), "ineligible")
    assert ("borrower entered the park 2019-01-02, not less than 36 months before the loan's start "
            "2025-06-01, not incubating then; as restated after the borrower's registration corrected "
            "0b6f3a7e-5c1d-5d2e-9f4a-3c2b1a0e9d8c of 2026-02-01") in e.explanation
    assert e.basis == tuple(str(r.event_id) for r in (h.events[1], h.events[3], h.events[2]))


def test_the_latest_restatement_of_a_loan_is_the_one_that_counts():
    """12.2 或孵化中: restated twice (a late incubation, then its correction), the last holds."""
    h = lender("early_rd_credit", start=date(2025, 6, 1), entered=date(2019, 1, 2))
    lose(h, "200000.00", date(2026, 1, 5), share="0.45")
    restate(h, date(2025, 3, 1), entered=date(2019, 1, 2), incubating=True, cause="incubation_started")
    assert (h.one("12.2").status, h.one("12.2").amount) == ("eligible", yuan("90000.00"))
    restate(h, date(2025, 4, 1), entered=date(2019, 1, 2), cause="incubation_graduated")
    assert h.one("12.2").status == "ineligible"


def test_a_restatement_is_of_its_own_loan_only():
    """12.2: what the park learned of a borrower is restated loan by loan; a restatement of L-1
    leaves the lender's other loan as it was captured."""
    h = lender("early_rd_credit", start=date(2025, 6, 1), entered=date(2025, 1, 2))
    h.add("loan_issued", date(2025, 6, 1), loan_ref="L-2", borrower_entity_id=BORROWER,
          category="early_rd_credit", principal=yuan("1000000.00"), annual_rate=yuan("0.0435"),
          start_on=date(2025, 6, 1), end_on=date(2027, 6, 1), quankedai=False,
          borrower_registered_on=date(2025, 1, 2), borrower_incubating=False)
    lose(h, "200000.00", date(2026, 1, 5), share="0.45")
    h.add("loan_principal_lost", date(2026, 1, 6), loan_ref="L-2", amount=yuan("100000.00"),
          provincial_share_rate=yuan("0.45"))
    restate(h, date(2026, 2, 1), entered=date(2019, 1, 2))
    assert [(e.status, e.amount) for e in h.of("12.2")] == [("ineligible", yuan("0.00")),
                                                            ("eligible", yuan("45000.00"))]


def test_a_borrowers_incubation_is_read_by_the_facts_dates_not_the_order_they_were_recorded():
    """12.2 对早期、初创期科技型企业……: whether the borrower was incubating at a loan's start
    goes by when its incubation began and ended, whatever order the clerk recorded them in."""
    borrower = History("enterprise", "阳泉孵化企业")
    borrower.add("incubation_graduated", date(2025, 6, 1))
    borrower.add("incubation_started", date(2025, 1, 10))  # its start, recorded after its end
    assert borrower_standing(borrower.events, date(2025, 3, 1))["borrower_incubating"] is True
    assert borrower_standing(borrower.events, date(2025, 6, 1))["borrower_incubating"] is False
    assert borrower_standing(borrower.events, date(2025, 8, 1))["borrower_incubating"] is False
    borrower.add("incubation_started", date(2025, 6, 1))  # incubated again from the day it graduated
    assert borrower_standing(borrower.events, date(2025, 8, 1))["borrower_incubating"] is True


def test_a_paid_compensation_the_borrowers_corrected_standing_rules_out_is_to_be_recovered():
    """12.2 对早期、初创期科技型企业研发类信用贷款本金损失……给予最高不超过45%补偿: paid on a
    borrower the park then learns was not early-stage, the whole payment is 应追回."""
    h = lender("early_rd_credit", start=date(2025, 6, 1), entered=date(2025, 1, 2))
    lose(h, "200000.00", date(2026, 1, 5), share="0.45")
    owed = h.one("12.2")
    assert (owed.status, owed.amount) == ("eligible", yuan("90000.00"))
    h.review("entitlement_approved", date(2026, 1, 10), owed)
    h.review("entitlement_disbursed", date(2026, 1, 20), owed, amount=yuan("90000.00"),
             paid_on=date(2026, 1, 20))
    assert h.one("12.2").status == "disbursed"
    restate(h, date(2026, 2, 1), entered=date(2019, 1, 2))
    e = h.one("12.2")
    assert e.id == owed.id
    assert (e.status, e.amount, e.disbursed, e.recoverable) == (
        "overpaid", yuan("0.00"), yuan("90000.00"), yuan("90000.00"))


def test_a_loan_recorded_again_under_its_reference_typed_otherwise_is_compensated_once():
    """12.1 对科技成果转化类贷款本金损失……给予35%补偿: L-1 recorded again as l-1 (before the
    door compared references as one matter) is the same loan of 1,000,000.00: its losses count
    up to that principal once, 350,000.00 (it was paid twice, 700,000.00)."""
    h = lender()
    h.add("loan_issued", date(2025, 3, 1), loan_ref="l-1", borrower_entity_id=BORROWER,
          category="tech_transfer", principal=yuan("1000000.00"), annual_rate=yuan("0.0435"),
          start_on=date(2025, 3, 1), end_on=date(2027, 3, 1), quankedai=False,
          borrower_registered_on=date(2024, 12, 16), borrower_incubating=False)
    lose(h, "1000000.00")
    h.add("loan_principal_lost", date(2026, 6, 1), loan_ref="l-1", amount=yuan("1000000.00"))
    assert [e.amount for e in h.of("12.1")] == [yuan("350000.00"), yuan("0.00")]


def void_and_lend_again(h: History, category: str, start: date, *, entered: date = date(2024, 12, 16),
                        incubating: bool = False, ref: str = "L-1") -> None:
    """贷款登记作废 of L-1, then L-1 recorded again as it is (its standing captured again)."""
    h.add("loan_record_voided", date(2025, 6, 10), loan_ref=ref, reason="录错",
          loan_event_id=str(h.events[1].event_id), borrower_entity_id=BORROWER)
    h.add("loan_issued", date(2025, 6, 11), loan_ref=ref, borrower_entity_id=BORROWER,
          category=category, principal=yuan("1000000.00"), annual_rate=yuan("0.0435"),
          start_on=start, end_on=date(2027, 6, 1), quankedai=False,
          borrower_registered_on=entered, borrower_incubating=incubating)


def test_a_loss_is_compensated_on_the_loan_recorded_after_its_void():
    """"[12.1] Principal loss on technology-transfer loans: **35%** compensated" (policy README):
    L-1 recorded as `other`, voided and recorded again (typed l-1) as `tech_transfer`: its loss of
    200,000.00 gives 70,000.00 (the first recording's category gave nothing)."""
    h = lender("other")
    void_and_lend_again(h, "tech_transfer", date(2025, 3, 1), ref="l-1")
    lose(h, "200000.00")
    e = h.one("12.1")
    assert (e.amount, e.status) == (yuan("70000.00"), "eligible")
    assert e.basis == (str(h.events[3].event_id), str(h.events[4].event_id))


def test_a_restatement_made_before_the_void_was_the_voided_loans():
    """12.2 或孵化中: the voided loan's standing was restated (incubating at its start); recorded
    again from 2025-02-01, the loan holds what was captured then, not incubating."""
    h = lender("early_rd_credit", start=date(2025, 6, 1), entered=date(2019, 1, 2))
    restate(h, date(2025, 3, 1), entered=date(2019, 1, 2), incubating=True, cause="incubation_started")
    void_and_lend_again(h, "early_rd_credit", date(2025, 2, 1), entered=date(2019, 1, 2))
    lose(h, "200000.00", date(2026, 1, 5), share="0.45")
    e = h.one("12.2")
    assert (e.status, e.amount) == ("ineligible", yuan("0.00"))
    assert "not incubating then" in e.explanation and "restated" not in e.explanation
