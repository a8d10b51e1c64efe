"""A rebuild works each entity out once, at its last event, and writes what following the log writes."""

from __future__ import annotations

from datetime import date

from jobs.alerting import issue_alert
from projections import batches
from projections.entity_rows import entity_rows
from projections.wiring import bootstrap
from tests.park import ADMIN, register

FACTS = [
    ("enterprise", "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"}),
    ("enterprise", "space_granted", {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}),
    ("enterprise", "talent_introduced", {"talent": "甲", "level": "national", "start_on": "2025-05-01"}),
    ("pilot_platform", "equipment_purchased", {"year": 2025, "original_value": "12000000.00"}),
    ("pilot_platform", "pilot_service_revenue_reported", {"year": 2025, "revenue": "900000.00"}),
]
TABLES = ["jcg_entities", "jcg_entitlement_sets", "jcg_annual_entitlements", "jcg_deadlines", "jcg_reports",
          "jcg_alerts"]


def _matter_of_round(data: dict, round_: int) -> dict:
    """Each round's standard and talent is another one: the same one twice is refused (不重复)."""
    return {k: f"{v}{round_}" if k in ("standard", "talent") else v for k, v in data.items()}


def _park(services) -> None:
    """Entities of two kinds with interleaved histories, and an alert, so batches cut across them."""
    entities = [(kind, register(services.registry, n, kind)) for n, kind in
                enumerate(["enterprise", "pilot_platform"] * 6)]
    for round_ in range(3):
        for kind, entity in entities:
            for fact_kind, type_name, data in FACTS:
                if fact_kind == kind:
                    services.registry.record(entity, type_name, date(2025, 6, 1 + round_),
                                             _matter_of_round(data, round_), ADMIN)
    issue_alert(services.registry, str(entities[0][1]), "1.2", "30", date(2028, 2, 29), date(2028, 1, 30),
                entity_id=str(entities[0][1]), clause="1.2", kind="deadline", late=False,
                message="1.2 ends in 30 days", entitlement_id=None)


def _read_models(services) -> dict[str, list]:
    with services.model.datastore.transaction(commit=False) as cursor:
        out = {}
        for table in TABLES:
            cursor.execute(services.model.sql(f"SELECT * FROM {{p}}{table}"))
            out[table] = sorted(tuple(dict(r).items()) for r in cursor.fetchall())
        return out


def test_a_rebuild_works_out_each_entity_once_and_writes_what_following_the_log_writes(
        database_url, fixed_clock, monkeypatch):
    alone = bootstrap(database_url, clock=fixed_clock)
    try:
        _park(alone)
        # Following the log in small batches: each entity worked out in every batch touching it.
        alone.projector.batch = alone.projector.bulk_batch = 5
        assert alone.projector.catch_up() == alone.projector.head()
        followed = _read_models(alone)
        worked_out: list[str] = []
        monkeypatch.setattr(batches, "entity_rows", lambda entity, *a: worked_out.append(entity.id)
                            or entity_rows(entity, *a))
        assert alone.projector.rebuild() == alone.projector.head()
        assert _read_models(alone) == followed
        assert len(worked_out) == len(set(worked_out)) == 12  # the park's twelve entities
    finally:
        alone.close()
