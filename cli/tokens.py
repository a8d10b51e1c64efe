"""`jcg token create`: issue an API token. The token is printed once; only its hash is stored."""

from __future__ import annotations

import argparse
from uuid import UUID

from registry.vocabulary import ROLES


def add_parser(commands: argparse._SubParsersAction) -> None:
    token = commands.add_parser("token", help="manage API tokens")
    actions = token.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="issue a token; the token alone is the last line")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--entity", metavar="ID", help="the entity an entity token reads")
    create.add_argument("--label", default=None, help="who or what the token is for")
    create.set_defaults(run=create_token)


def create_token(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from projections.wiring import bootstrap
    from registry.errors import EntityNotFound

    entity_id = _entity_id(args.entity)
    label = args.label or f"{args.role} token"
    services = bootstrap()
    try:
        token = services.registry.issue_token(args.role, label, entity_id)
    except (ValueError, EntityNotFound) as exc:
        raise CommandError(str(exc)) from None
    finally:
        services.close()
    whose = f" for entity {entity_id}" if entity_id else ""
    print(f"Issued an {args.role} token{whose}, labelled {label!r}. Keep it: it is not shown again.")
    print(token)
    return 0


def _entity_id(text: str | None) -> UUID | None:
    from cli.main import CommandError

    if text is None:
        return None
    try:
        return UUID(text)
    except ValueError:
        raise CommandError(f"--entity {text!r} is not an entity id (a UUID the API returns)") from None
