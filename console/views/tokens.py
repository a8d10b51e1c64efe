"""Tokens (admin): issue one for a colleague or an agency (shown once), list them, revoke them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, redirect, render_template, request, url_for

from api.wired import services
from console import paging
from console import session as signed
from console.blueprint import bp
from console.forms import EntityTokenForm, TokenForm
from console.i18n import _
from console.session import require
from console.views.entities import entity_page
from contract.text import text_problem
from contract.vocabulary import ROLES
from registry.errors import EntityNotFound, TokenNotFound


def _label(form: Any) -> tuple[str, dict[str, list[str]]]:
    label = (form.label.data or "").strip()
    if not label or len(label) > 200:
        return label, {"label": [_("Say in a few words (at most 200 characters) who will use the token.")]}
    problem = text_problem(label)
    return label, ({"label": [problem]} if problem else {})


@bp.route("/tokens", methods=["GET", "POST"])
def tokens() -> Any:
    require("admin")
    form = TokenForm().localise()
    errors: dict[str, list[str]] = {}
    issued = None
    if request.method == "POST":
        label, errors = _label(form)
        if form.role.data not in ROLES or form.role.data == "entity":
            errors["role"] = [_("An entity's token is issued from its own page.")]
        if not errors:
            issued = services().registry.issue_token(form.role.data, label)
            form = TokenForm(formdata=None).localise()
    every = sorted(services().registry.tokens(), key=lambda t: t["issued_at"], reverse=True)
    page = paging.page_number()
    rows = every[(page - 1) * paging.PAGE_SIZE:page * paging.PAGE_SIZE]
    names = services().model.entity_names({str(t["entity_id"]) for t in rows if t["entity_id"]})
    status = 422 if errors else 200
    return render_template("tokens.html", form=form, errors=errors, issued=issued, rows=rows,
                           names=names, total=len(every), in_use=sum(not t["revoked_at"] for t in every),
                           page=page, last=paging.last_page(len(every)), args=paging.link_to({})), status


@bp.route("/tokens/<uuid:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: UUID) -> Any:
    require("admin")
    try:
        services().registry.revoke_token(token_id)
    except TokenNotFound:
        abort(404)
    signed.forget(token_id)
    return redirect(url_for("console.tokens", revoked=1), 303)


@bp.route("/entities/<uuid:entity_id>/tokens", methods=["POST"])
def entity_token(entity_id: UUID) -> Any:
    """An agency's own token, made from its page and shown there once."""
    require("admin")
    form = EntityTokenForm()
    label, errors = _label(form)
    if errors:
        return entity_page(entity_id, token_errors=errors), 422
    try:
        issued = services().registry.issue_token("entity", label, entity_id)
    except EntityNotFound:
        abort(404)
    return entity_page(entity_id, issued=issued)
