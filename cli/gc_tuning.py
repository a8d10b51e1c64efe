"""The garbage collector's thresholds for the registry's long-running processes.

Each process keeps thousands of decoded histories (registry.history_cache) and the policy book
alive for its whole life, and allocates fast while it writes or projects. With Python's default
threshold (a young collection every 700 net allocations) the collector runs so often that
raising it cuts a write's CPU and a rebuild's time, measured in turn with and without by
`bench/gc_thresholds.py` (figures in bench/README.md). Reference counting still frees all acyclic
garbage at once; only cycles wait longer, and a young generation of 50,000 objects is a few MB.
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 100)


def relax_gc() -> None:
    """Collect less often; called once at the start of each long-running process."""
    gc.set_threshold(*THRESHOLDS)
