"""A refusal of the registry as a form shows it: messages beside their fields, or above the form."""

from __future__ import annotations

from typing import Any

from api.languages import say
from console.i18n import _
from contract.catalogue import InvalidFact
from i18n.text import message_of
from projections.policy import PolicyRefusal
from registry.errors import RegistryError, VersionMismatch

FORM = "form"


def form_errors(exc: Exception, prefix: str = "") -> dict[str, list[str]] | None:
    """Field → messages for a refusal the registry explains, in the page's language; None for
    anything else (a bug)."""
    if isinstance(exc, InvalidFact):
        return {(prefix + k if k != "data" else FORM): [say(m) for m in v] for k, v in exc.errors.items()}
    if isinstance(exc, PolicyRefusal):
        field = getattr(exc, "field", None)
        return {prefix + field if field else FORM: [say(message_of(exc))]}
    if isinstance(exc, VersionMismatch):
        return {"if_match": [_("Someone recorded an event for this entity while you were filling in "
                               "this form. Read the entity again, then decide: nothing was recorded.")]}
    if isinstance(exc, RegistryError):
        return {FORM: [say(message_of(exc))]}
    return None


def refused(errors: dict[str, Any]) -> int:
    """The status of a page showing a refused form."""
    return 409 if "if_match" in errors else 422
