"""`jcg scheduler` runs the alert jobs until stopped; `jcg alerts scan` makes one pass."""

from __future__ import annotations

import argparse
from datetime import date

from cli import Commands, logs


def add_parser(commands: Commands) -> None:
    scheduler = commands.add_parser(
        "scheduler", help="run the daily alert scan (08:00 Asia/Shanghai) and webhook delivery")
    logs.add_level_option(scheduler)
    scheduler.set_defaults(run=run_scheduler)
    alerts = commands.add_parser("alerts", help="expiry, deadline and renewal alerts")
    actions = alerts.add_subparsers(dest="action", required=True, metavar="ACTION")
    scan = actions.add_parser("scan", help="one alert pass, printing each alert it issues")
    scan.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                      help="the park's date to scan for (default: today in Asia/Shanghai); "
                           "a later day only with --dry-run")
    scan.add_argument("--dry-run", action="store_true",
                      help="print the alerts the pass would issue, recording nothing")
    scan.set_defaults(run=scan_once)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from None


def scan_once(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from jobs.scan import preview, scan
    from projections.wiring import bootstrap
    from registry.clock import park_day

    # Runs beside the servers (cron, people): no DDL here, `jcg db upgrade` made the tables.
    services = bootstrap(create_tables=False)
    try:
        park_today = park_day(services.clock())
        today = args.today or park_today
        if today > park_today and not args.dry_run:
            # Alerts are recorded for good: a pass over a day to come would issue them early.
            raise CommandError(f"--today {today} is after the park's today ({park_today}): "
                               "scan a day that has come, or add --dry-run to preview it")
        issued = preview(services, today) if args.dry_run else scan(services, today)
    finally:
        services.close()
    from cli.speech import spoken

    for alert in issued:
        late = " (late)" if alert["late"] else ""
        print(f"{alert['issued_on']} {alert['kind']} {alert['threshold']}{late}: "
              f"{spoken(alert['message'], alert.get('terms'))}")
    if args.dry_run:
        print(f"{len(issued)} alert(s) would be issued for {today} (dry run: nothing recorded)")
    else:
        print(f"{len(issued)} alert(s) issued for {today}")
    return 0


def run_scheduler(args: argparse.Namespace) -> int:
    from cli.db import check_upgraded
    from jobs.scheduler import run
    from projections.wiring import bootstrap
    from storage.database import database_url

    logs.configure(logs.chosen_level(args))
    check_upgraded(database_url())
    # Tables come from `jcg db upgrade`, run before the processes start.
    services = bootstrap(create_tables=False)
    try:
        run(services)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        services.close()
    return 0
