"""Builds the objects every process shares — the registry, the policy, the read models — from
the configuration, so the API, the projector and the scheduler are wired the same way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from projections.policy import PolicyBook, check_admissible, load_book
from projections.policy.matter_names import same_matter
from projections.projector import Projector
from projections.views.read_model import ReadModelQueries, read_model
from registry.application import Admission, Registry
from registry.clock import Clock, park_day, system_clock
from registry.errors import EntityNotFound
from registry.records import FactRecord
from storage.database import database_url, persistence_env, prepare_storage


@dataclass
class Services:
    registry: Registry
    model: ReadModelQueries
    projector: Projector
    clock: Clock
    policy: PolicyBook

    def close(self) -> None:
        self.registry.close()
        self.model.close()


def bootstrap(url: str | None = None, *, clock: Clock = system_clock,
              create_tables: bool = True) -> Services:
    """Everything a process needs, on the database the URL (or JCG_DATABASE_URL) names."""
    env = persistence_env(url or database_url(), create_table=create_tables)
    prepare_storage(env)
    book = load_book()
    registry = Registry(env, clock=clock)
    registry.admission = door(book, registry)
    model = read_model(env)
    if create_tables:
        model.upgrade(registry.name)
    projector = Projector(registry, model, book, clock=clock)
    return Services(registry, model, projector, clock, book)


def door(book: PolicyBook, registry: Registry,
         held: Mapping[str, Sequence[FactRecord]] | None = None) -> Admission:
    """The policy's refusals at the door, with the registry to read the other entities a fact
    names (borrowers, beneficiaries, a borrower's loans) and the 泉科贷 line's drawings.

    `held`: histories a dry run holds in memory, by entity id, read before the store's (an
    entity an import registers, or one its earlier rows changed)."""
    held = {} if held is None else held  # a dry run fills its own as it goes

    def history_of(ref: str) -> Sequence[FactRecord] | None:
        if ref in held:
            return held[ref]
        try:
            return registry.history(UUID(ref))
        except (EntityNotFound, ValueError):
            return None

    def is_enterprise(ref: str) -> bool:
        return held[ref][0].kind == "enterprise" if ref in held else registry.entity_kind(ref) == "enterprise"

    def loan_of(borrower: str, ref: str) -> dict[str, Any] | None:
        # The reference however typed (one matter): as listed among the borrower's loans.
        listed = (r for r, _, _ in registry.loans_of(borrower).loans if same_matter(r) == same_matter(ref))
        return registry.loan_of(borrower, next(listed, ref))

    def admission(history: Any, type_name: str, occurred_on: Any, data: Any,
                  drawn: Any = None) -> dict[str, Any]:
        return check_admissible(
            history, type_name, occurred_on, data, book,
            entity_exists=is_enterprise, history_of=history_of, loan_of=loan_of, drawn=drawn,
            today=park_day(registry.clock()))

    return admission
