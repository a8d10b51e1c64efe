"""What recording an event takes and what a history gives."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from registry.catalogue import FACT_TYPES, FactType


def _data_schema(fact_type: FactType) -> dict[str, Any]:
    """The JSON schema of one event type's data, from the same catalogue that validates it."""
    return {"title": fact_type.name, "type": "object", "additionalProperties": False,
            "description": f"{fact_type.name} ({fact_type.clause}); kinds: {', '.join(fact_type.kinds)}",
            "properties": {name: f.describe() for name, f in fact_type.fields.items()},
            "required": [name for name, f in fact_type.fields.items() if not f.optional]}


class EventCreateSchema(Schema):
    type = fields.String(required=True, validate=validate.Length(min=1, max=64),
                         metadata={"enum": list(FACT_TYPES), "description": "the contract's event type"})
    occurred_on = fields.Date(required=True, metadata={"description": "the day the fact happened"})
    data = fields.Dict(keys=fields.String(), load_default=dict,
                       metadata={"description": "the type's fields; money as strings, e.g. \"500000.00\"",
                                 "anyOf": [_data_schema(t) for t in FACT_TYPES.values()]})


class RecordedSchema(Schema):
    event_id = fields.UUID(required=True)
    entity_id = fields.UUID(required=True)
    type = fields.String(required=True)
    version = fields.Integer(required=True)


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
