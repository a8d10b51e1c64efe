"""`jcg`: one subcommand per module, each adding its parser and the function that runs it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from cli import alerts, backup, db, policy, projector, serve, tokens, workbooks
from storage.database import BadDatabaseURL

COMMANDS = (serve, tokens, projector, db, alerts, backup, workbooks, policy)


class CommandError(Exception):
    """A request the command refuses: printed on stderr, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jcg", description="The 晋创谷·阳泉 park registry: serve the API, manage tokens and data.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `jcg` subcommand; returns the process's exit status."""
    # Whatever a command writes (the database and its WAL, backups, exports, folders) is for
    # the registry's own user only; the servers' workers inherit it.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except (CommandError, BadDatabaseURL) as exc:
        print(f"jcg {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    # Run as `python -m cli.main`, this module is `__main__`, and the commands raise the
    # CommandError of `cli.main`, another class than this copy's: run that module's main.
    from cli.main import main as jcg

    sys.exit(jcg())
