"""The registry's write API: register entities, record their facts, read their histories."""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from contract.catalogue import FACT_TYPES, SYSTEM_TYPES
from i18n import Quoted, Series, Text
from registry.access import Principal
from registry.borrower_standing import BorrowerStanding
from registry.clock import Clock, system_clock
from registry.credit_codes import CreditCodes
from registry.earlier_loans import EarlierLoans
from registry.entities import ENTITY_CLASSES, IdempotencyRecord, ParkEntity
from registry.errors import Contended, FactNotAllowed, IdempotencyKeyReused, UnknownFactType, VersionMismatch
from registry.history import to_records
from registry.history_cache import HistoryCache
from registry.lending import Lending
from registry.reading import Reading, held_in_memory
from registry.records import FactRecord, event_id
from registry.registration import Registration
from registry.token_keeping import TokenKeeping
from registry.transcodings import DateAsISO

# Called with (history, type, occurred_on, data, drawn on the line the fact draws on, or None)
# before a fact is recorded; raises to refuse, or returns facts derived at the door to store.
Admission = Callable[[Sequence[FactRecord], str, date, dict[str, Any], Any], dict[str, Any] | None]

# Concurrent writers to one entity retry on the store's conflict, after growing random pauses;
# bounded, so that a request always ends.
MAX_ATTEMPTS = 50


class Registry(Reading, Lending, BorrowerStanding, EarlierLoans, CreditCodes, TokenKeeping,
               Application[UUID]):
    """The park's registry of entities (园区主体登记).

    It takes no snapshots (no `snapshotting_intervals`): with any set, the library's
    `repository.get` asks the snapshot table first for every aggregate, so each index, key and
    token read would pay a second query. Histories stay short; the history cache holds them."""

    def __init__(self, env: dict[str, str] | None = None, *, clock: Clock = system_clock,
                 admission: Admission | None = None):
        super().__init__(env)
        self.clock = clock
        self.admission = admission
        self._principals: dict[str, tuple[Principal, float]] = {}  # see TokenKeeping
        self.histories = HistoryCache()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def register(self, registration: Registration, by: Principal) -> dict[str, Any]:
        """Register an entity (入驻); a credit code already registered raises CreditCodeTaken
        naming the entity that holds it."""
        for _ in range(MAX_ATTEMPTS):
            # Made afresh each try: a failed save has taken the events of what it was given.
            entity = ENTITY_CLASSES[registration.kind](
                name=registration.name, credit_code=registration.credit_code,
                zone=registration.zone, entered_on=registration.entered_on,
                recorded_by=by.as_recorder(), recorded_at=self.clock(), subtype=registration.subtype,
            )
            index = self.claim(registration.credit_code, entity.id)
            try:
                recordings = self.save(entity, index)
            except IntegrityError:
                continue  # another writer claimed the code first: claim() now names it
            return {**entity_view(entity), "position": recordings[-1].notification.id}
        raise _contended(MAX_ATTEMPTS)

    def record(self, entity_id: UUID, type_name: str, occurred_on: date, data: Any,
               by: Principal, if_match: int | None = None,
               idempotency_key: str | None = None) -> dict[str, Any]:
        """Record one fact against an entity; returns {event_id, entity_id, type, version}."""
        parsed = _parsed(type_name, data)
        # Only a keyed request is compared with an earlier one.
        fingerprint = _fingerprint(type_name, occurred_on, data) if idempotency_key is not None else ""
        for attempt in range(MAX_ATTEMPTS):
            entity, history = self.load(entity_id)
            # The key is read after the history: a history that holds this request's first
            # sending (saved meanwhile, its key with it) is answered as a replay, never refused
            # as a second recording of its own matter.
            remembered = self._remembered(entity_id, idempotency_key, fingerprint)
            if remembered is not None:
                return remembered
            fact, response, saving = self._decide(entity, history, type_name, occurred_on, parsed, by,
                                                  if_match, idempotency_key, self.admission)
            if idempotency_key is not None:
                saving.append(IdempotencyRecord(str(entity_id), idempotency_key, fingerprint, response))
            try:
                recordings = self.save(*saving)
            except IntegrityError:
                # Another writer saved first (to this entity, its credit line or its key): decide
                # again on what it left. Random, growing pauses keep retries out of step.
                time.sleep(random.uniform(0, 0.001 * 2 ** min(attempt, 6)))
                continue
            return {**response, "position": recordings[-1].notification.id}
        raise _contended(MAX_ATTEMPTS)

    def rehearse(self, entity: ParkEntity, history: list[FactRecord], type_name: str,
                 occurred_on: date, data: Any, by: Principal, admission: Admission | None,
                 held: dict[UUID, Any]) -> None:
        """Decide a fact as `record` decides it, on an entity held in memory, and save nothing
        (an import's dry run). The fact is applied to `entity` and added to `history`, so that a
        later fact is decided on them; `admission` is the policy's door, which a dry run gives
        the entities it holds in memory.

        `held`: the aggregates across entities (the 泉科贷 line, loan and credit-code claims) as
        the dry run's earlier facts left them, by id; the fact's own are added. They are read
        before the store's, so a later row is held to the line the earlier rows drew on, as
        the import will hold it."""
        with held_in_memory(held):
            fact, _, saving = self._decide(entity, history, type_name, occurred_on,
                                           _parsed(type_name, data), by, None, None, admission)
        history.extend(to_records([fact], kind=entity.kind))
        held.update((a.id, a) for a in saving if not isinstance(a, ParkEntity))

    def _decide(self, entity: ParkEntity, history: Sequence[FactRecord], type_name: str,
                occurred_on: date, parsed: dict[str, Any], by: Principal, if_match: int | None,
                idempotency_key: str | None,
                admission: Admission | None) -> tuple[Any, dict[str, Any], list[Any]]:
        """The fact as the entity's state and the policy admit it, its response, and what to save."""
        if if_match is not None and entity.version != if_match:
            raise VersionMismatch(Text(
                "the entity is at version %(version)s, not %(if_match)s: "
                "read it again and decide on the current state", version=entity.version, if_match=if_match))
        entity.check_may_record(type_name, occurred_on)
        claims = self.correction_effects(entity, type_name, parsed)
        # Read before the door reads the borrower, so a racing loan and correction collide.
        index = self.standing_index(entity, history, type_name, parsed)
        line, stored = self.line_to_draw(type_name, parsed), parsed
        if admission is not None:
            derived = admission(history, type_name, occurred_on, parsed, line and line.drawn)
            stored = {**parsed, **(derived or {})}
        fact = entity.record_fact(
            type_name, occurred_on, stored, recorded_by=by.as_recorder(),
            recorded_at=self.clock(), idempotency_key=idempotency_key,
        )
        response = {"event_id": str(event_id(fact.originator_id, fact.originator_version)),
                    "entity_id": str(entity.id), "type": type_name, "version": entity.version}
        restated = self.standing_effects(index, fact, [*history, *to_records([fact], kind=entity.kind)],
                                         response["event_id"])
        lent = self.lending_effects(fact, line, response["event_id"], history)
        return fact, response, [entity, *claims, *lent, *restated]

    def _remembered(self, entity_id: UUID, key: str | None, fingerprint: str) -> dict[str, Any] | None:
        if key is None:
            return None
        record = self.find(IdempotencyRecord.create_id(str(entity_id), key))
        if record is None:
            return None
        if record.fingerprint != fingerprint:
            raise IdempotencyKeyReused(Text(
                "Idempotency-Key %(key)s was first used for a different request; "
                "use a new key for a new event", key=Quoted(key)))
        return {**record.response, "replayed": True}


def _contended(attempts: int) -> Contended:
    return Contended(Text("other writers saved first to the same entity, credit line or index on "
                          "each of %(attempts)s tries: nothing was recorded; send the request again",
                          attempts=attempts))


def _parsed(type_name: str, data: Any) -> dict[str, Any]:
    if type_name in SYSTEM_TYPES:
        raise FactNotAllowed(Text(
            "%(type)s is recorded by the registry itself, when a fact recorded on the borrower "
            "changes its standing: record that fact (registration_corrected, incubation_started …) "
            "on the borrower instead", type=Quoted(type_name)))
    fact_type = FACT_TYPES.get(type_name)
    if fact_type is None:
        raise UnknownFactType(Text("unknown event type %(type)s; the contract's types are %(types)s",
                                   type=Quoted(type_name), types=Series(FACT_TYPES)))
    return fact_type.parse(data)


def entity_view(entity: ParkEntity) -> dict[str, Any]:
    """The entity's state as the API shows it."""
    return {"id": str(entity.id), "kind": entity.kind, "name": entity.name,
            "credit_code": entity.credit_code, "zone": entity.zone,
            "entered_on": entity.entered_on, "status": entity.status, "version": entity.version,
            "subtype": getattr(entity, "subtype", None)}


def _fingerprint(type_name: str, occurred_on: date, data: Any) -> str:
    canonical = json.dumps([type_name, occurred_on.isoformat(), data], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
