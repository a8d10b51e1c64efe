"""The services `create_app` wired for this app: registry, read model, projector, policy."""

from __future__ import annotations

from typing import Any

from flask import current_app


def services() -> Any:
    return current_app.extensions["jcg"]


def current_services() -> Any:
    """The services, once the read models hold every write acknowledged so far (unless they
    are more than a batch behind: `Projector.ensure_current`)."""
    svc = services()
    svc.projector.ensure_current()
    return svc
