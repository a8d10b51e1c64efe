"""Refusals at the door: a fact the policy in force does not allow is not recorded."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from contract.catalogue import FACT_TYPES
from i18n import N_, ClauseId, Money, Percent, Text
from registry.records import FactRecord

from .book import Clause, PolicyBook, PolicyVersion
from .context import REVIEW_TYPES
from .finance_door import FINANCE_TYPES, HistoryOf, LoanOf, check_finance
from .matter_names import same_matter
from .matters import window_version
from .model import PolicyRefusal
from .money import exact_plain
from .once import check_once, check_position, check_replaces
from .review import check_review
from .status import PRESENCE, away_on

# The fields a limit names, as a refusal shows them (i18n catalogue: 金额, 月数).
FIELD_NAMES = (N_("amount"), N_("months"))
# Facts of a year (its purchases, revenue, assessment, allocation): reported once it has begun.
# Recorded before, a year's purchases were split over two years' caps (2.1: 2 × 1,000,000.00).
OF_A_YEAR = ("equipment_purchased", "pilot_service_revenue_reported", "transfer_performance_assessed",
             "major_project_funding_reported")
# Facts whose periods the engine places by their own days (periods = "begin_inside_window"),
# whenever recorded: after the policy's end they are still judged under it.
PERIOD_FACTS = (*OF_A_YEAR, "space_granted", "talent_introduced", "guarantee_issued")
# event type -> (clause, field naming another entity that must be registered)
ENTITY_REFERENCES = {"fund_investment_made": ("11", "investee_entity_id"),
                     "patent_case_won": ("7.1", "client_entity_id")}


def check_admissible(history: Sequence[FactRecord], candidate_type: str, occurred_on: date,
                     data: Mapping[str, Any], book: PolicyBook,
                     entity_exists: Callable[[str], bool], *, history_of: HistoryOf | None = None,
                     loan_of: LoanOf | None = None, drawn: Decimal | None = None,
                     today: date | None = None) -> dict[str, Any]:
    """Raise `PolicyRefusal` if the candidate event breaks a limit of the policy in force;
    otherwise return the facts derived at the door to be stored with it (often none).

    `history_of` gives another entity's history (None if unregistered), `loan_of` a borrower's
    loan by its reference, `drawn` what the 泉科贷 line has lent so far, `today` the park's
    date (a payment is not dated after it).
    """
    if candidate_type in ENTITY_REFERENCES:
        clause, name = ENTITY_REFERENCES[candidate_type]
        if not entity_exists(str(data[name])):
            raise PolicyRefusal(clause, Text("%(clause)s: %(field)s %(value)s names no registered enterprise",
                                             clause=ClauseId(clause), field=name, value=data[name]), name)
    _in_the_park(history, candidate_type, occurred_on, book)
    if candidate_type in OF_A_YEAR and (data.get("year") or 0) > occurred_on.year:
        clause = FACT_TYPES[candidate_type].clause
        raise PolicyRefusal(clause, Text(
            "%(clause)s: year %(year)s had not begun on %(day)s: a year's figures are recorded "
            "once it has begun", clause=ClauseId(clause), year=data["year"], day=occurred_on), "year",
            {"year": data["year"], "occurred_on": occurred_on})
    reviewed = check_review(history, candidate_type, data, book, today, occurred_on) \
        if candidate_type in REVIEW_TYPES else {}
    version = _judged_under(book, candidate_type, occurred_on, history, data)
    if version is not None and candidate_type in LIMITS:
        LIMITS[candidate_type](version, data)
    if candidate_type in ("invest_first_converted", "invest_first_recovered"):
        check_position(history, candidate_type, data, book, occurred_on)
    elif candidate_type == "case_by_case_support_granted":
        check_replaces(history, data, book)
    derived: dict[str, Any] = reviewed
    if candidate_type in FINANCE_TYPES:
        # Without a way to read other entities, no borrower or beneficiary can be shown to exist.
        derived = check_finance(history, candidate_type, occurred_on, data, book,
                                history_of or _unknown, loan_of, drawn)
    # Judged with what the door derived, as the fact would be stored.
    check_once(history, candidate_type, occurred_on, {**data, **derived}, book)
    return derived


def _judged_under(book: PolicyBook, candidate_type: str, occurred_on: date,
                  history: Sequence[FactRecord], data: Mapping[str, Any]) -> PolicyVersion | None:
    """The version whose limits the fact is held to: the one in force on its day; for a fact of
    periods (a year's figures, a term of space) recorded after the latest version ended, that
    version, under which the engine judges its periods (paid inside the window, awaiting the
    revised policy after it); for an industrialisation after it, the version of the 1.3 window
    its pilot maturation opened (awaiting the revised policy too). A one-time fact outside every
    version owes nothing: unchecked."""
    version = book.in_force_on(occurred_on)
    if version is None and candidate_type in PERIOD_FACTS:
        version = next((v for v in reversed(book.versions) if v.valid_to < occurred_on), None)
    if version is None and candidate_type == "industrialised":
        project = same_matter(str(data["project"]))
        matured = next((e for e in history if e.type == "pilot_maturation_completed"
                        and same_matter(str(e.data["project"])) == project), None)
        version = window_version(book, matured.occurred_on, occurred_on) if matured else None
    return version


def _in_the_park(history: Sequence[FactRecord], candidate_type: str, occurred_on: date,
                 book: PolicyBook) -> None:
    """A fact of the policy's activity dated while the entity was away from the park (recorded
    after its re-entry) did not arise in the park (在“晋创谷·阳泉”转化或产出): refused, as the
    engine owes nothing for one already recorded."""
    clause = FACT_TYPES[candidate_type].clause
    presence = [e for e in history if e.type in PRESENCE]
    if not presence or not clause[:1].isdigit():
        return
    departure = away_on(presence, occurred_on, book.in_force_on(occurred_on))
    if departure is not None:
        first = clause.split(",")[0].strip()
        raise PolicyRefusal(first, Text(
            "%(clause)s: %(day)s falls while the entity was away from the park (迁出 on %(departed)s): "
            "a fact of that time is not recorded", clause=ClauseId(first), day=occurred_on,
            departed=departure.occurred_on), "occurred_on",
            {"occurred_on": occurred_on, "departed_on": departure.occurred_on})


def _at_most(clause: Clause, value: Decimal, cap_name: str, field: str = "amount") -> None:
    cap = clause.params[cap_name]
    if value > cap:
        if isinstance(cap, Decimal):
            raise PolicyRefusal(clause.id, Text("%(clause)s: %(field)s %(value)s exceeds the cap %(cap)s",
                                                clause=ClauseId(clause.id), field=Text(field),
                                                value=Money(value), cap=Money(cap)), field)
        raise PolicyRefusal(clause.id, Text("%(clause)s: %(field)s %(count)s exceeds the cap %(most)s",
                                            clause=ClauseId(clause.id), field=Text(field), count=value,
                                            most=cap), field)


def _at_least(clause: Clause, value: Decimal, floor_name: str, field: str = "amount") -> None:
    floor = clause.money(floor_name)
    if value < floor:
        raise PolicyRefusal(clause.id, Text("%(clause)s: %(field)s %(value)s is below the minimum %(floor)s",
                                            clause=ClauseId(clause.id), field=Text(field),
                                            value=Money(value), floor=Money(floor)), field)


def _achievement(v: PolicyVersion, d: Mapping[str, Any]) -> None:
    _at_least(v.clause("1.1"), d["amount"], "min_amount")
    _at_most(v.clause("1.1"), d["amount"], "cap")


def _invest_first(v: PolicyVersion, d: Mapping[str, Any]) -> None:
    c = v.clause("3.1")
    share = c.money("max_share")
    # Compared exactly: 50% of 3,000,000.01 is 1,500,000.005, which 1,500,000.01 exceeds.
    half = share * d["total_investment"]
    if d["amount"] > half:
        raise PolicyRefusal(c.id, Text(
            "%(clause)s: amount %(amount)s exceeds %(share)s of the total investment %(total)s (%(half)s)",
            clause=ClauseId(c.id), amount=Money(d["amount"]), share=Percent(share),
            total=Money(d["total_investment"]), half=exact_plain(half)), "amount",
            {"amount": d["amount"], "limit": half})
    _at_most(c, d["amount"], "cap")


def _brokered(v: PolicyVersion, d: Mapping[str, Any]) -> None:
    """4.2: the reward is paid from the contract's own money (奖励经费从…合同经费中列支), so it
    is never more than the contract."""
    contract = d["contract_amount"]
    reward = d["agreed_amount"] if d.get("agreed_amount") is not None else d["agreed_ratio"] * contract
    if reward > contract:
        field = "agreed_amount" if d.get("agreed_amount") is not None else "agreed_ratio"
        raise PolicyRefusal("4.2", Text(
            "%(clause)s: the reward %(reward)s exceeds the contract %(contract)s it is paid from",
            clause=ClauseId("4.2"), reward=exact_plain(reward), contract=Money(contract)), field,
            {"reward": reward, "contract_amount": contract})


def _capped(clause_id: str, cap_name: str = "cap", field: str = "amount"
            ) -> Callable[[PolicyVersion, Mapping[str, Any]], None]:
    def check(v: PolicyVersion, d: Mapping[str, Any]) -> None:
        if d.get(field) is not None:
            _at_most(v.clause(clause_id), d[field], cap_name, field)
    return check


LIMITS: dict[str, Callable[[PolicyVersion, Mapping[str, Any]], None]] = {
    "achievement_recognised": _achievement,
    "space_granted": _capped("1.2", "max_months", "months"),
    "industrialised": _capped("1.3"),
    "invest_first_approved": _invest_first,
    "transfer_performance_assessed": _capped("4.1", "annual_cap"),
    "patent_case_won": _capped("7.1"),
    "standard_drafted": _capped("7.2"),
    "patent_navigation_funded": _capped("7.3"),
    "technology_transfer_brokered": _brokered,
}


def _unknown(ref: str) -> None:
    return None
