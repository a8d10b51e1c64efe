"""One stored event as a line of JSON a person can read, and back to the same stored bytes.

The event store keeps an event's state as JSON in which typed values (a date, a Decimal, a
UUID) are wrapped as `{"_type_": name, "_data_": value}`. A readable line shows each such value
as its plain `_data_` and lists where the wrappers were in `types` (JSON pointers), so that the
state can be wrapped again exactly: same keys, same order, same bytes."""

from __future__ import annotations

import base64
import json
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from registry.events import FACT_CLASSES

WRAPPER = frozenset(("_type_", "_data_"))
FACT_CLASSES_BY_NAME = {cls.__name__: cls for cls in FACT_CLASSES.values()}


def readable_line(position: int, entity: UUID, version: int, topic: str, state: bytes) -> dict[str, Any]:
    """The line `jcg backup` writes for one stored event."""
    head = {"id": position, "entity": str(entity), "version": version, "type": event_type(topic),
            "topic": topic}
    try:
        types: dict[str, str] = {}
        line = {**head, "state": _unwrap(json.loads(state.decode("utf8")), "", types), "types": types}
        if stored_event(line).state == state:
            return line
    except ValueError:
        pass
    # Not JSON (an event the projector quarantines), or JSON the line would not give back
    # byte for byte: its stored bytes as they are.
    return {**head, "stored_state": base64.b64encode(state).decode("ascii")}


def stored_event(line: dict[str, Any]) -> StoredEvent:
    """The stored event a readable line was made from, byte for byte."""
    if "stored_state" in line:
        return StoredEvent(UUID(line["entity"]), line["version"], line["topic"],
                           base64.b64decode(line["stored_state"], validate=True))
    state = line["state"]
    # Innermost first: a wrapper's data may itself hold wrappers.
    for pointer, name in sorted(line["types"].items(), key=lambda kv: -kv[0].count("/")):
        state = _replace(state, _path(pointer), lambda value, name=name: {"_type_": name, "_data_": value})
    text = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
    # A lone surrogate was stored as its escape (the library's encoder cannot write one): the
    # same escape again.
    return StoredEvent(UUID(line["entity"]), line["version"], line["topic"],
                       text.encode("utf8", "backslashreplace"))


def event_type(topic: str) -> str:
    """The contract's name for a fact (`registry.events:AwardReceived` → award_received), or
    the topic's class name for the registry's other events (registrations, tokens, alerts)."""
    module, _, name = topic.partition(":")
    fact = FACT_CLASSES_BY_NAME.get(name) if module == "registry.events" else None
    return fact.type if fact is not None else name


def _unwrap(value: Any, pointer: str, types: dict[str, str]) -> Any:
    if isinstance(value, dict):
        if value.keys() == WRAPPER and isinstance(value["_type_"], str):
            types[pointer] = value["_type_"]
            return _unwrap(value["_data_"], pointer, types)
        return {k: _unwrap(v, f"{pointer}/{_escape(k)}", types) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap(v, f"{pointer}/{i}", types) for i, v in enumerate(value)]
    return value


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _path(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def _replace(value: Any, path: list[str], wrap: Any) -> Any:
    if not path:
        return wrap(value)
    head, rest = path[0], path[1:]
    if isinstance(value, list):
        i = int(head)
        return [*value[:i], _replace(value[i], rest, wrap), *value[i + 1:]]
    return {**value, head: _replace(value[head], rest, wrap)}
