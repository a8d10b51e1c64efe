"""What an import takes and reports."""

from __future__ import annotations

from marshmallow import Schema, fields


class ImportQueryArgsSchema(Schema):
    dry_run = fields.Boolean(load_default=False,
                             metadata={"description": "check every row and record nothing"})


class ImportProblemSchema(Schema):
    sheet = fields.String(required=True)
    row = fields.Integer(required=True, metadata={"description": "the spreadsheet's own row number"})
    column = fields.String(allow_none=True, metadata={"description": "the key in row 2, e.g. data.amount"})
    cell = fields.String(allow_none=True, metadata={"description": "the cell, e.g. E7, when one is to blame"})
    message = fields.String(required=True)


class ImportReportSchema(Schema):
    dry_run = fields.Boolean(required=True)
    rows = fields.Integer(required=True, metadata={"description": "data rows read"})
    recorded = fields.Integer(required=True, metadata={"description": "recorded (a dry run: would be)"})
    skipped = fields.Integer(required=True, metadata={"description": "already recorded from the same cells"})
    refused = fields.Integer(required=True)
    errors = fields.List(fields.Nested(ImportProblemSchema), required=True)
