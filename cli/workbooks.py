"""`jcg import template PATH`, `jcg import PATH [--dry-run]`, `jcg export publicity|payments`."""

from __future__ import annotations

import argparse

from cli import Commands


def add_parser(commands: Commands) -> None:
    imports = commands.add_parser(
        "import", help="write the import template (`jcg import template PATH`) or import a workbook",
        description="`jcg import template PATH` writes the template to fill; `jcg import PATH` "
                    "checks a filled workbook and records it (only checks with --dry-run).")
    imports.add_argument("paths", nargs="+", metavar="PATH", help="`template PATH`, or the workbook")
    imports.add_argument("--dry-run", action="store_true", help="check every row, record nothing")
    imports.set_defaults(run=run_import)
    export = commands.add_parser(
        "export", help="write a year's 公示名单 (publicity) or 资金拨付明细 (payments) as .xlsx or .csv")
    export.add_argument("list", choices=("publicity", "payments"))
    export.add_argument("--year", type=int, required=True, metavar="YYYY")
    export.add_argument("path", metavar="PATH", help="ends in .csv for CSV, otherwise a workbook")
    export.set_defaults(run=run_export)


def run_import(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    if args.paths[0] == "template" and len(args.paths) == 2:
        return write_template(args.paths[1])
    if len(args.paths) != 1:
        raise CommandError("give one workbook to import, or `template PATH`")
    return import_workbook(args.paths[0], args.dry_run)


def import_workbook(path: str, dry_run: bool) -> int:
    """As POST /imports does it, in this process, recorded as by the command line's admin."""
    from api import create_app
    from api.imports.importing import run_import
    from cli.main import CommandError
    from cli.progress import Progress
    from cli.speech import spoken
    from i18n import N_, Text, message_of
    from registry.access import Principal
    from spreadsheets.reading import WorkbookRefused, read_rows

    try:
        with open(path, "rb") as file:
            rows = read_rows(file)
    except OSError as exc:
        raise CommandError(f"{path}: {exc}") from None
    except WorkbookRefused as exc:
        raise CommandError(f"{path}: {spoken(message_of(exc))}") from None
    app = create_app({"CREATE_TABLES": False})
    try:
        # A request's context without a request: the API's refusals are rendered in the app's
        # LANGUAGE (JCG_LANGUAGE), as they would be to a caller who sent no Accept-Language.
        with app.test_request_context(), Progress(len(rows), "Checking" if dry_run else "Importing") as bar:
            report = run_import(rows, dry_run=dry_run, by=Principal("jcg import", "admin"),
                                progress=bar.advance)
    finally:
        app.extensions["jcg"].close()
    for problem in report["errors"]:
        where = problem["cell"] or problem["column"] or ""
        print(spoken(Text("%(sheet)s row %(row)s %(where)s: %(message)s", sheet=problem["sheet"],
                          row=problem["row"], where=where, message=spoken(problem["message"])))
              .replace("  ", " ").replace(" ：", "："))
    summary = (N_("%(rows)s rows: would record %(recorded)s, skipped %(skipped)s, refused %(refused)s")
               if dry_run else
               N_("%(rows)s rows: recorded %(recorded)s, skipped %(skipped)s, refused %(refused)s"))
    print(spoken(Text(summary, rows=report["rows"], recorded=report["recorded"],
                      skipped=report["skipped"], refused=report["refused"])))
    return 1 if report["refused"] else 0


def write_template(path: str) -> int:
    from spreadsheets.template import write_template as write

    write(path)
    print(f"wrote the import template to {path}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """The list as the API's export gives it, from the read models as the projector left them."""
    from cli.main import CommandError
    from projections.wiring import bootstrap
    from registry.clock import park_day
    from spreadsheets.lists import LISTS, titles_of
    from spreadsheets.writing import csv_lines, write_xlsx

    if not 2000 <= args.year <= 2100:
        raise CommandError(f"{args.year} is not a year from 2000 to 2100")
    spec = LISTS[args.list]
    services = bootstrap(create_tables=False)
    try:
        documents = services.model.entitlement_documents(args.year, park_day(services.clock()))
        rows = spec.rows(documents, args.year, titles_of(services.policy))
        if args.path.lower().endswith(".csv"):
            with open(args.path, "w", encoding="utf-8", newline="") as out:
                out.writelines(csv_lines(spec, rows))
        else:
            write_xlsx(args.path, spec, rows)
    finally:
        services.close()
    print(f"wrote the {spec.title} of {args.year} to {args.path}")
    return 0
