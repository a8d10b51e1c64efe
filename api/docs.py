"""Interactive API docs at /api/v1/docs, with Swagger UI's files served by the app itself:
the park's network may have no internet, so nothing is loaded from a CDN.

The page is ours, not flask-swagger-ui's (which starts Swagger UI with an inline script): it
loads everything from files, so a Content-Security-Policy without 'unsafe-inline' scripts holds.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from flask import Blueprint, Flask, Response, send_from_directory

DOCS = "/api/v1/docs"
# Swagger UI's own files, as the flask-swagger-ui package ships them.
SWAGGER_UI = Path(str(files("flask_swagger_ui") / "dist"))
HERE = Path(__file__).parent / "docs_page"

# Scripts and styles from this origin only; no frames, forms, plugins or base rewriting. Inline
# styles stay allowed: Swagger UI's components set some style attributes.
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; "
          "form-action 'none'; frame-ancestors 'none'")

blp = Blueprint("docs", __name__, url_prefix=DOCS)


@blp.route("/")
@blp.route("/index.html")
def page() -> Response:
    return Response((HERE / "index.html").read_bytes(), mimetype="text/html")


@blp.route("/jcg-docs.js")
def start() -> Response:
    return Response((HERE / "jcg-docs.js").read_bytes(), mimetype="text/javascript")


@blp.route("/<path:name>")
def asset(name: str) -> Response:
    return send_from_directory(SWAGGER_UI, name)


@blp.after_request
def confine(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Frame-Options"] = "DENY"
    return response


def install(app: Flask) -> None:
    app.register_blueprint(blp)
