"""The plain, storage-free view of a recorded fact that the policy engine reads.

The engine must not depend on eventsourcing's classes, so the application turns every stored
domain event of an entity into a `FactRecord` before handing the history to it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

T = TypeVar("T", bound=type)


def direct_init(cls: T) -> T:
    """Give a frozen dataclass an `__init__` that fills the instance's `__dict__` directly.

    The one `dataclasses` writes gets past the frozen `__setattr__` with an `object.__setattr__`
    call per field: 2-3 µs for each record, draft and entitlement, a sixth of a rebuild's policy
    work. This one takes the same arguments with the same defaults and leaves the same `__dict__`,
    fields in order; instances stay frozen, and compare, hash and print as before. For plain
    dataclasses only: no `__post_init__`, `InitVar`, keyword-only or `init=False` field.
    """
    names = [f.name for f in fields(cls)]
    made = inspect.signature(cls.__init__).parameters.values()
    if (hasattr(cls, "__post_init__") or [p.name for p in made] != ["self", *names]
            or any(p.kind is not p.POSITIONAL_OR_KEYWORD for p in made)):
        raise TypeError(f"{cls.__name__} is not a plain dataclass")
    scope: dict[str, Any] = {"MISSING": MISSING}
    params, body = ["self"], []
    for f in fields(cls):
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=MISSING")
            body.append(f"if {f.name} is MISSING: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
    body.append("_fields_ = self.__dict__")
    body += [f"_fields_[{name!r}] = {name}" for name in names]
    exec(f"def __init__({', '.join(params)}):\n    " + "\n    ".join(body), scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


class _made_once:
    """`functools.cached_property` without its lock: Python 3.11 takes one on every first read,
    which cost a record three times the text it guards (3.12 dropped the lock). Two threads may
    both make the value; they make the same one."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        self.make = make
        self.name = make.__name__
        self.__doc__ = make.__doc__

    def __get__(self, record: Any, owner: type | None = None) -> Any:
        if record is None:
            return self
        # Set in the instance's __dict__, which later reads find before this descriptor.
        value = record.__dict__[self.name] = self.make(record)
        return value


@direct_init
@dataclass(frozen=True)
class FactRecord:
    """One event of an entity's history, as the contract names it.

    `data` holds typed values: money as `Decimal` (2 places), dates as `date`, years as `int`,
    flags as `bool`, references to other entities and entitlements as `str` (a UUID's text).
    `type` is the contract's event type (`"registered"` for the first event).
    """

    event_id: UUID
    entity_id: UUID
    kind: str
    type: str
    occurred_on: date
    recorded_at: datetime
    version: int
    data: dict[str, Any] = field(default_factory=dict)
    recorded_by: dict[str, str] = field(default_factory=dict)

    @_made_once
    def ref(self) -> str:
        """The event id's text, as entitlements cite it: made once per record, since the engine
        cites each record in every run over the history (a frozen dataclass still has a
        __dict__ for the cache)."""
        return str(self.event_id)
