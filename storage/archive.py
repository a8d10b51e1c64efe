"""The event store in and out of a file: everything else (read models, alerts' rows) is rebuilt
from the events, so the events alone are a complete backup.

An archive is either an SQLite database file (SQLite's own online backup of the registry's
file) or JSON lines an auditor can read: a header line, then one line per stored event in
notification order, `{id, entity, version, type, topic, state, types}`, `state` being the
event's own fields (dates, data, recorded_by...) as plain JSON and `types` naming, by JSON
pointer, the values the event store keeps typed (a date, a Decimal, a UUID); an event whose
stored state is not such JSON has `stored_state`, its bytes in base64, instead. Restoring puts the
types back and inserts the same rows through the recorder: ids, versions, topics and states are
kept byte for byte. Version 1 exports (`state` in base64) are still read.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from itertools import islice
from pathlib import Path
from typing import Any, TextIO
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, StoredEvent

from i18n import Series, Text
from storage.readable_events import readable_line, stored_event

FORMAT = "jcg-events"
VERSION = 2
READABLE = (1, 2)
BATCH = 500
SQLITE_MAGIC = b"SQLite format 3\x00"

Advance = Callable[[int], None]


class NotAnArchive(ValueError):
    """The file is neither an SQLite backup nor an event export, or one damaged (its message a
    Text)."""


def export_events(recorder: ApplicationRecorder, out: TextIO, advance: Advance = lambda n: None) -> int:
    """Write every stored event up to the log's present head; returns how many."""
    head = recorder.max_notification_id() or 0
    out.write(json.dumps({"format": FORMAT, "version": VERSION, "head": head}) + "\n")
    written, position = 0, 0
    while position < head:
        page = recorder.select_notifications(start=position, limit=BATCH, stop=head,
                                             inclusive_of_start=False)
        if not page:
            break
        for n in page:
            out.write(_json_line(readable_line(n.id, n.originator_id, n.originator_version,
                                               n.topic, n.state)))
        written, position = written + len(page), page[-1].id
        advance(len(page))
    return written


def _json_line(line: dict[str, Any]) -> str:
    # A lone surrogate (an escape in an old store's JSON, no character of UTF-8) is written
    # back as the same escape: the line stays UTF-8 and reads back to the same string.
    text = json.dumps(line, ensure_ascii=False) + "\n"
    return text.encode("utf8", "backslashreplace").decode("utf8")


def read_archive(path: Path) -> tuple[int, Iterator[StoredEvent]]:
    """How many events the archive holds (about), and the events in their recorded order.

    The events are read as they are iterated: a damaged archive raises NotAnArchive (or
    sqlite3.DatabaseError) only when the damage is reached; `check_archive` reads it whole."""
    with path.open("rb") as probe:
        magic = probe.read(len(SQLITE_MAGIC))
    if magic == SQLITE_MAGIC:
        return _sqlite_count(path), _sqlite_events(path)
    head = _export_header(path).get("head", 0)
    return head, _exported_events(path, head)


def check_archive(path: Path) -> int:
    """Read the whole archive without writing anything; how many events it holds. Raises
    NotAnArchive (or sqlite3.DatabaseError) for a file truncated or damaged anywhere."""
    _, events = read_archive(path)
    return sum(1 for _ in events)


def insert_events(recorder: ApplicationRecorder, events: Iterable[StoredEvent],
                  advance: Advance = lambda n: None) -> int:
    """Insert the events in order, a batch per transaction; returns how many."""
    inserted, events = 0, iter(events)
    while chunk := list(islice(events, BATCH)):
        recorder.insert_events(chunk)
        inserted += len(chunk)
        advance(len(chunk))
    return inserted


def _export_header(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as lines:
        try:
            header = json.loads(lines.readline())
        except ValueError:
            header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise NotAnArchive(Text("%(path)s is neither an SQLite backup nor a `jcg backup` event export",
                                path=str(path)))
    if header.get("version") not in READABLE:
        raise NotAnArchive(Text("%(path)s is a version %(version)s export; this registry reads "
                                "versions %(versions)s", path=str(path), version=header.get("version"),
                                versions=Series(READABLE)))
    head = header.get("head", 0)
    if not isinstance(head, int) or isinstance(head, bool) or head < 0:
        raise NotAnArchive(Text("%(path)s is damaged at line %(line)s (%(error)s): it is not a whole "
                                "`jcg backup` event export", path=str(path), line=1,
                                error=f"head {head!r} is not an event number"))
    return header


def _exported_events(path: Path, head: Any) -> Iterator[StoredEvent]:
    last = 0
    with path.open(encoding="utf-8") as lines:
        next(lines)
        for number, line in enumerate(lines, start=2):
            try:
                row = json.loads(line)
                if "originator_id" in row:  # version 1
                    event = StoredEvent(UUID(row["originator_id"]), row["originator_version"],
                                        row["topic"], base64.b64decode(row["state"]))
                else:
                    event = stored_event(row)
                    # In the log's order, each once: a line repeated or moved is damage.
                    if not isinstance(row["id"], int) or row["id"] <= last:
                        raise ValueError(f"event number {row['id']} does not follow {last}")
                    last = row["id"]
            except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
                raise NotAnArchive(Text("%(path)s is damaged at line %(line)s (%(error)s): it is not "
                                        "a whole `jcg backup` event export", path=str(path),
                                        line=number, error=f"{type(exc).__name__}: {exc}")) from None
            yield event
    # Each line names its event's number in the log; the last is the head the header names.
    if last and last != head:
        raise NotAnArchive(Text("%(path)s ends at event number %(last)s, not at %(head)s, the last "
                                "its header names: it is truncated, not a whole `jcg backup` event "
                                "export", path=str(path), last=last, head=head))


def _sqlite_count(path: Path) -> int:
    with closing(_read_only(path)) as db:
        return db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]


def _sqlite_events(path: Path) -> Iterator[StoredEvent]:
    db = _read_only(path)
    try:
        rows = db.execute("SELECT originator_id, originator_version, topic, state "
                          "FROM stored_events ORDER BY rowid")
        for originator_id, version, topic, state in rows:
            yield StoredEvent(UUID(originator_id), version, topic, bytes(state))
    finally:
        db.close()


def _read_only(path: Path) -> sqlite3.Connection:
    # Read as a file, read-only: a restore must never change the backup it reads, and the
    # library's SQLite connections may (they set a database's journal mode to WAL).
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
