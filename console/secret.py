"""The key that signs the console's session cookie: JCG_SECRET_KEY, or one generated into
`var/` on the first run (as `make run` keeps the admin token), readable by its owner only."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

KEY_FILE = Path("var") / "secret-key"


def configure(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        return  # JCG_SECRET_KEY (from_prefixed_env) or the caller's config
    if app.testing:
        app.config["SECRET_KEY"] = secrets.token_urlsafe(32)
        return
    app.config["SECRET_KEY"] = stored_key(KEY_FILE)


def stored_key(path: Path) -> str:
    """The key kept in `path`, made (mode 0600) when missing; several workers starting at once
    agree on the first one written."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text().strip()
        if key:
            return key
        raise RuntimeError(f"{path} is empty: delete it, or set JCG_SECRET_KEY") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(descriptor, "w") as out:
        out.write(key + "\n")
    return key
