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

# What a test could change of a schema's shape: the objects in it (a table dropped and made again
# is another oid), and its tables' rows in the catalogue, their columns, indexes and constraints
# (any change writes a new row version, so a new xmin). VACUUM and ANALYZE update the catalogue
# in place, so they leave it alone. Read through the catalogue's indexes: every test run's
# schemas bloat its tables, and a scan of pg_class took 15 ms.
SHAPE = """
WITH tables AS (SELECT objid AS oid FROM pg_depend WHERE refclassid = 'pg_namespace'::regclass
                   AND refobjid = %(namespace)s AND classid = 'pg_class'::regclass)
SELECT (SELECT string_agg(classid || ':' || objid, ',' ORDER BY classid, objid) FROM pg_depend
         WHERE refclassid = 'pg_namespace'::regclass AND refobjid = %(namespace)s)
    || '|' || (SELECT string_agg(oid || ':' || xmin, ',' ORDER BY oid) FROM pg_class
                WHERE oid IN (SELECT oid FROM tables))
    || '|' || (SELECT count(*) || ':' || sum(hashtext(attrelid || '.' || attnum || '.' || xmin))
                 FROM pg_attribute WHERE attrelid IN (SELECT oid FROM tables))
    || '|' || (SELECT coalesce(string_agg(indexrelid || ':' || xmin, ',' ORDER BY indexrelid), '')
                 FROM pg_index WHERE indrelid IN (SELECT oid FROM tables))
    || '|' || (SELECT coalesce(string_agg(oid || ':' || xmin, ',' ORDER BY oid), '')
                 FROM pg_constraint WHERE conrelid IN (SELECT oid FROM tables))
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
        self.shape: str | None = None  # None until the schema is wholly made

    def url(self) -> str:
        """The schema's URL, its tables holding only what they were made with."""
        if self.schema is None or not self.emptied():
            self.make()
        return with_schema(self.base, self.schema)

    def make(self) -> None:
        from psycopg.sql import SQL, Identifier, Literal

        self.drop()
        self.shape = None
        self.schema = f"jcg_test_{uuid.uuid4().hex[:12]}"
        bootstrap(with_schema(self.base, self.schema)).close()
        self.namespace = self.conn.execute("SELECT %s::regnamespace::oid", [self.schema]).fetchone()[0]
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
                Literal(Identifier(self.schema, sequence).as_string(self.conn)), Literal(start)))
        # One message, so one round trip and one transaction.
        self.reset = SQL("; ").join(statements)
        self.shape = self.conn.execute(SHAPE, {"namespace": self.namespace}).fetchone()[0]

    def emptied(self) -> bool:
        """Whether the schema could be emptied back to its rows as made: not when the test that
        used it changed its shape (or dropped it)."""
        import psycopg

        if self.shape is None:  # its making failed (the server refusing connections): again
            return False
        try:
            if self.conn.execute(SHAPE, {"namespace": self.namespace}).fetchone()[0] != self.shape:
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
