"""The production topology for real: `jcg serve` (2 workers), `jcg projector` and `jcg scheduler`
as processes on one PostgreSQL schema, loaded over HTTP from several threads.

Checked twice — after a normal load, and after the projector was SIGKILLed mid-load and
restarted: every acknowledged event is in its history, the stored entitlements equal the pure
function over it, the read models reach the head, and every alert was issued once.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from projections.wiring import bootstrap
from tests.conftest import POSTGRES_ENV
from tests.databases import drop_schema, with_schema
from tests.integration.topology_client import Client, Load
from tests.park import replayed_entitlements, stored_entitlements

ROOT = Path(__file__).resolve().parents[2]
JCG = [sys.executable, "-m", "cli.main"]
ALERT_DAY = "2026-06-02"  # 90 days before the 1.2 space every entity is granted ends (2026-08-31)

pytestmark = pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"needs {POSTGRES_ENV}")


class Topology:
    """The three long-running processes, each started and stopped by this test alone."""

    def __init__(self, url: str, logs: Path):
        self.env = {**os.environ, "JCG_DATABASE_URL": url, "JCG_LOG_LEVEL": "warning"}
        self.logs, self.port, self.processes = logs, _free_port(), {}

    def jcg(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*JCG, *args], env=self.env, cwd=ROOT, capture_output=True, text=True,
                              timeout=60, check=True)

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("a")
        self.processes[name] = subprocess.Popen([*JCG, *args], env=self.env, cwd=ROOT, stdout=log,
                                                stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        return self.processes[name]

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.processes.clear()

    def log_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.logs.glob("*.log")))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def topology(tmp_path: Path) -> Iterator[tuple[Topology, Client, str]]:
    base, schema = os.environ[POSTGRES_ENV], f"jcg_topology_{uuid.uuid4().hex[:12]}"
    url = with_schema(base, schema)
    running = Topology(url, tmp_path)
    try:
        running.jcg("db", "upgrade")
        token = running.jcg("token", "create", "--role", "admin", "--label", "topology").stdout.split()[-1]
        running.start("api", "serve", "--port", str(running.port), "--workers", "2", "--threads", "4")
        running.start("projector", "projector")
        running.start("scheduler", "scheduler")
        client = Client(f"http://127.0.0.1:{running.port}", token)
        client.wait_until_healthy(running.processes["api"], timeout=30)
        yield running, client, url
    except BaseException:
        print(running.log_tail())
        raise
    finally:
        running.stop_all()
        drop_schema(base, schema)


def wait_for_projection(client: Client, timeout: float = 30) -> dict:
    """Poll /ready (which only reads) until the read models reach the head."""
    deadline = time.monotonic() + timeout
    while True:
        lag = client.get("/api/v1/ready")["projection"]
        if lag["position"] == lag["head"] or time.monotonic() > deadline:
            return lag
        time.sleep(0.1)


def check_consistent(url: str, load: Load) -> None:
    services = bootstrap(url, create_tables=False)
    try:
        assert services.projector.position() == services.projector.head()
        for entity_id, acknowledged in load.acknowledged.items():
            history = services.registry.history(uuid.UUID(entity_id))
            assert {str(r.event_id) for r in history if r.type != "registered"} == acknowledged
            expected = replayed_entitlements(services, history)
            stored = stored_entitlements(services, entity_id)
            assert sorted(stored, key=lambda e: e["id"]) == sorted(expected, key=lambda e: e["id"])
        rows, total = services.model.list_entities(None, None, 0, 10_000)
        assert total == len(load.acknowledged)
        versions = {r["id"]: r["version"] for r in rows}
        assert versions == {e: len(a) + 1 for e, a in load.acknowledged.items()}
    finally:
        services.close()


def check_alerts_issued_once(client: Client, entities: list[str]) -> None:
    alerts = client.get("/api/v1/alerts?page_size=1000")
    keys = [(a["entity_id"], a["clause"], a["kind"], a["threshold"], a["due_on"]) for a in alerts]
    assert len({a["id"] for a in alerts}) == len(alerts) and len(set(keys)) == len(keys)
    due = {a["entity_id"] for a in alerts if (a["clause"], a["threshold"], a["due_on"]) == ("1.2", "90d", "2026-08-31")}
    assert due >= set(entities)


@pytest.mark.postgres
@pytest.mark.parametrize("backend", [pytest.param("postgres", id="postgres")])
def test_three_processes_on_postgres_lose_nothing_and_apply_nothing_twice(topology, backend):
    running, client, url = topology
    load = Load(client, threads=4, entities_per_thread=4, events_per_entity=5)
    load.run()
    assert load.failures == []
    assert wait_for_projection(client)["position"] > 0
    check_consistent(url, load)

    # Two alert passes at once, while the scheduler runs its own: each alert exactly once.
    scans = [subprocess.Popen([*JCG, "alerts", "scan", "--today", ALERT_DAY], env=running.env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [scan.communicate(timeout=60) for scan in scans]
    assert [scan.returncode for scan in scans] == [0, 0], outputs
    first_entities = list(load.acknowledged)
    check_alerts_issued_once(client, first_entities)

    # The projector dies mid-load and comes back while the clients keep writing.
    more = Load(client, threads=4, entities_per_thread=8, events_per_entity=8, first=1000)
    writing = threading.Thread(target=more.run)
    writing.start()
    more.wait_for(more.planned // 3, timeout=30)
    running.kill("projector")
    more.wait_for(2 * more.planned // 3, timeout=30)
    assert client.get("/api/v1/ready")["projection"]["lag_events"] > 0  # work left for the restart
    running.start("projector", "projector")
    writing.join(timeout=60)
    assert more.failures == []
    lag = wait_for_projection(client)
    assert lag["position"] == lag["head"], lag
    load.merge(more)
    check_consistent(url, load)
    check_alerts_issued_once(client, first_entities)
