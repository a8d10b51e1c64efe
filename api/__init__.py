"""The registry's HTTP API (flask-smorest): built by `create_app`, nothing done at import."""

from __future__ import annotations

from typing import Any

from flask import Flask

from api.config import Config


def create_app(config: dict[str, Any] | None = None, services: Any = None) -> Flask:
    """Build the app on the configured database, or on `services` when a caller wires them."""

    from api import auth, auth_limit, docs, errors, headers, json, languages, observability
    from api.alerts.routes import blp as alerts_blp
    from api.entities.routes import blp as entities_blp
    from api.entitlements.routes import blp as entitlements_blp
    from api.events.batch import blp as events_batch_blp
    from api.events.routes import blp as events_blp
    from api.exports.routes import blp as exports_blp
    from api.health.routes import blp as health_blp
    from api.imports.routes import blp as imports_blp
    from api.policy.routes import blp as policy_blp
    from api.quotas.routes import blp as quotas_blp
    from console import install as install_console
    from projections.wiring import bootstrap

    app = Flask(__name__)
    app.config.from_object(Config)
    app.config.from_prefixed_env("JCG")
    app.config.update(config or {})
    json.install(app)
    languages.install(app)
    if services is None:
        services = bootstrap(app.config.get("DATABASE_URL"),
                             create_tables=bool(app.config["CREATE_TABLES"]))
    app.extensions["jcg"] = services
    api = errors.ContractApi(app)
    auth.declare(api)
    for blp in (entities_blp, events_blp, events_batch_blp, entitlements_blp, policy_blp, alerts_blp,
                health_blp, quotas_blp, imports_blp, exports_blp):
        api.register_blueprint(blp)
    errors.install(app)
    observability.install(app)
    docs.install(app)
    headers.install(app)
    auth_limit.install(app)
    install_console(app)
    return app
