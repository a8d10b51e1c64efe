"""Issuing API tokens and recognising them, for the Registry application."""

from __future__ import annotations

from time import monotonic
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from contract.text import check_text
from registry.access import ApiToken, Principal, digest, new_token
from registry.errors import TokenNotFound

# Every request presents its token; looking it up in the event store each time would double the
# reads of a write. Known tokens are remembered for two seconds: a revocation made by any process
# is refused by every process within that (bench/revocation.py measures the delay and the cost).
PRINCIPAL_CACHE_SECONDS = 2.0
PRINCIPAL_CACHE_SIZE = 10_000


TOKEN_TOPICS = [get_topic(ApiToken.Issued), get_topic(ApiToken.Revoked)]
# Notifications read at a time when listing the tokens.
PAGE = 1000


class TokenKeeping:
    """Mixed into the Registry application (it provides `save`, `find`, `recorder`,
    `mapper`, `entity` and the `_principals` cache)."""

    def issue_token(self, role: str, label: str, entity_id: UUID | None = None) -> str:
        """Issue an API token; the token is returned once and only its hash is kept."""
        # The label is shown in every history the token records: the one text check, whoever asks.
        check_text(label)
        if role == "entity":
            if entity_id is None:
                raise ValueError("an entity token needs --entity ID")
            self.entity(entity_id)
        elif entity_id is not None:
            raise ValueError("only entity tokens name an entity")
        token = new_token()
        self.save(ApiToken(digest(token), label, role, entity_id))
        return token

    def remembered(self, token: str) -> Principal | None:
        """The principal of a token this process recognised in the last
        PRINCIPAL_CACHE_SECONDS, without reading the store; None when it must be looked up."""
        cached = self._principals.get(digest(token))
        if cached is not None and cached[1] > monotonic():
            return cached[0]
        return None

    def authenticate(self, token: str) -> Principal | None:
        """The principal a token stands for, or None for an unknown or revoked token."""
        remembered = self.remembered(token)
        if remembered is not None:
            return remembered
        key = digest(token)
        found = self.principal_of(ApiToken.create_id(key))
        if found is None:
            return None
        if len(self._principals) > PRINCIPAL_CACHE_SIZE:
            self._principals.clear()
        self._principals[key] = (found, monotonic() + PRINCIPAL_CACHE_SECONDS)
        return found

    def token_id(self, token: str) -> UUID:
        """The id `tokens` lists a token under (a console session keeps it, never the token)."""
        return ApiToken.create_id(digest(token))

    def principal_of(self, token_id: UUID) -> Principal | None:
        """Whom the token with this id stands for, or None when unknown or revoked; read from
        the store, so a revocation by any process is seen at once."""
        found = self.find(token_id)
        if not isinstance(found, ApiToken) or found.revoked:
            return None
        return found.principal()

    def tokens(self) -> list[dict[str, Any]]:
        """Every token issued, oldest first: its id, label, role, entity, when it was issued and
        revoked. Never the token itself, which is not kept."""
        found: dict[UUID, dict[str, Any]] = {}
        start = 0
        while page := self.recorder.select_notifications(start, PAGE, topics=TOKEN_TOPICS,
                                                         inclusive_of_start=False):
            for notification in page:
                event = self.mapper.to_domain_event(notification)
                if isinstance(event, ApiToken.Issued):
                    found[event.originator_id] = {
                        "id": event.originator_id, "role": event.role, "label": event.label,
                        "entity_id": event.entity_id, "issued_at": event.timestamp, "revoked_at": None}
                elif event.originator_id in found:
                    found[event.originator_id]["revoked_at"] = event.timestamp
            start = page[-1].id
        return list(found.values())

    def revoke_token(self, token_id: UUID) -> Principal:
        """Revoke a token by its id (as `tokens` gives it); returns whom it stood for. This
        process refuses it at once; other processes within PRINCIPAL_CACHE_SECONDS."""
        token = self.find(token_id)
        if not isinstance(token, ApiToken):
            raise TokenNotFound(f"no token has the id {token_id}: `jcg token list` shows them")
        if token.revoked:
            raise TokenNotFound(f"token {token_id} ({token.label}) is revoked already")
        token.revoke()
        self.save(token)
        self._principals.clear()
        return token.principal()
