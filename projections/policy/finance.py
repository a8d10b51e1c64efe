"""Article 12 on the lender's side (政银担险): loss compensation (12.1, 12.2) and the
guarantee-fee gap (12.3), from the financial institution's own history alone.

What 12.2 needs to know of the borrower was captured at the door into the loan's data
(`borrower_registered_on`, `borrower_incubating`), so this stays a function of one history.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from registry.records import FactRecord

from .book import Clause, PolicyVersion
from .context import Context, Draft
from .model import Entitlement
from .money import ZERO, add_months, pct, q, yuan
from .series import BEFORE, instalment, phase

COMPENSATED = {"tech_transfer": "12.1", "early_rd_credit": "12.2"}


def loss_compensations(ctx: Context) -> list[Entitlement]:
    """12.1: 35% of principal lost on a tech-transfer loan; 12.2: up to 45% on an early-stage
    R&D credit loan. Each loss is its own matter, judged under the version in force that day."""
    loans: dict[str, FactRecord] = {}
    for loan in ctx.of_type("loan_issued"):
        loans.setdefault(loan.data["loan_ref"], loan)
    lost: dict[str, Decimal] = defaultdict(lambda: ZERO)
    out = []
    for loss in ctx.of_type("loan_principal_lost"):
        loan = loans.get(loss.data["loan_ref"])
        if loan is None:
            continue  # refused at the door; nothing to compensate
        ref, principal = loan.data["loan_ref"], q(loan.data["principal"])
        counted = min(q(loss.data["amount"]), max(ZERO, principal - lost[ref]))
        lost[ref] += counted
        clause_id = COMPENSATED.get(loan.data["category"])
        if clause_id is None:
            continue
        v = ctx.version_on(loss.occurred_on)
        out.append(_compensation(ctx, v.clause(clause_id), v, loan, loss, counted) if v
                   else ctx.outside(clause_id, loss))
    return out


def _compensation(ctx: Context, c: Clause, v: PolicyVersion, loan: FactRecord,
                  loss: FactRecord, counted: Decimal) -> Entitlement:
    d, rate = loan.data, c.money("rate")
    amount = q(rate * counted)
    most = " (最高不超过, the most the city pays)" if c.id == "12.2" else ""
    text = (f"{c.id}: {pct(rate)}{most} × principal lost {yuan(counted)} on {d['category']} loan "
            f"{d['loan_ref']} to {d['borrower_entity_id']} (principal {yuan(d['principal'])}, "
            f"from {d['start_on']}) = {yuan(amount)}")
    if counted < q(loss.data["amount"]):
        text += f"; of the {yuan(loss.data['amount'])} reported, only principal not yet lost counts"
    draft = Draft(c, v, loss.ref, None, amount, [loan, loss], text, loss.occurred_on)
    if c.id != "12.2":
        return ctx.settle(draft)
    early, why = _early_stage(c, d)
    draft = Draft(c, v, draft.anchor, None, amount, draft.basis, f"{text}; {why}",
                  loss.occurred_on)
    return ctx.settle(draft) if early else ctx.ineligible(draft, "the borrower was not "
                                                                 "early-stage at the loan's start")


def _early_stage(c: Clause, loan: dict) -> tuple[bool, str]:
    """早期、初创期: entered the park less than n months before the loan's start, or incubating."""
    entered, incubating = loan.get("borrower_registered_on"), loan.get("borrower_incubating")
    if entered is None:
        return False, "the borrower's standing at the loan's start was not recorded"
    months, start = c.params["early_stage_months"], loan["start_on"]
    young = start < add_months(entered, months)
    counts = bool(c.params.get("incubating_is_early_stage")) and bool(incubating)
    text = (f"borrower entered the park {entered}, {'less' if young else 'not less'} than "
            f"{months} months before the loan's start {start}, "
            f"{'incubating' if incubating else 'not incubating'} then")
    return young or counts, text


def guarantee_fee_gaps(ctx: Context) -> list[Entitlement]:
    """12.3: guarantees of ≤ 1000万 per enterprise at a fee below 1.5%: the gap, per year."""
    out: list[Entitlement] = []
    guarantees = ctx.of_type("guarantee_issued")
    for g in guarantees:
        v = ctx.version_on(g.occurred_on)
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
    earlier = guarantees[:next(i for i, x in enumerate(guarantees) if x is g) + 1]
    return q(sum((x.data["amount"] for x in earlier if x.data["beneficiary_entity_id"] == who
                  and x.data["start_on"] <= start <= x.data["end_on"]), ZERO))


def _fee_gap(ctx: Context, c: Clause, v: PolicyVersion, g: FactRecord,
             exposure: Decimal) -> list[Entitlement]:
    d, ceiling, limit = g.data, c.money("fee_rate_ceiling"), c.money("amount_limit")
    inclusive = bool(c.params.get("amount_limit_inclusive"))
    within = exposure <= limit if inclusive else exposure < limit
    gap = max(ZERO, ceiling - d["fee_rate"])
    out = []
    for year, first, days, year_days in _years(c, d["start_on"], d["end_on"]):
        amount = q(gap * d["amount"] * days / year_days)
        text = (f"12.3: ({pct(ceiling)} − {pct(d['fee_rate'])}) × {yuan(d['amount'])} × "
                f"{days}/{year_days} days of {year} = {yuan(amount)}; guarantee "
                f"{d['guarantee_ref']} for {d['beneficiary_entity_id']}, {d['start_on']} to "
                f"{d['end_on']}; {yuan(exposure)} guaranteed for it, limit {yuan(limit)}"
                f"{' inclusive' if inclusive else ''}")
        draft = Draft(c, v, g.ref, year, amount, [g], text, first)
        if d["fee_rate"] >= ceiling:
            out.append(ctx.ineligible(draft, f"fee rate {pct(d['fee_rate'])} is not below "
                                             f"{pct(ceiling)}"))
        elif not within:
            out.append(ctx.ineligible(draft, f"{yuan(exposure)} guaranteed for the enterprise "
                                             f"exceeds {yuan(limit)}"))
        elif phase(v, year) == BEFORE:
            out.append(ctx.ineligible(draft, f"{year} is before {v.id} took effect"))
        else:
            out.append(instalment(ctx, draft, phase(v, year)))
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
