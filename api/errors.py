"""Every error leaves the API in the contract's shape: {code, status, message, errors?}.

Domain errors are mapped to statuses here and nowhere else.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Flask
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, InternalServerError

from api.languages import language, say
from contract.catalogue import InvalidFact
from contract.text import printable
from i18n import Text, message_of
from i18n.catalogue import ENGLISH
from projections.policy import MatterAlreadyEntitled, PolicyRefusal
from projections.policy.what_if import DraftRefused
from registry.errors import (
    Contended,
    CreditCodeTaken,
    EntityNotFound,
    FactNotAllowed,
    IdempotencyKeyReused,
    UnknownFactType,
    UnreadableHistory,
    VersionMismatch,
)

log = logging.getLogger(__name__)

STATUS_OF = {
    EntityNotFound: 404,
    CreditCodeTaken: 409,
    FactNotAllowed: 422,
    VersionMismatch: 412,
    IdempotencyKeyReused: 422,
    # Other writers won every retry: nothing recorded, and the same request may be sent again.
    Contended: 503,
    UnknownFactType: 422,
    # The entity's own stored history is damaged: a conflict with its state, not the service's
    # failure (every other entity answers), and nothing a client can retry away.
    UnreadableHistory: 409,
}

# How the OpenAPI document describes that 409 on the routes that read or write an entity.
UNREADABLE = ("The entity's stored history holds an event that cannot be read (quarantined): "
              "`entity_id`, `event_id` and `version` name it for an administrator to repair.")

# How the OpenAPI document describes the 503 of the routes that answer money or official lists.
BEHIND = ("The read models are far behind the registry (a rebuild, or the projector stopped): the "
          "figures would be incomplete. `message` says how far; `Retry-After` when to ask again.")

_NAMES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
          409: "Conflict", 412: "Precondition Failed", 413: "Payload Too Large",
          422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
          503: "Service Unavailable"}


def body(code: int, message: Any, errors: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    """The contract's error body in the request's language; `message` None summarises `errors`.

    Messages stay data (i18n.Text, or a library's English) until here, where they are rendered.
    A message may echo what the client sent (a field's name, a value): shown escaped, so the
    answer stays valid UTF-8 whatever the client sent.
    """
    shown = ({printable(str(field)): [printable(say(m)) for m in messages]
              for field, messages in errors.items()} if errors else None)
    if message is None and shown:
        message = Text("the request has invalid values: %(fields)s", fields=_summary(shown))
    payload: dict[str, Any] = {"code": code, "status": _NAMES.get(code) or _phrase(code),
                               "message": printable(say(message))}
    if shown:
        payload["errors"] = shown
    return payload


def _phrase(code: int) -> str:
    # The names above are fixed as the contract's clients read them; any other status (405 on a
    # method a path does not take) gets its standard name, never its bare number.
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return str(code)


def flatten(errors: Any, prefix: str = "") -> dict[str, list[Any]]:
    """webargs nests messages by location and field; the contract wants field → messages."""
    if isinstance(errors, list):
        return {prefix or "body": [e if isinstance(e, str) else str(e) for e in errors]}
    flat: dict[str, list[str]] = {}
    for key, value in errors.items():
        name = str(key) if key not in ("json", "query", "headers") or prefix else ""
        flat.update(flatten(value, f"{prefix}.{name}" if prefix and name else name or prefix))
    return flat


def _summary(errors: dict[str, list[str]]) -> str:
    """Already rendered: field names are the API's, the same in every language."""
    if language() == ENGLISH:
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())
    return "；".join(f"{field}：{''.join(map(_sentence, msgs))}" for field, msgs in errors.items())


def _sentence(message: str) -> str:
    # Chinese runs its sentences together without spaces: one without its own full stop would
    # read as the beginning of the next.
    return message if message.endswith(("。", "！", "？", "；", ".")) else f"{message}。"


class ContractApi(Api):
    def register_blueprint(self, blp: Any, **options: Any) -> None:
        from api.blueprint import Blueprint

        # Bodies are read in one place (api.json.read_json): a route that read them another way
        # could answer a malformed one with a 500.
        if not isinstance(blp, Blueprint):
            raise TypeError(f"blueprint {blp.name!r} must be an api.blueprint.Blueprint")
        super().register_blueprint(blp, **options)

    def handle_http_exception(self, error: HTTPException) -> tuple[dict[str, Any], int, dict]:
        data = getattr(error, "data", None) or {}
        errors = data.get("errors") or data.get("messages")
        flat = flatten(errors) if errors else None
        message = data.get("message") or (None if flat else error.description)
        headers = dict(error.get_headers())
        headers.pop("Content-Type", None)
        headers.update(data.get("headers") or {})
        return body(error.code or 500, message, flat), error.code or 500, headers


def refusal(exc: Exception) -> tuple[int, dict[str, Any]] | None:
    """The status and body of a refusal the API knows; None for anything else (a bug).

    The error handlers and the batch route both answer with it, so an item of a batch is
    refused exactly as the same request sent alone would be.
    """
    for cls, status in STATUS_OF.items():
        if isinstance(exc, cls):
            payload = body(status, message_of(exc))
            if isinstance(exc, CreditCodeTaken):  # 409: the entity holding the code
                payload["existing_id"] = str(exc.existing_id)
            if isinstance(exc, UnreadableHistory):  # 409: the event an administrator looks for
                payload.update(entity_id=str(exc.entity_id), event_id=str(exc.event_id),
                               version=exc.version)
            return status, payload
    if isinstance(exc, InvalidFact):
        return 422, body(422, None, exc.errors)
    if isinstance(exc, DraftRefused):  # a what-if's change the policy data cannot hold
        return 422, body(422, message_of(exc), {exc.field: [message_of(exc)]})
    if isinstance(exc, PolicyRefusal):
        field, status = exc.field, exc.status
        # A refusal names a field of the event's data, or the event's own date.
        key = field if field == "occurred_on" else f"data.{field}" if field else "data"
        payload = body(status, message_of(exc), {key: [message_of(exc)]})
        if isinstance(exc, MatterAlreadyEntitled):  # 409: the clause and the earlier event
            payload.update(clause=exc.clause, earlier_event_id=exc.earlier_event_id)
        return status, payload
    return None


def install(app: Flask) -> None:
    """Map domain errors (and anything unexpected) onto the contract's error shape."""

    def answer(exc: Exception) -> tuple[dict[str, Any], int, dict[str, str]]:
        # HTTP errors have their own, more specific handler.
        known = refusal(exc)
        if known is None:  # a bug, logged in full
            log.exception("unexpected error", exc_info=exc)
            return body(500, InternalServerError.description), 500, {}
        status, payload = known
        # The writers it lost to are done within moments.
        return payload, status, {"Retry-After": "1"} if isinstance(exc, Contended) else {}

    app.register_error_handler(Exception, answer)

