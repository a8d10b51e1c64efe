"""Turns `JCG_DATABASE_URL` into the environment eventsourcing's persistence modules read."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_DATABASE_URL = "sqlite:///var/registry.db"


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
        query = parse_qs(parts.query)
        env = {**common, "PERSISTENCE_MODULE": "eventsourcing.postgres",
               "POSTGRES_DBNAME": parts.path.lstrip("/") or "postgres",
               "POSTGRES_HOST": parts.hostname or "127.0.0.1",
               "POSTGRES_PORT": str(parts.port or 5432),
               "POSTGRES_USER": unquote(parts.username or "postgres"),
               "POSTGRES_PASSWORD": unquote(parts.password or ""),
               "POSTGRES_POOL_SIZE": query.get("pool_size", ["5"])[0],
               "POSTGRES_MAX_OVERFLOW": query.get("max_overflow", ["10"])[0]}
        if "schema" in query:
            env["POSTGRES_SCHEMA"] = query["schema"][0]
        return env
    raise BadDatabaseURL(
        f"{url!r} is not a database URL this registry uses: "
        "sqlite:///PATH or postgresql://USER[:PASS]@HOST[:PORT]/DB"
    )


def prepare_storage(env: dict[str, str]) -> None:
    """Make the SQLite file's folder, or the PostgreSQL schema, before the first connection."""
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        Path(env["SQLITE_DBNAME"]).parent.mkdir(parents=True, exist_ok=True)
    elif env.get("POSTGRES_SCHEMA"):
        import psycopg

        with psycopg.connect(
            dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"], password=env["POSTGRES_PASSWORD"] or None, autocommit=True,
        ) as conn:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{env["POSTGRES_SCHEMA"]}"')
