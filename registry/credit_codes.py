"""Each credit code claimed by one entity at a time: at registration, and when a correction
moves an entity's claim from a mistyped code to its real one.

The claims are `CreditCodeIndex` aggregates saved in the same `save()` as the entity's event,
so the event store's version check makes a claim, or a move, all or nothing."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from contract.catalogue import InvalidFact
from i18n import Text, message_of
from registry.entities import CreditCodeIndex, ParkEntity
from registry.errors import CreditCodeTaken
from registry.registration import check_subtype


class CreditCodes:
    """Mixed into the Registry application (it provides `find`)."""

    find: Any

    def holder_of(self, code: str) -> UUID | None:
        """The entity whose credit code this is now, or None (never claimed, or released)."""
        index = self._index(code)
        return None if index is None else index.entity_id

    def released_by(self, code: str) -> UUID | None:
        """The entity a correction moved off this code, while the code is free (or None)."""
        index = self._index(code)
        return None if index is None or index.entity_id is not None else index.released_by

    def claim(self, code: str, entity_id: UUID) -> CreditCodeIndex:
        """The code's index claimed for the entity, to save with it; CreditCodeTaken naming
        the holder when another entity holds the code."""
        index = self._index(code)
        if index is None:
            return CreditCodeIndex(code, entity_id)
        if index.entity_id is not None:
            raise CreditCodeTaken(Text("credit code %(code)s is already registered, by entity %(entity)s",
                                       code=code, entity=index.entity_id), index.entity_id)
        index.reclaim(entity_id)
        return index

    def correction_effects(self, entity: ParkEntity, type_name: str,
                           data: dict[str, Any]) -> list[CreditCodeIndex]:
        """What a registration correction saves beside the entity: the old code released and
        the new one claimed, when the credit code changes. Checked before the fact is made."""
        if type_name != "registration_corrected":
            return []
        if "subtype" in data:
            try:
                check_subtype(entity.kind, data["subtype"])
            except ValueError as exc:
                raise InvalidFact({"subtype": [message_of(exc)]}) from None
        code = data.get("credit_code")
        if code is None or code == entity.credit_code:
            return []
        moved = [self.claim(code, entity.id)]
        old = self._index(entity.credit_code)
        if old is not None and old.entity_id == entity.id:
            old.release(entity.id)
            moved.append(old)
        return moved

    def _index(self, code: str) -> CreditCodeIndex | None:
        return self.find(CreditCodeIndex.create_id(code))

