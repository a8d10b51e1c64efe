"""Article 2, pilot platforms: equipment subsidy (2.1) and operating subsidy (2.2).

Both run over several years under the version in force when the platform's first report
arose; a year is assessed once all its reports are in, so a report for 2027 made in 2028 still
belongs to the series.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from i18n import Percent, Series, Text, Yuan, then
from registry.records import FactRecord

from .book import PolicyVersion
from .context import Context, Draft
from .model import Entitlement
from .money import ZERO, q
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
        # Purchases of a year that begins before the policy count toward no threshold.
        if phase(v, year) != BEFORE:
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
    arithmetic = dict(rate=Percent(rate), value=Yuan(value), gross=Yuan(gross), cap=Yuan(cap))
    text = (Text("2.1: %(rate)s × %(value)s = %(gross)s; capped at %(cap)s a year", **arithmetic)
            if gross > cap else
            Text("2.1: %(rate)s × %(value)s = %(gross)s (cap %(cap)s a year)", **arithmetic))
    cumulated = c.params["threshold_basis"] == "cumulative"
    base = cumulative if cumulated else value
    met = base >= threshold
    compared = dict(year=year, base=Yuan(base), sign="≥" if met else "<", threshold=Yuan(threshold))
    text = then(text, Text("cumulative purchases to %(year)s %(base)s %(sign)s %(threshold)s", **compared)
                if cumulated else Text("purchases in %(year)s %(base)s %(sign)s %(threshold)s", **compared))
    return Draft(c, v, ANCHOR, year, min(gross, cap), evs, text, date(year, 1, 1)), met


def _equipment_decision(ctx: Context, draft: Draft, met: bool, granted: list[int]
                        ) -> Entitlement:
    v, most, year = draft.version, draft.clause.params["max_years"], draft.year
    assert v is not None and year is not None
    when = phase(v, year)
    if when == BEFORE:
        return ctx.ineligible(draft, Text("%(year)s is before %(version)s took effect on %(day)s",
                                          year=year, version=v.id, day=v.valid_from))
    if not met:
        return ctx.ineligible(draft, Text("the purchase threshold is not reached"))
    if len(granted) >= most:
        return ctx.ineligible(draft, Text("the %(most)s subsidised years are used (%(done)s)", most=most,
                                          done=Series(granted)))
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
    text = Text("2.2: %(rate)s × %(revenue)s = %(gross)s", rate=Percent(rate), revenue=Yuan(revenue),
                gross=Yuan(gross))
    if first is None or when == BEFORE:
        draft = Draft(c, v, ANCHOR, year, gross, evs, text, date(year, 1, 1))
        return ctx.ineligible(draft, Text("%(year)s is before %(version)s took effect", year=year,
                                          version=v.id))
    last = first + span - 1
    amount, note = shared_cap(gross, cap, used, Text("in total over %(first)s–%(last)s", first=first,
                                                     last=last))
    draft = Draft(c, v, ANCHOR, year, amount, evs, then(text, note), date(year, 1, 1))
    if year > last:
        return ctx.ineligible(draft, Text("%(year)s is outside the %(span)s consecutive years "
                                          "%(first)s–%(last)s", year=year, span=span, first=first, last=last))
    return instalment(ctx, draft, when)
