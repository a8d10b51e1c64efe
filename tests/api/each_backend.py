"""The API on each backend (SQLite, and PostgreSQL when JCG_TEST_POSTGRES_URL is set), for the
modules that import this fixture: it takes the name `park` there, in place of conftest's park on
SQLite alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api import create_app
from projections.wiring import bootstrap
from tests.api.conftest import Park


@pytest.fixture(name="park")
def park_on_each_backend(database_url: str, clock: Any) -> Iterator[Park]:
    services = bootstrap(database_url, clock=clock)
    app = create_app({"TESTING": True}, services=services)
    yield Park(app, app.test_client())
    services.close()
