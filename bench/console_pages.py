"""The console's pages through `jcg serve`: p50/p99 of the 总览 (dashboard), an entity's page (an
entity of about 100 events), the entity list and the 年度补贴, on a seeded park of each size (SQLite).

Usage: python bench/console_pages.py [--sizes 1000,100000] [--requests 1000] [--clients 4] [--keep DIR]

The parks are served at once and read in turn (see `in_turn`), so the p99 ratio between sizes
compares the parks, not two moments of a shared machine. With --keep, the parks are kept in DIR
and a park loaded and projected there before is used again (--rebuild to rebuild its read
models): loading and projecting 100,000 entities is most of a run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import generator  # noqa: E402
import lean_http  # noqa: E402
from record_events import ROOT  # noqa: E402
from scale import Server  # noqa: E402

JCG = [sys.executable, "-m", "cli.main"]
BUSY_EVENTS = 100
WARM_UP = 10
# The request ids the clients send, so the servers' request logs tell timed requests apart.
WARM_UP_ID, TIMED_ID = "bench-warm-up", "bench-timed"


def jcg(url: str, *args: str) -> str:
    return subprocess.run([*JCG, *args], env={**os.environ, "JCG_DATABASE_URL": url}, cwd=ROOT,
                          check=True, capture_output=True, text=True).stdout


def load(url: str, size: int) -> str:
    """The seeded park of `size` entities, one more enterprise with BUSY_EVENTS facts; its id."""
    import random

    from contract.catalogue import FACT_TYPES
    from projections.wiring import bootstrap
    from registry.entities import ENTITY_CLASSES, CreditCodeIndex

    svc = bootstrap(url)
    try:
        generator.load(svc.registry, size, 20)
        rng = random.Random(7)
        busy = ENTITY_CLASSES["enterprise"](name="busy", credit_code=generator.credit_code(size + 1),
                                            zone="gaoxin", entered_on=generator.START,
                                            recorded_by=generator.BENCH.as_recorder(),
                                            recorded_at=svc.registry.clock())
        for i in range(BUSY_EVENTS - 1):
            type_name, data = generator.enterprise_fact(rng, i, [str(busy.id)])
            busy.record_fact(type_name, generator.fact_day(rng), FACT_TYPES[type_name].parse(data),
                             recorded_by=generator.BENCH.as_recorder(), recorded_at=svc.registry.clock(),
                             idempotency_key=None)
        svc.registry.save(busy, CreditCodeIndex(busy.credit_code, busy.id))
        return str(busy.id)
    finally:
        svc.close()


def signed_in_cookie(port: int, token: str) -> str:
    """The console's session cookie, signed in through its own form (CSRF token included)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/console/login")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = f"token={token}&csrf_token={csrf}"
    conn.request("POST", "/console/login", body, {"Cookie": cookie,
                                                  "Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    response.read()
    if response.status != 302:
        raise RuntimeError(f"sign-in failed: {response.status}")
    return response.getheader("Set-Cookie").split(";")[0]


def timed(targets: list[tuple[int, str, str]], requests: int, clients: int) -> list[list[float]]:
    """Latencies of `requests` GETs of each (port, cookie, path), each client taking the targets
    in turn request by request (starting from a different one each time)."""
    latencies: list[list[float]] = [[] for _ in targets]
    failures: list[str] = []

    def work() -> None:
        for port, cookie, path in targets:
            warm = lean_http.Connection(port, {"Cookie": cookie, "X-Request-Id": WARM_UP_ID})
            for _ in range(WARM_UP):
                warm.get(path)
            warm.close()
        conns = [lean_http.Connection(port, {"Cookie": cookie, "X-Request-Id": TIMED_ID})
                 for port, cookie, _ in targets]
        try:
            for n in range(requests // clients):
                for i in ((n + k) % len(targets) for k in range(len(targets))):
                    started = time.perf_counter()
                    status, _ = conns[i].get(targets[i][2])
                    latencies[i].append(time.perf_counter() - started)
                    if status != 200:
                        failures.append(f"{targets[i][2]}: {status}")
        finally:
            for conn in conns:
                conn.close()

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise RuntimeError(failures[0])
    return latencies


def p(latencies: list[float], q: int) -> float:
    return statistics.quantiles(latencies, n=100, method="inclusive")[q - 1] * 1000


def prepare(size: int, folder: str, rebuild: bool) -> tuple[str, str]:
    """The park of `size` entities in `folder`, loaded and projected once; (url, busy id).
    A kept park's read models are rebuilt only if asked: `jcg db upgrade` replays those whose
    shape the code has changed, and a rebuild at 100,000 entities takes 6 to 16 minutes here."""
    url = f"sqlite:///{folder}/park-{size}.db"
    loaded_mark = Path(folder, f"park-{size}.busy")
    jcg(url, "db", "upgrade")
    if loaded_mark.exists() and not rebuild:
        print(f"{size:,} entities: kept in {folder}", flush=True)
        return url, loaded_mark.read_text()
    started = time.perf_counter()
    if not loaded_mark.exists():
        busy = load(url, size)
        jcg(url, "projections", "rebuild")
        loaded_mark.write_text(busy)
    else:
        jcg(url, "projections", "rebuild")
    print(f"{size:,} entities: loaded and projected in {time.perf_counter() - started:.0f} s", flush=True)
    return url, loaded_mark.read_text()


def pages(busy: str) -> dict[str, str]:
    return {"dashboard": "/console/", "entity (100 events)": f"/console/entities/{busy}",
            "entity list": "/console/entities", "entity list, q": "/console/entities?q=enterprise-9",
            "subsidies (年度补贴)": "/console/subsidies?year=2026"}


def served(log: Path, offset: int) -> tuple[list[float], int]:
    """The server's own time (s) of each timed GET its request log records past `offset`, and the
    log's new end: what the page cost the server, without the clients' and the machine's share."""
    with log.open("rb") as f:
        f.seek(offset)
        lines = f.read().splitlines()
        end = f.tell()
    records = [json.loads(line) for line in lines if line.startswith(b"{")]
    return [r["duration_ms"] / 1000 for r in records
            if r.get("logger") == "jcg.request" and r.get("request_id") == TIMED_ID], end


Figures = dict[int, dict[str, tuple[float, float, float, float]]]


def in_turn(parks: dict[int, tuple[str, str]], requests: int, clients: int) -> Figures:
    """p50/p99 (ms) of each page on every park, read in turn: a server on each park, each client
    asking one park then the other, request by request. Measured one park after the other,
    minutes apart, the p99s compared the machine's moments more than the parks (a page's ratio
    flipped from 0.6 to 2.3 between two runs of the same code; in rounds of 250 requests a park,
    from 0.8 to 1.9 while other tests ran): in turn, both parks meet the same moments. Beside
    each, the p50/p99 of the server's own time for the same requests, from its request log."""
    servers = {size: Server(url, {"JCG_SECRET_KEY": "bench-" + os.urandom(8).hex()}) for size, (url, _) in parks.items()}
    try:
        cookies = {size: signed_in_cookie(s.port, s.token) for size, s in servers.items()}
        for size, server in servers.items():
            first = time.perf_counter()
            lean_http.Connection(server.port, {"Cookie": cookies[size]}).get("/console/")
            print(f"  {size:,}: first dashboard after the server started (its sums not yet cached): "
                  f"{(time.perf_counter() - first) * 1000:.0f} ms", flush=True)
        figures: Figures = {size: {} for size in parks}
        offsets = {size: served(server.log, 0)[1] for size, server in servers.items()}
        for name in pages(""):
            targets = [(server.port, cookies[size], pages(parks[size][1])[name]) for size, server in servers.items()]
            for size, found in zip(servers, timed(targets, requests, clients), strict=True):
                own, offsets[size] = served(servers[size].log, offsets[size])
                figures[size][name] = (p(found, 50), p(found, 99), p(own, 50), p(own, 99))
        return figures
    finally:
        for server in servers.values():
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--requests", type=int, default=1000, help="timed requests a page and park")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--keep", metavar="DIR", help="keep the parks in DIR, and use those loaded there")
    parser.add_argument("--rebuild", action="store_true", help="rebuild a kept park's read models")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jcg-console-bench-") as folder:
        folder = args.keep or folder
        parks = {int(s): prepare(int(s), folder, args.rebuild) for s in args.sizes.split(",")}
        results = in_turn(parks, args.requests, args.clients)
    report(results)


def report(results: Figures) -> None:
    sizes = list(results)
    small, large = sizes[0], sizes[-1]
    print(f"\n| page | {' | '.join(f'{s:,} entities p50 / p99' for s in sizes)} | p99 ratio, {large:,} ÷ {small:,} "
          f"| the server's own p50 / p99, {' and '.join(f'{s:,}' for s in sizes)} | its p99 ratio |")
    print(f"|---|{'---|' * (len(sizes) + 3)}")
    for name in results[small]:
        cells = " | ".join(f"{results[s][name][0]:.1f} / {results[s][name][1]:.1f} ms" for s in sizes)
        own = "; ".join(f"{results[s][name][2]:.1f} / {results[s][name][3]:.1f}" for s in sizes)
        print(f"| {name} | {cells} | {results[large][name][1] / results[small][name][1]:.2f} | {own} ms "
              f"| {results[large][name][3] / results[small][name][3]:.2f} |")


if __name__ == "__main__":
    main()
