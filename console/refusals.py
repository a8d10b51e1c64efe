"""Refusals shown as pages of the console (the API answers its own in JSON)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from api.languages import say
from console.i18n import _
from i18n.text import message_of
from registry.errors import UnreadableHistory

MESSAGES = {
    400: (lazy_gettext("Bad request"), lazy_gettext(
        "The request could not be understood: check the address or the form, then try again.")),
    403: (lazy_gettext("Not allowed"), lazy_gettext("Your token's role may not see this page or do this.")),
    404: (lazy_gettext("Not found"), lazy_gettext("There is no such page or entity.")),
    405: (lazy_gettext("Not allowed"), lazy_gettext("This page cannot be used that way.")),
    409: (lazy_gettext("The entity's history cannot be read"), lazy_gettext(
        "One of the entity's stored events cannot be read: ask the system administrator.")),
    413: (lazy_gettext("Too large"), lazy_gettext("What was sent is too large: nothing was changed.")),
    503: (lazy_gettext("The figures are being brought up to date"), lazy_gettext(
        "The read models are behind the registry: try again in a few minutes.")),
}


# Every method a browser or a script may send to an address that is not the console's.
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]


def install(bp: Blueprint) -> None:
    # An address under /console/ that no page answers (an id that is no UUID, a mistyped path)
    # is still the console's: its 404 is a page in the reader's language after the sign-in, not
    # the API's JSON in English. Werkzeug tries this rule only after every other.
    bp.add_url_rule("/<path:unknown>", "unknown", lambda unknown: abort(404), methods=METHODS)

    @bp.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError) -> Any:
        return page(400, _("The form had expired or did not come from this console: nothing was "
                           "changed. Open the page again and resend it."))

    @bp.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge) -> Any:
        # A form's limit (MAX_CONTENT_LENGTH), or a workbook's (IMPORT_MAX_BYTES).
        return page(413, _("What was sent is larger than %(limit)s, the most this page accepts: "
                           "nothing was changed. Split a workbook into smaller ones and import "
                           "each in turn.", limit=size(request.max_content_length or 0)))

    @bp.errorhandler(UnreadableHistory)
    def unreadable(error: UnreadableHistory) -> Any:
        # The API's message, naming the event (api/errors.py answers the same with 409).
        return page(409, say(message_of(error)))

    @bp.errorhandler(HTTPException)
    def refused(error: HTTPException) -> Any:
        if error.code not in MESSAGES:
            return error
        # The shared code's refusals (api.wired's 503) carry the message that says why.
        message = (getattr(error, "data", None) or {}).get("message")
        return page(error.code, say(message) if message else None)


def size(n: int) -> str:
    """A limit in bytes as a person reads it: 20 MiB, 256 KiB."""
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.4g} {unit}"
    return f"{n} B"


def page(code: int, message: str | None = None) -> Any:
    title, default = MESSAGES[code]
    return render_template("error.html", title=str(title), message=message or str(default)), code
