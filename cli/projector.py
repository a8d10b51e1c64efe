"""`jcg projector` keeps the read models current until stopped; `jcg projections rebuild`
replays every event into them from the start."""

from __future__ import annotations

import argparse
import signal
import threading
import time


def add_parser(commands: argparse._SubParsersAction) -> None:
    commands.add_parser(
        "projector", help="keep the read models current (run `jcg db upgrade` first)"
    ).set_defaults(run=run_projector)
    projections = commands.add_parser("projections", help="manage the read models")
    actions = projections.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("rebuild", help="replay every event into fresh read models").set_defaults(
        run=rebuild)


def run_projector(args: argparse.Namespace) -> int:
    from projections.wiring import bootstrap

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    # Tables come from `jcg db upgrade`: this process runs beside the API's, and concurrent
    # table creation fails on PostgreSQL.
    services = bootstrap(create_tables=False)
    try:
        print(f"Projector following the registry from position {services.projector.position()}",
              flush=True)
        services.projector.run_forever(stop)
        print(f"Projector stopped at position {services.projector.position()}", flush=True)
    finally:
        services.close()
    return 0


def rebuild(args: argparse.Namespace) -> int:
    from projections.wiring import bootstrap

    services = bootstrap()
    try:
        started = time.perf_counter()
        applied = services.projector.rebuild()
        took = time.perf_counter() - started
    finally:
        services.close()
    print(f"Rebuilt the read models: {applied} events applied in {took:.2f}s")
    return 0
