"""Clauses that are a benefit in kind, a window, or a status: 1.2, 1.3, 3.2, 5.1, 13."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from i18n import N_, Percent, Series, Text, Yuan, then

from .book import PolicyBook, PolicyVersion
from .context import Context, Draft
from .matter_names import same_matter
from .model import ENDED, INELIGIBLE, REVOKED, Entitlement
from .money import ZERO, q, term_end
from .one_time import capped
from .series import (
    AFTER,
    BEFORE,
    WITHIN,
    arising_version,
    by_key,
    instalment,
    phase_of_day,
    total,
)
from .status import returned
from .terms import choice

# The figures of a 先投后股 position (3.2), as its explanation names them.
FIGURE_WORDS = {"approved": N_("approved %(amount)s"), "disbursed": N_("disbursed %(amount)s"),
                "converted": N_("converted %(amount)s"), "recovered": N_("recovered %(amount)s"),
                "outstanding": N_("outstanding %(amount)s")}


def free_space(ctx: Context) -> list[Entitlement]:
    """1.2: free office space and pilot base by actual need, at most 3 years for a project:
    later grants for the same project add up toward the same 36 months."""
    out = []
    used: dict[str, int] = {}
    for e in ctx.of_type("space_granted"):
        # Granted after the policy's end: its term, placed by its first day, awaits renewal.
        v = arising_version(ctx, e.occurred_on)
        if v is None:
            out.append(ctx.outside("1.2", e))
            continue
        c, d = v.clause("1.2"), e.data
        most, before = c.params["max_months"], used.get(same_matter(d["project"]), 0)
        months = min(d["months"], most - before)
        if months <= 0:
            text = Text("1.2: free %(space)s for %(project)s from %(start)s", space=choice(d["space"]),
                        project=d["project"], start=d["start_on"])
            draft = Draft(c, v, e.ref, None, None, [e], text, d["start_on"])
            out.append(ctx.ineligible(draft, Text("the %(most)s months for %(project)s are used by "
                                                  "earlier grants", most=most, project=d["project"])))
            continue
        ends = term_end(d["start_on"], months)
        text = Text("1.2: free %(space)s for %(project)s from %(start)s for %(months)s months, last day "
                    "%(ends)s (at most %(most)s months)", space=choice(d["space"]), project=d["project"],
                    start=d["start_on"], months=months, ends=ends, most=most)
        if before:
            text = then(text, Text("%(before)s months granted before for the project",
                                   before=before))
        if d["months"] > months:
            text = then(text, Text("%(granted)s months granted, held to %(most)s", granted=d["months"],
                                   most=months))
        ent = _term(ctx, Draft(c, v, e.ref, None, None, [e], text, d["start_on"], ends), v, d["start_on"])
        # A term ended by a departure before it began gave no day of space: it uses none.
        if ent.status not in (INELIGIBLE, REVOKED, ENDED):
            used[same_matter(d["project"])] = before + months
        out.append(ent)
    return out


def _term(ctx: Context, draft: Draft, v: PolicyVersion, first: date) -> Entitlement:
    """A term of free space is a period (periods = "begin_inside_window"), placed by its first
    day, not by the day it was granted. It is one period, like a talent year (8.1), not a run of
    days like a guarantee's (12.3, paid pro rata): a term beginning before the policy took effect
    is not granted at all, not even its days inside the window; one beginning after its end
    awaits the revised policy."""
    when = phase_of_day(v, first)
    if when == BEFORE:
        return ctx.ineligible(draft, Text("the term begins on %(first)s, before %(version)s took "
                                          "effect on %(day)s", first=first, version=v.id,
                                          day=v.valid_from))
    return instalment(ctx, draft, when)


def industrialisation(ctx: Context) -> list[Entitlement]:
    """1.3: up to 200万 once, when industrialised within 3 years of pilot maturation."""
    matured = {}
    for m in ctx.of_type("pilot_maturation_completed"):
        matured.setdefault(same_matter(m.data["project"]), m)  # the window runs from the first completion
    out, seen = [], set()
    for e in ctx.of_type("industrialised"):
        project = e.data["project"]
        # The first industrialisation of a project keeps the id it always had; a later one is a
        # second recording of the same matter, which `settle` finds held.
        anchor = e.ref if same_matter(project) in seen else project
        seen.add(same_matter(project))
        m = matured.get(same_matter(project))
        v, late = ctx.version_on(e.occurred_on), False
        if v is None and m is not None:
            v = window_version(ctx.book, m.occurred_on, e.occurred_on)
            late = v is not None
        if v is None:
            out.append(ctx.outside("1.3", e, anchor))
            continue
        c = v.clause("1.3")
        amount, text = capped(c, e.data["amount"], Text("industrialisation reward for %(project)s decided at",
                                                        project=project))
        draft = Draft(c, v, anchor, None, amount, [m, e] if m else [e], text, e.occurred_on)
        if m is None:
            out.append(ctx.ineligible(draft, Text("no pilot maturation recorded for %(project)s",
                                                  project=project)))
        else:
            out.append(_in_window(ctx, draft, m.occurred_on, e.occurred_on, late))
    return out


def window_version(book: PolicyBook, matured_on: date, industrialised_on: date
                   ) -> PolicyVersion | None:
    """1.3: the version whose window, opened by a pilot maturation under it, still holds an
    industrialisation after its end (after_policy): the reward awaits the revised policy."""
    v = book.in_force_on(matured_on)
    if v is None or industrialised_on <= v.valid_to:
        return None
    reading = v.clause("1.3").params.get("after_policy")
    return v if reading == "awaiting_renewal_while_window_open" else None


def _in_window(ctx: Context, draft: Draft, matured_on: date, industrialised_on: date,
               late: bool) -> Entitlement:
    months = draft.clause.params["window_months"]
    last = term_end(matured_on, months)
    text = then(draft.explanation, Text("industrialised %(on)s, window %(matured)s to %(last)s (%(months)s "
                                        "months from pilot maturation)", on=industrialised_on,
                                        matured=matured_on, last=last, months=months))
    draft = replace(draft, explanation=text)
    if not matured_on <= industrialised_on <= last:
        return ctx.ineligible(draft, Text("industrialised outside the window"))
    return instalment(ctx, draft, AFTER if late else WITHIN)


INVEST_FIRST = ("invest_first_approved", "invest_first_converted", "invest_first_recovered")


def positions(ctx: Context, found: list[Entitlement]) -> list[Entitlement]:
    """3.2: the invest-first position of each project and its exit deadline, after `found` (the
    one-time entitlements), whose 3.1 entitlements come back with what their exits returned
    counted against their 应追回."""
    invested = [e for e in found if e.clause == "3.1"]
    back: dict[str, Entitlement] = {}
    out = []
    # Each project's facts, in order, by the project as one matter compares it.
    matters = {same_matter(k): v for k, v in by_key(ctx.of_type(*INVEST_FIRST), "project").items()}
    put_in_by = {x.basis[0]: x for x in reversed(invested)}  # the first entitlement an approval made
    for project, evs in by_key(ctx.of_type("invest_first_approved"), "project").items():
        # The approval in force: revoked and recorded anew, the project's position is the new
        # one's (its money and exit deadline), not the void first one's.
        approval = next((e for e in reversed(evs) if not ctx.void(put_in_by[e.ref])), evs[0])
        put_in = put_in_by[approval.ref]
        v = ctx.version_on(approval.occurred_on)
        if v is None:
            out.append(ctx.outside("3.2", approval, project))
            continue
        c = v.clause("3.2")
        same = matters[same_matter(project)]
        converted = q(total([e for e in same if e.type == "invest_first_converted"], "amount"))
        recovered = q(total([e for e in same if e.type == "invest_first_recovered"], "amount"))
        figures = {"approved": put_in.amount or ZERO, "disbursed": put_in.disbursed,
                   "converted": converted, "recovered": recovered,
                   "outstanding": put_in.disbursed - recovered}
        # Money the position got back is not also owed back on the entitlement that put it in.
        if recovered and put_in.recoverable:
            back[put_in.id] = returned(put_in, min(recovered, put_in.recoverable), ctx.void(put_in))
        deadline = approval.data["exit_deadline"]
        shown = Series(Text(FIGURE_WORDS[k], amount=Yuan(x)) for k, x in figures.items())
        text = Text("3.2: %(project)s: %(figures)s; exit by %(deadline)s "
                    "(outstanding = disbursed − recovered)",
                    project=project, figures=shown, deadline=deadline)
        out.append(ctx.settle(Draft(c, v, project, None, None, same, text,
                                    approval.occurred_on, deadline, figures=figures)))
    return [back.get(e.id, e) for e in found] + out


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
    recorded = ctx.of_type("fund_project_outcome_recorded")  # in the history's order
    if not recorded:
        return []
    # Each project's latest outcome, the project as one matter compares it.
    outcomes = {same_matter(e.data["project"]): e for e in recorded}
    latest = recorded[-1]
    v = ctx.version_on(latest.occurred_on)
    if v is None:
        return [ctx.outside("13", latest, "fund")]
    c = v.clause("13")
    failed = sum(1 for e in outcomes.values() if e.data["outcome"] == "failed")
    # Compared on the exact ratio (80.0025% is above 80%); only what is shown is rounded.
    exact_ratio = Decimal(failed) / len(outcomes)
    ratio = exact_ratio.quantize(Decimal("0.0001"), ROUND_HALF_UP)
    ceiling = c.money("failure_ceiling")
    shares = dict(failed=failed, succeeded=len(outcomes) - failed, ratio=Percent(ratio),
                  ceiling=Percent(ceiling))
    text = (Text("13: failure ratio %(failed)s / (%(failed)s + %(succeeded)s) = %(ratio)s above the ceiling "
                 "%(ceiling)s: flagged", **shares) if exact_ratio > ceiling else
            Text("13: failure ratio %(failed)s / (%(failed)s + %(succeeded)s) = %(ratio)s within the ceiling "
                 "%(ceiling)s", **shares))
    figures = {"failed": Decimal(failed), "succeeded": Decimal(len(outcomes) - failed),
               "failure_ratio": ratio, "ceiling": ceiling}
    return [ctx.settle(Draft(c, v, "fund", None, None, recorded, text, min(
        e.occurred_on for e in recorded), figures=figures))]
