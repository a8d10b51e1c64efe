"""Signing in and out, the language switch, and the 总览 (dashboard)."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, redirect, render_template, request, session, url_for

from api.health.routes import projection_lag
from api.wired import current_services
from console import chart, labels
from console import session as signed
from console.blueprint import bp
from console.forms import LoginForm
from console.i18n import LANGUAGES, _
from console.overview import overview
from contract.vocabulary import KINDS
from registry.clock import park_day


def _safe_next(target: str | None) -> str:
    # Only a path of the console itself: never an absolute URL someone slipped into the link,
    # nor a control character (a line break cannot go in the Location header: it was a 500).
    if target and target.startswith("/console/") and target.isprintable():
        return target
    return url_for("console.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    form = LoginForm()
    error, status, wait = None, 200, 0
    # The API's limit on failed authentication per address holds for the sign-in form too.
    limit = current_app.extensions["jcg_failed_authentication"]
    if form.validate_on_submit():
        wait = limit.wait(request.remote_addr or "")
        if wait:
            error = _("Too many wrong tokens from this address: try again in %(s)s seconds.", s=wait)
            status = 429
        elif signed.sign_in(form.token.data or ""):
            return redirect(_safe_next(request.args.get("next")))
        else:
            limit.failed(request.remote_addr or "")
            error, status = _("This token is not valid, or it was revoked."), 401
    form.token.label.text = _("API token")
    response = render_template("login.html", form=form, error=error), status
    return (*response, {"Retry-After": str(wait)}) if status == 429 else response


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    # POST only, with the form's CSRF token: a link or an image on another site cannot end a
    # session.
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    return redirect(url_for("console.login"))


@bp.route("/language", methods=["POST"])
def language() -> Any:
    chosen = request.form.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/")
def dashboard() -> Any:
    if g.principal.role == "entity":  # an entity's console is its own page
        return redirect(url_for("console.entity", entity_id=g.principal.entity_id))
    svc = current_services()
    today = park_day(svc.clock())
    figures = overview(svc, today)
    alerts = svc.model.newest_alerts(None, 0, 10)
    names = svc.model.entity_names({r["entity_id"] for r in [*figures["deadlines"], *alerts]
                                    if r.get("entity_id")})
    series = {"owed": _("Owed"), "approved": _("Approved"), "paid": _("Paid")}
    return render_template("dashboard.html", today=today, figures=figures, alerts=alerts,
                           names=names, chart=chart.bars(figures["money"]), lag=projection_lag(svc),
                           kinds=[(k, labels.kind(k)) for k in KINDS], series=series)
