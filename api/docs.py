"""Interactive API docs at /api/v1/docs, with Swagger UI's files served by the app itself:
the park's network may have no internet, so nothing is loaded from a CDN."""

from __future__ import annotations

from flask import Flask
from flask_swagger_ui import get_swaggerui_blueprint


def install(app: Flask) -> None:
    app.register_blueprint(get_swaggerui_blueprint(
        "/api/v1/docs", "/api/v1/openapi.json",
        config={"app_name": "jcg-registry API", "validatorUrl": None},
    ))
