"""The registry's write API: register entities, record their facts, read their histories."""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoder

from registry.access import Principal
from registry.alerting import Alerting
from registry.catalogue import FACT_TYPES
from registry.clock import Clock, system_clock
from registry.entities import ENTITY_CLASSES, CreditCodeIndex, IdempotencyRecord, ParkEntity
from registry.errors import IdempotencyKeyReused, UnknownFactType, VersionMismatch
from registry.group_commit import GroupCommitter
from registry.history import LazyHistory, event_id
from registry.history_cache import HistoryCache
from registry.lending import Lending
from registry.reading import Reading
from registry.records import FactRecord
from registry.registration import Registration, claim_credit_code
from registry.token_keeping import TokenKeeping
from registry.transcodings import DateAsISO, HistoryTranscoder
from registry.write_turn import write_turn

# Called with (history, type, occurred_on, data, drawn on the line the fact draws on, or None)
# before a fact is recorded; raises to refuse, or returns facts derived at the door to store.
Admission = Callable[[Sequence[FactRecord], str, date, dict[str, Any], Any], dict[str, Any] | None]

# Concurrent writers to one entity retry on the store's conflict; this many tries is far
# beyond what two cores can contend, and still bounded.
MAX_ATTEMPTS = 50


class Registry(Reading, Alerting, Lending, TokenKeeping, Application[UUID]):
    """The park's registry of entities (园区主体登记)."""

    def __init__(self, env: dict[str, str] | None = None, *, clock: Clock = system_clock,
                 admission: Admission | None = None, group_commit: bool = True):
        super().__init__(env)
        self.clock = clock
        self.admission = admission
        self._principals: dict[str, tuple[Principal, float]] = {}  # see TokenKeeping
        self.histories = HistoryCache()
        self.group_commit = group_commit
        self._turn = write_turn(getattr(self.recorder, "datastore", None))
        self._committer = GroupCommitter(self._save_collected, self._turn)

    def save(self, *objs: Any, **kwargs: Any) -> list[Any]:
        """Save through the process's group committer: concurrent requests share a transaction."""
        if kwargs or not self.group_commit:
            return super().save(*objs, **kwargs)
        events = [e for obj in objs if obj is not None for e in obj.collect_events()]
        if not events:
            return []
        return self._committer.save(events)

    def _save_collected(self, *events: Any) -> list[Any]:
        """`Application.save` of events already collected from their aggregates, without its
        check of each against the library's runtime Protocol (`isinstance` against
        DomainEventProtocol, 22 us an event, measured): the same recording, snapshots and
        notifications, in the library's own steps (eventsourcing is pinned, see pyproject)."""
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        processing_event.events.extend(events)
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        self.notify(processing_event.events)  # the library's deprecated hook, as save calls it
        return recordings

    def close(self) -> None:
        if "_state_rows" in self.__dict__:  # made on the first write to an unseen entity
            self._state_rows.close()
        super().close()
        self._turn.close()

    def construct_transcoder(self) -> Transcoder:
        if self.factory.env.get(self.factory.TRANSCODER_TOPIC):
            return super().construct_transcoder()
        transcoder = HistoryTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def register(self, registration: Registration, by: Principal) -> dict[str, Any]:
        """Register an entity (入驻); a credit code already registered raises CreditCodeTaken."""
        entity = ENTITY_CLASSES[registration.kind](
            name=registration.name, credit_code=registration.credit_code,
            zone=registration.zone, entered_on=registration.entered_on,
            recorded_by=by.as_recorder(), recorded_at=self.clock(), subtype=registration.subtype,
        )
        index = CreditCodeIndex(registration.credit_code, entity.id)
        with claim_credit_code(registration.credit_code):
            recordings = self.save(entity, index)
        return {**entity_view(entity), "position": recordings[-1].notification.id}

    def record(self, entity_id: UUID, type_name: str, occurred_on: date, data: Any,
               by: Principal, if_match: int | None = None,
               idempotency_key: str | None = None) -> dict[str, Any]:
        """Record one fact against an entity; returns {event_id, entity_id, type, version}."""
        fact_type = FACT_TYPES.get(type_name)
        if fact_type is None:
            raise UnknownFactType(
                f"unknown event type {type_name!r}; the contract's types are "
                + ", ".join(FACT_TYPES)
            )
        # Only a keyed request is compared with an earlier one.
        fingerprint = _fingerprint(type_name, occurred_on, data) if idempotency_key is not None else ""
        remembered = self._remembered(entity_id, idempotency_key, fingerprint)
        if remembered is not None:
            return remembered
        parsed = fact_type.parse(data)
        for attempt in range(MAX_ATTEMPTS):
            # The first try trusts the state this process remembers, without asking the store
            # for newer events: a stale one is caught by the store's version check on insert,
            # and a refusal is given only once a fresh read confirms it.
            trusted = attempt == 0
            if trusted:
                entity, history = self._state_to_write_on(entity_id)
            else:
                entity, events = self._state(entity_id)
                history = partial(self.histories.records, entity_id, events)
            try:
                fact, line, response, saving = self._draft(
                    entity, history, type_name, occurred_on, parsed, by, if_match, idempotency_key)
            except Exception:
                if trusted:
                    continue
                raise
            if idempotency_key is not None:
                saving.append(IdempotencyRecord(str(entity_id), idempotency_key, fingerprint, response))
            try:
                recordings = self.save(*saving)
            except IntegrityError:
                remembered = self._remembered(entity_id, idempotency_key, fingerprint)
                if remembered is not None:
                    return remembered
                if trusted:
                    continue  # most likely another process wrote first: read and try again
                if if_match is not None and self.entity(entity_id).version != if_match:
                    raise VersionMismatch(
                        f"the entity moved past version {if_match} while this was recorded"
                    ) from None
                # Random, growing pauses: writers that retry in step collide again, and the
                # unluckiest one would run out of attempts.
                time.sleep(random.uniform(0, 0.001 * 2 ** min(attempt, 6)))
                continue
            # The state is remembered, so the next write needs no read; the fact, decoded from
            # what was stored as a read would give it, joins a history this process remembers.
            stored_fact = next(r.notification for r in recordings if r.domain_event is fact)
            self.histories.offer(entity_id, [stored_fact], self.mapper.to_domain_event)
            self.histories.remember_state(entity_id, entity)
            return {**response, "position": recordings[-1].notification.id}
        raise IntegrityError(f"gave up recording on {entity_id} after {MAX_ATTEMPTS} conflicts")

    def _draft(self, entity: ParkEntity, records: Callable[[], Sequence[FactRecord]], type_name: str,
               occurred_on: date, parsed: dict[str, Any], by: Principal, if_match: int | None,
               idempotency_key: str | None) -> tuple[Any, Any, dict[str, Any], list[Any]]:
        """The fact as the entity's state and the policy admit it, its response, and what to save."""
        entity_id = entity.id
        history = LazyHistory(records)
        if if_match is not None and entity.version != if_match:
            raise VersionMismatch(
                f"the entity is at version {entity.version}, not {if_match}: "
                "read it again and decide on the current state"
            )
        entity.check_may_record(type_name)
        line, stored = self.line_to_draw(type_name, parsed), parsed
        if self.admission is not None:
            derived = self.admission(history, type_name, occurred_on, parsed, line and line.drawn)
            stored = {**parsed, **(derived or {})}
        fact = entity.record_fact(
            type_name, occurred_on, stored, recorded_by=by.as_recorder(),
            recorded_at=self.clock(), idempotency_key=idempotency_key,
        )
        response = {"event_id": str(event_id(fact.originator_id, fact.originator_version)),
                    "entity_id": str(entity_id), "type": type_name, "version": entity.version}
        return fact, line, response, [entity, *self.lending_effects(fact, line, response["event_id"])]

    def _remembered(self, entity_id: UUID, key: str | None, fingerprint: str) -> dict[str, Any] | None:
        if key is None:
            return None
        try:
            record = self.repository.get(IdempotencyRecord.create_id(str(entity_id), key))
        except AggregateNotFoundError:
            return None
        if record.fingerprint != fingerprint:
            raise IdempotencyKeyReused(
                f"Idempotency-Key {key!r} was first used for a different request; "
                "use a new key for a new event"
            )
        return {**record.response, "replayed": True}


def entity_view(entity: ParkEntity) -> dict[str, Any]:
    """The entity's state as the API shows it."""
    return {"id": str(entity.id), "kind": entity.kind, "name": entity.name,
            "credit_code": entity.credit_code, "zone": entity.zone,
            "entered_on": entity.entered_on, "status": entity.status, "version": entity.version,
            "subtype": getattr(entity, "subtype", None)}


def _fingerprint(type_name: str, occurred_on: date, data: Any) -> str:
    canonical = json.dumps([type_name, occurred_on.isoformat(), data], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
