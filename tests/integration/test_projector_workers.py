"""Catching up with worker processes gives the very read models the projector makes alone."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from projections import projector as projector_module
from projections import workers
from projections.entity_rows import entity_rows
from projections.views import tables
from projections.wiring import bootstrap, forked_workers
from projections.workers import WorkerPool
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
        monkeypatch.setattr(workers, "entity_rows", lambda entity, *a: worked_out.append(entity.id)
                            or entity_rows(entity, *a))
        assert alone.projector.rebuild() == alone.projector.head()
        assert _read_models(alone) == followed
        assert len(worked_out) == len(set(worked_out)) == 12  # the park's twelve entities
    finally:
        alone.close()


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


def test_a_rebuild_with_workers_drops_rows_no_event_accounts_for_and_reports_its_progress(
        database_url, fixed_clock):
    helped = bootstrap(database_url, clock=fixed_clock, projector_workers=2)
    try:
        _park(helped)
        helped.projector.batch, helped.projector.bulk_batch = 5, 7
        helped.projector.catch_up()
        with helped.model.datastore.transaction(commit=True) as cursor:
            cursor.execute(helped.model.sql(
                "INSERT INTO {p}jcg_reports (entity_id, year, type) VALUES ('stale', 2020, 'x')"))
        steps: list[int] = []
        # The old rows are dropped while the workers start on the first batches.
        assert helped.projector.rebuild(progress=steps.append) == helped.projector.head() == sum(steps)
        assert len(steps) > 3 and helped.projector.position() == helped.projector.head()
        reports = _read_models(helped)["jcg_reports"]
        assert reports and not [r for r in reports if ("entity_id", "stale") in r]
    finally:
        helped.close()


def test_while_a_rebuild_clears_the_old_rows_the_workers_are_given_more_batches(
        database_url, fixed_clock, monkeypatch):
    helped = bootstrap(database_url, clock=fixed_clock, projector_workers=2)
    try:
        _park(helped)
        projector = helped.projector
        projector.batch, projector.bulk_batch = 5, 5
        monkeypatch.setattr(projector_module, "AHEAD_WHILE_CLEARING", 4)
        seen: list[str] = []
        pool = WorkerPool(dict(helped.registry.env), helped.policy, 2)
        submit, clear = pool.submit, helped.model.clear
        monkeypatch.setattr(pool, "submit", lambda *a: seen.append("batch") or submit(*a))
        monkeypatch.setattr(helped.model, "clear", lambda *a: seen.append("clear") or clear(*a))
        projector._pool = pool
        assert projector.rebuild() == projector.head()
        assert projector.head() > 10 * 5  # batches enough to tell 3 ahead from 5
        # Five batches (the one to write, and four ahead) before the clear; then one more as
        # each is written, keeping AHEAD ahead of it.
        assert seen[:6] == ["batch"] * 5 + ["clear"]
        assert seen[6:] == ["batch"] * (len(seen) - 6)
    finally:
        helped.close()


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
        assert pool.call(gc.get_threshold) == [THRESHOLDS] * 2
    finally:
        helped.close()


# Run in a process of its own: forking needs a process with no other thread and no connection,
# which the test process cannot promise.
FORKED_REBUILD = """
import json, sys
from datetime import datetime, timezone
from projections.wiring import bootstrap, forked_workers
from tests.integration.test_projector_workers import _read_models
url = sys.argv[1]
pool = forked_workers(2, url)
helped = bootstrap(url, clock=lambda: datetime.fromisoformat(sys.argv[2]), projector_workers=2,
                   projector_pool=pool)
try:
    helped.projector.batch, helped.projector.bulk_batch = 5, 7
    applied = helped.projector.rebuild()
    print(json.dumps({"start_method": pool.start_method, "applied": applied,
                      "head": helped.projector.head(), "models": _read_models(helped)}, default=str))
finally:
    helped.close()
"""


def test_workers_made_before_the_rebuild_connects_are_forked_and_write_the_same(database_url, fixed_clock):
    alone = bootstrap(database_url, clock=fixed_clock)
    try:
        _park(alone)
        assert alone.projector.rebuild() == alone.projector.head()
        expected = json.loads(json.dumps(_read_models(alone), default=str))
    finally:
        alone.close()
    done = subprocess.run([sys.executable, "-c", FORKED_REBUILD, database_url, fixed_clock().isoformat()],
                          cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    forked = json.loads(done.stdout.splitlines()[-1])
    assert forked["start_method"] == "fork"
    assert forked["applied"] == forked["head"] > 0
    assert forked["models"] == expected


def test_workers_are_spawned_when_another_thread_runs(database_url):
    """A thread may hold a lock at the fork, which the child would inherit held: then spawn."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        pool = forked_workers(1, database_url)
    finally:
        release.set()
        other.join()
    try:
        assert pool.start_method == "spawn"
        assert pool.call(gc.get_threshold) == [THRESHOLDS]
    finally:
        pool.close()


def test_a_worker_that_cannot_start_reports_why(tmp_path):
    pool = WorkerPool({"PERSISTENCE_MODULE": "eventsourcing.nonexistent"}, None, 1)
    try:
        with pytest.raises(Exception, match="nonexistent"):
            pool.call(gc.get_threshold)
    finally:
        pool.close()


def test_no_workers_asked_makes_no_pool(database_url):
    assert forked_workers(0, database_url) is None


ABANDONED_POOL = """
import os, sys
from projections.wiring import forked_workers
pool = forked_workers(2, sys.argv[1])
print(" ".join(str(pid) for pid in pool.call(os.getpid)), flush=True)
os._exit(0)  # as if killed: the pool is never closed
"""


def test_forked_workers_stop_when_the_process_that_made_them_dies(database_url):
    done = subprocess.run([sys.executable, "-c", ABANDONED_POOL, database_url],
                          cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == 2
    try:
        assert all(_ends_within(pid, seconds=20) for pid in pids)
    finally:
        for pid in pids:  # when they did not stop: not left behind by the test
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _ends_within(pid: int, seconds: float) -> bool:
    try:
        handle = os.pidfd_open(pid)  # readable once the process has ended
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([handle], [], [], seconds)[0])
    finally:
        os.close(handle)


def test_a_stored_id_gives_the_same_owner_whether_dashed_or_not() -> None:
    from uuid import uuid4

    from projections.workers import _id_int

    ids = [uuid4() for _ in range(50)]
    assert [_id_int(i.hex) for i in ids] == [_id_int(str(i)) for i in ids] == [i.int for i in ids]
