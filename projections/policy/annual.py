"""Annual clauses judged year by year: 4.1 agency performance, 6.3 major projects, 11 funds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from i18n import Percent, Text, Yuan, then
from registry.records import FactRecord

from .book import PolicyVersion
from .context import Context, Draft
from .model import Entitlement
from .money import ZERO, q
from .series import (
    BEFORE,
    by_key,
    by_year,
    instalment,
    outside_years,
    period_version,
    phase,
    shared_cap,
)
from .terms import choice


def agency_performance(ctx: Context) -> list[Entitlement]:
    """4.1: by the year's in-park performance, up to 100万 a year, set by review; judged by the
    year assessed, whenever the assessment is recorded.

    Each year is one matter: a second assessment of it is not entitled while the first stands
    (revoke the first to record it anew).
    """
    out = []
    for year, evs in by_year(ctx.of_type("transfer_performance_assessed")).items():
        v, when = period_version(ctx, date(year, 1, 1))
        for k, decision in enumerate(evs):
            # The first assessment keeps the id it always had; a later one is its own matter.
            anchor = "performance" if k == 0 else decision.ref
            if v is None:
                out.append(ctx.outside("4.1", decision, anchor, year))
                continue
            c = v.clause("4.1")
            cap, decided = c.money("annual_cap"), q(decision.data["amount"])
            text = (Text("4.1: performance subsidy for %(year)s decided at %(decided)s; "
                         "capped at %(cap)s a year",
                         year=year, decided=Yuan(decided), cap=Yuan(cap)) if decided > cap else
                    Text("4.1: performance subsidy for %(year)s decided at %(decided)s "
                         "(cap %(cap)s a year)",
                         year=year, decided=Yuan(decided), cap=Yuan(cap)))
            draft = Draft(c, v, anchor, year, min(decided, cap), [decision], text,
                          date(year, 1, 1))
            if when == BEFORE:
                out.append(ctx.ineligible(draft, Text(
                    "%(year)s begins before %(version)s took effect on %(day)s", year=year,
                    version=v.id, day=v.valid_from)))
            else:
                out.append(instalment(ctx, draft, when))
    return out


def major_projects(ctx: Context) -> list[Entitlement]:
    """6.3: 3% of the project's previous-year national/provincial allocation, ≤ 50万 a project."""
    out: list[Entitlement] = []
    for project, pevs in by_key(ctx.of_type("major_project_funding_reported"), "project").items():
        years = by_year(pevs)
        v = ctx.series_version(pevs)
        if v is None:
            out += outside_years(ctx, "6.3", project, years)
            continue
        used = ZERO
        for year, evs in years.items():
            for k, report in enumerate(evs):
                # The first report of a year keeps the id it always had; a later one is a
                # second recording of the same matter.
                anchor = project if k == 0 else report.ref
                ent = _major_project_year(ctx, v, project, year, report, anchor, used)
                used += ent.amount if ent.counts_against_cap and ent.amount else ZERO
                out.append(ent)
    return out


def _major_project_year(ctx: Context, v: PolicyVersion, project: str, year: int,
                        report: FactRecord, anchor: str, used: Decimal) -> Entitlement:
    c = v.clause("6.3")
    rate, cap = c.money("rate"), c.money("cap")
    in_total = c.params["cap_scope"] == "per_project_total"
    # 上年度: the allocation of `year` is rewarded in the year after it.
    rewarded = year + 1 if c.params.get("reward_year") == "following_year" else year
    allocation = q(report.data["allocation"])
    gross = q(rate * allocation)
    text = Text("6.3: %(rate)s × %(year)s %(level)s allocation %(allocation)s to %(project)s = %(gross)s",
                rate=Percent(rate), year=year, level=choice(report.data["level"]),
                allocation=Yuan(allocation), project=project, gross=Yuan(gross))
    amount, note = shared_cap(gross, cap, used if in_total else ZERO,
                              Text("per project in total") if in_total else Text("a year"))
    text = then(then(text, note), Text("rewarded in %(year)s", year=rewarded))
    draft = Draft(c, v, anchor, year, amount, [report], text, date(rewarded, 1, 1))
    when = phase(v, rewarded)
    if when == BEFORE:
        return ctx.ineligible(draft, Text("the reward year %(year)s begins before %(version)s "
                                          "took effect on %(day)s", year=rewarded, version=v.id,
                                          day=v.valid_from))
    if c.params.get("requires_good_standing") and not report.data["in_good_standing"]:
        return ctx.ineligible(draft, Text("%(project)s is not in good standing in %(year)s",
                                          project=project, year=year))
    return instalment(ctx, draft, when)


def fund_investments(ctx: Context) -> list[Entitlement]:
    """11: 1% of the money actually paid in, ≤ 200万 per investor over the term."""
    out: list[Entitlement] = []
    used: dict[str, Decimal] = {}
    for e in ctx.of_type("fund_investment_made"):
        v = ctx.version_on(e.occurred_on)
        if v is None:
            out.append(ctx.outside("11", e, year=e.occurred_on.year))
            continue
        c = v.clause("11")
        rate, cap, paid_in = c.money("rate"), c.money("cap"), q(e.data["amount_paid_in"])
        gross = q(rate * paid_in)
        per_term = c.params["cap_scope"] == "per_investor_term"
        so_far = used.get(v.id, ZERO) if per_term else ZERO
        amount, note = shared_cap(gross, cap, so_far, Text("per investor over the term") if per_term
                                  else Text("per investment"))
        text = then(Text("11: %(rate)s × %(paid_in)s paid in to %(investee)s = %(gross)s", rate=Percent(rate),
                         paid_in=Yuan(paid_in), investee=e.data["investee_entity_id"], gross=Yuan(gross)),
                    note)
        draft = Draft(c, v, e.ref, e.occurred_on.year, amount, [e], text,
                      e.occurred_on)
        ent = ctx.settle(draft)
        if ent.counts_against_cap and ent.amount:
            used[v.id] = so_far + ent.amount
        out.append(ent)
    return out
