"""Fixtures shared by every tier: a database per test on each backend, and services on it.

SQLite always runs. PostgreSQL runs when JCG_TEST_POSTGRES_URL is set; each test then gets a
schema of its own, dropped afterwards, so tests never see each other's events. When the
variable is set and the server cannot be reached, the PostgreSQL cases fail: a CI run that
silently skipped them would prove nothing about PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest

from projections.wiring import Services, bootstrap
from registry.clock import PARK_TZ
from tests.browser.availability import REQUIRED, why_not

POSTGRES_ENV = "JCG_TEST_POSTGRES_URL"
FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=PARK_TZ)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: runs against PostgreSQL (JCG_TEST_POSTGRES_URL)")


def _backends() -> list:
    backends = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(POSTGRES_ENV):
        backends.append(pytest.param("postgres", id="postgres", marks=pytest.mark.postgres))
    return backends


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


def drop_schema(url: str, schema: str) -> None:
    import psycopg
    from psycopg.sql import SQL, Identifier

    # psycopg does not know the registry's own ?schema= parameter: connect without it.
    with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
        conn.execute(SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(Identifier(schema)))


@pytest.fixture(params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty database on each backend: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/registry.db"
        return
    base = os.environ[POSTGRES_ENV]
    schema = f"jcg_test_{uuid.uuid4().hex[:12]}"
    yield with_schema(base, schema)
    drop_schema(base, schema)


@pytest.fixture
def fixed_clock():
    return lambda: FIXED_NOW


@pytest.fixture
def services(database_url: str, fixed_clock) -> Iterator[Services]:
    """The registry, read model and projector on that database, with the clock held still."""
    wired = bootstrap(database_url, clock=fixed_clock)
    yield wired
    wired.close()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    # Say plainly whether PostgreSQL was exercised: a green run on SQLite alone looks the same.
    reports = [r for key in ("passed", "failed", "error") for r in terminalreporter.stats.get(key, [])
               if getattr(r, "when", "call") == "call" and "[postgres" in r.nodeid]
    if os.environ.get(POSTGRES_ENV):
        terminalreporter.write_line(f"PostgreSQL cases run: {len(reports)}")
    else:
        terminalreporter.write_line(f"PostgreSQL cases not run: set {POSTGRES_ENV} to include them")
    # Said here, not in the browser tests' conftest: under pytest-xdist this process collects
    # nothing and never loads that one.
    ran_browser = any(r.nodeid.startswith("tests/browser/")
                      for reports in terminalreporter.stats.values() for r in reports
                      if hasattr(r, "nodeid"))
    reason = why_not()
    if ran_browser and reason is not None and not REQUIRED:
        terminalreporter.write_line(f"browser tests skipped: {reason}")
