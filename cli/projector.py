"""`jcg projector` keeps the read models current until stopped; `jcg projections rebuild`
replays every event into them from the start."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
import time

from cli import logs
from cli.gc_tuning import relax_gc

log = logging.getLogger("jcg.projector")


def add_parser(commands: argparse._SubParsersAction) -> None:
    projector = commands.add_parser(
        "projector", help="keep the read models current (run `jcg db upgrade` first)")
    logs.add_level_option(projector)
    projector.set_defaults(run=run_projector)
    projections = commands.add_parser("projections", help="manage the read models")
    actions = projections.add_subparsers(dest="action", required=True, metavar="ACTION")
    rebuilding = actions.add_parser("rebuild", help="replay every event into fresh read models")
    rebuilding.set_defaults(run=rebuild)


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
    services = bootstrap(create_tables=False)
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
    from projections.wiring import bootstrap

    relax_gc()
    started = time.perf_counter()
    services = bootstrap()
    try:
        projector = services.projector
        with Progress(projector.head(), "Rebuilding the read models") as bar:
            applied = projector.rebuild(progress=bar.advance)
        took = time.perf_counter() - started
    finally:
        services.close()
    print(f"Rebuilt the read models: {applied} events applied in {took:.2f}s")
    return 0
