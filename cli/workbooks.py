"""`jcg import template PATH`, `jcg import PATH [--dry-run]`, `jcg export publicity|payments`."""

from __future__ import annotations

import argparse


def add_parser(commands: argparse._SubParsersAction) -> None:
    imports = commands.add_parser(
        "import", help="write the import template (`jcg import template PATH`) or import a workbook",
        description="`jcg import template PATH` writes the template to fill; `jcg import PATH` "
                    "checks a filled workbook and records it (only checks with --dry-run).")
    imports.add_argument("paths", nargs="+", metavar="PATH", help="`template PATH`, or the workbook")
    imports.add_argument("--dry-run", action="store_true", help="check every row, record nothing")
    imports.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    if args.paths[0] == "template" and len(args.paths) == 2:
        return write_template(args.paths[1])
    if len(args.paths) != 1:
        raise CommandError("give one workbook to import, or `template PATH`")
    raise CommandError("importing a workbook is not available yet")


def write_template(path: str) -> int:
    from spreadsheets.template import write_template as write

    write(path)
    print(f"wrote the import template to {path}")
    return 0
