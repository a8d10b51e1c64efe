"""Spreadsheets, timed: (1) importing one workbook of registrations and events against the same
rows sent as POST /entities and POST /events/batch, in the same run, each on a fresh database;
(2) exporting the 公示名单 of a park of many entities, with the exporting process's peak memory.

Both go through the Flask app in-process (test client): the same request handling for both
sides, without an HTTP server's share. The export reads the read models only, so its park is
written straight into them (entities and their stored entitlements), not projected from events.

Usage: python bench/spreadsheets.py [--entities 10000] [--events 50000] [--park 100000]
                                    [--only import|export] [--postgres]
PostgreSQL (--postgres): JCG_BENCH_POSTGRES_URL or JCG_TEST_POSTGRES_URL; a fresh schema, dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 500


def credit_code(n: int) -> str:
    from contract.credit_code import check_character

    first17 = f"91140300MA{n:07d}"
    return first17 + check_character(first17)


def rows(entities: int, events: int) -> tuple[list[list], list[list]]:
    """Registrations, and `details_amended` events spread evenly over them (a fact with no
    policy arithmetic: the comparison is of the two paths, not of the policy engine)."""
    registrations = [["enterprise", f"企业{n}", credit_code(n), "高新区", "2025-01-02"] for n in range(entities)]
    facts = [[credit_code(i % entities), f"2025-{1 + (i // entities) % 12:02d}-01", f"企业{i % entities}·{i}"]
             for i in range(events)]
    return registrations, facts


def workbook(registrations: list[list], facts: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("entities")
    sheet.append(["主体类型", "主体名称", "统一社会信用代码", "所在区域", "入驻日期"])
    sheet.append(["kind", "name", "credit_code", "zone", "entered_on"])
    for row in registrations:
        sheet.append(row)
    sheet = book.create_sheet("details_amended")
    sheet.append(["统一社会信用代码", "发生日期", "主体名称"])
    sheet.append(["credit_code", "occurred_on", "data.name"])
    for row in facts:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def app_on(url: str):
    from api import create_app
    from projections.wiring import bootstrap

    services = bootstrap(url)
    app = create_app({"TESTING": True}, services=services)
    token = services.registry.issue_token("admin", "bench")
    return app, services, {"Authorization": f"Bearer {token}"}


def by_import(url: str, data: bytes) -> float:
    app, services, admin = app_on(url)
    try:
        client = app.test_client()
        started = time.perf_counter()
        response = client.post("/api/v1/imports", data={"file": (BytesIO(data), "park.xlsx")},
                               headers=admin, content_type="multipart/form-data")
        took = time.perf_counter() - started
        report = response.get_json()
        assert response.status_code == 200 and report["refused"] == 0, report if response.status_code != 200 else report["errors"][:3]
        print(f"  import: {report['recorded']} recorded in {took:.1f} s")
        return took
    finally:
        services.close()


def by_batch(url: str, registrations: list[list], facts: list[list]) -> float:
    app, services, admin = app_on(url)
    try:
        client = app.test_client()
        started = time.perf_counter()
        ids = {}
        for kind, name, code, zone, entered_on in registrations:
            response = client.post("/api/v1/entities", headers=admin, json={
                "kind": kind, "name": name, "credit_code": code, "zone": zone, "entered_on": entered_on})
            assert response.status_code == 201, response.get_json()
            ids[code] = response.get_json()["id"]
        for start in range(0, len(facts), BATCH):
            items = [{"entity_id": ids[code], "type": "details_amended", "occurred_on": day, "data": {"name": name}}
                     for code, day, name in facts[start:start + BATCH]]
            response = client.post("/api/v1/events/batch", headers=admin, json={"events": items})
            assert response.status_code == 200 and response.get_json()["refused"] == 0
        took = time.perf_counter() - started
        print(f"  POST /entities + /events/batch: {len(registrations) + len(facts)} recorded in {took:.1f} s")
        return took
    finally:
        services.close()


def fresh_urls(postgres: bool, workdir: str):
    """Two fresh databases, and how to drop them."""
    if not postgres:
        return [f"sqlite:///{workdir}/import.db", f"sqlite:///{workdir}/batch.db"], lambda: None
    import psycopg

    base = os.environ.get("JCG_BENCH_POSTGRES_URL") or os.environ["JCG_TEST_POSTGRES_URL"]
    schemas = [f"jcg_bench_{uuid.uuid4().hex[:10]}" for _ in range(2)]

    def drop():
        with psycopg.connect(base, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    return [f"{base}{'&' if '?' in base else '?'}schema={s}" for s in schemas], drop


def bench_import(entities: int, events: int, postgres: bool) -> None:
    registrations, facts = rows(entities, events)
    data = workbook(registrations, facts)
    total = entities + events
    print(f"import of {entities} registrations + {events} events ({len(data) / 1e6:.1f} MB workbook), "
          f"{'PostgreSQL' if postgres else 'SQLite'}:")
    with tempfile.TemporaryDirectory() as workdir:
        (import_url, batch_url), drop = fresh_urls(postgres, workdir)
        try:
            imported = by_import(import_url, data)
            batched = by_batch(batch_url, registrations, facts)
        finally:
            drop()
    print(f"  rates: import {total / imported:.0f} rows/s, batch routes {total / batched:.0f} rows/s; "
          f"import/batch = {batched / imported:.2f} (goal >= 0.50)")


def park_rows(size: int):
    """A park written straight into the read models: each entity with an approved 2025 subsidy
    (listed), a one-time award approved in 2025 (listed) and an eligible one (not listed). Its
    documents are smaller than a generated park's (3 entitlements, about 3 KB, against about 22
    and 24 KB): the export reads the lists' own rows (jcg_listed), not the documents."""
    explanation = "依据阳政发〔2024〕15号第2.1条，按设备原值的30%给予补助，每年最高1,000,000.00元。" * 3
    for n in range(size):
        entity_id = str(uuid.UUID(int=n + 1))
        body = [
            {"id": f"e{n}a", "entity_id": entity_id, "clause": "2.1", "title": "中试平台设备补助 / Equipment",
             "kind": "annual", "amount": f"{100000 + n % 900000}.50", "disbursed": "0.00", "year": 2025,
             "valid_from": "2025-01-01", "expires_on": None, "status": "approved", "basis": [f"b{n}"],
             "policy_version": "yangzhengfa-2024-15", "fiscal": True, "responsible_units": ["市科技局", "市财政局"],
             "explanation": explanation, "figures": {}},
            {"id": f"e{n}b", "entity_id": entity_id, "clause": "7.2", "title": "标准制定奖励 / Standards",
             "kind": "one_time", "amount": "300000.00", "disbursed": "100000.00", "year": None,
             "valid_from": "2025-06-01", "expires_on": None, "status": "disbursed", "basis": [f"c{n}"],
             "policy_version": "yangzhengfa-2024-15", "fiscal": True, "responsible_units": ["市市场监管局"],
             "explanation": explanation, "figures": {}},
            {"id": f"e{n}c", "entity_id": entity_id, "clause": "7.3", "title": "专利导航 / Navigation",
             "kind": "one_time", "amount": "200000.00", "disbursed": "0.00", "year": None,
             "valid_from": "2025-07-01", "expires_on": None, "status": "eligible", "basis": [f"d{n}"],
             "policy_version": "yangzhengfa-2024-15", "fiscal": True, "responsible_units": ["市市场监管局"],
             "explanation": explanation, "figures": {}},
        ]
        yield ((entity_id, "enterprise", f"阳泉第{n}号科技有限公司", credit_code(n), "gaoxin", "2025-01-02",
                "registered", 5, f"2025-01-02T00:00:{n:012d}"),
               (entity_id, len(body), "2026-01-01", None, json.dumps(body, ensure_ascii=False)))


def fill_park(path: str, size: int) -> None:
    import sqlite3

    from projections.views.export_queries import COLUMNS, listed_rows
    from projections.wiring import bootstrap

    bootstrap(f"sqlite:///{path}").close()  # the tables, as the application makes them
    with sqlite3.connect(path) as conn:
        rows_ = list(park_rows(size))
        conn.executemany("INSERT INTO jcg_entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [r[0] for r in rows_])
        conn.executemany("INSERT INTO jcg_entitlement_sets VALUES (?, ?, ?, ?, ?)", [r[1] for r in rows_])
        # The lists' rows, as the projector writes them from the same documents.
        listed = (row for entity, document in rows_
                  for row in listed_rows(entity[0], entity[8], json.loads(document[4])))
        conn.executemany(f"INSERT INTO jcg_listed ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?)",
                         ([row[c] for c in COLUMNS] for row in listed))


class AnonymousMemory:
    """The process's anonymous resident memory (its heap: RssAnon), sampled every 20 ms. Its
    whole RSS also counts the pages of the SQLite file it has read, which are the OS's cache."""

    def __init__(self):
        import threading

        self.start = self.peak = self.read()
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    @staticmethod
    def read() -> int:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("RssAnon:"))

    def sample(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.read())
            time.sleep(0.02)

    def stop(self) -> int:
        self.running = False
        self.thread.join()
        return max(self.peak, self.read())


def export_child(url: str, path: str, only_start: bool) -> None:
    """Run in a child process, so that its peak memory is the export's own."""
    from projections.wiring import bootstrap
    from registry.clock import park_day
    from spreadsheets.lists import PUBLICITY, titles_of
    from spreadsheets.writing import write_xlsx

    services = bootstrap(url, create_tables=False)
    sampler = AnonymousMemory()
    started, cpu = time.perf_counter(), time.process_time()
    if not only_start:
        documents = services.model.entitlement_documents(2025, park_day(services.clock()))
        write_xlsx(path, PUBLICITY, PUBLICITY.rows(documents, 2025, titles_of(services.policy)))
    took = {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}
    print(json.dumps({**took, "anon_start_mib": sampler.start / 1024, "anon_peak_mib": sampler.stop() / 1024}))
    services.close()


def bench_export(size: int) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        db = f"{workdir}/park.db"
        started = time.perf_counter()
        fill_park(db, size)
        print(f"export of a {size}-entity park's 公示名单 ({2 * size} rows listed; park written in "
              f"{time.perf_counter() - started:.0f} s):")
        peaks = {}
        for only_start in (True, False):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            out = subprocess.run([sys.executable, __file__, "--export-child", f"sqlite:///{db}",
                                  f"{workdir}/publicity.xlsx", *(["--only-start"] if only_start else [])],
                                 check=True, capture_output=True, text=True).stdout
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            peaks[only_start] = max(peak, before)
            timing = json.loads(out.splitlines()[-1])
        size_mb = os.path.getsize(f"{workdir}/publicity.xlsx") / 1e6
        print(f"  {timing['seconds']:.1f} s wall, {timing['cpu']:.1f} s CPU (goal < 10 s; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores), {size_mb:.1f} MB workbook; heap (RssAnon) "
              f"{timing['anon_start_mib']:.0f} MiB before the export, peak {timing['anon_peak_mib']:.0f} MiB during it; "
              f"peak RSS with the SQLite file's cached pages {peaks[False] / 1024:.0f} MiB "
              f"(a process that only starts: {peaks[True] / 1024:.0f} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--park", type=int, default=100_000)
    parser.add_argument("--only", choices=("import", "export"))
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--export-child", nargs=2, metavar=("URL", "PATH"))
    parser.add_argument("--only-start", action="store_true")
    args = parser.parse_args()
    if args.export_child:
        return export_child(*args.export_child, args.only_start)
    if args.only != "export":
        bench_import(args.entities, args.events, args.postgres)
    if args.only != "import":
        bench_export(args.park)


if __name__ == "__main__":
    main()
