"""Who is signed in: the session (a signed cookie) holds the token's id, never the token; the
token is looked up again at least every SESSION_RECHECK_SECONDS, so a revoked token's session
stops working within a minute. `g.principal` is loaded once per request."""

from __future__ import annotations

import threading
import time
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, g, redirect, request, session, url_for
from flask_wtf.csrf import CSRFProtect

from api.wired import services
from console import i18n
from registry.access import Principal

SESSION_RECHECK_SECONDS = 30.0
# Pages anyone may see: signing in, and the files the sign-in page needs.
OPEN = {"console.login", "console.static", "console.language"}

_seen: dict[str, tuple[Principal | None, float]] = {}
_lock = threading.Lock()


def principal_of(token_id: str) -> Principal | None:
    """The token's principal, looked up in the store at most every SESSION_RECHECK_SECONDS."""
    now = time.monotonic()
    with _lock:
        cached = _seen.get(token_id)
    if cached is not None and cached[1] > now:
        return cached[0]
    try:
        found = services().registry.principal_of(UUID(token_id))
    except ValueError:
        found = None
    with _lock:
        if len(_seen) > 10_000:
            _seen.clear()
        _seen[token_id] = (found, now + SESSION_RECHECK_SECONDS)
    return found


def forget(token_id: Any) -> None:
    """Drop a revoked token at once in this process (others within SESSION_RECHECK_SECONDS)."""
    with _lock:
        _seen.pop(str(token_id), None)


def sign_in(token: str) -> Principal | None:
    registry = services().registry
    principal = registry.authenticate(token)
    if principal is None:
        return None
    lang = session.get("lang")
    session.clear()
    session["token_id"] = str(registry.token_id(token))
    if lang:
        session["lang"] = lang
    return principal


def install(bp: Blueprint, csrf: CSRFProtect) -> None:
    @bp.before_request
    def load() -> Any:
        g.principal = None
        i18n.choose()
        if request.endpoint == "console.imports":  # a workbook, far larger than a form
            request.max_content_length = current_app.config["IMPORT_MAX_BYTES"]
        if current_app.config["WTF_CSRF_ENABLED"]:
            csrf.protect()  # every console POST: 400 before anything is read or changed
        token_id = session.get("token_id")
        if token_id:
            g.principal = principal_of(token_id)
            if g.principal is None:
                session.pop("token_id", None)
        if g.principal is None and request.endpoint not in OPEN:
            return redirect(url_for("console.login", next=request.full_path.rstrip("?")))
        return None


def require(*roles: str) -> None:
    if g.principal.role not in roles:
        abort(403)


def may_write() -> bool:
    principal = g.get("principal")
    return principal is not None and principal.role == "admin"


def check_may_read(entity_id: UUID) -> None:
    """An entity's own pages only, for an entity token; staff read every entity."""
    who = g.principal
    if who.role == "entity" and who.entity_id != entity_id:
        abort(403)

