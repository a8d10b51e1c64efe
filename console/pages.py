"""Everything the blueprint holds, set up once per process however many apps are built (a
blueprint cannot take new hooks once registered)."""

from __future__ import annotations

from console import format, headers, refusals, session
from console.blueprint import bp, csrf
from console.views import dashboard, entities, events, exports, imports, lists, tokens, what_if  # noqa: F401  (routes)

headers.install(bp)
session.install(bp, csrf)
format.install(bp)
refusals.install(bp)

