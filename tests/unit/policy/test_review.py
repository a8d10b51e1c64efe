"""不重复, the review ledger, stable ids and expiry."""

from datetime import date

from .helpers import History, yuan


def platform_2026() -> History:
    h = History("pilot_platform")
    h.add("equipment_purchased", date(2025, 3, 1), year=2025, original_value=yuan("8000000.00"))
    h.add("equipment_purchased", date(2026, 3, 1), year=2026, original_value=yuan("4000000.00"))
    return h


def achievement() -> History:
    h = History()
    h.add("achievement_recognised", date(2025, 5, 1), achievement="氢能电堆", stage="lab",
          amount=yuan("800000.00"))
    return h


def test_support_received_elsewhere_is_topped_up_never_paid_twice():
    """从优、就高、不重复: with 300,000 received elsewhere for a matter worth 800,000, the
    registry owes 500,000."""
    h = achievement()
    e = h.one("1.1")
    h.review("external_support_recorded", date(2025, 6, 1), e, policy="省级政策",
             amount=yuan("300000.00"))
    after = h.one("1.1")
    assert (after.id, after.amount, after.status) == (e.id, yuan("500000.00"), "eligible")
    assert "max(0, 800,000.00 − 300,000.00) = 500,000.00" in after.explanation


def test_support_elsewhere_worth_as_much_supersedes_the_entitlement():
    """不重复: at x ≥ y the entitlement is superseded and nothing is owed."""
    h = achievement()
    e = h.one("1.1")
    h.review("external_support_recorded", date(2025, 6, 1), e, policy="省级政策",
             amount=yuan("800000.00"))
    after = h.one("1.1")
    assert (after.amount, after.status) == (yuan("0.00"), "superseded")


def test_support_elsewhere_lowers_what_counts_against_a_cap_shared_across_years():
    """2.2 连续3年累计不超过100万元 with 不重复: a year supported elsewhere leaves room."""
    h = History("pilot_platform")
    h.add("pilot_service_revenue_reported", date(2026, 1, 5), year=2025, revenue=yuan("3000000.00"))
    first = h.one("2.2")
    h.review("external_support_recorded", date(2026, 2, 1), first, policy="省级",
             amount=yuan("900000.00"))
    h.add("pilot_service_revenue_reported", date(2027, 1, 5), year=2026, revenue=yuan("3000000.00"))
    one, two = h.of("2.2")
    assert (one.status, two.amount) == ("superseded", yuan("900000.00"))


def test_ids_do_not_change_when_caps_support_or_reviews_arrive():
    """An entitlement's id is what review events name: it rests on entity, clause, matter, year."""
    h = platform_2026()
    before = [e.id for e in h.of("2.1")]
    second = h.of("2.1")[1]
    h.review("external_support_recorded", date(2026, 4, 1), second, policy="省级",
             amount=yuan("100.00"))
    h.review("entitlement_approved", date(2026, 5, 1), second)
    h.add("equipment_purchased", date(2026, 6, 1), year=2026, original_value=yuan("1.00"))
    assert [e.id for e in h.of("2.1")] == before


def test_ids_differ_by_entity_clause_matter_and_year():
    h = platform_2026()
    ids = [e.id for e in h.of("2.1")]
    other = History("pilot_platform", name="另一平台")
    other.add("equipment_purchased", date(2025, 3, 1), year=2025,
              original_value=yuan("8000000.00"))
    assert len(set(ids)) == 2 and other.of("2.1")[0].id not in ids


def test_an_approved_entitlement_is_paid_through_the_ledger():
    """Review: approved, then disbursed in parts, then fully disbursed."""
    h = achievement()
    e = h.one("1.1")
    h.review("entitlement_approved", date(2025, 6, 1), e)
    assert h.one("1.1").status == "approved"
    h.review("entitlement_disbursed", date(2025, 7, 1), e, amount=yuan("500000.00"),
             paid_on=date(2025, 7, 1))
    part = h.one("1.1")
    assert (part.status, part.disbursed, part.payable) == (
        "approved", yuan("500000.00"), yuan("300000.00"))
    h.review("entitlement_disbursed", date(2025, 8, 1), e, amount=yuan("300000.00"),
             paid_on=date(2025, 8, 1))
    paid = h.one("1.1")
    assert (paid.status, paid.disbursed, paid.payable) == ("disbursed", yuan("800000.00"),
                                                           yuan("0.00"))
    assert paid.to_json()["disbursed"] == "800000.00"


def test_a_revoked_entitlement_owes_nothing_and_frees_its_cap():
    """Correction: a revoked year no longer uses the 2.2 cap."""
    h = History("pilot_platform")
    h.add("pilot_service_revenue_reported", date(2026, 1, 5), year=2025, revenue=yuan("3000000.00"))
    h.add("pilot_service_revenue_reported", date(2027, 1, 5), year=2026, revenue=yuan("3000000.00"))
    first = h.of("2.2")[0]
    h.review("entitlement_revoked", date(2027, 2, 1), first, reason="重复申报")
    one, two = h.of("2.2")
    assert (one.status, one.payable) == ("revoked", yuan("0.00"))
    assert "重复申报" in one.explanation
    assert two.amount == yuan("900000.00")


def test_an_unpaid_benefit_expires_only_when_the_park_clock_is_given():
    h = History()
    h.add("space_granted", date(2025, 2, 20), project="储能", space="office",
          start_on=date(2025, 3, 1), months=36)
    assert h.one("1.2").status == "eligible"
    assert h.one("1.2", today=date(2028, 2, 29)).status == "eligible"
    assert h.one("1.2", today=date(2028, 3, 1)).status == "expired"


def test_an_entitlement_serialises_to_the_contract_fields():
    h = platform_2026()
    doc = h.of("2.1")[1].to_json()
    assert {"id", "clause", "title", "kind", "amount", "year", "valid_from", "expires_on",
            "status", "basis", "policy_version", "explanation"} <= set(doc)
    assert (doc["amount"], doc["year"], doc["valid_from"], doc["policy_version"]) == (
        "1000000.00", 2026, "2026-01-01", "阳政发〔2024〕15号")
    assert doc["basis"] == [str(h.events[2].event_id)]
