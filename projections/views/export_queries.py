"""What the 公示 and payment lists read: every entity's entitlements, page by page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from projections.policy.engine import expire_view

# Entities in registration order, each with its stored entitlements; a page at a time, keyed
# by where the last page ended, so a province's list never sits whole in memory.
SELECT_DOCUMENTS = """
    SELECT e.id, e.name, e.credit_code, e.registered_at, s.stable_from, s.stable_until, s.body
    FROM {p}jcg_entities e JOIN {p}jcg_entitlement_sets s ON s.entity_id = e.id
    WHERE e.registered_at > :at OR (e.registered_at = :at AND e.id > :id)
    ORDER BY e.registered_at, e.id LIMIT :limit"""

PAGE = 500


class ExportQueries:
    """Mixed into the read model; `sql` and `datastore` come from it."""

    def entitlement_documents(self, today: date) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """(entity {id, name, credit_code}, its entitlements as they stand on `today`)."""
        at, last_id, day = "", "", today.isoformat()
        while True:
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute(self.sql(SELECT_DOCUMENTS),
                               {"at": at, "id": last_id, "limit": PAGE})
                rows = [dict(r) for r in cursor.fetchall()]
            for row in rows:
                found = json.loads(row["body"])
                if row["stable_until"] is not None and day > row["stable_until"]:
                    found = [expire_view(e, today) for e in found]
                yield {"id": row["id"], "name": row["name"], "credit_code": row["credit_code"]}, found
            if len(rows) < PAGE:
                return
            at, last_id = rows[-1]["registered_at"], rows[-1]["id"]
