"""Processes that work out entities' rows for the projector while it writes, when it is far
behind (a rebuild, a restart after downtime).

The policy engine costs more per event than reading and writing together, and one Python process
uses one core; so each worker takes a fixed share of the entities (by id), keeps their histories
in its own cache, and reads each batch from the store itself. The projector process only reads
where the batch ends, writes the rows and the tracking record in one transaction, in order; so
exactly-once is the projector's, as without workers.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from eventsourcing.sqlite import SQLiteApplicationRecorder

from projections.entity_rows import EntityRows, entity_rows
from projections.policy import PolicyBook
from registry.application import Registry
from registry.errors import EntityNotFound
from registry.gc_tuning import relax_gc

ALERT_TOPIC = "registry.alerts:Alert."
# One worker's state, in the worker process: set by _start.
_worker: dict[str, Any] = {}


def rows_of(registry: Registry, book: PolicyBook, touched: dict[UUID, list[Any]], today: date,
            last: dict[UUID, int] | None = None) -> list[EntityRows]:
    """Rows of each entity a batch touched, given its notifications in the batch. With `last`
    (a rebuild's `last_events`), none for an entity whose last event is further on: a later
    batch of the same rebuild works its rows out."""
    out = []
    for entity_id, theirs in touched.items():
        # Decoded once here and remembered, instead of read again entity by entity.
        registry.histories.offer(entity_id, theirs, registry.mapper.to_domain_event)
        if last is not None and last.get(entity_id, 0) > theirs[-1].id:
            continue
        try:
            entity, history = registry.state_and_history(entity_id, at_least=theirs[-1].originator_version)
        except EntityNotFound:
            continue
        out.append(entity_rows(entity, history, book, today))
    return out


def by_entity(notifications: Sequence[Any], mine: Callable[[UUID], bool] = lambda _: True
              ) -> dict[UUID, list[Any]]:
    """The notifications about entities (those `mine` keeps), grouped by entity, in log order."""
    touched: dict[UUID, list[Any]] = {}
    for n in notifications:
        if concerns_entity(n.topic) and mine(n.originator_id):
            touched.setdefault(n.originator_id, []).append(n)
    return touched


def alert_ids(notifications: Sequence[Any]) -> list[UUID]:
    """The alerts a batch issued or changed, each once, in log order."""
    return list(dict.fromkeys(n.originator_id for n in notifications if n.topic.startswith(ALERT_TOPIC)))


def concerns_entity(topic: str) -> bool:
    # Tokens, credit-code claims and idempotency records share the log but are not entities.
    return topic.startswith("registry.events:") or topic.endswith(".Registered")


class WorkerPool:
    """`count` worker processes, each owning the entities whose id ≡ its index (mod count).

    Forked when `fork` is asked and no other thread runs, else spawned. A spawned worker imports
    the app again, about 0.6 s of CPU each, which was a quarter of a rebuild's CPU at 1,000
    entities; a forked one has it all already. Forking is safe only before the process opens a
    database connection (the child would share it) and while no other thread runs (it may hold
    a lock the child inherits held): so the rebuild makes its pool before anything else, and
    the projector, which finds itself far behind only after it has connected, spawns.

    Each worker is a process and a pipe, not an executor: an executor starts a thread of its
    own at its first task, and the second worker would then be forked beside it.
    """

    def __init__(self, env: dict[str, str], book: PolicyBook, count: int, *, fork: bool = False):
        self.start_method = "fork" if fork and threading.active_count() == 1 else "spawn"
        context = multiprocessing.get_context(self.start_method)
        self._workers: list[_Worker] = []
        for index in range(count):
            self._workers.append(_Worker(context, [w.conn for w in self._workers],
                                         ({**env, "CREATE_TABLE": "n"}, book, index, count)))

    def submit(self, start: int, stop: int, today: date, until: int | None = None) -> list[Answer]:
        """Each worker's (rows, alert ids, events counted) for the notifications after `start` up to
        `stop`; with `until`, rows only of the entities whose last event up to `until` is in them."""
        return [w.ask(_rows_between, start, stop, today, until) for w in self._workers]

    def call(self, fn: Callable[..., Any], *args: Any) -> list[Any]:
        """`fn(*args)` in every worker (a module-level function), after what was asked before."""
        return [a.result() for a in [w.ask(fn, *args) for w in self._workers]]

    def close(self) -> None:
        for worker in self._workers:
            worker.close()


class Answer:
    """A worker's answer to one request; read from its pipe when first wanted, in the order asked."""

    def __init__(self, worker: _Worker):
        self._worker = worker
        self._settled = False
        self._value: Any = None
        self._error: BaseException | None = None

    def settle(self, value: Any, error: BaseException | None) -> None:
        self._value, self._error, self._settled = value, error, True

    def exception(self) -> BaseException | None:
        while not self._settled:
            self._worker.read_next()
        return self._error

    def result(self) -> Any:
        if (error := self.exception()) is not None:
            raise error
        return self._value


class _Worker:
    def __init__(self, context: Any, earlier: list[Any], start_args: tuple[Any, ...]):
        """`earlier`: this process's ends of the pipes to the workers made before this one."""
        self.conn, theirs = context.Pipe()
        # A forked worker closes its copies of this process's pipe ends, its own among them, so
        # that it sees end-of-file if this process dies; a spawned one has no copies.
        inherited = [*earlier, self.conn] if context.get_start_method() == "fork" else []
        self._process = context.Process(target=_serve, args=(theirs, inherited, *start_args), daemon=True)
        self._process.start()
        theirs.close()
        self._unread: deque[Answer] = deque()

    def ask(self, fn: Callable[..., Any], *args: Any) -> Answer:
        self.conn.send((fn, args))
        answer = Answer(self)
        self._unread.append(answer)
        return answer

    def read_next(self) -> None:
        answer = self._unread.popleft()
        try:
            ok, payload = self.conn.recv()
        except (EOFError, OSError):
            self._process.join(1)
            answer.settle(None, RuntimeError(
                f"projector worker {self._process.pid} stopped (exit code {self._process.exitcode})"))
            return
        answer.settle(payload if ok else None, None if ok else payload)

    def close(self) -> None:
        # Told to stop, not left to see its pipe close: a worker forked after it holds a copy of
        # this end. Unread answers are read first, since the worker may be blocked sending one.
        try:
            while self._unread:
                self.read_next()
            self.conn.send(None)
        except OSError:
            pass  # it has stopped already
        self.conn.close()
        self._process.join(30)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _serve(conn: Any, inherited: list[Any], env: dict[str, str], book: PolicyBook, index: int,
           count: int) -> None:
    """A worker's loop: answer each (function, args) in order until told to stop or the pipe closes."""
    for end in inherited:
        end.close()
    failed: BaseException | None = None
    try:
        _start(env, book, index, count)
    except Exception as exc:  # every request hears of it, so the projector reports it
        failed = exc
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        fn, args = request
        reply: tuple[bool, Any] = (False, failed)
        if failed is None:
            try:
                reply = (True, fn(*args))
            except Exception as exc:
                reply = (False, exc)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return
        except Exception as exc:  # an answer or error that does not pickle
            conn.send((False, RuntimeError(f"projector worker could not send its answer: {exc!r}")))


def _start(env: dict[str, str], book: PolicyBook, index: int, count: int) -> None:
    relax_gc()
    _worker.update(registry=Registry(env), book=book, index=index, count=count)


def _rows_between(start: int, stop: int, today: date, until: int | None = None
                  ) -> tuple[list[EntityRows], list[UUID], int]:
    registry: Registry = _worker["registry"]
    mine, count = _worker["index"], _worker["count"]
    if until is not None and _worker.get("until") != until:
        _worker["until"], _worker["last"] = until, last_events(registry.recorder, until)
    if isinstance(registry.recorder, SQLiteApplicationRecorder):
        touched, alerts, seen = _own_sqlite_rows(registry.recorder, start, stop, mine, count)
    else:
        notifications: Sequence[Any] = registry.recorder.select_notifications(
            start=start, limit=stop - start, stop=stop, inclusive_of_start=False)
        touched = by_entity(notifications, lambda entity_id: entity_id.int % count == mine)
        alerts, seen = alert_ids(notifications), len(notifications)
    rows = rows_of(registry, _worker["book"], touched, today,
                   _worker["last"] if until is not None else None)
    # The first worker also names the batch's alerts, for the projector to read and write, and
    # counts its events.
    return (rows, alerts, seen) if mine == 0 else (rows, [], 0)


def _own_sqlite_rows(recorder: SQLiteApplicationRecorder, start: int, stop: int, mine: int,
                     count: int) -> tuple[dict[UUID, list[Any]], list[UUID], int]:
    """What `_rows_between` reads, from plain rows: a notification, with its id parsed into a
    UUID, is made only for this worker's entities. The library's reader makes one for every row
    of the batch, and each worker keeps 1/count of them: that was a seventh of a worker's time."""
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(
            "SELECT rowid, originator_id, originator_version, topic, state "
            f"FROM {recorder.events_table_name} WHERE rowid > ? AND rowid <= ? ORDER BY rowid",
            [start, stop])
        rows = cursor.fetchall()
    touched: dict[UUID, list[Any]] = {}
    alerts: dict[UUID, None] = {}
    for rowid, text, version, topic, state in rows:
        if concerns_entity(topic) and (number := _id_int(text)) % count == mine:
            entity_id = UUID(int=number)
            touched.setdefault(entity_id, []).append(Notification(
                id=rowid, originator_id=entity_id, originator_version=version, topic=topic,
                state=state))
        if topic.startswith(ALERT_TOPIC):
            alerts[UUID(text)] = None
    return touched, list(alerts), len(rows)


def _id_int(text: str) -> int:
    # The store keeps ids as 32 hex digits; a dashed form parses the same way through UUID.
    try:
        return int(text, 16)
    except ValueError:
        return UUID(text).int


def last_events(recorder: Any, until: int) -> dict[UUID, int]:
    """Each aggregate's last notification id up to `until`: where a rebuild works out its rows.

    A park's log interleaves its entities over the years, so a batch of it touches an entity
    whose history goes on in later batches; worked out in each, an entity of twenty facts was
    worked out about twenty times in a rebuild (measured on an interleaved log)."""
    if isinstance(recorder, SQLiteApplicationRecorder):
        statement: Any = (f"SELECT originator_id AS id, MAX(rowid) AS last FROM {recorder.events_table_name} "
                          "WHERE rowid <= ? GROUP BY originator_id")
        convert: Callable[[Any], UUID] = lambda text: UUID(int=_id_int(text))  # noqa: E731
    else:
        from psycopg.sql import SQL, Identifier

        statement = SQL("SELECT originator_id AS id, MAX(notification_id) AS last FROM {schema}.{table} "
                        "WHERE notification_id <= %s GROUP BY originator_id").format(
            schema=Identifier(recorder.datastore.schema), table=Identifier(recorder.events_table_name))
        convert = lambda value: value  # noqa: E731  (psycopg gives UUIDs)
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(statement, [until])
        return {convert(row["id"]): row["last"] for row in cursor.fetchall()}
