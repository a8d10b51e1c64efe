"""The park's entities: the directory, registration (入驻) and one entity's page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from flask import abort, g, redirect, render_template, request, url_for
from flask_smorest import abort as refuse
from marshmallow import ValidationError

from api.entities.schemas import EntityQueryArgsSchema
from api.languages import say
from api.wired import current_services, services
from console import paging, refusals, shown
from console.blueprint import bp
from console.entitlement_reading import in_language, titled
from console.errors_of import FORM, form_errors, refused
from console.forms import EntityTokenForm, RegisterForm
from console.per_position import remembered
from console.session import check_may_read, may_write, require
from contract.catalogue import ANY, FACT_TYPES
from contract.fields import parse_date
from contract.vocabulary import KINDS
from i18n.text import message_of
from projections.policy.gaps import gaps
from projections.replay import read_entitlements
from registry.clock import park_day
from registry.errors import EntityNotFound
from registry.registration import Registration


@bp.route("/entities")
def entities() -> Any:
    require("admin", "auditor")
    kind = request.args.get("kind") or None
    q = (request.args.get("q") or "").strip() or None
    if kind is not None and kind not in KINDS:
        abort(400)
    try:
        # The API's own query schema: its Text field is the one check of a text coming in.
        EntityQueryArgsSchema().load({"q": q} if q else {})
    except ValidationError as exc:
        return refusals.page(400, say(exc.messages["q"][0]))
    page = paging.page_number()
    svc = current_services()
    rows = svc.model.entity_page(kind, q, (page - 1) * paging.PAGE_SIZE, paging.PAGE_SIZE)
    # Counting reads every entity that matches: once per write and filter set, not per page.
    total = remembered(svc, ("entity count", kind, q), lambda: svc.model.count_entities(kind, q))
    return render_template("entities.html", rows=rows, total=total, page=page, kind=kind, q=q or "",
                           last=paging.last_page(total), args=paging.link_to({"kind": kind, "q": q}),
                           kinds=list(KINDS))


@bp.route("/entities/new", methods=["GET", "POST"])
def register() -> Any:
    require("admin")
    form = RegisterForm().localise()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":  # its CSRF token was checked before the view ran
        raw = {k: form[k].data for k in ("kind", "name", "credit_code", "zone", "entered_on")}
        raw["subtype"] = form.subtype.data or None
        try:
            entity = services().registry.register(Registration.parse(raw), g.principal)
        except Exception as exc:
            errors = form_errors(exc) or _reraise(exc)
        else:
            return redirect(url_for("console.entity", entity_id=entity["id"], registered=1), 303)
    status = refused(errors) if errors else 200
    return render_template("register.html", form=form, errors=errors, form_error=errors.get(FORM)), status


def _reraise(exc: Exception) -> Any:
    raise exc


@bp.route("/entities/<uuid:entity_id>")
def entity(entity_id: UUID) -> Any:
    return entity_page(entity_id)


def entity_page(entity_id: UUID, issued: str | None = None,
                token_errors: dict[str, list[str]] | None = None) -> Any:
    """The entity's page; with the token just issued for it, or why it was not."""
    check_may_read(entity_id)
    svc = current_services()
    today = park_day(svc.clock())
    as_of_text, on_text = request.args.get("as_of") or "", request.args.get("on") or ""
    try:
        as_of = parse_date(as_of_text) if as_of_text else None
        on = parse_date(on_text) if on_text else None
    except ValueError as exc:
        refuse(400, message=message_of(exc))  # the day as given, and how to write one
    try:
        state, history = svc.registry.state_and_history(entity_id)
    except EntityNotFound:
        abort(404)
    try:
        rows = read_entitlements(svc, entity_id, today, as_of, on)
    except EntityNotFound as exc:  # not yet registered by `as_of`: the registry says so
        refuse(404, message=message_of(exc))
    # Paged by the database, as the park-wide lists: an entity of a hundred projects has as
    # many deadlines, and up to four alerts of each.
    ahead, who = today + timedelta(days=3650), str(entity_id)
    deadlines = paging.counted_page(lambda at, n: svc.model.deadlines(ahead, who, at, n),
                                    "deadlines_page", "due")
    alerts = paging.counted_page(lambda at, n: svc.model.alerts(who, at, n), "alerts_page", "alerted")
    # What it does not get in full, as GET /entities/{id}/gaps says it.
    lacking = titled([{**gap.to_json(), "missing": say(gap.missing)}
                      for gap in gaps(history, svc.policy, today)], svc.policy)
    # What the policy pays this kind for first (a bank's 发放贷款, not 开始孵化), then what it
    # pays any kind for, then the rest.
    types = sorted((t for t in FACT_TYPES.values() if state.may_record(t.name)),
                   key=lambda t: (not t.clause[0].isdigit(), t.kinds == ANY))
    # The entitlements and the history a page at a time each: an entity of a hundred events
    # has as many rows in each, and drawing them whole was most of its page's time.
    named = shown.entitlement_names(titled(rows, svc.policy))
    rows, rows_pages = paging.one_page(rows, "entitlements_page", "entitled")
    rows = in_language(rows, svc.policy)
    newest, history_pages = paging.one_page(history[::-1], "history_page", "history")
    named.update(svc.model.entity_names(shown.other_parties(newest)))
    return render_template("entity.html", entity=state, as_of=as_of_text, on=on_text, today=today,
                           rows=shown.entitlement_rows(rows, actions=may_write() and not (as_of or on)),
                           rows_pages=rows_pages,
                           history=shown.history_rows(newest, g.principal, named),
                           history_pages=history_pages,
                           deadlines=deadlines, alerts=alerts, gaps=lacking,
                           types=types, token_form=EntityTokenForm(), issued=issued,
                           token_errors=token_errors or {})
