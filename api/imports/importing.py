"""An import: each row of a workbook checked by the API's own schemas and rules, and recorded
through the path the batch route records by (`api.events.routes.record`), entities first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from marshmallow import ValidationError

from api.entities.schemas import EntityCreateSchema
from api.errors import flatten
from api.events.routes import record, rehearse
from api.events.schemas import EventCreateSchema
from api.imports.rows import (
    RowRefused,
    content_key,
    credit_code_of,
    data_faults,
    entity_code,
    known,
    planned_id,
)
from api.languages import say
from api.wired import services
from contract.catalogue import InvalidFact
from i18n import Series, Term, Text, labels
from projections.wiring import door
from registry.access import Principal
from registry.entities import ENTITY_CLASSES, CreditCodeIndex, IdempotencyRecord
from registry.errors import CreditCodeTaken
from registry.history import to_records
from registry.reading import held_in_memory
from registry.records import FactRecord, registration_of
from registry.registration import Registration
from spreadsheets.columns import ENTITIES
from spreadsheets.reading import Row

ENTITY_SCHEMA = EntityCreateSchema()
EVENT_SCHEMA = EventCreateSchema()
COMPARED = ("kind", "name", "zone", "entered_on", "subtype")


def run_import(rows: Iterable[Row], *, dry_run: bool, by: Principal,
               progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """The contract's report: {dry_run, rows, recorded, skipped, refused, errors}."""
    importer, projector = Importer(by, dry_run), services().projector
    began = projector.head()
    for row in rows:
        importer.take(row)
        if progress is not None:
            progress(1)
    # More events than a read works out itself: what the importer reads next sees them all.
    projector.ensure_current(since=began)
    return importer.report


class Importer:
    def __init__(self, by: Principal, dry_run: bool):
        self.registry, self.by, self.dry_run = services().registry, by, dry_run
        self.ids: dict[str, UUID | None] = {}  # credit code -> id of the entity in the registry
        self.planned: dict[str, Registration] = {}  # a dry run's registrations, as if recorded
        # A dry run's entities held in memory by id (a stand-in id for a planned one), with their
        # histories and the keys of the rows decided on them: the next row is decided on these.
        self.entities: dict[str, Any] = {}
        self.histories: dict[str, list[FactRecord]] = {}
        self.keys: dict[str, set[str]] = {}
        # And what its rows took across entities (the 泉科贷 line, loan and credit-code claims).
        self.held: dict[UUID, Any] = {}
        # The ids a dry run makes up for the facts it holds: a refusal that names one names its row.
        self.rows_of: dict[str, Text] = {}
        self.door = door(services().policy, self.registry, held=self.histories)
        self.report: dict[str, Any] = {"dry_run": dry_run, "rows": 0, "recorded": 0, "skipped": 0,
                                       "refused": 0, "errors": []}

    def take(self, row: Row) -> None:
        self.report["rows"] += 1
        try:
            if row.faults:  # a cell that no longer holds what was typed: nothing to decide on
                raise RowRefused({key: [message] for key, message in row.faults.items()})
            outcome = self._registration(row) if row.sheet == ENTITIES else self._event(row)
        except RowRefused as refused:
            self.report["refused"] += 1
            self._explain(row, refused)
            return
        self.report[outcome] += 1

    def _explain(self, row: Row, refused: RowRefused) -> None:
        problems = [(f, m) for f, messages in refused.errors.items() for m in messages]
        problems = problems or [(None, refused.message)]
        for column, message in problems:
            known = column in row.cells or column in ("credit_code", "occurred_on") or (
                column or "").startswith("data.")
            self.report["errors"].append({"sheet": row.sheet, "row": row.number,
                                          "column": column if known else None,
                                          "cell": row.cells.get(column or ""),
                                          "message": self._placed(message)})

    def _placed(self, message: str) -> str:
        for ref, place in self.rows_of.items():
            if ref in message:
                message = message.replace(ref, say(place))
        return message

    def _registration(self, row: Row) -> str:
        try:
            registration = Registration.parse(ENTITY_SCHEMA.load(row.values))
        except ValidationError as exc:
            # The schema stops before the credit code's check character: a clerk wants every
            # fault of the row at once.
            errors = flatten(exc.messages)
            if row.values.get("credit_code") is not None and "credit_code" not in errors:
                credit_code_of(row.values["credit_code"], errors)
            raise RowRefused(errors) from None
        except InvalidFact as exc:
            raise RowRefused(exc.errors) from None
        return known(lambda: self._registered(registration))

    def _registered(self, registration: Registration, first_try: bool = True) -> str:
        code = registration.credit_code
        if self._as_first_registered(code, registration):
            return "skipped"
        earlier = self._registered_as(code)
        if earlier is not None:
            differ = [k for k in COMPARED if str(earlier.get(k)) != str(getattr(registration, k))]
            if not differ:
                return "skipped"
            holder = None if code in self.planned else self._entity_id(code)
            fields = Series(Term(k, labels.field(k)) for k in differ)
            raise RowRefused({"credit_code": [Text(
                "credit code %(code)s is already registered, by entity %(entity)s, with another "
                "%(fields)s: correct the row, or record the change as an event",
                code=code, entity=holder, fields=fields) if holder else Text(
                "credit code %(code)s is registered by an earlier row of this workbook with another "
                "%(fields)s: correct one of the rows", code=code, fields=fields)]})
        if self.dry_run:
            # Held as if registered: its code claimed, so a later row that would claim it too
            # (a correction) is refused as the import refuses it.
            self.planned[code], self.ids[code] = registration, planned_id(code)
            self.held[CreditCodeIndex.create_id(code)] = CreditCodeIndex(code, planned_id(code))
            self._held(code, None)
            return "recorded"
        try:
            entity = self.registry.register(registration, self.by)
        except CreditCodeTaken:
            if not first_try:
                raise
            # Registered since this import looked (by the API, or by the same workbook uploaded
            # at once): decided as if it had been registered before, skipped when the same.
            del self.ids[code]
            return self._registered(registration, first_try=False)
        self.ids[code] = UUID(entity["id"])
        return "recorded"

    def _as_first_registered(self, code: str, registration: Registration) -> bool:
        """Whether the row is, as first recorded, the registration of the entity that holds the
        code, or held it until a correction moved it: the same row imported again, whatever was
        corrected since. The workbook's code then names that entity in its later rows too."""
        if code in self.planned:
            return False
        entity_id = self._entity_id(code) or self.registry.released_by(code)
        if entity_id is None:
            return False
        first = self.registry.history(entity_id)[0].data
        if any(str(first.get(k)) != str(getattr(registration, k)) for k in COMPARED):
            return False
        self.ids[code] = entity_id
        return True

    def _registered_as(self, code: str) -> dict[str, Any] | None:
        if code in self.planned:
            return {k: getattr(self.planned[code], k) for k in COMPARED}
        entity_id = self._entity_id(code)
        return None if entity_id is None else registration_of(self.registry.history(entity_id))

    def _entity_id(self, code: str) -> UUID | None:
        if code not in self.ids:
            # A dry run's earlier rows may have moved a credit code (registration_corrected).
            with held_in_memory(self.held):
                self.ids[code] = self.registry.holder_of(code)
        return self.ids[code]

    def _event(self, row: Row) -> str:
        values = row.values
        body = {"type": row.sheet, "data": {k.removeprefix("data."): v for k, v in values.items()
                                            if k.startswith("data.")}}
        if "occurred_on" in values:
            body["occurred_on"] = values["occurred_on"]
        errors: dict[str, list[str]] = {}
        code = credit_code_of(values.get("credit_code"), errors)
        self._resolve_references(body["data"], errors)
        try:
            event = EVENT_SCHEMA.load(body)
        except ValidationError as exc:
            errors.update(flatten(exc.messages))
        if errors:
            # The request stops at its first layer of checks; a clerk wants every fault of the row.
            errors.update(data_faults(body))
            raise RowRefused(errors)
        entity_id = self._entity_id(code)
        if entity_id is None and code not in self.planned:
            raise RowRefused({"credit_code": [Text(
                "no entity is registered with credit code %(code)s, in the registry or on the "
                "entities sheet", code=code)]})
        key = content_key(row.sheet, code, event)
        if not self.dry_run:
            recorded = known(lambda: record(entity_id, event, if_match=None, idempotency_key=key,
                                             by=self.by))
            return "skipped" if recorded.get("replayed") else "recorded"
        return self._rehearse(row, code, entity_id, key, event)

    def _rehearse(self, row: Row, code: str, entity_id: UUID | None, key: str, event: dict[str, Any]) -> str:
        """A dry run's row, decided by the registry's own rules on the entity as the rows before
        it left it (held in memory), so that it says what the import will do; nothing is saved."""
        if key in self.keys.setdefault(code, set()) or (
                entity_id is not None and self._remembered(entity_id, key)):
            return "skipped"
        entity, history = self._held(code, entity_id)
        known(lambda: rehearse(entity, history, event, self.by, self.door, self.held))
        self.keys[code].add(key)
        self.rows_of[history[-1].ref] = Text("row %(row)s of sheet %(sheet)s of this workbook",
                                             row=row.number, sheet=row.sheet)
        return "recorded"

    def _held(self, code: str, entity_id: UUID | None) -> tuple[Any, list[FactRecord]]:
        ref = str(entity_id or planned_id(code))
        if ref not in self.entities:
            if entity_id is not None:
                self.entities[ref], self.histories[ref] = self.registry.state_and_history(entity_id)
            else:
                planned = self.planned[code]
                entity = ENTITY_CLASSES[planned.kind](
                    name=planned.name, credit_code=code, zone=planned.zone, entered_on=planned.entered_on,
                    recorded_by=self.by.as_recorder(), recorded_at=self.registry.clock(),
                    subtype=planned.subtype)
                self.entities[ref], self.histories[ref] = entity, to_records(entity.collect_events())
        return self.entities[ref], self.histories[ref]

    def _resolve_references(self, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
        """A clerk names another entity by its credit code where the API takes its id."""
        for name, value in data.items():
            code = entity_code(name, value)
            if code is None:
                continue
            entity_id = self._entity_id(code)  # a dry run's stand-in for an entity it registers
            if entity_id is None:
                errors[f"data.{name}"] = [Text("no entity is registered with credit code %(code)s",
                                               code=code)]
            else:
                data[name] = str(entity_id)

    def _remembered(self, entity_id: UUID, key: str) -> bool:
        return self.registry.find(IdempotencyRecord.create_id(str(entity_id), key)) is not None
