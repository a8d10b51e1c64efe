"""What the long-running processes' garbage-collector thresholds (`cli.gc_tuning`) buy: a
rebuild of a generated park, and one-event writes through the Flask app in process, each taken
with the registry's thresholds and with Python's defaults, in turn, the medians kept.

    python -m bench.gc_thresholds [--entities 800] [--rounds 4]

A rebuild runs `jcg projections rebuild` in its own process (the thresholds set before it
starts); a round of writes records one event on each enterprise of a fresh copy of the park,
in a fresh app, and counts the process's CPU time.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import generator
from cli.gc_tuning import THRESHOLDS

ROOT = Path(__file__).resolve().parents[1]
PYTHON_DEFAULTS = gc.get_threshold()  # read before anything here changes them
REBUILD = ("import sys, cli.gc_tuning as g; g.THRESHOLDS = {thresholds!r}; from cli.main import main; "
           "sys.argv = ['jcg', 'projections', 'rebuild']; sys.exit(main())")


def rebuild_seconds(url: str, thresholds: tuple[int, ...]) -> float:
    out = subprocess.run([sys.executable, "-c", REBUILD.format(thresholds=thresholds)], cwd=ROOT,
                         env={**os.environ, "JCG_DATABASE_URL": url}, check=True, capture_output=True,
                         text=True).stdout
    found = re.search(r"applied in ([0-9.]+)s", out)
    if found is None:
        raise RuntimeError(f"rebuild said: {out}")
    return float(found.group(1))


def write_ms(park: Path, copy: Path, enterprises: list[str], thresholds: tuple[int, ...]) -> float:
    """CPU milliseconds a one-event POST, each enterprise written once (its history decoded)."""
    from api import create_app
    from projections.wiring import bootstrap

    shutil.copy(park, copy)
    gc.set_threshold(*thresholds)
    services = bootstrap(f"sqlite:///{copy}", create_tables=False)
    try:
        client = create_app({}, services=services).test_client()
        headers = {"Authorization": f"Bearer {services.registry.issue_token('admin', 'bench')}"}
        started = time.process_time()
        for i, entity in enumerate(enterprises):
            response = client.post(f"/api/v1/entities/{entity}/events", headers=headers, json={
                "type": "patent_navigation_funded", "occurred_on": "2026-05-01",
                "data": {"project": f"GC{i}", "amount": "120000.00"}})
            if response.status_code != 201:
                raise RuntimeError(f"POST events: {response.status_code} {response.get_json()}")
        return (time.process_time() - started) / len(enterprises) * 1000
    finally:
        services.close()
        gc.set_threshold(*PYTHON_DEFAULTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=800)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="jcg-gc-"))
    try:
        park = scratch / "park.db"
        from projections.wiring import bootstrap

        services = bootstrap(f"sqlite:///{park}")
        try:
            loaded = generator.load(services.registry, args.entities)
        finally:
            services.close()
        enterprises = [str(i) for i, (kind, _) in zip(loaded.entity_ids, generator.plan(args.entities, 20, 2024),
                                                      strict=True) if kind == "enterprise"]
        chosen = {"registry's": THRESHOLDS, "Python's defaults": PYTHON_DEFAULTS}
        rebuilds: dict[str, list[float]] = {name: [] for name in chosen}
        writes: dict[str, list[float]] = {name: [] for name in chosen}
        for r in range(args.rounds):
            # Each goes first in every other round: the first takes the cold page cache.
            for name, thresholds in (chosen.items() if r % 2 == 0 else reversed(chosen.items())):
                rebuilds[name].append(rebuild_seconds(f"sqlite:///{park}", thresholds))
                writes[name].append(write_ms(park, scratch / f"{r}.db", enterprises, thresholds))
        print(f"{loaded.events:,} events, {len(enterprises)} enterprises written once a round, "
              f"{args.rounds} rounds in turn")
        for name, thresholds in chosen.items():
            print(f"  {name:18} {thresholds!s:18} rebuild {statistics.median(rebuilds[name]):.2f} s, "
                  f"write {statistics.median(writes[name]):.2f} ms CPU (medians)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
