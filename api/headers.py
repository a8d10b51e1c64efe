"""What every answer says to browsers and proxies: keep nothing (an agency's entitlements must
not stay in a shared browser's or a proxy's cache) and never guess a content type."""

from __future__ import annotations

from flask import Flask, Response


def install(app: Flask) -> None:
    @app.after_request
    def protect(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Everything, the docs' files too: one rule that no new route can forget.
        response.headers["Cache-Control"] = "no-store"
        return response
