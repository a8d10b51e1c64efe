"""Builds the objects every process shares — the registry, the policy, the read models — from
the configuration, so the API, the projector and the scheduler are wired the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from projections.projector import Projector
from projections.views.read_model import ReadModelQueries, read_model
from registry.application import Registry
from registry.clock import Clock, system_clock
from registry.settings import database_url, persistence_env, prepare_storage


@dataclass
class Services:
    registry: Registry
    model: ReadModelQueries
    projector: Projector
    clock: Clock
    policy: Any = None

    def close(self) -> None:
        self.registry.close()
        self.model.datastore.close()


def bootstrap(url: str | None = None, *, clock: Clock = system_clock,
              create_tables: bool = True, pool_size: int | None = None) -> Services:
    """Everything a process needs, on the database the URL (or JCG_DATABASE_URL) names."""
    env = persistence_env(url or database_url(), create_table=create_tables)
    if pool_size is not None and "POSTGRES_POOL_SIZE" in env:
        env["POSTGRES_POOL_SIZE"] = str(pool_size)
    prepare_storage(env)
    registry = Registry(env, clock=clock)
    model = read_model(env)
    services = Services(registry, model, Projector(registry, model), clock)
    _attach_policy(services)
    return services


def _attach_policy(services: Services) -> None:
    """Load the policy book and guard the door with it, once the engine is present."""
    try:
        from projections.policy import check_admissible, load_book
    except ImportError:
        return
    book = load_book()
    services.policy = book
    registry = services.registry

    def admission(history: Any, type_name: str, occurred_on: Any, data: Any) -> None:
        check_admissible(history, type_name, occurred_on, data, book,
                         entity_exists=lambda ref: registry.entity_kind(ref) == "enterprise")

    registry.admission = admission
