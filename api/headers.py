"""What every answer says to browsers and proxies: keep nothing (an agency's entitlements must
not stay in a shared browser's or a proxy's cache) and never guess a content type."""

from __future__ import annotations

from flask import Flask, Response, g


def install(app: Flask) -> None:
    @app.after_request
    def protect(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Everything, the docs' files too: one rule that no new route can forget.
        response.headers["Cache-Control"] = "no-store"
        # Answered from read models that lack this many recorded events (api.wired).
        if g.get("pending_events"):
            response.headers["X-JCG-Pending-Events"] = str(g.pending_events)
        return response
