"""Recording an event through the form its type generates (admin)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, g, redirect, render_template, request, url_for

from api.languages import say
from api.wired import current_services, services
from console import parties
from console.blueprint import bp
from console.entitlement_reading import in_language
from console.errors_of import FORM, form_errors, refused
from console.event_forms import DATA, NAMES_LIST, data_of, form_class, localise
from console.session import require
from contract.catalogue import FACT_TYPES
from contract.fields import parse_date
from i18n.text import message_of
from projections.replay import read_entitlements
from registry.clock import park_day
from registry.errors import EntityNotFound


@bp.route("/entities/<uuid:entity_id>/events/new", methods=["GET", "POST"])
def record_event(entity_id: UUID) -> Any:
    require("admin")
    svc = current_services()
    try:
        entity = svc.registry.entity(entity_id)
    except EntityNotFound:
        abort(404)
    fact_type = FACT_TYPES.get(request.args.get("type", ""))
    if fact_type is None or entity.kind not in fact_type.kinds:
        abort(404)
    rows = in_language(read_entitlements(svc, entity_id, park_day(svc.clock()), None, None), svc.policy) \
        if any(n == "entitlement_id" or s.kind == "references" for n, s in fact_type.fields.items()) else []
    names = parties.offered(svc) if parties.fields_of(fact_type) else []
    form = localise(form_class(fact_type.name)(), fact_type, rows, bool(names))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":  # its CSRF token was checked before the view ran
        errors = _record(entity_id, fact_type.name, form)
        if not errors:
            return redirect(url_for("console.entity", entity_id=entity_id, recorded=fact_type.name,
                                    _anchor="entitled"), 303)
    else:
        form.if_match.data = str(entity.version)
        if "entitlement_id" in fact_type.fields:  # come from the entitlement's own row
            form[DATA + "entitlement_id"].data = request.args.get("entitlement_id", "")
    status = refused(errors) if errors else 200
    return render_template("event_form.html", entity=entity, fact_type=fact_type, form=form,
                           errors=errors, form_error=errors.get(FORM, []) + errors.get("if_match", []),
                           data_fields=[form[DATA + n] for n in fact_type.fields],
                           names=names, names_list=NAMES_LIST), status


def _record(entity_id: UUID, type_name: str, form: Any) -> dict[str, list[str]]:
    """Record the event; the refusal's messages by field when the registry refuses it."""
    try:
        occurred_on = parse_date((form.occurred_on.data or "").strip())
    except ValueError as exc:
        return {"occurred_on": [say(message_of(exc))]}
    version = (form.if_match.data or "").strip()
    if_match = int(version) if version.isdecimal() and len(version) < 19 else None
    data = data_of(form, FACT_TYPES[type_name])
    unknown = parties.resolve(current_services(), data, FACT_TYPES[type_name], DATA)
    if unknown:
        return unknown
    try:
        services().registry.record(entity_id, type_name, occurred_on, data,
                                   g.principal, if_match=if_match)
    except Exception as exc:
        found = form_errors(exc, prefix=DATA)
        if found is None:
            raise
        return found
    return {}
