"""What one entity's history gives the read models, as rows ready to write.

Pure: the rows carry their JSON already serialised, so the projector's batch transaction only
writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date
from typing import Any

import orjson

from projections.policy import PolicyBook, deadlines, entitlements, expire_view, park_deadlines
from projections.policy.status import lapses
from projections.units import units_of
from projections.views.clause_sums import entity_sums
from projections.views.export_queries import listed_rows
from registry.application import entity_view
from registry.entities import ParkEntity
from registry.records import FactRecord

# The deadlines table's key for rows that concern the whole park rather than one entity.
PARK = ""


@dataclass(frozen=True)
class EntityRows:
    """One entity's rows in every read model it appears in."""

    entity: dict[str, Any]
    # Its entitlements as one document dated `today` (jcg_entitlement_sets).
    entitlement_set: dict[str, Any]
    # The annual ones again, one row each, for the year's totals.
    annual: list[dict[str, Any]] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    # (year, type) of each annual report recorded.
    reports: list[tuple[int, str]] = field(default_factory=list)
    # Its money by year and clause, as the stored document counts it (jcg_clause_sums).
    clause_sums: list[dict[str, Any]] = field(default_factory=list)
    # Its entitlements a review approved, for the lists (jcg_listed).
    listed: list[dict[str, Any]] = field(default_factory=list)


def entity_rows(entity: ParkEntity, history: list[FactRecord], book: PolicyBook, today: date) -> EntityRows:
    found = entitlements(history, book)
    views = [e.to_json() for e in found]
    entity_id = str(entity.id)
    dated = [expire_view(e, today) for e in views]
    directory = directory_row(entity)
    return EntityRows(
        entity=directory,
        entitlement_set=entitlement_set_row(entity_id, dated, today),
        annual=annual_rows(entity_id, views),
        deadlines=[{"entity_id": entity_id, "seq": seq, "due_on": d.due_on.isoformat(), "clause": d.clause,
                    "body": _json({**d.to_json(), "units": units_of(book, d.clause)})}
                   for seq, d in enumerate(deadlines(history, book, found))],
        reports=sorted({(r.data["year"], r.type) for r in history if isinstance(r.data.get("year"), int)}),
        clause_sums=entity_sums(entity_id, dated),
        listed=listed_rows(entity_id, directory["registered_at"], dated),
    )


def park_deadline_rows(book: PolicyBook) -> list[dict[str, Any]]:
    """The whole park's deadlines (the policy's end), keyed in the table by `PARK` since the
    column cannot be null; the rows themselves say `entity_id: null`."""
    return [{"entity_id": PARK, "seq": seq, "due_on": d.due_on.isoformat(), "clause": d.clause,
             "body": _json({**d.to_json(), "units": units_of(book, d.clause)})}
            for seq, d in enumerate(park_deadlines(book))]


def annual_rows(entity_id: str, views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The annual ones, undated, a row each for the year's totals (GET /subsidies dates them)."""
    return [{"entity_id": entity_id, "id": e["id"], "year": e["year"], "clause": e["clause"],
             "body": _json(e)} for e in views if e["kind"] == "annual" and e["year"] is not None]


def directory_row(entity: ParkEntity) -> dict[str, Any]:
    # Registration order is the directory's order; the library's UTC timestamp sorts as text.
    return {**entity_view(entity), "entered_on": entity.entered_on.isoformat(),
            "registered_at": entity.created_on.astimezone(UTC).isoformat()}


def entitlement_set_row(entity_id: str, dated: list[dict[str, Any]], today: date) -> dict[str, Any]:
    """The entitlements as `entitlements(history, book, today)` gives them (`dated`: the views
    dated to `today` by `expire_view`), and until when they stand so."""
    lapsing = [e["expires_on"] for e in dated if lapses(e)]
    return {"entity_id": entity_id, "count": len(dated), "stable_from": today.isoformat(),
            "stable_until": min(lapsing) if lapsing else None, "body": _json(dated)}


def _json(value: Any) -> str:
    # orjson: the standard encoder was a seventh of a rebuild's time. Its UTF-8 is
    # what ensure_ascii=False gave, without the spaces after separators.
    return orjson.dumps(value).decode()
