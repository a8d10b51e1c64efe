"""The services `create_app` wired for this app: registry, read model, projector, policy."""

from __future__ import annotations

from typing import Any

from flask import current_app, g
from flask_smorest import abort

from i18n import Text


def services() -> Any:
    return current_app.extensions["jcg"]


def current_services(whole: bool = False) -> Any:
    """The services, once the read models hold every write acknowledged so far (unless they
    are far behind: `Projector.ensure_current`). With `whole` (money and the official lists),
    far behind is a 503 saying so, not figures that would be incomplete."""
    svc = services()
    pending = svc.projector.ensure_current()
    if whole and pending:
        abort(503, headers={"Retry-After": "60"}, message=Text(
            "the read models are %(pending)s events behind the registry (being rebuilt, or the "
            "projector has been stopped): amounts and lists would be incomplete; try again in a "
            "few minutes", pending=pending))
    g.pending_events = pending  # said on the answer (api.headers, the console's pages)
    return svc
