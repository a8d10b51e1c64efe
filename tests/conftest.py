"""Fixtures shared by every tier: a database per test on each backend, and services on it.

SQLite always runs. PostgreSQL runs when JCG_TEST_POSTGRES_URL is set; each test then starts on
its process's schema emptied (tests/databases.py), so tests never see each other's events. When the
variable is set and the server cannot be reached, the PostgreSQL cases fail: a CI run that
silently skipped them would prove nothing about PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime

import pytest
from flask import Flask
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from projections.wiring import Services, bootstrap
from registry.clock import PARK_TZ
from tests.browser.availability import REQUIRED, why_not
from tests.databases import ReusedSchema, SQLiteTemplate

POSTGRES_ENV = "JCG_TEST_POSTGRES_URL"
FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=PARK_TZ)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: runs against PostgreSQL (JCG_TEST_POSTGRES_URL)")


def _backends() -> list:
    backends = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(POSTGRES_ENV):
        backends.append(pytest.param("postgres", id="postgres", marks=pytest.mark.postgres))
    return backends


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SQLiteTemplate:
    return SQLiteTemplate(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def reused_schema() -> Iterator[ReusedSchema]:
    schema = ReusedSchema(os.environ[POSTGRES_ENV])
    yield schema
    schema.close()


@pytest.fixture(params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A database on each backend as a first `bootstrap` leaves it, holding no event: a SQLite
    file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_template").copy(tmp_path / "registry.db")
    return request.getfixturevalue("reused_schema").url()


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept for the test process, as Jinja's own bytecode caches keep
    them between processes: by template name, used only while the source is the same."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(autouse=True, scope="session")
def templates_compiled_once() -> Iterator[None]:
    # Each test builds its own app, and each app's Jinja environment compiled every page it
    # rendered again: about 50 ms of each console test.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Flask, "jinja_options", {**Flask.jinja_options, "bytecode_cache": CompiledTemplates()})
        yield


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
