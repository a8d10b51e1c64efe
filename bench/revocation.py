"""How long a revoked token keeps working in another process, and what recognising a token
costs a request.

Two measurements, on SQLite (a temporary file) and, with JCG_TEST_POSTGRES_URL set, PostgreSQL
(a schema of its own, dropped afterwards):

- delay: a second process (standing for another API worker) presents an admin token every 5 ms;
  this one revokes it at a random moment of that process's cache time and notes when the
  revocation was committed; the other process notes the first time it refused the token.
  Repeated --rounds times.
- cost: `Registry.authenticate` on a token the process recognised lately (no store read), and on
  one it must look up (a read of the store), each timed over many calls.

    .venv/bin/python bench/revocation.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from projections.wiring import bootstrap  # noqa: E402
from registry.token_keeping import PRINCIPAL_CACHE_SECONDS  # noqa: E402


def worker(url: str, token: str, ready: multiprocessing.Event, seen: multiprocessing.Queue) -> None:
    services = bootstrap(url, create_tables=False)
    try:
        assert services.registry.authenticate(token) is not None
        ready.set()
        while services.registry.authenticate(token) is not None:
            time.sleep(0.005)
        seen.put(time.time())
    finally:
        services.close()


def delays(url: str, rounds: int) -> list[float]:
    services = bootstrap(url)
    chance = random.Random(21)
    found = []
    try:
        for n in range(rounds):
            label = f"bench {n}"
            token = services.registry.issue_token("admin", label)
            token_id = next(t["id"] for t in services.registry.tokens() if t["label"] == label)
            ready, seen = multiprocessing.Event(), multiprocessing.Queue()
            other = multiprocessing.Process(target=worker, args=(url, token, ready, seen))
            other.start()
            ready.wait(60)
            # Revoked at any moment of the other process's cache time, as in life.
            time.sleep(chance.uniform(0, PRINCIPAL_CACHE_SECONDS))
            services.registry.revoke_token(token_id)
            revoked = time.time()
            found.append(seen.get(timeout=60) - revoked)
            other.join()
    finally:
        services.close()
    return found


def costs(url: str) -> tuple[float, float]:
    services = bootstrap(url)
    try:
        registry = services.registry
        token = registry.issue_token("admin", "bench cost")
        registry.authenticate(token)
        calls = 100_000
        start = time.perf_counter()
        for _ in range(calls):
            registry.authenticate(token)
        remembered = (time.perf_counter() - start) / calls
        calls = 2_000
        start = time.perf_counter()
        for _ in range(calls):
            registry._principals.clear()  # the registry's own cache: force a read of the store
            registry.authenticate(token)
        looked_up = (time.perf_counter() - start) / calls
    finally:
        services.close()
    return remembered, looked_up


def report(name: str, url: str, rounds: int) -> None:
    found = delays(url, rounds)
    remembered, looked_up = costs(url)
    print(f"{name}: revocation seen by another process after "
          f"median {statistics.median(found):.2f} s, max {max(found):.2f} s over {rounds} rounds "
          f"(cache time {PRINCIPAL_CACHE_SECONDS:.1f} s)")
    print(f"{name}: a recognised token {remembered * 1e6:.1f} µs, a store read {looked_up * 1e6:.0f} µs; "
          f"one read per token per {PRINCIPAL_CACHE_SECONDS:.0f} s per worker: at 10 requests/s on one token "
          f"{remembered * 1e6 + looked_up * 1e6 / (10 * PRINCIPAL_CACHE_SECONDS):.1f} µs a request")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite", f"sqlite:///{folder}/revocation.db", rounds)
    base = os.environ.get("JCG_TEST_POSTGRES_URL")
    if base:
        import psycopg
        from psycopg.sql import SQL, Identifier

        schema = f"jcg_bench_{uuid.uuid4().hex[:8]}"
        try:
            report("PostgreSQL", f"{base}?schema={schema}", rounds)
        finally:
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(Identifier(schema)))


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    main()
