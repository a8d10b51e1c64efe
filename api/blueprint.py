"""The API's one kind of blueprint: flask-smorest's, parsing arguments with `ContractParser`,
and refusing query parameters its views do not take.

`ContractApi.register_blueprint` refuses any other, so no route can read a body another way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import flask_smorest
from flask import current_app, request
from flask_smorest import abort

from api.json import ContractParser
from api.pages import PageParser
from i18n import Series, Text

# flask-smorest's own names for a page (its DEFAULT_PAGINATION_PARAMETERS' keys).
PAGE_PARAMETERS = frozenset(("page", "page_size"))


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ContractParser()
    # A page beyond any list's end is 422, not an offset the database cannot hold (api/pages.py).
    PAGINATION_ARGUMENTS_PARSER = PageParser()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.before_request(refuse_unknown_query)

    def arguments(self, schema: Any, *, location: str = "json", **kwargs: Any) -> Callable:
        decorator = super().arguments(schema, location=location, **kwargs)
        if location != "query":
            return decorator
        instance = schema() if isinstance(schema, type) else schema
        return _taking(decorator, (f.data_key or name for name, f in instance.fields.items()))

    def paginate(self, *args: Any, **kwargs: Any) -> Callable:
        return _taking(super().paginate(*args, **kwargs), PAGE_PARAMETERS)


def _taking(decorator: Callable, names: Iterable[str]) -> Callable:
    """The decorator, also noting on the view the query parameters it reads (the decorators
    around it copy the note, as functools.wraps copies a function's attributes)."""
    names = frozenset(names)

    def declare(func: Callable) -> Callable:
        view = decorator(func)
        view.query_parameters = getattr(func, "query_parameters", frozenset()) | names
        return view

    return declare


def refuse_unknown_query() -> None:
    """A query parameter no view of the request reads is a 422 naming it: silently ignored,
    `/entities?zone=…` would look like a filtered list to the official reading it."""
    view_class = getattr(current_app.view_functions.get(request.endpoint), "view_class", None)
    method = "get" if request.method == "HEAD" else request.method.lower()
    handler = getattr(view_class, method, None)
    if handler is None:
        return
    taken = getattr(handler, "query_parameters", frozenset())
    unknown = sorted(set(request.args) - taken)
    if not unknown:
        return
    message = (Text("unknown query parameter %(names)s: this request takes %(taken)s",
                    names=Series(unknown), taken=Series(sorted(taken))) if taken else
               Text("unknown query parameter %(names)s: this request takes no query parameters",
                    names=Series(unknown)))
    abort(422, message=message, errors={name: [Text("is not a query parameter of this request")]
                                        for name in unknown})

