"""Issue 5's figures, each beside the raw library's measured in the same run, on SQLite and (when
JCG_BENCH_POSTGRES_URL or JCG_TEST_POSTGRES_URL is set) PostgreSQL, at one or more park sizes.

Usage: python bench/scale.py [--sizes 1000,100000] [--events-per-entity 20] [--clients 8]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generator  # noqa: E402
import lean_http  # noqa: E402
import raw  # noqa: E402
from record_events import ROOT, Databases, free_port, server_log, serving_workers, wait_until_serving  # noqa: E402

from cli.progress import Progress  # noqa: E402

JCG = [sys.executable, "-m", "cli.main"]
# Events a request in the batched write figure: a bulk import's natural unit, and enough that
# one request's HTTP, auth and validation are a small part of its cost.
BATCH = 50
# Samples of the decode and the rebuild in a small park (see measure).
SAMPLES = 3
# Reads by each client before the timed ones (see measure).
WARM_UP = 25


def jcg(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*JCG, *args], env={**os.environ, "JCG_DATABASE_URL": url}, cwd=ROOT,
                          check=True, capture_output=True, text=True)


def rebuild(url: str) -> tuple[int, float, int]:
    """(events, seconds, peak KiB) of `jcg projections rebuild` in its own process."""
    proc = subprocess.Popen([*JCG, "projections", "rebuild"], env={**os.environ, "JCG_DATABASE_URL": url},
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read()
    found = re.search(r"(\d+) events applied in ([0-9.]+)s", out)
    if status != 0 or not found:
        raise RuntimeError(f"rebuild failed: {out} {proc.stderr.read()[-2000:]}")
    return int(found.group(1)), float(found.group(2)), usage.ru_maxrss


def peak_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))


def workers_of(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        return [int(p) for p in children.read().split()]


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process so far (/proc/PID/stat's utime and stime)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_seconds() -> dict[str, float]:
    """The machine's CPU time so far, all cores: busy, idle, and idle waiting on the disk."""
    with open("/proc/stat") as stat:
        user, nice, system, idle, iowait, *rest = (int(v) for v in stat.readline().split()[1:])
    tick = os.sysconf("SC_CLK_TCK")
    return {"busy": (user + nice + system + sum(rest[:3])) / tick, "idle": idle / tick, "iowait": iowait / tick}


class Server:
    """`jcg serve` on a park, with an admin token made for it."""

    def __init__(self, url: str, env: dict[str, str] | None = None):
        self.url = url
        jcg(url, "db", "upgrade")
        self.token = jcg(url, "token", "create", "--role", "admin", "--label", "bench").stdout.splitlines()[-1]
        self.headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        self.port = free_port()
        self.proc = subprocess.Popen([*JCG, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                     env={**os.environ, "JCG_DATABASE_URL": url, **(env or {})}, cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=(log := server_log(f"-{self.port}")))
        self.log = Path(log.name)  # one JSON record a line, each request's with its duration_ms
        wait_until_serving(self.port, self.proc, self.log, serving_workers({**os.environ, **(env or {})}))

    def peak_worker_kib(self) -> int:
        return max(peak_kib(p) for p in workers_of(self.proc.pid))

    def cpu_seconds(self) -> float:
        return sum(cpu_seconds(p) for p in [self.proc.pid, *workers_of(self.proc.pid)])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def in_threads(clients: int, work) -> float:
    failures: list[BaseException] = []

    def run(c: int) -> None:
        try:
            work(c)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(c,)) for c in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(f"{len(failures)} client(s) failed: {failures[0]!r}")
    return time.perf_counter() - started


def read_entitlements(server: Server, ids: list[str], clients: int, requests: int,
                      warm_up: int = 0) -> tuple[float, list[float]]:
    """Requests/s and latencies of `requests` reads, after each client's `warm_up` reads, which
    are not counted."""
    latencies: list[float] = []

    def work(c: int) -> None:
        rng, conn = random.Random(c), lean_http.Connection(server.port, server.headers)
        for _ in range(warm_up):
            if conn.get(f"/api/v1/entities/{rng.choice(ids)}/entitlements")[0] != 200:
                raise RuntimeError("GET entitlements failed while warming up")
        started_all[c] = time.perf_counter()
        for _ in range(requests // clients):
            started = time.perf_counter()
            status, _ = conn.get(f"/api/v1/entities/{rng.choice(ids)}/entitlements")
            if status != 200:
                raise RuntimeError(f"GET entitlements: {status}")
            latencies.append(time.perf_counter() - started)
        ended_all[c] = time.perf_counter()
        conn.close()

    started_all: dict[int, float] = {}
    ended_all: dict[int, float] = {}
    in_threads(clients, work)
    return len(latencies) / (max(ended_all.values()) - min(started_all.values())), latencies


def _navigation(phase: str, c: int, i: int) -> dict:
    # A project is one matter (7.3, 不重复): each phase names its own, or its writes are refused.
    return {"type": "patent_navigation_funded", "occurred_on": "2026-05-01",
            "data": {"project": f"{phase}{c}-{i}", "amount": "120000.00"}}


def write_events(server: Server, ids: list[str], clients: int, events: int) -> float:
    """Events/s, one event per POST; each client writes only its own entities."""
    def work(c: int) -> None:
        conn, mine = lean_http.Connection(server.port, server.headers), ids[c::clients]
        for i in range(events // clients):
            status, body = conn.post(f"/api/v1/entities/{mine[i % len(mine)]}/events", _navigation("N", c, i))
            if status != 201:
                raise RuntimeError(f"POST events: {status} {body}")
        conn.close()

    return events / in_threads(clients, work)


def write_batches(server: Server, ids: list[str], clients: int, events: int, batch: int) -> float:
    """Events/s through POST /events/batch, `batch` events a request, over the same entities."""
    def work(c: int) -> None:
        conn, mine = lean_http.Connection(server.port, server.headers), ids[c::clients]
        for first in range(0, events // clients, batch):
            items = [{"entity_id": mine[i % len(mine)], **_navigation("B", c, i)}
                     for i in range(first, first + batch)]
            status, body = conn.post("/api/v1/events/batch", {"events": items})
            if status != 200 or body["recorded"] != batch:
                raise RuntimeError(f"POST events/batch: {status} {str(body)[:500]}")
        conn.close()

    return events // clients // batch * batch * clients / in_threads(clients, work)


def step(text: str) -> None:
    print(f"  … {text}", file=sys.stderr, flush=True)


def measure(url: str, n_entities: int, per_entity: int, clients: int, scratch: str) -> tuple[dict[str, float], list[str]]:
    from jobs.scan import scan
    from projections.wiring import bootstrap

    f: dict[str, float] = {}
    services = bootstrap(url)
    try:
        step(f"loading {n_entities:,} entities")
        started = time.perf_counter()
        with Progress(n_entities, "Loading", stream=sys.stderr) as bar:
            loaded = generator.load(services.registry, n_entities, per_entity, progress=bar.update)
        f["events"], f["load_s"] = loaded.events, time.perf_counter() - started
        ids = [str(i) for i in loaded.entity_ids]
    finally:
        services.close()
    # In a small park the decode and the rebuild take a second or less each, and one sample is
    # at the mercy of whatever else the shared machine does that second: each is taken in turn
    # SAMPLES times and the medians kept. A large park's take minutes, and one sample each.
    samples = SAMPLES if f["events"] < 200_000 else 1
    decodes, rebuilds, peaks = [], [], []
    for _ in range(samples):
        step("raw notification decode")
        decodes.append(raw.decode_rate(url))
        step("rebuilding the read models")
        events, seconds, peak = rebuild(url)
        rebuilds.append(seconds)
        peaks.append(peak)
    f["raw_decode"], f["rebuild_s"] = statistics.median(decodes), statistics.median(rebuilds)
    f["projector_kib"] = max(peaks)
    f["catch_up"], f["samples"] = events / f["rebuild_s"], samples
    services = bootstrap(url, create_tables=False)
    try:
        step("alert scan")
        started = time.perf_counter()
        f["alerts"] = len(scan(services, date(2026, 6, 1)))
        f["scan_s"] = time.perf_counter() - started
    finally:
        services.close()
    server = Server(url)
    try:
        step("raw repository.get")
        f["raw_get"] = raw.get_rate(url, loaded.entity_ids)
        step("API reads")
        # Each API worker's first requests fill its caches, and catch its read models up with
        # what was recorded since the rebuild (the scan's alerts): a start-up cost, which the
        # growth of p99 with the park's size is not about. 4,000 reads: p99 is the 40th slowest.
        requests = max(4000, clients * 500)
        f["api_get"], latencies = read_entitlements(server, ids, clients, requests, warm_up=WARM_UP)
        cuts = statistics.quantiles(latencies, n=100)
        f["p50_ms"], f["p99_ms"] = cuts[49] * 1000, cuts[98] * 1000
        enterprises = [i for i, (kind, _) in zip(ids, generator.plan(n_entities, per_entity, 2024), strict=True)
                       if kind == "enterprise"]
        step("raw save")
        f["raw_save"] = raw.save_rate(scratch)
        step("API writes")
        # What bounds them: the server's CPU a write, and whether the cores were busy meanwhile
        # or waited (on SQLite's write lock, on the disk at each commit).
        cpu, machine = server.cpu_seconds(), machine_seconds()
        f["api_write"] = write_events(server, enterprises, clients, 2000)
        f["write_cpu_ms"] = (server.cpu_seconds() - cpu) / 2000 * 1000
        f.update({f"write_{k}": v - machine[k] for k, v in machine_seconds().items()})
        step("raw save, again")
        f["raw_save_2"] = raw.save_rate(scratch)
        step(f"API writes, {BATCH} events a request")
        f["api_batch"] = write_batches(server, enterprises, clients, 8000, BATCH)
        f["api_kib"] = server.peak_worker_kib()
    finally:
        server.stop()
    return f, ids


def p99_in_turn(small: tuple[str, list[str]], large: tuple[str, list[str]], clients: int,
                rounds: int = 4, requests: int = 1000) -> tuple[float, float]:
    """p99 (ms) of GET entitlements on a small and a large park, read in turn: a server on each,
    `rounds` of `requests` reads on one then the other. Each cell's own p99 is measured minutes
    after the other's, and a shared machine's speed drifts more than that between them (its raw
    save halved from one cell to the next, seen): read in turn, both see the same moments."""
    servers = [Server(small[0]), Server(large[0])]
    latencies: list[list[float]] = [[], []]
    try:
        for r in range(rounds):
            for i, (server, (_, ids)) in enumerate(zip(servers, (small, large), strict=True)):
                latencies[i] += read_entitlements(server, ids, clients, requests,
                                                  warm_up=WARM_UP if r == 0 else 0)[1]
    finally:
        for server in servers:
            server.stop()
    p99 = [statistics.quantiles(found, n=100)[98] * 1000 for found in latencies]
    return p99[0], p99[1]


LINES = [
    ("events loaded", "{events:,.0f} in {load_s:.1f}s"),
    ("API write, 1 event a POST ÷ raw save", "{api_write:,.0f} ÷ {raw_save:,.0f} = {w_ratio:.2f}  (floor ≥ 0.2)"),
    ("  server CPU a write; cores busy/idle/disk", "{write_cpu_ms:.2f} ms; {write_busy_share:.0%} busy, "
                                                  "{write_idle_share:.0%} idle, {write_iowait_share:.0%} waiting on the disk"),
    ("API write, batches of 50 ÷ raw save", "{api_batch:,.0f} ÷ {raw_save_2:,.0f} = {b_ratio:.2f}"),
    ("API GET entitlements (req/s) ÷ raw get", "{api_get:,.0f} ÷ {raw_get:,.0f} = {r_ratio:.2f}  (floor ≥ 0.3)"),
    ("GET entitlements p50 / p99", "{p50_ms:.1f} ms / {p99_ms:.1f} ms  (after {warm_up} reads a client)"),
    ("projection catch-up ÷ raw decode", "{catch_up:,.0f} ÷ {raw_decode:,.0f} = {c_ratio:.2f}  (floor ≥ 0.15){medians}"),
    ("full rebuild", "{rebuild_s:.2f}s"),
    ("alert scan (2026-06-01)", "{scan_s:.2f}s, {alerts:.0f} alerts issued"),
    ("peak memory: API worker / projector", "{api_kib_mb:.0f} MiB / {projector_mb:.0f} MiB"),
]


def show(backend: str, size: int, f: dict[str, float]) -> None:
    f = {**f, "w_ratio": f["api_write"] / f["raw_save"], "b_ratio": f["api_batch"] / f["raw_save_2"], "r_ratio": f["api_get"] / f["raw_get"],
         "c_ratio": f["catch_up"] / f["raw_decode"],
         **{f"write_{k}_share": f[f"write_{k}"] / sum(f[f"write_{j}"] for j in ("busy", "idle", "iowait"))
            for k in ("busy", "idle", "iowait")},
         "api_kib_mb": f["api_kib"] / 1024,
         "projector_mb": f["projector_kib"] / 1024,
         "medians": f", medians of {f['samples']:.0f}" if f["samples"] > 1 else "", "warm_up": WARM_UP}
    print(f"\n== {backend}, {size:,} entities ==", flush=True)
    for label, text in LINES:
        print(f"  {label:40} {text.format(**f)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--events-per-entity", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        databases = Databases(folder)
        try:
            for backend in databases.backends():
                if args.only and backend != args.only:
                    continue
                parks: dict[int, tuple[str, list[str]]] = {}
                for size in (int(s) for s in args.sizes.split(",")):
                    url = databases.fresh(backend)
                    figures, ids = measure(url, size, args.events_per_entity, args.clients,
                                           databases.fresh(backend))
                    show(backend, size, figures)
                    results[f"{backend}/{size}"], parks[size] = figures, (url, ids)
                smallest = min(parks)
                for size in sorted(parks)[1:]:
                    step(f"p99 of reads, {smallest:,} and {size:,} entities in turn")
                    small, large = p99_in_turn(parks[smallest], parks[size], args.clients)
                    results[f"{backend}/{size}"].update(p99_in_turn_ms=large, p99_in_turn_small_ms=small)
                    print(f"  {'p99 read in turn with ' + format(smallest, ',') + ' entities':40} "
                          f"{large:.1f} ms ÷ {small:.1f} ms = {large / small:.2f}  (floor ≤ 1.5)", flush=True)
        finally:
            databases.drop()
    print("\n" + json.dumps(results))


if __name__ == "__main__":
    main()
