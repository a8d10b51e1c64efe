"""One-time clauses: each event is its own matter, judged under the version in force that day."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from registry.records import FactRecord

from .book import Clause, PolicyVersion
from .context import Context, Draft
from .model import Entitlement
from .money import pct, q, yuan

Rule = Callable[[Context, FactRecord, Clause, PolicyVersion], Entitlement]


def capped(clause: Clause, amount: Decimal, what: str) -> tuple[Decimal, str]:
    """A decided amount held to the clause's cap, when it has one, with the arithmetic."""
    amount, cap = q(amount), clause.params.get("cap")
    text = f"{clause.id}: {what} {yuan(amount)}"
    if cap is None:
        return amount, text
    if amount > cap:
        return cap, f"{text}; capped at {yuan(cap)}"
    return amount, f"{text} (cap {yuan(cap)})"


def _draft(e: FactRecord, c: Clause, v: PolicyVersion, amount: Decimal, text: str,
           basis: list[FactRecord] | None = None) -> Draft:
    return Draft(c, v, e.ref, None, amount, basis or [e], text, e.occurred_on)


def achievement(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """1.1: 30万–100万 per achievement, set by review."""
    d = e.data
    amount, text = capped(c, d["amount"], f"innovation fund for {d['achievement']} "
                                          f"({d['stage']} stage) decided at")
    low = c.money("min_amount")
    if amount < low:
        return ctx.ineligible(_draft(e, c, v, amount, text),
                              f"decided amount {yuan(amount)} is below the minimum {yuan(low)}")
    return ctx.settle(_draft(e, c, v, amount, f"{text}; range {yuan(low)}–{yuan(c.money('cap'))}"))


def decided(what: str) -> Rule:
    """Clauses whose amount is the decision itself, held to the cap if the clause has one."""
    def rule(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
        amount, text = capped(c, e.data["amount"], what.format(**e.data))
        return ctx.settle(_draft(e, c, v, amount, text))
    return rule


def invest_first(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """3.1: ≤ 50% of total project investment and ≤ 5,000,000."""
    d, share, cap = e.data, c.money("max_share"), c.money("cap")
    half = q(share * d["total_investment"])
    limit = min(half, cap)
    amount = min(q(d["amount"]), limit)
    text = (f"{c.id}: approved {yuan(d['amount'])} for {d['project']}; limit min({pct(share)} "
            f"× {yuan(d['total_investment'])} = {yuan(half)}, {yuan(cap)}) = {yuan(limit)}; "
            f"owed {yuan(amount)}")
    return ctx.settle(_draft(e, c, v, amount, text))


def brokered(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """4.2: the tripartite agreement's ratio or amount, paid from the contract's money."""
    d = e.data
    where = f"under contract {d['contract_ref']}; paid from the contract's own money, not fiscal"
    if d.get("agreed_amount") is not None:
        amount = q(d["agreed_amount"])
        text = f"{c.id}: agreed amount {yuan(amount)} {where}"
    elif d.get("agreed_ratio") is not None:
        amount = q(d["agreed_ratio"] * d["contract_amount"])
        text = (f"{c.id}: {pct(d['agreed_ratio'])} × {yuan(d['contract_amount'])} = "
                f"{yuan(amount)} {where}")
    else:
        return ctx.ineligible(_draft(e, c, v, q(0), ""), "the agreement names no ratio or amount")
    return ctx.settle(_draft(e, c, v, amount, text))


def award(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """6.1 national award matched 1:1; 6.2 provincial only as first completing unit."""
    d, ratio = e.data, c.money("match_ratio")
    amount = q(ratio * d["amount"])
    text = (f"{c.id}: {ratio.normalize():f}:1 match of {d['level']} award {d['award']} "
            f"{yuan(d['amount'])} = {yuan(amount)}")
    if c.params.get("requires_first_completing_unit") and not d.get("first_completing_unit"):
        return ctx.ineligible(_draft(e, c, v, amount, text),
                              f"{d['level']} award {d['award']} not won as first completing unit")
    return ctx.settle(_draft(e, c, v, amount, text))


def patent_case(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """7.1: up to 5,000 a won case, only for a firm filed with CNIPA before it."""
    d = e.data
    filings = [f for f in ctx.of_type("cnipa_filing_recorded") if f.occurred_on <= e.occurred_on]
    given = d.get("amount")
    amount = c.money("default_amount") if given is None else given
    how = "decided" if given is not None else "standard"
    amount, text = capped(c, amount, f"won case {d['case_no']} for client "
                                     f"{d['client_entity_id']}, {how} amount")
    if c.params.get("requires_cnipa_filing") and not filings:
        return ctx.ineligible(_draft(e, c, v, amount, text),
                              f"no CNIPA filing recorded on or before {e.occurred_on}")
    draft = _draft(e, c, v, amount, f"{text}; CNIPA filing {filings[-1].data['filing_no']}"
                   if filings else text, [filings[-1], e] if filings else [e])
    return ctx.settle(draft)


def graduate(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """8.2: 10万 for a PhD, 5万 for a master's hire leading a project."""
    d = e.data
    amount = c.money(d["degree"])
    text = f"{c.id}: {d['degree']} {d['researcher']} leading {d['project']}: {yuan(amount)}"
    return ctx.settle(_draft(e, c, v, amount, text))


def ip_pledge(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """10: interest subsidy plus guarantee-fee subsidy, amounts by decision, for the borrower
    of an IP-pledge loan; the door linked the loan its lender recorded (`loan_event_id`)."""
    d = e.data
    amount = q(d["interest_subsidy"] + d["guarantee_fee_subsidy"])
    text = (f"{c.id}: loan {d['loan_ref']}: interest subsidy {yuan(d['interest_subsidy'])} + "
            f"guarantee-fee subsidy {yuan(d['guarantee_fee_subsidy'])} = {yuan(amount)}")
    if d.get("loan_event_id"):
        text += (f"; {d['loan_category']} loan event {d['loan_event_id']} recorded by lender "
                 f"{d['lender_entity_id']}")
    if not c.params.get("requires_ip_pledge_loan") or d.get("loan_category") == "ip_pledge":
        return ctx.settle(_draft(e, c, v, amount, text))
    why = (f"loan {d['loan_ref']} is a {d['loan_category']} loan, not an IP-pledge loan"
           if d.get("loan_event_id") else
           f"no loan {d['loan_ref']} to this enterprise was recorded by a lender before it")
    return ctx.ineligible(_draft(e, c, v, amount, text), why)


def _award_clause(e: FactRecord) -> str:
    return "6.1" if e.data["level"] == "national" else "6.2"


# event type -> (which clause it falls under, the rule)
ONE_TIME: dict[str, tuple[Callable[[FactRecord], str], Rule]] = {
    "achievement_recognised": (lambda e: "1.1", achievement),
    "case_by_case_support_granted": (lambda e: str(e.data["clause"]),
                                     decided("case-by-case decision {decision_ref}:")),
    "invest_first_approved": (lambda e: "3.1", invest_first),
    "technology_transfer_brokered": (lambda e: "4.2", brokered),
    "award_received": (_award_clause, award),
    "patent_case_won": (lambda e: "7.1", patent_case),
    "standard_drafted": (lambda e: "7.2", decided("standard {standard} ({role}), decided at")),
    "patent_navigation_funded": (lambda e: "7.3", decided("navigation project {project}, "
                                                          "decided at")),
    "graduate_project_funded": (lambda e: "8.2", graduate),
    "ip_pledge_loan_subsidised": (lambda e: "10", ip_pledge),
}


def one_time(ctx: Context) -> list[Entitlement]:
    out = []
    for e in ctx.events:
        if e.type not in ONE_TIME:
            continue
        clause_of, rule = ONE_TIME[e.type]
        version = ctx.version_on(e.occurred_on)
        cid = clause_of(e)
        out.append(rule(ctx, e, version.clause(cid), version) if version
                   else ctx.outside(cid, e))
    return out
