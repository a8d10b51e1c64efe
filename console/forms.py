"""The console's hand-written forms (sign-in, registration, tokens); the event forms are generated
from the catalogue in `event_forms`. The rules are the registry's: these forms only carry values."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice

from console import labels
from contract.vocabulary import KINDS, ROLES, SUBTYPES, ZONES


def options(pairs: Any) -> list[SelectChoice]:
    """A select's options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class LoginForm(FlaskForm):
    token = PasswordField(lazy_gettext("API token"))


class RegisterForm(FlaskForm):
    kind = SelectField(choices=options((k, k) for k in KINDS), validate_choice=False)
    subtype = SelectField(choices=options([("", ""), *((s, s) for s in SUBTYPES)]), validate_choice=False)
    name = StringField()
    credit_code = StringField()
    zone = SelectField(choices=options((z, z) for z in ZONES), validate_choice=False)
    entered_on = StringField(render_kw={"type": "date"})

    def localise(self) -> RegisterForm:
        """Labels and choices in the user's language (a form class is made before any request)."""
        for f in self:
            f.label.text = labels.field(f.name)
        self.kind.choices = options((k, labels.kind(k)) for k in KINDS)
        self.subtype.choices = options([("", "—"), *((s, labels.subtype(s)) for s in SUBTYPES)])
        self.zone.choices = options((z, labels.zone(z)) for z in ZONES)
        return self


class TokenForm(FlaskForm):
    role = SelectField(choices=options((r, r) for r in ROLES if r != "entity"), validate_choice=False)
    label = StringField()

    def localise(self) -> TokenForm:
        self.role.label.text, self.label.label.text = labels.field("role"), labels.field("label")
        self.role.choices = options((r, labels.role(r)) for r in ROLES if r != "entity")
        return self


class EntityTokenForm(FlaskForm):
    label = StringField()
