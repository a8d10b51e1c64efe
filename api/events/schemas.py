"""What recording an event takes and what a history gives."""

from __future__ import annotations

from typing import Any

from flask_smorest.error_handler import ErrorSchema
from marshmallow import Schema, fields, validate

from api.fields import Text
from contract.catalogue import FACT_TYPES, FactType
from contract.fields import MONEY_TEXT, PERCENT_TEXT, RATIO_TEXT
from contract.text import FREE_TEXT_PATTERN, PATTERN
from contract.vocabulary import ZONE_ALIASES, ZONES

# Each kind of field as a JSON-schema fragment, for the OpenAPI document.
_SCHEMAS = {
    "zone": lambda f: {"type": "string", "enum": [*ZONES, *ZONE_ALIASES]},
    "credit_code": lambda f: {"type": "string", "maxLength": 64, "pattern": PATTERN, "description":
                              "18-character 统一社会信用代码 with its GB 32100-2015 check character"},
    "text": lambda f: {"type": "string", "minLength": 1, "maxLength": f.max_length,
                       "pattern": FREE_TEXT_PATTERN if f.free_text else PATTERN},
    "choice": lambda f: {"type": "string", "enum": list(f.choices)},
    "money": lambda f: {"type": "string", "format": "decimal", "pattern": MONEY_TEXT.pattern},
    "date": lambda f: {"type": "string", "format": "date"},
    "year": lambda f: {"type": "integer", "minimum": 2000, "maximum": 2100},
    "months": lambda f: {"type": "integer", "minimum": 1, "maximum": 1200},
    "flag": lambda f: {"type": "boolean"},
    "ratio": lambda f: {"type": "string", "pattern": f"{RATIO_TEXT.pattern}|{PERCENT_TEXT.pattern}",
                        "description": 'a ratio ("0.0435") or a percentage ("4.35%")'},
    "reference": lambda f: {"type": "string", "format": "uuid"},
    "references": lambda f: {"type": "array", "items": {"type": "string", "format": "uuid"},
                             "uniqueItems": True},
}


def _data_schema(fact_type: FactType) -> dict[str, Any]:
    """The JSON schema of one event type's data, from the same catalogue that validates it."""
    return {"title": fact_type.name, "type": "object", "additionalProperties": False,
            "description": f"{fact_type.name} ({fact_type.clause}); kinds: {', '.join(fact_type.kinds)}",
            "properties": {name: _SCHEMAS[f.kind](f) for name, f in fact_type.fields.items()},
            "required": [name for name, f in fact_type.fields.items() if not f.optional]}


class EventCreateSchema(Schema):
    type = Text(required=True, validate=validate.Length(min=1, max=64),
                metadata={"enum": list(FACT_TYPES), "description": "the contract's event type"})
    occurred_on = fields.Date(required=True, metadata={"description": "the day the fact happened"})
    data = fields.Dict(keys=Text(), load_default=dict,
                       metadata={"description": "the type's fields; money as strings, e.g. \"500000.00\"",
                                 "anyOf": [_data_schema(t) for t in FACT_TYPES.values()]})


class RecordedSchema(Schema):
    event_id = fields.UUID(required=True)
    entity_id = fields.UUID(required=True)
    type = fields.String(required=True)
    version = fields.Integer(required=True)


BATCH_MAX = 500


class BatchItemSchema(EventCreateSchema):
    """One event of a batch: the single route's body, plus what it takes from the path and headers."""

    entity_id = fields.UUID(required=True)
    if_match = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=0, max=999_999_999),
                              metadata={"description": "as If-Match: the entity version this was decided on"})
    idempotency_key = Text(allow_none=True, validate=validate.Length(min=1, max=200),
                           metadata={"description": "as Idempotency-Key, per entity"})


class BatchSchema(Schema):
    events = fields.List(fields.Nested(BatchItemSchema), required=True,
                         validate=validate.Length(min=1, max=BATCH_MAX))


class BatchItemResultSchema(Schema):
    """A recorded item has the single route's 201 body; a refused one its error body."""

    index = fields.Integer(required=True, metadata={"description": "the item's place in `events`, from 0"})
    status = fields.Integer(required=True, metadata={"description": "what the single route would answer"})
    event_id = fields.UUID()
    entity_id = fields.UUID()
    type = fields.String()
    version = fields.Integer()
    replayed = fields.Boolean(metadata={"description": "true when its key replayed an earlier item"})
    error = fields.Nested(ErrorSchema)


class BatchRecordedSchema(Schema):
    recorded = fields.Integer(required=True)
    refused = fields.Integer(required=True)
    results = fields.List(fields.Nested(BatchItemResultSchema), required=True)


class RecorderSchema(Schema):
    label = fields.String()
    role = fields.String()


class HistoryItemSchema(Schema):
    event_id = fields.UUID(required=True)
    type = fields.String(required=True)
    occurred_on = fields.Date(required=True)
    recorded_at = fields.AwareDateTime(required=True)
    recorded_by = fields.Nested(RecorderSchema)
    version = fields.Integer(required=True)
    data = fields.Dict(metadata={"description": "as recorded: money as strings, dates YYYY-MM-DD"})
