"""Entitlements, annual subsidies and deadlines as the contract shows them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.fields import Text
from api.units import unit_field
from projections.policy.model import STATUSES

MONEY = {"type": "string", "format": "decimal", "pattern": r"^-?[0-9]{1,13}\.[0-9]{2}$"}
DAY = {"format": "date"}


class EntitlementSchema(Schema):
    id = fields.String(required=True, metadata={"description": "stable: entity, clause, basis and year"})
    entity_id = fields.String(required=True)
    clause = fields.String(required=True, metadata={"description": "article.clause of 阳政发〔2024〕15号"})
    title = fields.String(required=True, metadata={"description": "中文 / English; in Chinese when asked"})
    kind = fields.String(required=True, validate=validate.OneOf(["one_time", "annual", "in_kind", "status"]))
    amount = fields.String(allow_none=True,
                           metadata={**MONEY, "description": "owed after every cap and 不重复"})
    disbursed = fields.String(metadata=MONEY)
    year = fields.Integer(allow_none=True)
    valid_from = fields.String(allow_none=True, metadata=DAY)
    expires_on = fields.String(allow_none=True, metadata={**DAY, "description": "last day, inclusive"})
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    basis = fields.List(fields.String(), metadata={"description": "ids of the events it rests on"})
    policy_version = fields.String(allow_none=True)
    fiscal = fields.Boolean(metadata={"description": "false when paid from a contract's own money (4.2)"})
    responsible_units = fields.List(fields.String(), metadata={"description": "责任单位"})
    explanation = fields.String(required=True,
                                metadata={"description": "the arithmetic, in the reader's language"})
    terms = fields.Raw(allow_none=True, metadata={
        "description": "the explanation as data (message id and parameters), whatever the language"})
    figures = fields.Dict()
    recoverable = fields.String(metadata={**MONEY, "description": "应追回: paid beyond what is "
                                          "owed; \"0.00\" unless the status is overpaid"})
    approved = fields.String(allow_none=True, metadata={
        **MONEY, "description": "what its latest review approved (null: not reviewed, or approved "
        "before approvals carried their amount); what is paid never exceeds it"})
    recovered = fields.String(metadata={**MONEY, "description": "追回: what was recovered of the "
                                        "money paid; `disbursed` is net of it"})


class EntitlementQueryArgsSchema(Schema):
    as_of = fields.Date(metadata={"description": "knowledge time: replay only what had been recorded by "
                                                 "the end of that day"})
    on = fields.Date(metadata={"description": "event time: what the entity was entitled to on that day, "
                                              "by the events' own dates (occurred_on ≤ on), with everything "
                                              "known now (or by as_of); statuses as of that day"})
    year = fields.Integer(validate=validate.Range(min=2000, max=2100), metadata={
        "description": "only that year's: its `year`, or for a one-time award the year of `valid_from`"})
    status = Text(validate=validate.OneOf(STATUSES))


class SubsidyQueryArgsSchema(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))


class EntitySubsidySchema(Schema):
    entity_id = fields.String(required=True)
    total = fields.String(required=True, metadata=MONEY)
    entitlements = fields.List(fields.Nested(EntitlementSchema))


class SubsidiesSchema(Schema):
    year = fields.Integer(required=True)
    total = fields.String(required=True, metadata={**MONEY, "description": "owed, fiscal, this year"})
    totals_by_clause = fields.Dict(keys=fields.String(), values=fields.String())
    entities = fields.List(fields.Nested(EntitySubsidySchema))


class DeadlineSchema(Schema):
    entity_id = fields.String(required=True, allow_none=True,
                              metadata={"description": "null for the whole park (the policy's end)"})
    clause = fields.String(allow_none=True)
    what = fields.String(required=True)
    due_on = fields.String(required=True, metadata=DAY)
    entitlement_id = fields.String(allow_none=True)
    units = fields.List(fields.String(), metadata={"description": "责任单位 of the clause's article"})


class DeadlineQueryArgsSchema(Schema):
    before = fields.Date(metadata={"description": "only deadlines due before this day; default a year ahead"})
    entity_id = fields.UUID(metadata={"description": "only this entity's, and the whole park's (entity_id "
                                                     "null: the policy's end concerns every entity)"})
    unit = unit_field()


class GapSchema(Schema):
    clause = fields.String(required=True)
    title = fields.String(required=True,
                          metadata={"description": "the clause's title, in the reader's language"})
    missing = fields.String(required=True, metadata={
        "description": "what the entity still lacks, in the reader's language: an event not recorded, a "
                       "threshold not reached, a window closed, support elsewhere (不重复), a higher "
                       "benefit (就高), a departure"})
    shortfall = fields.String(allow_none=True, metadata={
        **MONEY, "description": "money still short of the clause's threshold, or null"})
