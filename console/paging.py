"""Page numbers from the query string, and links to other pages keeping the filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlencode

from flask import request
from flask_smorest import abort as refuse

from console.i18n import _

PAGE_SIZE = 25
MAX_PAGE = 1_000_000


def page_number(name: str = "page") -> int:
    raw = request.args.get(name, "1")
    # Decimal digits (full-width ones too, as a Chinese keyboard types them), and few:
    # str.isdigit() also says yes to "²", and int() refuses it and more digits than it reads.
    digits = raw.isdecimal() and len(raw) <= len(str(MAX_PAGE))
    if not digits or not 1 <= int(raw) <= MAX_PAGE:
        refuse(400, message=_("The page asked for is not a page number: give a whole number from 1."))
    return int(raw)


def last_page(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def link_to(filters: dict[str, Any]) -> Callable[[int], str]:
    """The query string of another page with the same filters."""
    kept = {k: v for k, v in filters.items() if v not in (None, "")}
    return lambda page: urlencode({**kept, "page": page})


Pages = tuple[int, int, Callable[[int], str]]


def one_page(rows: list[Any], name: str, anchor: str) -> tuple[list[Any], Pages]:
    """The page `?<name>=` asks for of one of a page's lists (the last, past it), and what the
    `pages` macro needs: that page, the last, and links that keep every other argument (`as_of`,
    the other lists' pages) and come back to the list's heading."""
    last = last_page(len(rows))
    page = min(page_number(name), last)
    return rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], (page, last, _links(name, anchor))


class Counted(NamedTuple):
    """A page of a list the database pages, how many rows the list has, and the `pages` macro's."""

    rows: list[Any]
    total: int
    pages: Pages

    @property
    def paged(self) -> bool:
        """Whether the list runs over more than one page: only then is its total said, so that a
        short list shows as it always did."""
        return self.pages[1] > 1


def counted_page(read: Callable[[int, int], tuple[list[Any], int]], name: str, anchor: str) -> Counted:
    """As `one_page`, for a list the database pages: `read(offset, limit)` gives a page of it and
    how many rows it has in all."""
    asked = page_number(name)
    rows, total = read((asked - 1) * PAGE_SIZE, PAGE_SIZE)
    last = last_page(total)
    if asked > last:  # read again only past the last page: the total says where that is
        rows, total = read((last - 1) * PAGE_SIZE, PAGE_SIZE)
    return Counted(rows, total, (min(asked, last), last, _links(name, anchor)))


def _links(name: str, anchor: str) -> Callable[[int], str]:
    kept = {k: v for k, v in request.args.items() if k != name}
    return lambda n: urlencode({**kept, name: n}) + f"#{anchor}"
