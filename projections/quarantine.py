"""Events the projector cannot apply: set aside with the reason, never retried forever, never
skipped silently.

An event that reached the store past the door (an old SQLite file restored onto PostgreSQL, a
bug of an earlier release) may hold what a read model cannot keep (U+0000 on PostgreSQL), fail to
decode, or make the policy engine raise. Retrying it would stop every read for everyone; skipping
it would hide it. So it is quarantined: a row naming it and the error, written in the transaction
that moves the tracking position past it, a log line, a 503 from /ready, and a line in the
report of `jcg projections rebuild`. Whatever else the batch holds is applied as usual.

Only errors the events cause are quarantined. A database that cannot be reached, a lock that
times out, a pool that is closed: the batch is retried, nothing is set aside. Nor is a key two
projectors wrote at once (an integrity error): that is the race the projector already resolves.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.persistence import DataError, PersistenceError

from contract.text import printable
from registry.records import event_id

log = logging.getLogger("jcg.projector")

# What a database says about one row's values: U+0000 or an encoding PostgreSQL refuses, a
# value SQLite cannot bind. Checked before the infrastructure errors, of which they are kinds.
try:
    import psycopg

    _ROW_ERRORS: tuple[type[BaseException], ...] = (DataError, sqlite3.DataError, psycopg.DataError)
    _INFRASTRUCTURE: tuple[type[BaseException], ...] = (PersistenceError, sqlite3.Error, psycopg.Error,
                                                         OSError, MemoryError)
except ImportError:  # pragma: no cover  (psycopg comes with the project; SQLite alone still works)
    _ROW_ERRORS = (DataError, sqlite3.DataError)
    _INFRASTRUCTURE = (PersistenceError, sqlite3.Error, OSError, MemoryError)

# An error text kept for the operator: long enough to act on, short enough for a log line.
ERROR_LENGTH = 1000


def caused_by_the_event(exc: BaseException) -> bool:
    """Whether applying failed because of what the events hold (quarantine) rather than because
    of the database or the process (retry).

    Working an entity's rows out is pure code over its decoded events: whatever it raises
    (a decoding or transcoding error, a ValueError, the policy engine's exception) comes from
    those events. Writing them, only a database's complaint about a value does."""
    if isinstance(exc, _ROW_ERRORS):
        return True
    if isinstance(exc, _INFRASTRUCTURE):
        return False
    return isinstance(exc, Exception)


def describe(exc: BaseException) -> str:
    """The error as one printable line (it may echo the very characters that caused it)."""
    return printable(f"{type(exc).__name__}: {exc}".replace("\n", " "))[:ERROR_LENGTH]


@dataclass
class Quarantine:
    """The events of one batch set aside, as rows of jcg_quarantine; `notifications` maps an
    entity's or alert's id to its notifications in the batch, for a failure found on writing."""

    at: str
    notifications: dict[str, Sequence[Any]] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def blame(self, key: str, exc: BaseException) -> bool:
        """Quarantine the batch's events of `key` when `exc` is theirs; False when it is not."""
        if not caused_by_the_event(exc):
            return False
        self.add(self.notifications.get(key, ()), exc)
        return True

    def add(self, notifications: Sequence[Any], exc: BaseException) -> None:
        error = describe(exc)
        self.rows.extend({
            "notification_id": n.id, "originator_id": str(n.originator_id),
            "originator_version": n.originator_version,
            "event_id": str(event_id(n.originator_id, n.originator_version)),
            "topic": printable(n.topic)[:200], "error": error, "quarantined_at": self.at,
        } for n in notifications)

    def report(self) -> None:
        """One structured log line per event set aside (after its transaction committed)."""
        for row in self.rows:
            log.error("event quarantined: it could not be applied to the read models",
                      extra={"quarantined": row})
