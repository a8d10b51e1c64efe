"""JSON the contract's way: money as strings with two decimals, dates as YYYY-MM-DD; and every
request body read in one place, where whatever cannot be read is a 400, never a 500."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from flask import Flask, Request
from flask.json.provider import DefaultJSONProvider
from flask_smorest import abort
from marshmallow import Schema, missing
from webargs.flaskparser import FlaskParser, is_json_request

from i18n import N_, Term, Text, translate_library
from i18n.catalogue import CHINESE

# The messages, in one place (i18n.Text: translated in i18n/translations).
NOT_UTF8 = N_("the body is not UTF-8 text: the byte at position %(position)s cannot be read")
NOT_JSON = N_("the body is not valid JSON: %(reason)s (line %(line)s, column %(column)s)")
TOO_DEEP = N_("the body is not JSON this API reads: it nests arrays or objects too deeply")
# The one ValueError json.loads raises besides its own: an integer of more than 4,300 digits.
TOO_LONG = N_("the body is not JSON this API reads: it holds a number too long to read")


def read_json(data: bytes | str) -> Any:
    """A request body's JSON; a 400 in the contract's shape for anything that is not readable
    JSON (bad bytes, bad syntax, nesting the parser cannot follow, numbers too long to convert)."""
    try:
        # UTF-8 only: json.loads would guess UTF-16 or UTF-32 from bytes.
        return json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except UnicodeDecodeError as exc:
        message = Text(NOT_UTF8, position=exc.start)
    except json.JSONDecodeError as exc:
        # The decoder's reason is its own English ("Expecting ',' delimiter"): kept with its Chinese.
        reason = Term(exc.msg, translate_library(exc.msg, CHINESE))
        message = Text(NOT_JSON, reason=reason, line=exc.lineno, column=exc.colno)
    except RecursionError:
        message = Text(TOO_DEEP)
    except ValueError:
        message = Text(TOO_LONG)
    abort(400, message=message, errors={"json": [message]})


class ContractParser(FlaskParser):
    """webargs' parser, reading JSON bodies with `read_json` (webargs lets a RecursionError or
    an over-long number through as a 500)."""

    def load_json(self, req: Request, schema: Schema) -> Any:
        if not is_json_request(req):
            return missing
        data = req.get_data(cache=True)
        # An empty body is no body: the schema then names the fields it requires.
        return read_json(data) if data else missing


def plain(value: Any) -> Any:
    """A value of an event's data as the contract shows it."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class ContractJSONProvider(DefaultJSONProvider):
    ensure_ascii = False
    sort_keys = False

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return read_json(s)

    @staticmethod
    def default(o: Any) -> Any:
        if isinstance(o, Decimal | date | UUID):
            return plain(o)
        return DefaultJSONProvider.default(o)


def install(app: Flask) -> None:
    app.json = ContractJSONProvider(app)
