"""Time recording events (a) straight through `Registry.record` and (b) through the HTTP API
served by `jcg serve`, on SQLite and, when a PostgreSQL URL is given, on PostgreSQL.

Each run starts from an empty database. Registrations are made first and not timed.
Usage: python bench/record_events.py [--events N] [--entities N] [--clients N] [--only direct|api]
PostgreSQL: set JCG_BENCH_POSTGRES_URL (or JCG_TEST_POSTGRES_URL); a fresh schema is used and dropped.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import workload

ROOT = Path(__file__).resolve().parents[1]


def direct(url: str, n_events: int, n_entities: int) -> float:
    """Seconds to record the events through the application, in one thread."""
    from projections.wiring import bootstrap
    from registry.access import Principal
    from registry.registration import Registration

    services = bootstrap(url)
    try:
        admin = Principal("bench", "admin")
        bodies = workload.registrations(n_entities)
        ids = [services.registry.register(Registration.parse(b), admin)["id"] for b in bodies]
        plan = workload.events([b["kind"] for b in bodies], n_events, ids[0])
        started = time.perf_counter()
        for entity, type_name, occurred_on, data in plan:
            services.registry.record(uuid.UUID(ids[entity]), type_name, date.fromisoformat(occurred_on),
                                     data, admin)
        return time.perf_counter() - started
    finally:
        services.close()


def through_api(url: str, n_events: int, n_entities: int, clients: int) -> float:
    """Seconds to record the events by POSTing them to `jcg serve`, from `clients` threads."""
    env = {**os.environ, "JCG_DATABASE_URL": url}
    jcg = [sys.executable, "-m", "cli.main"]
    subprocess.run([*jcg, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    made = subprocess.run([*jcg, "token", "create", "--role", "admin", "--label", "bench"],
                          env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    headers = {"Authorization": f"Bearer {made.stdout.splitlines()[-1]}",
               "Content-Type": "application/json"}
    port = free_port()
    server = subprocess.Popen([*jcg, "serve", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=(log := server_log()))
    try:
        wait_until_serving(port, server, Path(log.name), serving_workers(env))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        bodies = workload.registrations(n_entities)
        ids = [post(conn, "/api/v1/entities", body, headers)["id"] for body in bodies]
        plan = workload.events([b["kind"] for b in bodies], n_events, ids[0])
        # Each client owns whole entities, so clients do not contend for one entity's version.
        shares = [[p for p in plan if p[0] % clients == c] for c in range(clients)]
        failures: list[BaseException] = []
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(port, share, ids, headers, failures))
                   for share in shares]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.perf_counter() - started
        if failures:
            raise RuntimeError(f"{len(failures)} client(s) failed; first: {failures[0]!r}")
        return took
    finally:
        server.terminate()
        server.wait(timeout=30)


def client(port: int, share: list, ids: list[str], headers: dict, failures: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for entity, type_name, occurred_on, data in share:
            post(conn, f"/api/v1/entities/{ids[entity]}/events",
                 {"type": type_name, "occurred_on": occurred_on, "data": data}, headers)
    except BaseException as exc:  # reported by the main thread
        failures.append(exc)
    finally:
        conn.close()


def post(conn: http.client.HTTPConnection, path: str, body: dict, headers: dict) -> dict:
    conn.request("POST", path, json.dumps(body).encode(), headers)
    response = conn.getresponse()
    payload = response.read()
    if response.status != 201:
        raise RuntimeError(f"POST {path}: {response.status} {payload[:300]!r}")
    return json.loads(payload)


LOG_DIR = Path(tempfile.gettempdir())


def server_log(tag: str = ""):
    """A file for the server's log lines: a pipe nobody reads fills up and stalls the server.
    Servers running at once each need their own `tag`: each counts its own workers ready in it."""
    return open(LOG_DIR / f"jcg-bench-serve-{os.getpid()}{tag}.log", "ab")  # noqa: SIM115


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving_workers(env: dict[str, str]) -> int:
    """How many workers `jcg serve` starts with this environment."""
    from cli.serve import WORKERS

    return int(env.get("JCG_WORKERS") or WORKERS)


def wait_until_serving(port: int, server: subprocess.Popen, log: Path, workers: int,
                       timeout: float = 60) -> None:
    """Until the port answers and every worker has logged that it is ready: the master binds the port before the workers have built their apps, and a run begun
    meanwhile measures their boot."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"jcg serve exited with status {server.returncode}; its log is in {LOG_DIR}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                if _ready_workers(log, server.pid) >= workers:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("jcg serve did not start listening")


def _ready_workers(log: Path, master: int) -> int:
    children = set(Path(f"/proc/{master}/task/{master}/children").read_text().split())
    ready = re.findall(r"worker (\d+) ready", log.read_text(errors="replace"))
    return len(children & set(ready))


class Databases:
    """Fresh, empty databases on each backend on offer; PostgreSQL schemas are dropped at the end."""

    def __init__(self, folder: str):
        self.folder = folder
        self.pg = os.environ.get("JCG_BENCH_POSTGRES_URL") or os.environ.get("JCG_TEST_POSTGRES_URL")
        self.schemas: list[str] = []

    def backends(self) -> list[str]:
        return ["sqlite", "postgresql"] if self.pg else ["sqlite"]

    def fresh(self, backend: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.folder}/{uuid.uuid4().hex}.db"
        self.schemas.append(f"jcg_bench_{uuid.uuid4().hex[:10]}")
        return f"{self.pg}{'&' if '?' in self.pg else '?'}schema={self.schemas[-1]}"

    def drop(self) -> None:
        if not self.schemas:
            return
        import psycopg

        with psycopg.connect(self.pg.split("?")[0], autocommit=True) as conn:
            for schema in self.schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--only", choices=["direct", "api"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        databases = Databases(folder)
        try:
            for backend in databases.backends():
                report(backend, args, lambda b=backend: databases.fresh(b))
        finally:
            databases.drop()


def report(name: str, args: argparse.Namespace, fresh: Callable[[], str]) -> None:
    rates = {}
    if args.only in (None, "direct"):
        took = direct(fresh(), args.events, args.entities)
        rates["direct"] = args.events / took
        print(f"{name:10} direct (1 thread)        {args.events} events in {took:7.2f}s: "
              f"{rates['direct']:8.1f} events/s", flush=True)
    if args.only in (None, "api"):
        took = through_api(fresh(), args.events, args.entities, args.clients)
        rates["api"] = args.events / took
        print(f"{name:10} API ({args.clients} clients, jcg serve) {args.events} events in {took:7.2f}s: "
              f"{rates['api']:8.1f} events/s", flush=True)
    if len(rates) == 2:
        print(f"{name:10} API ÷ direct: {rates['api'] / rates['direct']:.2f}", flush=True)


if __name__ == "__main__":
    main()
