"""An entity's entitlements for its page, as the API's entitlements route reads them: the
stored projection for today, or a replay of what was known by `as_of`."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from projections.policy import entitlements


def entity_entitlements(svc: Any, entity_id: UUID, today: date, as_of: date | None) -> list[dict[str, Any]]:
    if as_of is not None:
        history = svc.registry.history(entity_id, as_of=as_of)
        return [e.to_json() for e in entitlements(history, svc.policy, today=as_of)]
    stored = svc.model.entitlements_on(str(entity_id), today)
    if stored is not None:
        return stored
    history = svc.registry.history(entity_id)
    return [e.to_json() for e in entitlements(history, svc.policy, today=today)]
