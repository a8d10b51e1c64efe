"""The park-wide lists: the year's subsidies, deadlines, alerts, and the policy in force."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

from flask import abort, render_template, request
from flask_smorest import abort as refuse

from api.wired import current_services
from console import clauses, paging, policy_shown
from console.blueprint import bp
from console.i18n import _
from console.per_position import remembered
from console.session import require
from contract.fields import parse_date
from i18n.text import message_of
from registry.clock import park_day

# How far ahead the deadlines page looks unless told.
AHEAD_DAYS = 365


def _filters(book: Any, today: Any) -> tuple[list[dict[str, Any]], str | None, str | None]:
    known = clauses.clauses_in_force(book, today)
    clause = request.args.get("clause") or None
    unit = request.args.get("unit") or None
    units = sorted({u for c in known for u in c.get("responsible_units", [])})
    if (clause and clause not in {c["id"] for c in known}) or (unit and unit not in units):
        abort(400)
    return known, clause, unit


def year_asked(today: Any) -> int:
    """?year=, this year unless told; 400 when it is no year the park could mean."""
    raw = request.args.get("year") or str(today.year)
    if not (raw.isdecimal() and len(raw) == 4) or not 2000 <= int(raw) <= 2100:
        refuse(400, message=_("The year asked for is not one the park's lists hold: give a year from 2000 "
                              "to 2100, e.g. %(year)s.", year=today.year))
    return int(raw)


@bp.route("/subsidies")
def subsidies() -> Any:
    require("admin", "auditor")
    svc = current_services(whole=True)
    today = park_day(svc.clock())
    year = year_asked(today)
    lines, total = remembered(svc, ("subsidies", year), lambda: _year_of_subsidies(svc, year))
    page = paging.page_number()
    ids = svc.model.annual_entity_page(year, (page - 1) * paging.PAGE_SIZE, paging.PAGE_SIZE)
    by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in svc.model.annual_entitlements_of(year, ids, today):
        by_entity[e["entity_id"]].append(e)
    totals = {k: sum((line[k] for line in lines), Decimal("0.00")) for k in ("owed", "approved", "paid")}
    return render_template("subsidies.html", year=year, lines=lines, totals=totals,
                           entities=[(i, by_entity[i]) for i in ids],
                           names=svc.model.entity_names(set(ids)),
                           page=page, last=paging.last_page(total),
                           args=paging.link_to({"year": year}),
                           titles={c["id"]: clauses.title(c)
                                   for c in clauses.clauses_in_force(svc.policy, today)})


def _year_of_subsidies(svc: Any, year: int) -> tuple[list[dict[str, Any]], int]:
    """The year's annual money by clause, summed by the database (the 总览's sums, of the
    clauses paid by the year), and how many entities have annual entitlements that year."""
    annual = {c.id for v in svc.policy.versions for c in v.clauses.values() if c.kind == "annual"}
    return ([line for line in svc.model.money_by_clause(year) if line["clause"] in annual],
            svc.model.count_annual_entities(year))


@bp.route("/deadlines")
def deadlines() -> Any:
    require("admin", "auditor")
    svc = current_services()
    today = park_day(svc.clock())
    known, clause, unit = _filters(svc.policy, today)
    before_text = request.args.get("before") or ""
    try:
        before = parse_date(before_text) if before_text else today + timedelta(days=AHEAD_DAYS)
    except ValueError as exc:
        refuse(400, message=message_of(exc))  # the day as given, and how to write one
    # Filtered and paged by the database, counted once per write and filters: the year ahead
    # of a park of 100,000 entities holds some 38,000 deadlines.
    wanted = clauses.of_filters(svc.policy, clause, unit)
    after = today - timedelta(days=1)
    page = paging.page_number()
    rows = svc.model.deadlines_due(after, before, paging.PAGE_SIZE, (page - 1) * paging.PAGE_SIZE, wanted)
    total = remembered(svc, ("deadlines due", after, before, clause, unit),
                       lambda: svc.model.count_due(after, before, wanted))
    return _render("deadlines.html", svc, rows, total, page, known, clause, unit,
                   {"before": before_text}, before=before)


@bp.route("/alerts")
def alerts() -> Any:
    require("admin", "auditor")
    svc = current_services()
    known, clause, unit = _filters(svc.policy, park_day(svc.clock()))
    # Filtered and paged by the database, as GET /api/v1/alerts, and counted once per write and
    # filters: reading the newest 10,000 and filtering them here lost every older alert.
    wanted = clauses.of_filters(svc.policy, clause, unit)
    page = paging.page_number()
    rows = svc.model.newest_alerts(None, (page - 1) * paging.PAGE_SIZE, paging.PAGE_SIZE, wanted)
    total = remembered(svc, ("alerts", clause, unit), lambda: svc.model.alerts(None, 0, 0, wanted)[1])
    return _render("alerts.html", svc, rows, total, page, known, clause, unit, {})


def _render(template: str, svc: Any, shown: list[dict[str, Any]], total: int, page: int,
            known: list[dict[str, Any]], clause: str | None, unit: str | None, extra: dict[str, Any],
            **context: Any) -> Any:
    names = svc.model.entity_names({r["entity_id"] for r in shown if r.get("entity_id")})
    all_units = sorted({u for c in known for u in c.get("responsible_units", [])})
    return render_template(template, rows=shown, total=total, names=names, clauses=known,
                           clause=clause or "", unit=unit or "", units=all_units, page=page,
                           last=paging.last_page(total),
                           args=paging.link_to({"clause": clause, "unit": unit, **extra}), **context)


@bp.route("/policy")
def policy() -> Any:
    require("admin", "auditor")
    svc = current_services()
    return render_template("policy.html", versions=policy_shown.versions(svc.policy))
