"""Each test's database, made from one per test process rather than from nothing.

Creating every table of the event store and the read models cost about 25 ms a test on SQLite
and 150 ms on PostgreSQL (a schema made, thirteen tables and their indexes, the schema dropped).
A test still starts on a database holding exactly what a first `bootstrap` leaves: a copy of a
file made once on SQLite; on PostgreSQL the process's own schema, its rows deleted and those the
tables were made with put back. A test that changed the schema's shape (dropped a table, added
the snapshots') leaves it to be dropped and made afresh for the next one.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from projections.wiring import bootstrap
from storage.database import PRIVATE_FILE

# What a test could change of a schema's shape: its relations (a table dropped and made again
# is another oid), their columns, constraints, functions and types. VACUUM and ANALYZE update
# the catalogue in place, so they leave it alone.
SHAPE = """
SELECT (SELECT string_agg(c.oid::text || ':' || c.xmin::text, ',' ORDER BY c.oid)
          FROM pg_class c WHERE c.relnamespace = %(schema)s::regnamespace)
    || '|' || (SELECT count(*) || ':' || sum(hashtext(a.attrelid::text || '.' || a.attnum || '.' || a.xmin::text))
                 FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid
                WHERE c.relnamespace = %(schema)s::regnamespace)
    || '|' || (SELECT count(*) || ':' || coalesce(sum(hashtext(oid::text || xmin::text)), 0)
                 FROM pg_constraint WHERE connamespace = %(schema)s::regnamespace)
    || '|' || (SELECT count(*) FROM pg_proc WHERE pronamespace = %(schema)s::regnamespace)
    || '|' || (SELECT count(*) FROM pg_type WHERE typnamespace = %(schema)s::regnamespace)
"""


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


def drop_schema(url: str, schema: str) -> None:
    import psycopg
    from psycopg.sql import SQL, Identifier

    # psycopg does not know the registry's own ?schema= parameter: connect without it.
    with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
        conn.execute(SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(Identifier(schema)))


class SQLiteTemplate:
    """A registry file with every table made, copied for each test."""

    def __init__(self, folder: Path):
        self.path = folder / "template.db"
        bootstrap(f"sqlite:///{self.path}").close()
        # Closed, SQLite has moved its WAL into the file: the file alone is the database.
        assert not self.path.with_name("template.db-wal").exists()

    def copy(self, path: Path) -> str:
        shutil.copyfile(self.path, path)
        os.chmod(path, PRIVATE_FILE)  # as the registry makes its file
        return f"sqlite:///{path}"


class ReusedSchema:
    """One PostgreSQL schema per test process, handed to each test as a first `bootstrap` left it."""

    def __init__(self, base: str):
        import psycopg

        self.base = base
        self.conn = psycopg.connect(base.split("?")[0], autocommit=True)
        # A connection a test left in a transaction holding rows: fail, not hang.
        self.conn.execute("SET lock_timeout = '10s'")
        self.schema: str | None = None

    def url(self) -> str:
        """The schema's URL, its tables holding only what they were made with."""
        if self.schema is None or not self.emptied():
            self.make()
        return with_schema(self.base, self.schema)

    def make(self) -> None:
        from psycopg.sql import SQL, Identifier, Literal

        self.drop()
        self.schema = f"jcg_test_{uuid.uuid4().hex[:12]}"
        bootstrap(with_schema(self.base, self.schema)).close()
        self.shape = self.conn.execute(SHAPE, {"schema": self.schema}).fetchone()[0]
        tables = [r[0] for r in self.conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [self.schema])]
        statements = []
        for table in tables:
            name = Identifier(self.schema, table)
            statements.append(SQL("DELETE FROM {}").format(name))
            for (row,) in self.conn.execute(SQL("SELECT row_to_json(t)::text FROM {} t").format(name)):
                statements.append(SQL("INSERT INTO {0} SELECT * FROM json_populate_record(NULL::{0}, {1})")
                                  .format(name, Literal(row)))
        for sequence, start in self.conn.execute(
                "SELECT sequencename, start_value FROM pg_sequences WHERE schemaname = %s", [self.schema]):
            statements.append(SQL("SELECT setval({}, {}, false)").format(
                Literal(f"{Identifier(self.schema, sequence).as_string(self.conn)}"), Literal(start)))
        # One message, so one round trip and one transaction.
        self.reset = SQL("; ").join(statements)

    def emptied(self) -> bool:
        """Whether the schema could be emptied back to its rows as made: not when the test that
        used it changed its shape (or dropped it)."""
        import psycopg

        try:
            if self.conn.execute(SHAPE, {"schema": self.schema}).fetchone()[0] != self.shape:
                return False
            self.conn.execute(self.reset)
        except psycopg.Error:
            return False
        return True

    def drop(self) -> None:
        if self.schema is not None:
            drop_schema(self.base, self.schema)
            self.schema = None

    def close(self) -> None:
        self.drop()
        self.conn.close()
