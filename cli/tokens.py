"""`jcg token create | list | revoke`: issue an API token (printed once; only its hash is
stored), list those issued, revoke one."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from uuid import UUID

from cli import Commands
from contract.vocabulary import ROLES


def add_parser(commands: Commands) -> None:
    token = commands.add_parser("token", help="manage API tokens")
    actions = token.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="issue a token; the token alone is the last line")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--entity", metavar="ID", help="the entity an entity token reads")
    create.add_argument("--label", default=None, help="who or what the token is for")
    create.set_defaults(run=create_token)
    listing = actions.add_parser("list", help="every token issued: id, role, label, entity, when")
    listing.set_defaults(run=list_tokens)
    revoke = actions.add_parser("revoke", help="revoke a token by the id `jcg token list` shows")
    revoke.add_argument("id", metavar="ID")
    revoke.set_defaults(run=revoke_token)


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


def list_tokens(args: argparse.Namespace) -> int:
    from projections.wiring import bootstrap

    services = bootstrap()
    try:
        tokens = services.registry.tokens()
    finally:
        services.close()
    print("id\trole\tlabel\tentity\tissued at (UTC)\trevoked at (UTC)")
    for t in tokens:
        print("\t".join([str(t["id"]), t["role"], t["label"], str(t["entity_id"] or "-"),
                         _when(t["issued_at"]), _when(t["revoked_at"]) if t["revoked_at"] else "-"]))
    return 0


def revoke_token(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from projections.wiring import bootstrap
    from registry.errors import TokenNotFound
    from registry.token_keeping import PRINCIPAL_CACHE_SECONDS

    try:
        token_id = UUID(args.id)
    except ValueError:
        raise CommandError(f"{args.id!r} is not a token id (a UUID `jcg token list` shows)") from None
    services = bootstrap()
    try:
        principal = services.registry.revoke_token(token_id)
    except TokenNotFound as exc:
        raise CommandError(str(exc)) from None
    finally:
        services.close()
    # Running API workers remember a token they have seen for up to this long.
    print(f"Revoked the {principal.role} token labelled {principal.label!r}; the API refuses it "
          f"within {PRINCIPAL_CACHE_SECONDS:.0f} seconds.")
    return 0


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _entity_id(text: str | None) -> UUID | None:
    from cli.main import CommandError

    if text is None:
        return None
    try:
        return UUID(text)
    except ValueError:
        raise CommandError(f"--entity {text!r} is not an entity id (a UUID the API returns)") from None
