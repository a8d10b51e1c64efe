"""Issuing API tokens and recognising them, for the Registry application."""

from __future__ import annotations

import time
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from registry.access import ApiToken, Principal, digest, new_token

# Every request presents its token; looking it up in the event store each time would double the
# reads of a write. Known tokens are remembered for a minute (a revocation takes that long).
PRINCIPAL_CACHE_SECONDS = 60.0
PRINCIPAL_CACHE_SIZE = 10_000


class TokenKeeping:
    """Mixed into the Registry application (it provides `save`, `repository`, `entity` and the
    `_principals` cache)."""

    def issue_token(self, role: str, label: str, entity_id: UUID | None = None) -> str:
        """Issue an API token; the token is returned once and only its hash is kept."""
        if role == "entity":
            if entity_id is None:
                raise ValueError("an entity token needs --entity ID")
            self.entity(entity_id)
        elif entity_id is not None:
            raise ValueError("only entity tokens name an entity")
        token = new_token()
        self.save(ApiToken(digest(token), label, role, entity_id))
        return token

    def authenticate(self, token: str) -> Principal | None:
        """The principal a token stands for, or None for an unknown or revoked token."""
        key = digest(token)
        cached = self._principals.get(key)
        if cached is not None and cached[1] > time.monotonic():
            return cached[0]
        try:
            found = self.repository.get(ApiToken.create_id(key))
        except AggregateNotFoundError:
            return None
        if not isinstance(found, ApiToken) or found.revoked:
            return None
        if len(self._principals) > PRINCIPAL_CACHE_SIZE:
            self._principals.clear()
        self._principals[key] = (found.principal(), time.monotonic() + PRINCIPAL_CACHE_SECONDS)
        return found.principal()
