"""Article 12 on the lender's side (政银担险): loss compensation (12.1, 12.2) and the
guarantee-fee gap (12.3), from the financial institution's own history alone.

What 12.2 needs to know of the borrower was captured at the door into the loan's data
(`borrower_registered_on`, `borrower_incubating`), and is restated on the lender when a later
fact on the borrower changes it (`loan_borrower_standing_restated`), so this stays a function
of one history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from i18n import ClauseId, Percent, Term, Text, Yuan, then
from i18n.catalogue import ENGLISH
from i18n.labels import event_type
from registry.records import RESTATED, VOIDED, FactRecord

from .book import Clause, PolicyVersion
from .context import Context, Draft
from .matter_names import same_matter
from .model import Entitlement
from .money import ZERO, q, term_end
from .series import arising_version, instalment, phase_of_day
from .terms import choice

COMPENSATED = {"tech_transfer": "12.1", "early_rd_credit": "12.2"}


def loss_compensations(ctx: Context) -> list[Entitlement]:
    """12.1: 35% of principal lost on a tech-transfer loan; 12.2: up to 45% on an early-stage
    R&D credit loan. Each loss is its own matter, judged under the version in force that day."""
    loans, restated = _loans_standing(ctx)
    lost: dict[str, Decimal] = defaultdict(lambda: ZERO)
    out = []
    for loss in ctx.of_type("loan_principal_lost"):
        ref = same_matter(loss.data["loan_ref"])
        loan = loans.get(ref)
        if loan is None:
            continue  # refused at the door; nothing to compensate
        principal = q(loan.data["principal"])
        counted = min(q(loss.data["amount"]), max(ZERO, principal - lost[ref]))
        lost[ref] += counted
        clause_id = COMPENSATED.get(loan.data["category"])
        if clause_id is None:
            continue
        v = ctx.version_on(loss.occurred_on)
        out.append(_compensation(ctx, v.clause(clause_id), v, loan, loss, counted, restated.get(ref)) if v
                   else ctx.outside(clause_id, loss))
    return out


def _loans_standing(ctx: Context) -> tuple[dict[str, FactRecord], dict[str, FactRecord]]:
    """Each loan by its reference as one matter compares it, as it stands (registry.records.
    live_loan): the first recording after the last void (贷款登记作废) of the reference; and the
    latest restatement of its borrower standing (12.2) made since, if any: one made before a
    void was the voided loan's."""
    loans: dict[str, FactRecord] = {}
    restated: dict[str, FactRecord] = {}
    for e in ctx.of_type("loan_issued", VOIDED, RESTATED):
        ref = same_matter(e.data["loan_ref"])
        if e.type == VOIDED:
            loans.pop(ref, None)
            restated.pop(ref, None)
        elif e.type == RESTATED:
            restated[ref] = e
        else:
            loans.setdefault(ref, e)
    return loans, restated


def _share(c: Clause, loss: FactRecord) -> tuple[Decimal | None, Text | str]:
    """12.2 pays the provincial share stated on the loss (比照省财政分担比例), at most the rate;
    12.1 pays its rate."""
    rate = c.money("rate")
    if c.params.get("share_basis") != "provincial_share_stated":
        return rate, ""
    stated = loss.data.get("provincial_share_rate")
    if stated is None:
        return None, ""
    if stated > rate:
        return rate, Text("(provincial share %(stated)s, held to the most %(rate)s)",
                          stated=Percent(stated), rate=Percent(rate))
    return stated, Text("(provincial share, at most %(rate)s)", rate=Percent(rate))


def _compensation(ctx: Context, c: Clause, v: PolicyVersion, loan: FactRecord,
                  loss: FactRecord, counted: Decimal, restated: FactRecord | None) -> Entitlement:
    d = loan.data
    rate, most = _share(c, loss)
    if rate is None:
        draft = Draft(c, v, loss.ref, None, ZERO, [loan, loss], "", loss.occurred_on)
        return ctx.ineligible(draft, Text("the loss on loan %(loan)s states no provincial share "
                                          "(provincial_share_rate)", loan=d["loan_ref"]))
    amount = q(rate * counted)
    loan_terms = dict(clause=ClauseId(c.id), rate=Percent(rate), counted=Yuan(counted),
                      category=choice(d["category"]), loan=d["loan_ref"], borrower=d["borrower_entity_id"],
                      principal=Yuan(d["principal"]), start=d["start_on"], amount=Yuan(amount), most=most)
    text = (Text("%(clause)s: %(rate)s %(most)s × principal lost %(counted)s on "
                 "%(category)s loan %(loan)s to %(borrower)s (principal %(principal)s, from %(start)s) = "
                 "%(amount)s", **loan_terms) if c.id == "12.2" else
            Text("%(clause)s: %(rate)s × principal lost %(counted)s on %(category)s loan %(loan)s to "
                 "%(borrower)s (principal %(principal)s, from %(start)s) = %(amount)s", **loan_terms))
    if counted < q(loss.data["amount"]):
        text = then(text, Text("of the %(reported)s reported, only principal not yet lost counts",
                               reported=Yuan(loss.data["amount"])))
    draft = Draft(c, v, loss.ref, None, amount, [loan, loss], text, loss.occurred_on)
    if c.id != "12.2":
        return ctx.settle(draft)
    early, why = _early_stage(c, d, restated)
    basis = [loan, loss] if restated is None else [loan, restated, loss]
    draft = Draft(c, v, draft.anchor, None, amount, basis, then(text, why), loss.occurred_on)
    return ctx.settle(draft) if early else ctx.ineligible(draft, Text(
        "the borrower was not early-stage at the loan's start"))


def _early_stage(c: Clause, loan: dict, restated: FactRecord | None) -> tuple[bool, Text]:
    """早期、初创期: entered the park less than n months before the loan's start, or incubating;
    by the standing as last restated, if a fact on the borrower changed it since the loan."""
    held = loan if restated is None else restated.data
    entered, incubating = held.get("borrower_registered_on"), held.get("borrower_incubating")
    if entered is None:
        return False, Text("the borrower's standing at the loan's start was not recorded")
    months, start = c.params["early_stage_months"], loan["start_on"]
    # "At the loan's start, entered less than n months ago": a borrower entering after the start
    # (an entry date corrected later) had not entered at all then, however short the gap. The n
    # months end as every term does (term_end): from 2024-02-29, 36 months run to 2027-02-28.
    young = entered <= start <= term_end(entered, months)
    counts = bool(c.params.get("incubating_is_early_stage")) and bool(incubating)
    dates = dict(entered=entered, months=months, start=start)
    if young:
        text = Text("borrower entered the park %(entered)s, less than %(months)s months before the "
                    "loan's start %(start)s", **dates)
    elif entered > start:
        text = Text("borrower entered the park %(entered)s, after the loan's start %(start)s",
                    entered=entered, start=start)
    else:
        text = Text("borrower entered the park %(entered)s, not less than %(months)s months before the "
                    "loan's start %(start)s", **dates)
    text = Text("%(entered)s, incubating then", entered=text) if incubating else \
        Text("%(entered)s, not incubating then", entered=text)
    return young or counts, text if restated is None else then(text, _cause(restated))


def _cause(restated: FactRecord) -> Text:
    cause = restated.data["cause_type"]
    return Text("as restated after the borrower's %(cause)s %(event)s of %(day)s",
                cause=Term(event_type(cause, ENGLISH).lower(), event_type(cause)),
                event=restated.data["cause_event_id"], day=restated.occurred_on)


def guarantee_fee_gaps(ctx: Context) -> list[Entitlement]:
    """12.3: guarantees of ≤ 1000万 per enterprise at a fee below 1.5%: the gap, per year."""
    out: list[Entitlement] = []
    guarantees = ctx.of_type("guarantee_issued")
    for g in guarantees:
        # Issued after the policy's end: its days, placed by their own dates, await renewal.
        v = arising_version(ctx, g.occurred_on)
        if v is None:
            out.append(ctx.outside("12.3", g))
            continue
        out += _fee_gap(ctx, v.clause("12.3"), v, g, _exposure(v.clause("12.3"), g, guarantees))
    return out


def _exposure(c: Clause, g: FactRecord, guarantees: list[FactRecord]) -> Decimal:
    """单户: what the beneficiary has guaranteed by this guarantor when `g` starts, `g` included."""
    if c.params["amount_basis"] == "per_guarantee":
        return q(g.data["amount"])
    start, who = g.data["start_on"], g.data["beneficiary_entity_id"]
    # "Outstanding when the new one starts" goes by the guarantees' dates, not the order they
    # were recorded in: one entered late but started earlier still counts. The new one is the
    # later start (on the same day, the later recorded), so the guarantee that takes the
    # enterprise over the limit is the one that gets no gap, and a late record takes away only
    # the gap of guarantees starting after it. (The door records every guarantee; the limit is
    # judged here alone.)
    new = (start, next(i for i, x in enumerate(guarantees) if x is g))
    return q(sum((x.data["amount"] for i, x in enumerate(guarantees) if x.data["beneficiary_entity_id"] == who
                  and (x.data["start_on"], i) <= new and start <= x.data["end_on"]), ZERO))


def _fee_gap(ctx: Context, c: Clause, v: PolicyVersion, g: FactRecord,
             exposure: Decimal) -> list[Entitlement]:
    d, ceiling, limit = g.data, c.money("fee_rate_ceiling"), c.money("amount_limit")
    inclusive = bool(c.params.get("amount_limit_inclusive"))
    within = exposure <= limit if inclusive else exposure < limit
    gap = max(ZERO, ceiling - d["fee_rate"])
    out = []
    for year, first, counted_from, last, year_days, anchor in _pieces(c, v, g):
        # The guarantee's days before the policy took effect are not paid.
        days = max(0, (last - counted_from).days + 1)
        amount = q(gap * d["amount"] * days / year_days)
        gap_terms = dict(ceiling=Percent(ceiling), fee=Percent(d["fee_rate"]), guaranteed=Yuan(d["amount"]),
                         days=days, year_days=year_days, year=year, amount=Yuan(amount),
                         guarantee=d["guarantee_ref"], beneficiary=d["beneficiary_entity_id"],
                         start=d["start_on"], end=d["end_on"], exposure=Yuan(exposure), limit=Yuan(limit))
        text = (Text("12.3: (%(ceiling)s − %(fee)s) × %(guaranteed)s × %(days)s/%(year_days)s days of "
                     "%(year)s = "
                     "%(amount)s; guarantee %(guarantee)s for %(beneficiary)s, %(start)s to %(end)s; "
                     "%(exposure)s guaranteed for it, limit %(limit)s inclusive", **gap_terms)
                if inclusive else
                Text("12.3: (%(ceiling)s − %(fee)s) × %(guaranteed)s × %(days)s/%(year_days)s days of "
                     "%(year)s = "
                     "%(amount)s; guarantee %(guarantee)s for %(beneficiary)s, %(start)s to %(end)s; "
                     "%(exposure)s guaranteed for it, limit %(limit)s", **gap_terms))
        tail = anchor != g.ref  # the year's days after the version's end
        if counted_from > first and not tail:
            text = then(text, Text("days before %(day)s are not counted", day=v.valid_from))
        draft = Draft(c, v, anchor, year, amount, [g], text, counted_from if tail else first)
        if days == 0:
            out.append(ctx.ineligible(draft, Text(
                "%(year)s's days of the term are before %(version)s took effect on %(day)s",
                year=year, version=v.id, day=v.valid_from)))
        elif d["fee_rate"] >= ceiling:
            out.append(ctx.ineligible(draft, Text("fee rate %(fee)s is not below %(ceiling)s",
                                                  fee=Percent(d["fee_rate"]), ceiling=Percent(ceiling))))
        elif not within:
            out.append(ctx.ineligible(draft, Text(
                "%(exposure)s guaranteed for the enterprise exceeds %(limit)s",
                                                  exposure=Yuan(exposure), limit=Yuan(limit))))
        else:
            if last < min(d["end_on"], date(year, 12, 31)):  # the year's days after the end
                draft = replace(draft, explanation=then(text, Text(
                    "days after %(day)s await the revised policy", day=last)))
            out.append(instalment(ctx, draft, phase_of_day(v, counted_from)))
    return out


def _pieces(c: Clause, v: PolicyVersion, g: FactRecord
            ) -> list[tuple[int, date, date, date, int, str]]:
    """(year, first day of the term in it, first day counted, last day counted, days counted in
    a year, anchor), a year at a time. The days of a year straddling the version's end are two
    periods: those to its last day, counted under it, and those after, which await the revised
    policy (their own entitlement: the year's first keeps the id it always had)."""
    out = []
    for year, first, days, year_days in _years(c, g.data["start_on"], g.data["end_on"]):
        last = first + timedelta(days=days - 1)
        counted_from = max(first, v.valid_from)
        if counted_from <= v.valid_to < last:
            out.append((year, first, counted_from, v.valid_to, year_days, g.ref))
            out.append((year, first, v.valid_to + timedelta(days=1), last, year_days,
                        f"{g.ref}|after {v.valid_to}"))
        else:
            out.append((year, first, counted_from, last, year_days, g.ref))
    return out


def _years(c: Clause, start: date, end: date) -> list[tuple[int, date, int, int]]:
    """(year, first day in it, days of the term in it, days counted in a year), start to end
    inclusive."""
    actual = c.params["day_count"] == "actual_actual"
    out = []
    for year in range(start.year, end.year + 1):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        year_days = (date(year, 12, 31) - date(year, 1, 1)).days + 1 if actual else 365
        out.append((year, first, (last - first).days + 1, year_days))
    return out
