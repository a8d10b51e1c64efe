"""What registering and listing entities take and give."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.fields import EntitySchema, Text
from contract.vocabulary import KINDS, SUBTYPES, ZONE_ALIASES, ZONES


class EntityCreateSchema(Schema):
    kind = Text(required=True, validate=validate.OneOf(list(KINDS)))
    name = Text(required=True, validate=validate.Length(min=1, max=200))
    credit_code = Text(
        required=True, validate=validate.Length(max=64),
        metadata={"description": "18-character 统一社会信用代码 with its GB 32100-2015 check character"})
    zone = Text(required=True, validate=validate.OneOf([*ZONES, *ZONE_ALIASES]),
                metadata={"description": "gaoxin 高新区, pingding 平定县, yuxian 盂县, other 其他"})
    entered_on = fields.Date(required=True, metadata={"description": "入驻 date"})
    subtype = Text(
        validate=validate.OneOf(list(SUBTYPES)),
        metadata={"description": "required for a financial_institution (bank 银行, guarantor 担保, "
                                 "insurer 保险); refused for any other kind"})


class EntityQueryArgsSchema(Schema):
    kind = Text(validate=validate.OneOf(list(KINDS)))
    q = Text(validate=validate.Length(min=1, max=100),
             metadata={"description": "part of the name or credit code"})


__all__ = ["EntityCreateSchema", "EntityQueryArgsSchema", "EntitySchema"]
