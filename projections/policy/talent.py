"""8.1: leading talent brought in flexibly, a yearly subsidy for at most 5 years.

Each year of the term is an instalment with its own dates, laid out from the introduction so
the park can see what is coming; a departure ends the years not yet begun.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from i18n import Text, Yuan
from registry.records import FactRecord

from .context import Context, Draft
from .matter_names import same_matter
from .model import Entitlement
from .money import term_end
from .series import BEFORE, arising_version, by_key, instalment, phase_of_day
from .terms import choice


def talent_subsidies(ctx: Context) -> list[Entitlement]:
    out: list[Entitlement] = []
    departures = departures_by_talent(ctx.of_type("talent_departed"))
    for intro in ctx.of_type("talent_introduced"):
        # Introduced after the policy's end: its years, placed by their first days, await renewal.
        v = arising_version(ctx, intro.occurred_on)
        if v is None:
            out.append(ctx.outside("8.1", intro))
            continue
        c = v.clause("8.1")
        years, amount = c.params["max_years"], c.money(intro.data["level"])
        departure = departure_of(departures, intro)
        start = last = intro.data["start_on"]
        basis = [intro] + ([departure] if departure else [])
        for k in range(1, years + 1):
            # A year begins the day after the one before it ends (term_end(start, 12 * (k - 1))).
            first = start if k == 1 else last + timedelta(days=1)
            last = term_end(start, 12 * k)
            text = Text("8.1: %(level)s-level talent %(talent)s, year %(k)s of %(years)s "
                        "(%(first)s to %(last)s): %(amount)s a year", level=choice(intro.data["level"]),
                        talent=intro.data["talent"], k=k, years=years, first=first, last=last,
                        amount=Yuan(amount))
            draft = Draft(c, v, intro.ref, first.year, amount, basis, text, first,
                          last)
            when = phase_of_day(v, first)
            if departure and first >= departure.occurred_on:
                out.append(ctx.ineligible(draft, Text("the talent departed on %(day)s",
                                                      day=departure.occurred_on)))
            elif when == BEFORE:
                out.append(ctx.ineligible(draft, Text(
                    "year %(k)s begins on %(first)s, before %(version)s took effect on %(day)s",
                    k=k, first=first, version=v.id, day=v.valid_from)))
            else:
                out.append(instalment(ctx, draft, when))
    return out


def departures_by_talent(events: Iterable[FactRecord]) -> dict[str, list[FactRecord]]:
    """Each talent's departures, in the history's order, by the talent as one matter compares
    it: what `departure_of` looks in."""
    return {same_matter(name): evs
            for name, evs in by_key((e for e in events if e.type == "talent_departed"), "talent").items()}


def departure_of(departures: dict[str, list[FactRecord]], intro: FactRecord) -> FactRecord | None:
    """The talent's first departure on or after the day of the introduction, by the events' own
    dates: history entered late, or out of order, ends the same stint."""
    return min((e for e in departures.get(same_matter(str(intro.data["talent"])), ())
                if e.occurred_on >= intro.occurred_on),
               key=lambda e: e.occurred_on, default=None)


def green_channel(ctx: Context) -> list[Entitlement]:
    """8.3: a talent granted the green channel for professional title review (a status)."""
    out = []
    for e in ctx.of_type("title_green_channel_granted"):
        v = ctx.version_on(e.occurred_on)
        if v is None:
            out.append(ctx.outside("8.3", e))
            continue
        text = Text("8.3: %(talent)s has the green channel for professional title review "
                    "(职称评审绿色通道)", talent=e.data["talent"])
        out.append(ctx.settle(Draft(v.clause("8.3"), v, e.ref, None, None, [e], text,
                                    e.occurred_on)))
    return out
