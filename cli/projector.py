"""`jcg projector` keeps the read models current until stopped; `jcg projections rebuild`
replays every event into them from the start."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
import time

from cli import logs
from registry.gc_tuning import relax_gc

log = logging.getLogger("jcg.projector")


def add_parser(commands: argparse._SubParsersAction) -> None:
    projector = commands.add_parser(
        "projector", help="keep the read models current (run `jcg db upgrade` first)")
    logs.add_level_option(projector)
    _add_workers_option(projector)
    projector.set_defaults(run=run_projector)
    projections = commands.add_parser("projections", help="manage the read models")
    actions = projections.add_subparsers(dest="action", required=True, metavar="ACTION")
    rebuilding = actions.add_parser("rebuild", help="replay every event into fresh read models")
    _add_workers_option(rebuilding)
    rebuilding.set_defaults(run=rebuild)


def _add_workers_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers", type=int, default=None, metavar="N",
        help="processes working out entitlements when far behind (default: $JCG_PROJECTOR_WORKERS "
             "or the number of CPUs; 0: all in this process)")


def workers(args: argparse.Namespace) -> int:
    chosen = args.workers if args.workers is not None else os.environ.get("JCG_PROJECTOR_WORKERS")
    count = int(chosen) if chosen not in (None, "") else (os.cpu_count() or 1)
    if count < 0:
        raise SystemExit("--workers must be 0 or more")
    return count


def run_projector(args: argparse.Namespace) -> int:
    from cli.db import check_upgraded
    from projections.wiring import bootstrap
    from registry.settings import database_url

    logs.configure(logs.chosen_level(args))
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    # Tables come from `jcg db upgrade`: this process runs beside the API's, and concurrent
    # table creation fails on PostgreSQL.
    check_upgraded(database_url())
    relax_gc()
    services = bootstrap(create_tables=False, projector_workers=workers(args))
    try:
        log.info("projector following the registry", extra={"position": services.projector.position(),
                                                             "head": services.projector.head()})
        services.projector.run_forever(stop)
        log.info("projector stopped", extra={"position": services.projector.position()})
    finally:
        services.close()
    return 0


def rebuild(args: argparse.Namespace) -> int:
    from cli.progress import Progress
    from projections.wiring import bootstrap, forked_workers

    relax_gc()
    count = workers(args)
    # Timed from here: the workers' start is part of a rebuild's cost.
    started = time.perf_counter()
    # Before anything connects: the workers are then forked, not spawned (see WorkerPool).
    pool = forked_workers(count)
    try:
        services = bootstrap(projector_workers=count, projector_pool=pool)
    except BaseException:
        if pool is not None:
            pool.close()
        raise
    try:
        projector = services.projector
        with Progress(projector.head(), "Rebuilding the read models") as bar:
            applied = projector.rebuild(progress=bar.advance)
        took = time.perf_counter() - started
    finally:
        services.close()
    helpers = f"{count} worker processes, {pool.start_method}ed" if pool else "no worker processes"
    print(f"Rebuilt the read models: {applied} events applied in {took:.2f}s ({helpers})")
    return 0
