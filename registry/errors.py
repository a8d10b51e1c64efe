"""Domain errors, raised where the rule is known and turned into HTTP statuses in `api/`."""

from __future__ import annotations

from uuid import UUID


class RegistryError(Exception):
    """A request the registry refuses; the message is meant for a person."""


class EntityNotFound(RegistryError):
    pass


class TokenNotFound(RegistryError):
    """No token to revoke: none has the id, or it is revoked already."""


class CreditCodeTaken(RegistryError):
    """The credit code is held by another entity, `existing_id`, so a clerk can find it."""

    def __init__(self, message: str, existing_id: UUID):
        super().__init__(message)
        self.existing_id = existing_id


class FactNotAllowed(RegistryError):
    """The event does not belong to this kind of entity, or the entity has departed."""


class VersionMismatch(RegistryError):
    """The caller's If-Match names a version the entity has moved past."""


class Contended(RegistryError):
    """Other writers saved first to what the request writes (the entity, a credit line, an
    index) on every retry: nothing was recorded, and the request may be sent again."""


class IdempotencyKeyReused(RegistryError):
    """The same Idempotency-Key was sent before with a different request."""


class UnknownFactType(RegistryError):
    pass


class UnreadableHistory(RegistryError):
    """A stored event of the entity cannot be decoded (written past the registry, e.g. restored
    from a damaged file): nothing can be decided on, or shown of, the entity until an
    administrator repairs the store. Names the event, as the projector's quarantine does."""

    def __init__(self, message: str, entity_id: UUID, version: int, event_id: UUID):
        super().__init__(message)
        self.entity_id, self.version, self.event_id = entity_id, version, event_id
