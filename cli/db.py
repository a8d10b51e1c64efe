"""`jcg db upgrade`: create every table, once, before servers and projectors start.

On PostgreSQL several processes creating tables at once can fail ("tuple concurrently
updated"), so the long-running processes leave table creation to this step."""

from __future__ import annotations

import argparse

from cli import Commands


def add_parser(commands: Commands) -> None:
    db = commands.add_parser("db", help="manage the database")
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("upgrade", help="create the event store and read-model tables").set_defaults(
        run=upgrade)


def upgrade(args: argparse.Namespace) -> int:
    from storage.database import database_url

    create_tables()
    print(f"Tables are in place on {_redacted(database_url())}")
    return 0


def create_tables(url: str | None = None) -> None:
    from projections.wiring import bootstrap

    services = bootstrap(url, create_tables=True)
    try:
        # A database from before the borrowers' loan indexes (registry.borrower_standing).
        listed = services.registry.list_earlier_loans()
        if listed:
            print(f"Listed {listed} earlier loan(s) in their borrowers' loan indexes")
    finally:
        services.close()


def _redacted(url: str) -> str:
    # Never echo a password into logs.
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def check_upgraded(url: str) -> None:
    """Refuse to start a long-running process on a database `jcg db upgrade` has not prepared."""
    from cli.main import CommandError
    from projections.wiring import bootstrap

    try:
        services = bootstrap(url, create_tables=False)
        try:
            services.projector.head()
            services.projector.position()
            services.model.list_entities(None, None, 0, 1)
            # Tables a release added beside the others (the quarantine, the heartbeat).
            services.model.quarantine_count()
            services.model.heartbeat(services.projector.name)
        finally:
            services.close()
    except Exception as exc:  # any failure here means "not ready", said plainly
        raise CommandError(f"the database at {_redacted(url)} is not ready ({exc}): "
                           "run `jcg db upgrade` first") from None
