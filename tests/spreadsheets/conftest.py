"""An app on each backend (the shared `database_url`), and workbook helpers for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any

import openpyxl
import pytest
from flask import Flask

from api import create_app
from projections.wiring import bootstrap
from tests.api.conftest import FIXED_NOW, MovableClock, Park


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    services = bootstrap(database_url, clock=MovableClock(FIXED_NOW))
    yield create_app({"TESTING": True}, services=services)
    services.close()


@pytest.fixture
def park(app: Flask) -> Park:
    return Park(app, app.test_client())


def template(park: Park) -> openpyxl.Workbook:
    response = park.client.get("/api/v1/imports/template.xlsx", headers=park.admin)
    assert response.status_code == 200
    return openpyxl.load_workbook(BytesIO(response.data))


def fill(book: openpyxl.Workbook, sheet: str, rows: list[dict[str, Any]]) -> None:
    """Write rows under the keys of row 2, from row 3 on, as a clerk would."""
    ws = book[sheet]
    columns = {c.value: c.column for c in ws[2]}
    start = 3
    while ws.cell(start, 1).value is not None:
        start += 1
    for offset, row in enumerate(rows):
        for key, value in row.items():
            ws.cell(start + offset, columns[key], value)


def saved(book: openpyxl.Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def upload(park: Park, data: bytes, dry_run: bool = False) -> Any:
    return park.client.post(f"/api/v1/imports{'?dry_run=true' if dry_run else ''}",
                            data={"file": (BytesIO(data), "park.xlsx")}, headers=park.admin,
                            content_type="multipart/form-data")
