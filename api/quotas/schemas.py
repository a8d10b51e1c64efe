"""What the quota report gives."""

from __future__ import annotations

from marshmallow import Schema, fields

from api.entitlements.schemas import MONEY


class QuotaSchema(Schema):
    name = fields.String(required=True, metadata={"description": "the line, e.g. quankedai"})
    title = fields.String(required=True)
    clause = fields.String(required=True, metadata={"description": "the article setting the line"})
    policy_version = fields.String(required=True)
    line = fields.String(required=True, metadata={**MONEY, "description": "the line's size"})
    drawn = fields.String(required=True,
                          metadata={**MONEY, "description": "principal of the loans drawn on it"})
    remaining = fields.String(required=True, metadata=MONEY)
    loans = fields.Integer(required=True, metadata={"description": "how many loans drew on it"})
    responsible_units = fields.List(fields.String(), metadata={"description": "责任单位"})
