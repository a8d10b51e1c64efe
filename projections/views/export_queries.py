"""What the 公示名单 and 资金拨付明细 read: the entitlements a review has approved (and not since
revoked), one row each, kept by the projector (jcg_listed, written in the batch's transaction
with its tracking record). An export reads these rows, in registration order from an index,
not every entity's whole entitlement document (about 24 KB each in a generated park, most of a
100,000-entity export's time, for the few rows a list shows).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import orjson

from contract.entitlements import publicised, year_of
from projections.policy.status import lapsed

NAME = "jcg_listed"
COLUMNS = ("entity_id", "seq", "year", "registered_at", "body")
TABLES = [
    """CREATE TABLE IF NOT EXISTS {p}jcg_listed (
        entity_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        year INTEGER NOT NULL,
        registered_at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (entity_id, seq))""",
    "CREATE INDEX IF NOT EXISTS jcg_listed_year ON {p}jcg_listed (year, registered_at, entity_id, seq)",
]
DROP = "DELETE FROM {p}jcg_listed"
# A page at a time, keyed by where the last page ended, so a province's list never sits whole
# in memory; the entities' names as they are now.
SELECT_PAGE = """
    SELECT l.entity_id, l.seq, l.registered_at, l.body, e.name, e.credit_code
    FROM {p}jcg_listed l JOIN {p}jcg_entities e ON e.id = l.entity_id
    WHERE l.year = :year AND (l.registered_at > :at OR (l.registered_at = :at AND
          (l.entity_id > :id OR (l.entity_id = :id AND l.seq > :seq))))
    ORDER BY l.registered_at, l.entity_id, l.seq LIMIT :limit"""
PAGE = 2000
# The explanation, twice: what the lists do not show, and most of a row's size.
UNSHOWN = ("explanation", "terms")


def listed_rows(entity_id: str, registered_at: str, dated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entity's rows of jcg_listed, from its entitlements as stored."""
    return [{"entity_id": entity_id, "seq": seq, "year": year, "registered_at": registered_at,
             "body": orjson.dumps({k: v for k, v in e.items() if k not in UNSHOWN}).decode()}
            for seq, e in enumerate(dated)
            if publicised(e) and (year := year_of(e)) is not None]


class ExportQueries:
    """Mixed into the read model (it provides `datastore` and `sql`)."""

    datastore: Any
    sql: Any

    def entitlement_documents(self, year: int, today: date
                         ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """(entity {id, name, credit_code}, its approved entitlements of `year` as they stand on
        `today`), entities in registration order, each entitlement in its document's order."""
        at, last_id, last_seq = "", "", -1
        entity: dict[str, Any] | None = None
        found: list[dict[str, Any]] = []
        while True:
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute(self.sql(SELECT_PAGE), {"year": year, "at": at, "id": last_id,
                                                        "seq": last_seq, "limit": PAGE})
                rows = [dict(r) for r in cursor.fetchall()]
            for row in rows:
                if entity is None or entity["id"] != row["entity_id"]:
                    if entity is not None:
                        yield entity, found
                    entity = {"id": row["entity_id"], "name": row["name"], "credit_code": row["credit_code"]}
                    found = []
                found.append(dated(orjson.loads(row["body"]), today))
            if len(rows) < PAGE:
                if entity is not None:
                    yield entity, found
                return
            at, last_id, last_seq = rows[-1]["registered_at"], rows[-1]["entity_id"], rows[-1]["seq"]


def dated(e: dict[str, Any], today: date) -> dict[str, Any]:
    """Its status as it stands on `today` (the explanation, which `expire_view` also dates, is
    not kept here: no list shows it)."""
    expires_on = date.fromisoformat(e["expires_on"]) if e.get("expires_on") else None
    status = lapsed(e["kind"], e["status"], expires_on, e.get("figures") or {}, today)
    return e if status is None else {**e, "status": status}
