"""What a large import does to everyone else: a workbook of registrations and amendments posted
to `jcg serve` while 8 clients read entitlements (one read a client every 20 ms) and
`jcg projector` follows the log, as deployed. Prints how long the import took and how the reads
fared meanwhile (their median, the longest, and how many took over a second).

Usage: python bench/import_under_reads.py [--entities 1000] [--rows 200,2500] [--postgres] [--behind] [--list]
PostgreSQL (--postgres): JCG_BENCH_POSTGRES_URL or JCG_TEST_POSTGRES_URL; a fresh schema, dropped.
JCG_WORKERS / JCG_THREADS choose the server's processes and threads (its defaults otherwise);
--list has the clients read pages of the directory (GET /entities) rather than entitlements.
--behind starts the server on read models not yet made (the park's 20,000 events to work
through), as after a release whose read models `jcg db upgrade` drops to be rebuilt.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import generator
import lean_http
from record_events import ROOT, Databases
from scale import JCG, Server

READERS = 8


def bench_sheets():
    """bench/spreadsheets.py, whose name the product's own package takes."""
    spec = importlib.util.spec_from_file_location("bench_spreadsheets", Path(__file__).parent / "spreadsheets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def multipart(workbook: bytes, boundary: str = "jcg-bench") -> tuple[bytes, str]:
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"park.xlsx\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + workbook + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=1000, help="the park the readers read")
    parser.add_argument("--rows", default="200,2500", help="the workbook: registrations,amendments")
    parser.add_argument("--postgres", action="store_true", help="on PostgreSQL rather than SQLite")
    parser.add_argument("--behind", action="store_true",
                        help="the read models empty when the server starts, as after a release that rebuilds them")
    parser.add_argument("--list", action="store_true", help="read pages of the directory, not entitlements")
    args = parser.parse_args()
    registrations, amendments = (int(n) for n in args.rows.split(","))
    sheets = bench_sheets()
    body, content_type = multipart(sheets.workbook(*sheets.rows(registrations, amendments)))
    from projections.wiring import bootstrap

    with tempfile.TemporaryDirectory() as folder:
        databases = Databases(folder)
        if args.postgres and "postgresql" not in databases.backends():
            raise SystemExit("--postgres: set JCG_BENCH_POSTGRES_URL or JCG_TEST_POSTGRES_URL")
        url = databases.fresh("postgresql" if args.postgres else "sqlite")
        services = bootstrap(url)
        try:
            ids = [str(i) for i in generator.load(services.registry, args.entities).entity_ids]
            if not args.behind:  # the park as it runs: its read models current
                services.projector.catch_up()
        finally:
            services.close()
        server = Server(url)
        projector = subprocess.Popen([*JCG, "projector"], env={**os.environ, "JCG_DATABASE_URL": url},
                                     cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        latencies: list[tuple[float, float]] = []  # (when it ended, how long it took)
        failures: list[str] = []
        stop = threading.Event()

        def read(c: int) -> None:
            conn = lean_http.Connection(server.port, server.headers)
            i = c
            while not stop.is_set():
                started = time.perf_counter()
                path = (f"/api/v1/entities?page={1 + i % 50}&page_size=20" if args.list
                        else f"/api/v1/entities/{ids[i % len(ids)]}/entitlements")
                status, answer = conn.get(path)
                if status != 200:
                    failures.append(f"GET {path}: {status} {answer[:300]!r}")
                    return
                latencies.append((time.perf_counter(), time.perf_counter() - started))
                i += READERS
                time.sleep(0.02)
            conn.close()

        readers = [threading.Thread(target=read, args=(c,)) for c in range(READERS)]
        try:
            for reader in readers:
                reader.start()
            time.sleep(2)
            importer = lean_http.Connection(server.port, {**server.headers, "Content-Type": content_type},
                                            timeout=600)
            began = time.perf_counter()
            status, answer = importer.request("POST", "/api/v1/imports", body)
            ended = time.perf_counter()
            if status != 200:
                raise RuntimeError(f"POST imports: {status} {answer[:300]!r}")
        finally:
            stop.set()
            for reader in readers:
                reader.join()
            projector.terminate()
            projector.wait()
            server.stop()
            databases.drop()
    if failures:
        raise RuntimeError(f"{len(failures)} reader(s) failed: {failures[0]}")
    # A read that began during the import and ended after it counts too.
    during = [took for at, took in latencies if at >= began and at - took <= ended]
    print(f"import of {registrations:,} registrations and {amendments:,} amendments: {ended - began:.1f} s; "
          f"{len(during)} reads meanwhile: median {statistics.median(during or [0]) * 1000:.0f} ms, "
          f"longest {max(during or [0]) * 1000:.0f} ms, {sum(took > 1 for took in during)} over 1 s")


if __name__ == "__main__":
    main()
