"""`?unit=` on the lists of deadlines and alerts: a 责任单位 as the policy names it."""

from __future__ import annotations

from flask_smorest import abort
from marshmallow import validate

from api import fields as api_fields
from api.wired import current_services
from i18n import Quoted, Series, Text
from projections.units import clauses_of, every_unit


def unit_field() -> api_fields.Text:
    return api_fields.Text(validate=validate.Length(min=1, max=100), metadata={
        "description": "责任单位 as the policy names it, e.g. 市科技局: only the rows of its articles"})


def clauses_for(unit: str | None) -> list[str] | None:
    """The clauses whose rows the unit answers for; None when no unit is asked for."""
    if unit is None:
        return None
    book = current_services().policy
    if unit not in every_unit(book):
        abort(422, errors={"unit": [Text(
            "%(unit)s is not a responsible unit the policy names; it names %(units)s",
            unit=Quoted(unit), units=Series(every_unit(book)))]})
    return clauses_of(book, unit)
