"""Security headers of every console response: a strict CSP (no inline script or style, no
framing), no referrer leaving the park's pages, nothing cached (the pages hold money)."""

from __future__ import annotations

from flask import Blueprint, Response

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
          "base-uri 'none'; object-src 'none'")

HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def install(bp: Blueprint) -> None:
    @bp.after_request
    def secure(response: Response) -> Response:
        for name, value in HEADERS.items():
            # Static files may be cached; every other header applies to them too.
            if name == "Cache-Control" and response.mimetype in ("text/css", "image/svg+xml"):
                continue
            response.headers[name] = value
        return response
