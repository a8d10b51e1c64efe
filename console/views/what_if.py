"""What-if (admin, auditor): change one clause's parameter and see what every entity would be
owed, by clause and by entity, as POST /api/v1/policy/what-if answers. Nothing is recorded, so
the form is a GET: its answer can be linked to and read again."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from api.languages import say
from api.wired import current_services
from console.blueprint import bp
from console.i18n import _
from console.session import require
from i18n.text import message_of
from projections.policy.what_if import DraftRefused, compare, draft_book
from projections.replay import every_history
from registry.clock import park_day

FIELDS = ("clause", "parameter", "value", "year")


@bp.route("/what-if")
def what_if() -> Any:
    require("admin", "auditor")
    svc = current_services(whole=True)
    asked = {k: (request.args.get(k) or "").strip() for k in FIELDS}
    clauses = [c for c in svc.policy.versions[-1].clauses.values()]
    errors: dict[str, list[str]] = {}
    answer = None
    if asked["clause"] or asked["parameter"] or asked["value"]:
        year, errors = _year(asked["year"])
        try:
            changes = {asked["clause"]: {asked["parameter"]: _typed(svc.policy, asked)}}
            draft = draft_book(svc.policy, changes)
        except DraftRefused as exc:
            errors.setdefault(_field(svc.policy, asked), []).append(say(message_of(exc)))
        if not errors:
            answer = compare(every_history(svc), svc.policy, draft, year, park_day(svc.clock()))
    status = 422 if errors else 200
    return render_template("what_if.html", asked=asked, clauses=clauses, errors=errors,
                           answer=answer), status


def _typed(book: Any, asked: dict[str, str]) -> Any:
    """The value as the policy data holds the parameter: a flag as true or false, a term as a
    whole number, money and rates as the text typed (the draft checks each)."""
    clause = book.latest_clause(asked["clause"])
    now = clause.params.get(asked["parameter"]) if clause else None
    value = asked["value"]
    if isinstance(now, bool):
        return {"true": True, "是": True, "false": False, "否": False}.get(value.lower(), value)
    if isinstance(now, int) and value.isascii() and value.lstrip("-").isdigit() and len(value) < 10:
        return int(value)
    return value


def _year(raw: str) -> tuple[int | None, dict[str, list[str]]]:
    if not raw:
        return None, {}
    if raw.isascii() and raw.isdigit() and len(raw) == 4 and 2000 <= int(raw) <= 2100:
        return int(raw), {}
    return None, {"year": [_("Give a year from 2000 to 2100, or leave it empty for every year.")]}


def _field(book: Any, asked: dict[str, str]) -> str:
    """The form's field a refusal is about: the clause, the parameter, or else the value."""
    clause = book.latest_clause(asked["clause"])
    if clause is None:
        return "clause"
    return "value" if asked["parameter"] in clause.params else "parameter"
