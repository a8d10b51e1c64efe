"""`jcg projector` keeps the read models current until stopped; `jcg projections rebuild`
replays every event into them from the start."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
import time

from cli import Commands, logs
from cli.gc_tuning import relax_gc
from cli.speech import spoken
from i18n import Text

log = logging.getLogger("jcg.projector")


def add_parser(commands: Commands) -> None:
    projector = commands.add_parser(
        "projector", help="keep the read models current (run `jcg db upgrade` first)")
    logs.add_level_option(projector)
    projector.set_defaults(run=run_projector)
    projections = commands.add_parser("projections", help="manage the read models")
    actions = projections.add_subparsers(dest="action", required=True, metavar="ACTION")
    rebuilding = actions.add_parser("rebuild", help="replay every event into fresh read models")
    rebuilding.set_defaults(run=rebuild)
    listing = actions.add_parser("quarantined",
                                 help="the events the projector could not apply, and why")
    listing.set_defaults(run=list_quarantined)


def run_projector(args: argparse.Namespace) -> int:
    from cli.db import check_upgraded
    from projections.wiring import bootstrap
    from storage.database import database_url

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
        quarantined = services.model.quarantined()
    finally:
        services.close()
    say(Text("Rebuilt the read models: %(applied)s events applied in %(seconds)ss",
             applied=applied - len(quarantined), seconds=f"{took:.2f}"))
    _tell_quarantined(quarantined)
    # Not 0 when events were set aside: a script restoring a backup or upgrading must not take
    # incomplete read models for whole ones. Not 2 either (a refusal): everything else is
    # applied and served, and the events are named above for the operator to correct.
    return 1 if quarantined else 0


def list_quarantined(args: argparse.Namespace) -> int:
    from projections.wiring import bootstrap

    services = bootstrap(create_tables=False)
    try:
        quarantined = services.model.quarantined()
    finally:
        services.close()
    if not quarantined:
        say(Text("No event is quarantined: every event recorded is in the read models."))
    _tell_quarantined(quarantined)
    return 1 if quarantined else 0


def _tell_quarantined(rows: list[dict]) -> None:
    if not rows:
        return
    say(Text("%(count)s event(s) could not be applied to the read models and are quarantined; "
             "every other event was applied. Correct each entity with a later event, then run "
             "`jcg projections rebuild` again:", count=len(rows)))
    for row in rows:
        say(Text("event %(number)s (entity %(entity)s, version %(version)s, %(topic)s, event id "
                 "%(event_id)s): %(error)s", number=row["notification_id"], entity=row["originator_id"],
                 version=row["originator_version"], topic=row["topic"], event_id=row["event_id"],
                 error=row["error"]), indent="  ")


def say(text: Text, indent: str = "") -> None:
    """A line in the language JCG_LANGUAGE names (English unless it says zh-CN), as the API
    answers a request that names none."""
    print(indent + spoken(text))
