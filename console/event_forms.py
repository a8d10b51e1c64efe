"""One form class per event type, generated from the catalogue that validates the events: the
same fields, enum selects, date inputs; values go to the registry as the JSON API would send them."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field as FormField
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField

from console import labels
from console.format import money
from console.forms import options
from console.i18n import _
from contract.catalogue import FACT_TYPES, FactType
from contract.fields import Field

DATA = "data."
# Inputs that say what they hold; browsers give dates a picker and numbers a numeric keypad.
INPUTS = {"date": {"type": "date"}, "year": {"type": "number", "min": 2000, "max": 2100},
          "months": {"type": "number", "min": 1, "max": 1200},
          "money": {"inputmode": "decimal", "placeholder": "1000000.00"},
          # A rate is taken as an official writes it, or as the decimal the API stores.
          "ratio": {"inputmode": "decimal", "placeholder": "4.35% / 0.0435"}}


def _form_field(name: str, spec: Field) -> FormField:
    # The registry checks every value; the form does not judge them a second time.
    if spec.kind == "choice":
        return SelectField(choices=options([("", "—"), *((c, c) for c in spec.choices)]),
                           validate_choice=False)
    if spec.kind == "flag":
        return SelectField(choices=options([("", "—"), ("true", "true"), ("false", "false")]),
                           validate_choice=False)
    if name == "entitlement_id":  # picked from the entity's own entitlements
        return SelectField(choices=[], validate_choice=False)
    if spec.kind == "references":  # several of them (就高: those a decision replaces)
        return SelectMultipleField(choices=[], validate_choice=False)
    return StringField(render_kw=dict(INPUTS.get(spec.kind, {})))


@cache
def form_class(type_name: str) -> type[FlaskForm]:
    """The form of one event type, made once."""
    fact_type = FACT_TYPES[type_name]
    fields: dict[str, Any] = {"occurred_on": StringField(render_kw={"type": "date"}),
                              "if_match": HiddenField()}
    for name, spec in fact_type.fields.items():
        fields[DATA + name] = _form_field(name, spec)
    return type(f"{type_name.title().replace('_', '')}Form", (FlaskForm,), fields)


# The list of the park's enterprises a party field offers (console/parties.py).
NAMES_LIST = "enterprise-names"


def localise(form: FlaskForm, fact_type: FactType, entitlements: list[dict[str, Any]],
             offered: bool = False) -> FlaskForm:
    """Chinese (or English) labels and choices; an entitlement is picked from the entity's own,
    another entity by its name from the park's enterprises when `offered`."""
    for f in form:
        f.label.text = labels.party(f.name)
    for name, spec in fact_type.fields.items():
        f = form[DATA + name]
        if spec.kind in ("choice", "flag"):
            f.choices = options((c.value, labels.choice(c.value) if c.value else "—") for c in f.choices)
        elif name == "entitlement_id":
            f.choices = options([("", "—"), *((e["id"], _describe(e)) for e in entitlements)])
        elif spec.kind == "references":
            f.choices = options((e["id"], _describe(e)) for e in entitlements)
        elif spec.kind == "reference":  # the other party, as the clerk knows it
            f.render_kw = {"placeholder": _("Its name or unified social credit code"), "autocomplete": "off",
                           **({"list": NAMES_LIST} if offered else {})}
    return form


def _describe(e: dict[str, Any]) -> str:
    parts = [e["clause"], e["title"], str(e.get("year") or ""), money(e.get("amount"))]
    return " · ".join(p for p in parts if p)


def data_of(form: FlaskForm, fact_type: FactType) -> dict[str, Any]:
    """The event's data as JSON would carry it: numbers for years and months, true/false for
    flags, a field left empty left out (the catalogue says whether it may be)."""
    data: dict[str, Any] = {}
    for name, spec in fact_type.fields.items():
        if spec.kind == "references":
            if form[DATA + name].data:
                data[name] = list(form[DATA + name].data)
            continue
        raw = (form[DATA + name].data or "").strip()
        if raw == "":
            continue
        # As a number only when int() reads it (ASCII, and not thousands of digits); else the
        # registry refuses the text, beside its field.
        if spec.kind in ("year", "months") and raw.isdecimal() and len(raw) < 10:
            data[name] = int(raw)
        elif spec.kind == "flag" and raw in ("true", "false"):
            data[name] = raw == "true"
        else:
            data[name] = raw
    return data
