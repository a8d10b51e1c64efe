"""Shared marshmallow pieces."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from registry.vocabulary import KINDS, STATUSES, SUBTYPES, ZONES


class EntityRefSchema(Schema):
    """Just the entity's id, as the path names it."""


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
