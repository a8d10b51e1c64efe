"""JSON the contract's way: money as strings with two decimals, dates as YYYY-MM-DD."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from flask import Flask
from flask.json.provider import DefaultJSONProvider


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

    @staticmethod
    def default(o: Any) -> Any:
        if isinstance(o, Decimal | date | UUID):
            return plain(o)
        return DefaultJSONProvider.default(o)


def install(app: Flask) -> None:
    app.json = ContractJSONProvider(app)
