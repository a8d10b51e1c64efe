"""The services `create_app` wired for this app: registry, read model, projector, policy."""

from __future__ import annotations

from typing import Any

from flask import current_app


def services() -> Any:
    return current_app.extensions["jcg"]
