"""Page numbers from the query string, and links to other pages keeping the filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from flask import abort, request

PAGE_SIZE = 25
MAX_PAGE = 1_000_000


def page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        abort(400)
    return int(raw)


def last_page(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def link_to(filters: dict[str, Any]) -> Callable[[int], str]:
    """The query string of another page with the same filters."""
    kept = {k: v for k, v in filters.items() if v not in (None, "")}
    return lambda page: urlencode({**kept, "page": page})
