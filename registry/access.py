"""API tokens. Only a hash of a token is kept: the event store never sees the token itself."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from contract.vocabulary import ROLES
from registry.entities import NAMESPACE


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return "jcg_" + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's label and role, and the entity an entity token belongs to."""

    label: str
    role: str
    entity_id: UUID | None = None

    def as_recorder(self) -> dict[str, str]:
        return {"label": self.label, "role": self.role}

    def sees_recorder(self, recorded_by: dict[str, str]) -> dict[str, str]:
        """Who recorded an event, as this reader may see it: an entity sees the recorder's
        role, never the staff member's token label."""
        if self.role == "entity":
            return {"role": recorded_by.get("role", "")}
        return dict(recorded_by)


class ApiToken(Aggregate):
    """An issued token, found again by the hash of what the caller presents."""

    @staticmethod
    def create_id(token_digest: str) -> UUID:
        return uuid5(NAMESPACE, f"token:{token_digest}")

    @event("Issued")
    def __init__(self, token_digest: str, label: str, role: str, entity_id: UUID | None):
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        self.token_digest = token_digest
        self.label = label
        self.role = role
        self.entity_id = entity_id
        self.revoked = False

    @event("Revoked")
    def revoke(self) -> None:
        self.revoked = True

    def principal(self) -> Principal:
        return Principal(self.label, self.role, self.entity_id)
