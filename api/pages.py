"""Pages of every list: past the end an empty list, beyond any meaning a 422, never a 500.

flask-smorest checks only `page >= 1`; an offset of (page - 1) × page_size beyond what the
database's integers hold was a 500 (page=88164208597387904). No registry will ever have a
billion pages, so a larger number is a mistake the caller can correct.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_smorest.pagination import PaginationParameters
from marshmallow import ValidationError

from api.json import ContractParser
from i18n import Text

MAX_PAGE = 1_000_000_000


class PageParser(ContractParser):
    """The parser of `page` and `page_size` (api.blueprint.Blueprint's PAGINATION_ARGUMENTS_PARSER)."""

    def parse(self, argmap: Any, req: Any = None, **kwargs: Any) -> Any:
        parsed = super().parse(argmap, req, **kwargs)
        if isinstance(parsed, PaginationParameters) and parsed.page > MAX_PAGE:
            error = ValidationError({"page": [Text(
                "must be at most %(most)s: a page number that large lies past the end of any list",
                most=MAX_PAGE)]})
            self.handle_error(error, req or self.get_default_request(), argmap,
                              error_status_code=kwargs.get("error_status_code"), error_headers=None)
        return parsed


def page_of(rows: Sequence[Any], pagination: PaginationParameters) -> Sequence[Any]:
    """The page asked for of a list read whole, its length counted for `X-Pagination`."""
    pagination.item_count = len(rows)
    return rows[pagination.first_item:pagination.last_item + 1]
