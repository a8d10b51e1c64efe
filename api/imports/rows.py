"""What an import needs of each row beyond the API's own checks: the credit codes it names,
the key that makes it idempotent, and refusals turned into the report's terms."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from api.errors import refusal
from contract.catalogue import FACT_TYPES, InvalidFact
from contract.credit_code import InvalidCreditCode, normalise_credit_code
from i18n import Text, message_of


class RowRefused(Exception):
    def __init__(self, errors: dict[str, list[str]] | None = None, message: str = ""):
        super().__init__(message)
        self.errors, self.message = errors or {}, message


def entity_code(field: str, value: Any) -> str | None:
    """The credit code in a field that names another entity (`..._entity_id`), if it holds one."""
    if not field.endswith("_entity_id") or not isinstance(value, str) or len(value.strip()) != 18:
        return None
    try:
        return normalise_credit_code(value)
    except InvalidCreditCode:
        return None


def planned_id(code: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"jcg-dry-run:{code}")


def data_faults(event: dict[str, Any]) -> dict[str, list[str]]:
    """The catalogue's complaints about the data, named as the request names them (`data.x`)."""
    try:
        FACT_TYPES[event["type"]].parse(event["data"])
    except InvalidFact as exc:
        return {f"data.{k}" if k != "data" else k: v for k, v in exc.errors.items()}
    return {}


def credit_code_of(raw: Any, errors: dict[str, list[str]]) -> str:
    if raw is None:
        errors["credit_code"] = [Text("is required: the credit code of the entity the event is about")]
        return ""
    try:
        return normalise_credit_code(str(raw))
    except InvalidCreditCode as exc:
        errors["credit_code"] = [message_of(exc)]
        return ""


def content_key(sheet: str, code: str, event: dict[str, Any]) -> str:
    """The row's Idempotency-Key, from its content: the same cells imported again replay."""
    canonical = json.dumps([sheet, code, event["occurred_on"].isoformat(), event["data"]],
                           sort_keys=True, ensure_ascii=False, default=str)
    return "xlsx:" + hashlib.sha256(canonical.encode()).hexdigest()


def known(action: Callable[[], Any]) -> Any:
    """The action's result; a refusal the API knows becomes the row's, anything else is a bug."""
    try:
        return action()
    except Exception as exc:
        known = refusal(exc)
        if known is None:
            raise
        payload = known[1]
        raise RowRefused(payload.get("errors"), payload["message"]) from None
