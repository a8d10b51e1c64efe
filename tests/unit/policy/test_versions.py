"""Which version applies: the one in force on the day the matter arose."""

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import projections.policy as policy
from projections.policy import PolicyBook, PolicyVersion, load_book

from .helpers import History, yuan

TOML = Path(policy.__file__).parent / "versions" / "yangzhengfa-2024-15.toml"


def book_with_revision() -> PolicyBook:
    """The packaged version and a synthetic revision from 2027-12-16 paying 8,000 a case."""
    raw = tomllib.loads(TOML.read_text("utf-8"))
    raw["id"], raw["valid_from"], raw["valid_to"] = "修订版", date(2027, 12, 16), date(2030, 12, 15)
    raw["clauses"]["7.1"]["cap"] = raw["clauses"]["7.1"]["default_amount"] = "8000.00"
    return PolicyBook([PolicyVersion.from_mapping(raw), *load_book().versions])


def test_a_matter_arising_before_the_policy_creates_nothing():
    """本措施自2024年12月16日起实施: an award of 2024-12-15 creates an ineligible entitlement."""
    h = History(entered_on=date(2024, 12, 1))
    h.add("award_received", date(2024, 12, 15), award="国家奖", level="national",
          amount=yuan("100000.00"), first_completing_unit=True)
    e = h.one("6.1")
    assert (e.status, e.amount, e.policy_version) == ("ineligible", yuan("0.00"), None)
    assert "falls outside every policy in force" in e.explanation


def test_a_matter_arising_on_the_first_and_last_day_is_under_the_policy():
    h = History()
    h.add("award_received", date(2024, 12, 16), award="A", level="national",
          amount=yuan("100.00"), first_completing_unit=True)
    h.add("award_received", date(2027, 12, 15), award="B", level="national",
          amount=yuan("100.00"), first_completing_unit=True)
    h.add("award_received", date(2027, 12, 16), award="C", level="national",
          amount=yuan("100.00"), first_completing_unit=True)
    assert [e.status for e in h.of("6.1")] == ["eligible", "eligible", "ineligible"]


def test_each_matter_is_judged_by_the_version_in_force_on_its_day():
    """A revision changes the figures for matters arising after it, not before."""
    h = History("ip_service_firm")
    h.add("cnipa_filing_recorded", date(2025, 1, 1), filing_no="F-1")
    h.add("patent_case_won", date(2027, 12, 15), case_no="1", client_entity_id="x")
    h.add("patent_case_won", date(2027, 12, 16), case_no="2", client_entity_id="x")
    old, new = h.of("7.1", book=book_with_revision())
    assert (old.amount, old.policy_version) == (yuan("5000.00"), "阳政发〔2024〕15号")
    assert (new.amount, new.policy_version) == (Decimal("8000.00"), "修订版")
    assert [e.status for e in h.of("7.1")] == ["eligible", "ineligible"]
