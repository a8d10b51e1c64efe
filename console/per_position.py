"""Figures the console works out from the read models once per position of theirs.

Every write the projector applies moves the read models' position, so a figure kept under the
position it was read at is never served after a write: the next request reads it afresh. What
grows with the park (the 总览's sums, the entity list's count over every entity) is then paid once
per write instead of once per page.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app

T = TypeVar("T")

# Figures of the present position and a few before it: the entity list's count is kept per filter
# set (its kinds and its searches), and a page may be read while the projector moves on.
KEPT = 256

_lock = threading.Lock()


def remembered(svc: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` as of the read models' present position, worked out once for `key` there
    (the figures are the app's own: each app has its own database)."""
    kept: OrderedDict[Hashable, Any] = current_app.extensions.setdefault("console_per_position",
                                                                        OrderedDict())
    # Read before computing, so that what is kept is at least as new as the position it is kept
    # under: a write in between only makes the next request compute it again.
    at = (svc.projector.position(), key)
    with _lock:
        if at in kept:
            kept.move_to_end(at)
            return kept[at]
    value = compute()
    with _lock:
        kept[at] = value
        while len(kept) > KEPT:
            kept.popitem(last=False)
    return value
