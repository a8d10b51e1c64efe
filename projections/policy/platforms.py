"""Article 2, pilot platforms: equipment subsidy (2.1) and operating subsidy (2.2).

Both run over several years under the version in force when the platform's first report
arose; a year is assessed once all its reports are in, so a report for 2027 made in 2028 still
belongs to the series.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from registry.records import FactRecord

from .book import PolicyVersion
from .context import Context, Draft
from .model import Entitlement
from .money import ZERO, pct, q, yuan
from .series import BEFORE, by_year, instalment, outside_years, phase, shared_cap, total

ANCHOR = "platform"  # the matter of article 2 is the platform itself, one series per clause


def equipment(ctx: Context) -> list[Entitlement]:
    """2.1: 30% of the year's new equipment, ≤ 100万 a year, once purchases reach 1000万."""
    years = by_year(ctx.of_type("equipment_purchased"))
    v = ctx.series_version([e for evs in years.values() for e in evs])
    if v is None:
        return outside_years(ctx, "2.1", ANCHOR, years)
    out: list[Entitlement] = []
    granted: list[int] = []
    cumulative = ZERO
    for year, evs in years.items():
        value = q(total(evs, "original_value"))
        cumulative += value
        draft, met = _equipment_year(v, year, evs, value, cumulative)
        ent = _equipment_decision(ctx, draft, met, granted)
        if ent.counts_against_cap:
            granted.append(year)
        out.append(ent)
    return out


def _equipment_year(v: PolicyVersion, year: int, evs: list[FactRecord], value: Decimal,
                    cumulative: Decimal) -> tuple[Draft, bool]:
    """The year's arithmetic and whether the purchase threshold is met."""
    c = v.clause("2.1")
    rate, cap, threshold = c.money("rate"), c.money("annual_cap"), c.money("threshold")
    gross = q(rate * value)
    text = f"2.1: {pct(rate)} × {yuan(value)} = {yuan(gross)}"
    text += f"; capped at {yuan(cap)} a year" if gross > cap else f" (cap {yuan(cap)} a year)"
    cumulated = c.params["threshold_basis"] == "cumulative"
    base = cumulative if cumulated else value
    label = f"cumulative purchases to {year}" if cumulated else f"purchases in {year}"
    met = base >= threshold
    text += f"; {label} {yuan(base)} {'≥' if met else '<'} {yuan(threshold)}"
    return Draft(c, v, ANCHOR, year, min(gross, cap), evs, text, date(year, 1, 1)), met


def _equipment_decision(ctx: Context, draft: Draft, met: bool, granted: list[int]
                        ) -> Entitlement:
    v, most, year = draft.version, draft.clause.params["max_years"], draft.year
    assert v is not None and year is not None
    when = phase(v, year)
    if when == BEFORE:
        return ctx.ineligible(draft, f"{year} is before {v.id} took effect on {v.valid_from}")
    if not met:
        return ctx.ineligible(draft, "the purchase threshold is not reached")
    if len(granted) >= most:
        done = ", ".join(map(str, granted))
        return ctx.ineligible(draft, f"the {most} subsidised years are used ({done})")
    return instalment(ctx, draft, when)


def operating(ctx: Context) -> list[Entitlement]:
    """2.2: 30% of the year's pilot-service revenue, ≤ 100万 in total over 3 consecutive years."""
    years = by_year(ctx.of_type("pilot_service_revenue_reported"))
    v = ctx.series_version([e for evs in years.values() for e in evs])
    if v is None:
        return outside_years(ctx, "2.2", ANCHOR, years)
    first = min((y for y in years if phase(v, y) != BEFORE), default=None)
    out: list[Entitlement] = []
    used = ZERO
    for year, evs in years.items():
        ent = _operating_year(ctx, v, year, evs, first, used)
        used += ent.amount if ent.counts_against_cap and ent.amount else ZERO
        out.append(ent)
    return out


def _operating_year(ctx: Context, v: PolicyVersion, year: int, evs: list[FactRecord],
                    first: int | None, used: Decimal) -> Entitlement:
    c = v.clause("2.2")
    rate, cap, span = c.money("rate"), c.money("total_cap"), c.params["consecutive_years"]
    revenue = q(total(evs, "revenue"))
    gross = q(rate * revenue)
    when = phase(v, year)
    text = f"2.2: {pct(rate)} × {yuan(revenue)} = {yuan(gross)}"
    if first is None or when == BEFORE:
        draft = Draft(c, v, ANCHOR, year, gross, evs, text, date(year, 1, 1))
        return ctx.ineligible(draft, f"{year} is before {v.id} took effect")
    last = first + span - 1
    amount, note = shared_cap(gross, cap, used, f"in total over {first}–{last}")
    draft = Draft(c, v, ANCHOR, year, amount, evs, text + note, date(year, 1, 1))
    if year > last:
        return ctx.ineligible(draft, f"{year} is outside the {span} consecutive years "
                                     f"{first}–{last}")
    return instalment(ctx, draft, when)
