"""Clauses that are a benefit in kind, a window, or a status: 1.2, 1.3, 3.2, 5.1, 13."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .context import Context, Draft
from .model import Entitlement
from .money import ZERO, pct, q, term_end, yuan
from .one_time import capped
from .series import by_key, total


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
        text = (f"1.2: free {d['space']} for {d['project']} from {d['start_on']} for "
                f"{months} months, last day {ends} (at most {most} months)")
        if d["months"] > most:
            text += f"; {d['months']} months granted, held to {most}"
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
        amount, text = capped(c, e.data["amount"], f"industrialisation reward for {project} "
                                                   "decided at")
        draft = Draft(c, v, anchor, None, amount, [m, e] if m else [e], text, e.occurred_on)
        if anchor != project:
            out.append(ctx.ineligible(draft, f"{project} was already assessed under 1.3"))
        elif m is None:
            out.append(ctx.ineligible(draft, f"no pilot maturation recorded for {project}"))
        else:
            out.append(_in_window(ctx, draft, m.occurred_on, e.occurred_on))
    return out


def _in_window(ctx: Context, draft: Draft, matured_on: date, industrialised_on: date
               ) -> Entitlement:
    months = draft.clause.params["window_months"]
    last = term_end(matured_on, months)
    text = (f"{draft.explanation}; industrialised {industrialised_on}, window {matured_on} to "
            f"{last} ({months} months from pilot maturation)")
    draft = replace(draft, explanation=text)
    if matured_on <= industrialised_on <= last:
        return ctx.settle(draft)
    return ctx.ineligible(draft, "industrialised outside the window")


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
        text = "3.2: " + project + ": " + ", ".join(f"{k} {yuan(x)}" for k, x in figures.items())
        text += f"; exit by {deadline} (outstanding = disbursed − recovered)"
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
        text = (f"5.1: {e.data['project']} budget {yuan(budget)} {'≥' if met else '<'} "
                f"{yuan(low)}")
        if met:
            text += ": filed as a city key R&D project (视同市重点研发项目备案)"
        draft = Draft(c, v, e.ref, None, None, [e], text, e.occurred_on)
        out.append(ctx.settle(draft) if met else ctx.ineligible(draft, "below the minimum budget"))
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
    text = (f"13: failure ratio {failed} / ({failed} + {len(outcomes) - failed}) = {pct(ratio)}")
    text += (f" above the ceiling {pct(ceiling)}: flagged" if ratio > ceiling
             else f" within the ceiling {pct(ceiling)}")
    figures = {"failed": Decimal(failed), "succeeded": Decimal(len(outcomes) - failed),
               "failure_ratio": ratio, "ceiling": ceiling}
    basis = [e for e in ctx.events if e.type == "fund_project_outcome_recorded"]
    return [ctx.settle(Draft(c, v, "fund", None, None, basis, text, min(
        e.occurred_on for e in basis), figures=figures))]
