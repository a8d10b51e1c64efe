"""Clauses that are a benefit in kind, a window, or a status: 1.2, 1.3, 3.2, 5.1, 13."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from i18n import N_, Percent, Series, Text, Yuan, then

from .context import Context, Draft
from .model import Entitlement
from .money import ZERO, q, term_end
from .one_time import capped
from .series import by_key, total
from .terms import choice

# The figures of a 先投后股 position (3.2), as its explanation names them.
FIGURE_WORDS = {"approved": N_("approved %(amount)s"), "disbursed": N_("disbursed %(amount)s"),
                "converted": N_("converted %(amount)s"), "recovered": N_("recovered %(amount)s"),
                "outstanding": N_("outstanding %(amount)s")}


def free_space(ctx: Context) -> list[Entitlement]:
    """1.2: free office space and pilot base by actual need, at most 3 years."""
    out = []
    for e in ctx.of_type("space_granted"):
        v = ctx.version_on(e.occurred_on)
        if v is None:
            out.append(ctx.outside("1.2", e))
            continue
        c, d = v.clause("1.2"), e.data
        most = c.params["max_months"]
        months = min(d["months"], most)
        ends = term_end(d["start_on"], months)
        text = Text("1.2: free %(space)s for %(project)s from %(start)s for %(months)s months, last day "
                    "%(ends)s (at most %(most)s months)", space=choice(d["space"]), project=d["project"],
                    start=d["start_on"], months=months, ends=ends, most=most)
        if d["months"] > most:
            text = then(text, Text("%(granted)s months granted, held to %(most)s", granted=d["months"],
                                   most=most))
        out.append(ctx.settle(Draft(c, v, e.ref, None, None, [e], text,
                                    d["start_on"], ends)))
    return out


def industrialisation(ctx: Context) -> list[Entitlement]:
    """1.3: up to 200万 once, when industrialised within 3 years of pilot maturation."""
    matured = {}
    for m in ctx.of_type("pilot_maturation_completed"):
        matured.setdefault(m.data["project"], m)  # the window runs from the first completion
    out, seen = [], set()
    for e in ctx.of_type("industrialised"):
        project = e.data["project"]
        # One reward per project: only its first industrialisation is the matter.
        anchor = e.ref if project in seen else project
        seen.add(project)
        v = ctx.version_on(e.occurred_on)
        if v is None:
            out.append(ctx.outside("1.3", e, anchor))
            continue
        c, m = v.clause("1.3"), matured.get(project)
        amount, text = capped(c, e.data["amount"], Text("industrialisation reward for %(project)s decided at",
                                                        project=project))
        draft = Draft(c, v, anchor, None, amount, [m, e] if m else [e], text, e.occurred_on)
        if anchor != project:
            out.append(ctx.ineligible(draft, Text("%(project)s was already assessed under 1.3",
                                                  project=project)))
        elif m is None:
            out.append(ctx.ineligible(draft, Text("no pilot maturation recorded for %(project)s",
                                                  project=project)))
        else:
            out.append(_in_window(ctx, draft, m.occurred_on, e.occurred_on))
    return out


def _in_window(ctx: Context, draft: Draft, matured_on: date, industrialised_on: date
               ) -> Entitlement:
    months = draft.clause.params["window_months"]
    last = term_end(matured_on, months)
    text = then(draft.explanation, Text("industrialised %(on)s, window %(matured)s to %(last)s (%(months)s "
                                        "months from pilot maturation)", on=industrialised_on,
                                        matured=matured_on, last=last, months=months))
    draft = replace(draft, explanation=text)
    if matured_on <= industrialised_on <= last:
        return ctx.settle(draft)
    return ctx.ineligible(draft, Text("industrialised outside the window"))


def positions(ctx: Context, invested: list[Entitlement]) -> list[Entitlement]:
    """3.2: the invest-first position of each project and its exit deadline."""
    out = []
    for project, evs in by_key(ctx.of_type("invest_first_approved"), "project").items():
        approval = evs[0]
        put_in = next(x for x in invested if x.basis[0] == approval.ref)
        v = ctx.version_on(approval.occurred_on)
        if v is None:
            out.append(ctx.outside("3.2", approval, project))
            continue
        c = v.clause("3.2")
        same = [e for e in ctx.events if e.data.get("project") == project]
        converted = q(total([e for e in same if e.type == "invest_first_converted"], "amount"))
        recovered = q(total([e for e in same if e.type == "invest_first_recovered"], "amount"))
        figures = {"approved": put_in.amount or ZERO, "disbursed": put_in.disbursed,
                   "converted": converted, "recovered": recovered,
                   "outstanding": put_in.disbursed - recovered}
        deadline = approval.data["exit_deadline"]
        shown = Series(Text(FIGURE_WORDS[k], amount=Yuan(x)) for k, x in figures.items())
        text = Text("3.2: %(project)s: %(figures)s; exit by %(deadline)s "
                    "(outstanding = disbursed − recovered)",
                    project=project, figures=shown, deadline=deadline)
        basis = [e for e in same if e.type.startswith("invest_first_")]
        out.append(ctx.settle(Draft(c, v, project, None, None, basis, text,
                                    approval.occurred_on, deadline, figures=figures)))
    return out


def self_initiated(ctx: Context) -> list[Entitlement]:
    """5.1: a non-fiscal project of 30万 or more is filed as a city key R&D project."""
    out = []
    for e in ctx.of_type("self_initiated_project_filed"):
        v = ctx.version_on(e.occurred_on)
        if v is None:
            out.append(ctx.outside("5.1", e))
            continue
        c, budget = v.clause("5.1"), q(e.data["budget"])
        low = c.money("min_budget")
        met = budget >= low
        figures = dict(project=e.data["project"], budget=Yuan(budget), low=Yuan(low))
        text = (Text("5.1: %(project)s budget %(budget)s ≥ %(low)s: filed as a city key R&D project "
                     "(视同市重点研发项目备案)", **figures) if met else
                Text("5.1: %(project)s budget %(budget)s < %(low)s", **figures))
        draft = Draft(c, v, e.ref, None, None, [e], text, e.occurred_on)
        out.append(ctx.settle(draft) if met else ctx.ineligible(draft, Text("below the minimum budget")))
    return out


def failure_ratio(ctx: Context) -> list[Entitlement]:
    """13: a government fund may see up to 80% of its projects fail; flag one above it."""
    outcomes = {e.data["project"]: e for e in ctx.of_type("fund_project_outcome_recorded")}
    if not outcomes:
        return []
    latest = max(outcomes.values(), key=ctx.events.index)
    v = ctx.version_on(latest.occurred_on)
    if v is None:
        return [ctx.outside("13", latest, "fund")]
    c = v.clause("13")
    failed = sum(1 for e in outcomes.values() if e.data["outcome"] == "failed")
    ratio = (Decimal(failed) / len(outcomes)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    ceiling = c.money("failure_ceiling")
    shares = dict(failed=failed, succeeded=len(outcomes) - failed, ratio=Percent(ratio),
                  ceiling=Percent(ceiling))
    text = (Text("13: failure ratio %(failed)s / (%(failed)s + %(succeeded)s) = %(ratio)s above the ceiling "
                 "%(ceiling)s: flagged", **shares) if ratio > ceiling else
            Text("13: failure ratio %(failed)s / (%(failed)s + %(succeeded)s) = %(ratio)s within the ceiling "
                 "%(ceiling)s", **shares))
    figures = {"failed": Decimal(failed), "succeeded": Decimal(len(outcomes) - failed),
               "failure_ratio": ratio, "ceiling": ceiling}
    basis = [e for e in ctx.events if e.type == "fund_project_outcome_recorded"]
    return [ctx.settle(Draft(c, v, "fund", None, None, basis, text, min(
        e.occurred_on for e in basis), figures=figures))]
