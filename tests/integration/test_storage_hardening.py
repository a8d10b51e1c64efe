"""What the registry stores is its own user's only, and an operator's `?schema=` never reaches
SQL as anything but a quoted identifier."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.main import main
from projections.wiring import bootstrap
from storage.database import BadDatabaseURL, persistence_env
from tests.conftest import POSTGRES_ENV


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    # As most shells set it: without the registry's own care, files would be 0644.
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_sqlite_database_its_wal_and_its_folder_are_private(tmp_path: Path, usual_umask: None) -> None:
    database = tmp_path / "var" / "data" / "registry.db"
    services = bootstrap(f"sqlite:///{database}")
    try:
        services.registry.issue_token("admin", "park")  # a write: the WAL exists now
        wal, shm = database.with_name("registry.db-wal"), database.with_name("registry.db-shm")
        assert wal.exists() and shm.exists()
        assert {p.name: mode(p) for p in (database, wal, shm)} == {
            "registry.db": 0o600, "registry.db-wal": 0o600, "registry.db-shm": 0o600}
        assert mode(database.parent) == mode(database.parent.parent) == 0o700
    finally:
        services.close()


def test_a_database_made_readable_before_is_tightened(tmp_path: Path, usual_umask: None) -> None:
    database = tmp_path / "registry.db"
    bootstrap(f"sqlite:///{database}").close()
    os.chmod(database, 0o644)
    bootstrap(f"sqlite:///{database}").close()
    assert mode(database) == 0o600


def test_a_backup_written_by_the_cli_is_private(tmp_path: Path, usual_umask: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "registry.db"
    monkeypatch.setenv("JCG_DATABASE_URL", f"sqlite:///{database}")
    bootstrap(f"sqlite:///{database}").close()
    assert main(["backup", str(tmp_path / "backup.db")]) == 0
    assert mode(tmp_path / "backup.db") == 0o600
    assert os.umask(0o022) == 0o077  # the command's umask: anything else it writes is private too


@pytest.mark.parametrize("schema", [
    'x"; CREATE TABLE public.pwned (i int); --', "Jcg", "jcg-test", "1jcg", "", "a" * 64, "jcg test",
    "jcg\x00", "jcg;",
])
def test_a_schema_name_that_is_not_a_plain_identifier_is_refused(schema: str) -> None:
    with pytest.raises(BadDatabaseURL, match="not a schema name"):
        persistence_env(f"postgresql://postgres@127.0.0.1:5432/test?schema={schema}")


@pytest.mark.parametrize("schema", ["jcg", "_jcg", "jcg_2025", "a" * 63])
def test_a_plain_identifier_is_accepted(schema: str) -> None:
    assert persistence_env(f"postgresql://postgres@127.0.0.1:5432/test?schema={schema}")["POSTGRES_SCHEMA"] == schema


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"set {POSTGRES_ENV}")
def test_the_crafted_url_of_the_issue_creates_nothing() -> None:
    import psycopg

    base = os.environ[POSTGRES_ENV]
    crafted = 'x" CASCADE; CREATE TABLE public.jcg_pwned_21 (i int); --'
    with pytest.raises(BadDatabaseURL):
        bootstrap(f"{base}?schema={crafted}")
    with psycopg.connect(base) as conn:
        assert conn.execute("SELECT to_regclass('public.jcg_pwned_21')").fetchone()[0] is None


def test_the_read_models_quote_the_schema_as_psycopg_does(services) -> None:
    from psycopg.sql import Identifier

    schema = getattr(services.model.datastore, "schema", None)
    if not schema:
        pytest.skip("SQLite has no schema")
    assert services.model.prefix == f"{Identifier(schema).as_string()}."


def test_the_cli_refuses_a_crafted_schema_in_one_line_without_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], usual_umask: None) -> None:
    monkeypatch.setenv("JCG_DATABASE_URL", 'postgresql://postgres@127.0.0.1:5432/test?schema=x"; DROP TABLE t; --')
    assert main(["db", "upgrade"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("jcg db: schema=") and "not a schema name" in error and "Traceback" not in error
