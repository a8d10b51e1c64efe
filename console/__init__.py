"""The console (/console/): the staff's server-rendered pages, in the API's app and process,
calling the same services the API routes call. Built by `install`, nothing done at import."""

from __future__ import annotations

from flask import Flask, redirect, url_for


def install(app: Flask) -> None:
    """Serve the console beside the API: its pages, its session, CSRF on its forms."""
    import console.pages  # noqa: F401 (importing it attaches the pages to the blueprint)
    from console import secret
    from console.blueprint import bp, csrf

    secret.configure(app)
    # JCG_SESSION_COOKIE_SECURE=true behind HTTPS; Flask's default of no SameSite is not kept.
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    # The JSON API is authenticated by bearer tokens, never by cookie: only the console's forms
    # are checked, by the console's own before_request (see session.install), whatever
    # blueprints others add later.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    # A form left open over lunch still submits; the token is tied to the session anyway.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    csrf.init_app(app)
    app.register_blueprint(bp)
    app.add_url_rule("/", "console_home", lambda: redirect(url_for("console.dashboard")))
