"""Turns `JCG_DATABASE_URL` into the environment eventsourcing's persistence modules read, and
prepares the store (a private SQLite file, or the PostgreSQL schema) before its first connection."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_DATABASE_URL = "sqlite:///var/registry.db"
# A PostgreSQL schema name as the registry accepts it: an unquoted identifier, so that what the
# operator typed is exactly what is created, and nothing else can reach the SQL.
SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# What the registry creates (the database, its WAL, backups, exports) is for its own user only:
# it holds every event, the token hashes and the staff's labels.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class BadDatabaseURL(ValueError):
    pass


def database_url(environ: dict[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    return environ.get("JCG_DATABASE_URL") or DEFAULT_DATABASE_URL


def persistence_env(url: str, *, create_table: bool = True) -> dict[str, str]:
    """The eventsourcing environment for a database URL (sqlite:///PATH or postgresql://...)."""
    parts = urlsplit(url)
    common = {"CREATE_TABLE": "y" if create_table else "n"}
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise BadDatabaseURL(f"{url!r} names no file: use sqlite:///var/registry.db")
        # Several server workers share the file: wait for the writer's lock, do not fail.
        return {**common, "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": path, "SQLITE_LOCK_TIMEOUT": "30"}
    if parts.scheme in ("postgresql", "postgres"):
        query = parse_qs(parts.query, keep_blank_values=True)
        env = {**common, "PERSISTENCE_MODULE": "eventsourcing.postgres",
               "POSTGRES_DBNAME": parts.path.lstrip("/") or "postgres",
               "POSTGRES_HOST": parts.hostname or "127.0.0.1",
               "POSTGRES_PORT": str(parts.port or 5432),
               "POSTGRES_USER": unquote(parts.username or "postgres"),
               "POSTGRES_PASSWORD": unquote(parts.password or ""),
               "POSTGRES_POOL_SIZE": query.get("pool_size", ["5"])[0],
               "POSTGRES_MAX_OVERFLOW": query.get("max_overflow", ["10"])[0]}
        if "schema" in query:
            env["POSTGRES_SCHEMA"] = schema_name(query["schema"][0])
        return env
    raise BadDatabaseURL(
        f"{url!r} is not a database URL this registry uses: "
        "sqlite:///PATH or postgresql://USER[:PASS]@HOST[:PORT]/DB"
    )


def schema_name(value: str) -> str:
    if not SCHEMA_NAME.match(value):
        raise BadDatabaseURL(
            f"schema={value!r} is not a schema name the registry uses: lower-case letters, digits "
            "and _, starting with a letter or _, at most 63 characters (e.g. schema=jcg)")
    return value


def private_folder(path: Path) -> None:
    """Make `path` and any missing parent, each readable by this user only."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        os.chmod(folder, PRIVATE_FOLDER)  # mkdir's mode passes through the umask


def prepare_storage(env: dict[str, str]) -> None:
    """Make the SQLite file (this user's only), or the PostgreSQL schema, before the first
    connection."""
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        path = Path(env["SQLITE_DBNAME"])
        if str(path) == ":memory:":
            return
        private_folder(path.parent)
        # Made here, empty, 0600: SQLite then gives its WAL and shared-memory files the same
        # mode. A database made before this (0644 under the usual umask) is tightened too.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
        for made in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if made.exists() and made.stat().st_mode & 0o077:
                os.chmod(made, PRIVATE_FILE)
    elif env.get("POSTGRES_SCHEMA"):
        import psycopg
        from psycopg.sql import SQL, Identifier

        with psycopg.connect(
            dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"], password=env["POSTGRES_PASSWORD"] or None, autocommit=True,
        ) as conn:
            conn.execute(SQL("CREATE SCHEMA IF NOT EXISTS {}").format(Identifier(env["POSTGRES_SCHEMA"])))
