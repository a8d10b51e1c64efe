"""Security headers of the console's pages: a strict CSP (no script at all, no inline style, no
framing) and no referrer leaving the park's pages. `no-store` and `nosniff` are the app's, on
every answer (api/headers.py)."""

from __future__ import annotations

from flask import Blueprint, Response

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
          "base-uri 'none'; object-src 'none'")

HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def install(bp: Blueprint) -> None:
    @bp.after_request
    def secure(response: Response) -> Response:
        response.headers.update(HEADERS)
        return response
