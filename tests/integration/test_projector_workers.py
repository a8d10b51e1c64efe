"""Catching up with worker processes gives the very read models the projector makes alone."""

from __future__ import annotations

import gc
from datetime import date
from types import SimpleNamespace

from cli.gunicorn_settings import worker_ready
from projections.views import tables
from projections.wiring import bootstrap
from registry.gc_tuning import THRESHOLDS
from tests.park import ADMIN, register

FACTS = [
    ("enterprise", "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"}),
    ("enterprise", "space_granted", {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}),
    ("enterprise", "talent_introduced", {"talent": "甲", "level": "national", "start_on": "2025-05-01"}),
    ("pilot_platform", "equipment_purchased", {"year": 2025, "original_value": "12000000.00"}),
    ("pilot_platform", "pilot_service_revenue_reported", {"year": 2026, "revenue": "900000.00"}),
]
TABLES = ["jcg_entities", "jcg_entitlement_sets", "jcg_annual_entitlements", "jcg_deadlines", "jcg_reports",
          "jcg_alerts"]


def _park(services) -> None:
    """Entities of two kinds with interleaved histories, and an alert, so batches cut across them."""
    entities = [(kind, register(services.registry, n, kind)) for n, kind in
                enumerate(["enterprise", "pilot_platform"] * 6)]
    for round_ in range(3):
        for kind, entity in entities:
            for fact_kind, type_name, data in FACTS:
                if fact_kind == kind:
                    services.registry.record(entity, type_name, date(2025, 6, 1 + round_), data, ADMIN)
    services.registry.issue_alert(str(entities[0][1]), "1.2", "30", date(2028, 2, 29), date(2028, 1, 30),
                                  entity_id=str(entities[0][1]), clause="1.2", kind="deadline", late=False,
                                  message="1.2 ends in 30 days", entitlement_id=None)


def _read_models(services) -> dict[str, list]:
    with services.model.datastore.transaction(commit=False) as cursor:
        out = {}
        for table in TABLES:
            cursor.execute(services.model.sql(f"SELECT * FROM {{p}}{table}"))
            out[table] = sorted(tuple(dict(r).items()) for r in cursor.fetchall())
        return out


def test_a_rebuild_with_workers_writes_what_one_without_them_writes(database_url, fixed_clock):
    alone = bootstrap(database_url, clock=fixed_clock)
    try:
        _park(alone)
        assert alone.projector.rebuild() == alone.projector.head()
        expected = _read_models(alone)
    finally:
        alone.close()
    helped = bootstrap(database_url, clock=fixed_clock, projector_workers=2)
    try:
        # Small batches, so the workers' path is taken batch after batch, three of them ahead.
        helped.projector.batch, helped.projector.bulk_batch = 5, 7
        assert helped.projector.rebuild() == helped.projector.head()
        assert helped.projector.position() == helped.projector.head()
        assert _read_models(helped) == expected
        assert expected["jcg_alerts"] and expected["jcg_annual_entitlements"] and expected["jcg_deadlines"]
    finally:
        helped.close()
    assert tables.VERSION == 5


def test_the_long_running_processes_collect_garbage_less_often(database_url, fixed_clock) -> None:
    """Projector workers and API workers raise the collector's thresholds when they start."""
    helped = bootstrap(database_url, clock=fixed_clock, projector_workers=2)
    try:
        helped.projector.batch, helped.projector.bulk_batch = 5, 7
        for n in range(10):
            register(helped.registry, n, "enterprise")
        helped.projector.rebuild()  # far enough behind to start the workers
        pool = helped.projector._pool
        assert pool is not None
        assert [e.submit(gc.get_threshold).result() for e in pool.executors] == [THRESHOLDS] * 2
    finally:
        helped.close()
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # Python's defaults: another test may have relaxed them
        worker_ready(SimpleNamespace(pid=1, log=SimpleNamespace(info=lambda *a: None)))
        assert gc.get_threshold() == THRESHOLDS
    finally:
        gc.set_threshold(*before)
