"""Shared marshmallow pieces, above all `Text`: the one field type for text coming in."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from contract.text import FREE_TEXT_PATTERN, PATTERN, text_problem
from contract.vocabulary import KINDS, STATUSES, SUBTYPES, ZONES


class Text(fields.String):
    """Text a client sends, in a body, a batch item or a query string: every schema takes text
    through this field, so none can keep a control character or a broken character (see
    `contract.text`). `free_text=True` (a reason, a note) also allows tab and line breaks.
    """

    def __init__(self, *, free_text: bool = False, validate: Any = None, **kwargs: Any) -> None:
        others = [] if validate is None else list(validate) if isinstance(validate, list | tuple) \
            else [validate]
        metadata = {"pattern": FREE_TEXT_PATTERN if free_text else PATTERN, **kwargs.pop("metadata", {})}
        # Hygiene first: a length or a choice checked on a broken text would only confuse.
        super().__init__(validate=[_hygiene(free_text), *others], metadata=metadata, **kwargs)


def _hygiene(free_text: bool) -> Any:
    def check(value: str) -> None:
        problem = text_problem(value, free_text=free_text)
        if problem is not None:
            raise ValidationError(problem)
    return check


class EntitySchema(Schema):
    id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(list(KINDS)))
    kind_label = fields.Function(lambda e: KINDS[e["kind"]], metadata={"description": "中文 (English)"})
    subtype = fields.String(allow_none=True, validate=validate.OneOf(list(SUBTYPES)),
                            metadata={"description": "a financial institution's: bank, guarantor or insurer"})
    name = fields.String(required=True)
    credit_code = fields.String(required=True, metadata={"description": "统一社会信用代码"})
    zone = fields.String(required=True, validate=validate.OneOf(list(ZONES)))
    zone_label = fields.Function(lambda e: ZONES[e["zone"]])
    entered_on = fields.Date(required=True)
    status = fields.String(required=True, validate=validate.OneOf(list(STATUSES)))
    status_label = fields.Function(lambda e: STATUSES[e["status"]])
    version = fields.Integer(required=True)
