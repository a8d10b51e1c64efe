"""The read models' tables, written once for both backends.

Statements use `:name` parameters and a `{p}` table prefix; each backend's view turns them
into its own placeholder style and schema.
"""

from __future__ import annotations

TABLES = [
    """CREATE TABLE IF NOT EXISTS {p}jcg_entities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        credit_code TEXT NOT NULL,
        zone TEXT NOT NULL,
        entered_on TEXT NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        registered_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS jcg_entities_kind ON {p}jcg_entities (kind, registered_at, id)",
    "CREATE INDEX IF NOT EXISTS jcg_entities_order ON {p}jcg_entities (registered_at, id)",
]

UPSERT_ENTITY = """
    INSERT INTO {p}jcg_entities
        (id, kind, name, credit_code, zone, entered_on, status, version, registered_at)
    VALUES (:id, :kind, :name, :credit_code, :zone, :entered_on, :status, :version, :registered_at)
    ON CONFLICT (id) DO UPDATE SET name = :name, zone = :zone, status = :status,
        version = :version"""

SELECT_ENTITIES = """
    SELECT id, kind, name, credit_code, zone, entered_on, status, version
    FROM {p}jcg_entities WHERE {where}
    ORDER BY registered_at, id LIMIT :limit OFFSET :offset"""

COUNT_ENTITIES = "SELECT COUNT(*) AS n FROM {p}jcg_entities WHERE {where}"

DROP = ["DELETE FROM {p}jcg_entities"]
