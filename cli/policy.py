"""`jcg policy what-if CHANGES.json [--year Y]`: what every entity would be owed were the
policy's parameters changed, as `POST /api/v1/policy/what-if` answers; nothing is recorded."""

from __future__ import annotations

import argparse
import json
import sys

from cli import Commands


def add_parser(commands: Commands) -> None:
    policy = commands.add_parser("policy", help="the policy's parameters: price a change")
    actions = policy.add_subparsers(dest="action", required=True, metavar="ACTION")
    what_if = actions.add_parser(
        "what-if", help="replay every entity's history under changed parameters (records nothing)")
    what_if.add_argument("changes", metavar="CHANGES.json",
                         help='{CLAUSE: {PARAMETER: VALUE}}, or the API\'s body '
                              '{"changes": {...}, "year": Y}')
    what_if.add_argument("--year", type=int, default=None, help="only that year's entitlements")
    what_if.set_defaults(run=run_what_if)


def run_what_if(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from cli.speech import spoken
    from i18n.text import message_of
    from projections.policy.what_if import DraftRefused, compare, draft_book
    from projections.replay import every_history
    from projections.wiring import bootstrap
    from registry.clock import park_day

    changes, year = _read(args.changes, CommandError)
    year = args.year if args.year is not None else year
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100):
        raise CommandError(f"{year} is not a year from 2000 to 2100")
    services = bootstrap(create_tables=False)
    try:
        try:
            draft = draft_book(services.policy, changes)
        except DraftRefused as exc:
            raise CommandError(f"{exc.field}: {spoken(message_of(exc))}") from None
        services.projector.catch_up()  # every entity registered so far, not the directory as it lags
        answer = compare(every_history(services), services.policy, draft, year, park_day(services.clock()))
    finally:
        services.close()
    json.dump(answer, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _read(path: str, error: type[Exception]) -> tuple[object, object]:
    try:
        with open(path, encoding="utf-8") as file:
            body = json.load(file)
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror}") from None
    except (ValueError, RecursionError) as exc:
        raise error(f"{path} is not JSON this command reads: {exc}") from None
    if isinstance(body, dict) and "changes" in body:
        return body["changes"], body.get("year")
    return body, None
