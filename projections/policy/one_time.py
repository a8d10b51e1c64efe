"""One-time clauses: each event is its own matter, judged under the version in force that day."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal

from i18n import N_, ClauseId, Percent, Text, Yuan, then
from registry.records import FactRecord

from .book import Clause, PolicyVersion
from .context import Context, Draft
from .model import Entitlement
from .money import FEN, exact, q
from .terms import choice

Rule = Callable[[Context, FactRecord, Clause, PolicyVersion], Entitlement]


def capped(clause: Clause, amount: Decimal, what: Text) -> tuple[Decimal, Text]:
    """A decided amount held to the clause's cap, when it has one, with the arithmetic."""
    amount, cap = q(amount), clause.params.get("cap")
    decided = dict(clause=ClauseId(clause.id), what=what, amount=Yuan(amount))
    if cap is None:
        return amount, Text("%(clause)s: %(what)s %(amount)s", **decided)
    if amount > cap:
        return cap, Text("%(clause)s: %(what)s %(amount)s; capped at %(cap)s", cap=Yuan(cap), **decided)
    return amount, Text("%(clause)s: %(what)s %(amount)s (cap %(cap)s)", cap=Yuan(cap), **decided)


def _draft(e: FactRecord, c: Clause, v: PolicyVersion, amount: Decimal, text: str,
           basis: list[FactRecord] | None = None) -> Draft:
    return Draft(c, v, e.ref, None, amount, basis or [e], text, e.occurred_on)


def achievement(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """1.1: 30万–100万 per achievement, set by review."""
    d = e.data
    amount, text = capped(c, d["amount"], Text("innovation fund for %(achievement)s (%(stage)s stage) "
                                               "decided at",
                                               achievement=d["achievement"], stage=choice(d["stage"])))
    low = c.money("min_amount")
    if amount < low:
        return ctx.ineligible(_draft(e, c, v, amount, text), Text(
            "decided amount %(amount)s is below the minimum %(low)s", amount=Yuan(amount), low=Yuan(low)))
    return ctx.settle(_draft(e, c, v, amount, then(text, Text("range %(low)s–%(cap)s", low=Yuan(low),
                                                              cap=Yuan(c.money("cap"))))))


def decided(what: str, *names: str) -> Rule:
    """Clauses whose amount is the decision itself, held to the cap if the clause has one;
    `what` names the matter with the event's fields `names` (a choice in the reader's words)."""
    def rule(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
        amount, text = capped(c, e.data["amount"], Text(what, **{n: choice(e.data[n]) for n in names}))
        return ctx.settle(_draft(e, c, v, amount, text))
    return rule


def invest_first(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """3.1: ≤ 50% of total project investment and ≤ 5,000,000."""
    d, share, cap = e.data, c.money("max_share"), c.money("cap")
    # Compared exactly: 50% of 3,000,000.01 is 1,500,000.005, and 1,500,000.01 is over it.
    half = share * d["total_investment"]
    limit = min(half, cap)
    # Held to the limit, never rounded up past it.
    amount = min(q(d["amount"]), limit.quantize(FEN, ROUND_DOWN))
    text = Text("%(clause)s: approved %(approved)s for %(project)s; limit min(%(share)s × %(total)s = "
                "%(half)s, %(cap)s) = %(limit)s; owed %(owed)s", clause=ClauseId(c.id),
                approved=Yuan(d["amount"]), project=d["project"], share=Percent(share),
                total=Yuan(d["total_investment"]), half=exact(half), cap=Yuan(cap), limit=exact(limit),
                owed=Yuan(amount))
    return ctx.settle(_draft(e, c, v, amount, text))


def brokered(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """4.2: the tripartite agreement's ratio or amount, paid from the contract's money."""
    d = e.data
    where = Text("under contract %(contract)s; paid from the contract's own money, not fiscal",
                 contract=d["contract_ref"])
    if d.get("agreed_amount") is not None:
        amount = q(d["agreed_amount"])
        text = Text("%(clause)s: agreed amount %(amount)s %(where)s", clause=ClauseId(c.id),
                    amount=Yuan(amount), where=where)
    elif d.get("agreed_ratio") is not None:
        amount = q(d["agreed_ratio"] * d["contract_amount"])
        text = Text("%(clause)s: %(ratio)s × %(contract_amount)s = %(amount)s %(where)s",
                    clause=ClauseId(c.id), ratio=Percent(d["agreed_ratio"]),
                    contract_amount=Yuan(d["contract_amount"]), amount=Yuan(amount), where=where)
    else:
        return ctx.ineligible(_draft(e, c, v, q(0), ""), Text("the agreement names no ratio or amount"))
    return ctx.settle(_draft(e, c, v, amount, text))


def award(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """6.1 national award matched 1:1; 6.2 provincial only as first completing unit."""
    d, ratio = e.data, c.money("match_ratio")
    amount = q(ratio * d["amount"])
    text = Text("%(clause)s: %(ratio)s:1 match of %(level)s award %(award)s %(amount)s = %(owed)s",
                clause=ClauseId(c.id), ratio=f"{ratio.normalize():f}", level=choice(d["level"]),
                award=d["award"], amount=Yuan(d["amount"]), owed=Yuan(amount))
    if c.params.get("requires_first_completing_unit") and not d.get("first_completing_unit"):
        return ctx.ineligible(_draft(e, c, v, amount, text), Text(
            "%(level)s award %(award)s not won as first completing unit", level=choice(d["level"]),
            award=d["award"]))
    return ctx.settle(_draft(e, c, v, amount, text))


def patent_case(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """7.1: up to 5,000 a won case, only for a firm filed with CNIPA before it."""
    d = e.data
    filings = [f for f in ctx.of_type("cnipa_filing_recorded") if f.occurred_on <= e.occurred_on]
    given = d.get("amount")
    amount = c.money("default_amount") if given is None else given
    case = dict(case=d["case_no"], client=d["client_entity_id"])
    amount, text = capped(c, amount, Text("won case %(case)s for client %(client)s, decided amount", **case)
                          if given is not None else
                          Text("won case %(case)s for client %(client)s, standard amount", **case))
    if c.params.get("requires_cnipa_filing") and not filings:
        return ctx.ineligible(_draft(e, c, v, amount, text), Text(
            "no CNIPA filing recorded on or before %(day)s", day=e.occurred_on))
    filed = Text("CNIPA filing %(filing)s", filing=filings[-1].data["filing_no"]) if filings else None
    draft = _draft(e, c, v, amount, then(text, filed) if filed else text,
                   [filings[-1], e] if filings else [e])
    return ctx.settle(draft)


def graduate(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """8.2: 10万 for a PhD, 5万 for a master's hire leading a project."""
    d = e.data
    amount = c.money(d["degree"])
    text = Text("%(clause)s: %(degree)s %(researcher)s leading %(project)s: %(amount)s",
                clause=ClauseId(c.id), degree=choice(d["degree"]), researcher=d["researcher"],
                project=d["project"], amount=Yuan(amount))
    return ctx.settle(_draft(e, c, v, amount, text))


def ip_pledge(ctx: Context, e: FactRecord, c: Clause, v: PolicyVersion) -> Entitlement:
    """10: interest subsidy plus guarantee-fee subsidy, amounts by decision, for the borrower
    of an IP-pledge loan; the door linked the loan its lender recorded (`loan_event_id`)."""
    d = e.data
    amount = q(d["interest_subsidy"] + d["guarantee_fee_subsidy"])
    text = Text("%(clause)s: loan %(loan)s: interest subsidy %(interest)s + guarantee-fee subsidy "
                "%(fee)s = %(amount)s", clause=ClauseId(c.id), loan=d["loan_ref"],
                interest=Yuan(d["interest_subsidy"]), fee=Yuan(d["guarantee_fee_subsidy"]),
                amount=Yuan(amount))
    if d.get("loan_event_id"):
        text = then(text, Text("%(category)s loan event %(event)s recorded by lender %(lender)s",
                               category=choice(d["loan_category"]), event=d["loan_event_id"],
                               lender=d["lender_entity_id"]))
    if not c.params.get("requires_ip_pledge_loan") or d.get("loan_category") == "ip_pledge":
        return ctx.settle(_draft(e, c, v, amount, text))
    why = (Text("loan %(loan)s is a %(category)s loan, not an IP-pledge loan", loan=d["loan_ref"],
                category=choice(d["loan_category"])) if d.get("loan_event_id") else
           Text("no loan %(loan)s to this enterprise was recorded by a lender before it", loan=d["loan_ref"]))
    return ctx.ineligible(_draft(e, c, v, amount, text), why)


def _award_clause(e: FactRecord) -> str:
    return "6.1" if e.data["level"] == "national" else "6.2"


# event type -> (which clause it falls under, the rule)
ONE_TIME: dict[str, tuple[Callable[[FactRecord], str], Rule]] = {
    "achievement_recognised": (lambda e: "1.1", achievement),
    "case_by_case_support_granted": (lambda e: str(e.data["clause"]),
                                     decided(N_("case-by-case decision %(decision_ref)s:"), "decision_ref")),
    "invest_first_approved": (lambda e: "3.1", invest_first),
    "technology_transfer_brokered": (lambda e: "4.2", brokered),
    "award_received": (_award_clause, award),
    "patent_case_won": (lambda e: "7.1", patent_case),
    "standard_drafted": (lambda e: "7.2", decided(N_("standard %(standard)s (%(role)s), decided at"),
                                                  "standard", "role")),
    "patent_navigation_funded": (lambda e: "7.3", decided(N_("navigation project %(project)s, decided at"),
                                                          "project")),
    "graduate_project_funded": (lambda e: "8.2", graduate),
    "joint_funding_granted": (lambda e: "5.2", decided(N_("joint funding of %(project)s decided at"),
                                                              "project")),
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
