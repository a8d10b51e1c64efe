"""`jcg backup PATH` and `jcg restore PATH`.

SQLite is backed up whole with its online backup API (safe while the servers run). PostgreSQL
is exported as JSON lines, one decoded event a line (readable by an auditor), which needs no
superuser and no pg_dump of the same version as the server. Restore takes either into an empty
database; `jcg projections rebuild` then makes the read models from the restored events.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from pathlib import Path

from cli import Commands
from cli.speech import spoken
from i18n import Text, message_of


def add_parser(commands: Commands) -> None:
    backup = commands.add_parser("backup", help="back up the registry to a new file")
    backup.add_argument("path", type=Path, metavar="PATH",
                        help="the file to write; its folder is made if missing")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    backup.set_defaults(run=back_up)
    restore = commands.add_parser("restore", help="restore a backup into an empty database")
    restore.add_argument("path", type=Path, metavar="PATH", help="a file `jcg backup` wrote")
    restore.set_defaults(run=restore_backup)


def back_up(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from storage.database import database_url, persistence_env

    target: Path = args.path
    if target.is_dir():
        raise CommandError(spoken(Text("%(path)s is a folder: name the backup file to write in it",
                                       path=str(target))))
    if target.exists() and not args.force:
        raise CommandError(spoken(Text("%(path)s exists: back up to a new file, or add --force to "
                                       "replace it", path=str(target))))
    env = persistence_env(database_url(), create_table=False)
    if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
        live = Path(env["SQLITE_DBNAME"]).resolve()
        if target.resolve() in {live, live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")}:
            # Even with --force: the servers would go on writing to the file it replaced.
            raise CommandError(spoken(Text("%(path)s is the registry's own database: back up to "
                                           "another file", path=str(target))))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        if env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite":
            _sqlite_backup(Path(env["SQLITE_DBNAME"]), partial)
            done = Text("Backed up the whole SQLite database to %(path)s", path=str(target))
        else:
            done = Text("Backed up %(count)s events to %(path)s", count=_export(partial), path=str(target))
        # Renamed only when complete: a file named PATH is always a whole backup.
        os.replace(partial, target)
    except BaseException as exc:
        # Nothing half-written is left behind (it holds the token hashes too).
        partial.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CommandError(spoken(Text("%(path)s could not be written (%(error)s): no backup was made",
                                           path=str(target), error=f"{type(exc).__name__}: {exc}"))) from None
        raise
    print(spoken(done))
    return 0


def _sqlite_backup(source: Path, partial: Path) -> None:
    from cli.main import CommandError
    from cli.progress import Progress

    if not source.exists():
        raise CommandError(spoken(Text("there is no database at %(path)s", path=str(source))))
    src, dst = sqlite3.connect(source), sqlite3.connect(partial)
    try:
        with Progress(1, "Backing up") as bar:
            # All pages in one step: a step-wise copy restarts whenever a server writes.
            src.backup(dst, pages=-1, progress=lambda status, remaining, total: bar.advance(1))
    finally:
        src.close()
        dst.close()


def _export(partial: Path) -> int:
    from cli.progress import Progress
    from projections.wiring import bootstrap
    from storage.archive import export_events

    services = bootstrap(create_tables=False)
    try:
        recorder = services.registry.recorder
        with partial.open("w", encoding="utf-8") as out, \
                Progress(recorder.max_notification_id() or 0, "Exporting events") as bar:
            return export_events(recorder, out, bar.advance)
    finally:
        services.close()


def restore_backup(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from cli.progress import Progress
    from projections.wiring import bootstrap
    from storage.archive import NotAnArchive, check_archive, insert_events, read_archive

    if not args.path.is_file():
        raise CommandError(spoken(Text("%(path)s is not a file", path=str(args.path))))
    try:
        # Read whole before anything is written: a truncated or damaged file restores nothing.
        total = check_archive(args.path)
        _, events = read_archive(args.path)
    except (NotAnArchive, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise CommandError(spoken(Text("%(path)s cannot be restored: %(reason)s", path=str(args.path),
                                       reason=message_of(exc)))) from None
    # A restore is a one-shot like `jcg db upgrade`: it may make the tables.
    services = bootstrap()
    try:
        recorder = services.registry.recorder
        held = recorder.max_notification_id() or 0
        if held:
            raise CommandError(spoken(Text("the database already holds events (up to number "
                                           "%(held)s): restore only into an empty database",
                                           held=held)))
        inserted = 0

        def advance(n: int) -> None:
            nonlocal inserted
            inserted += n
            bar.advance(n)

        with Progress(total, "Restoring events") as bar:
            try:
                restored = insert_events(recorder, events, advance)
            except Exception as exc:
                # A batch is a transaction: what came before it stays, and a second restore
                # would be refused as into a database that holds events. Say so.
                raise CommandError(spoken(Text(
                    "the restore stopped after %(inserted)s of %(total)s events (%(error)s): the "
                    "database now holds part of the backup; empty it, then restore again",
                    inserted=inserted, total=total, error=f"{type(exc).__name__}: {exc}"))) from None
        # A backup from before the borrowers' loan indexes (registry.borrower_standing).
        services.registry.list_earlier_loans()
    finally:
        services.close()
    print(spoken(Text("Restored %(count)s events from %(path)s. Now run `jcg projections rebuild` "
                      "to make the read models.", count=restored, path=str(args.path))))
    return 0
