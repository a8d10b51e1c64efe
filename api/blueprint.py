"""The API's one kind of blueprint: flask-smorest's, parsing arguments with `ContractParser`.

`ContractApi.register_blueprint` refuses any other, so no route can read a body another way.
"""

from __future__ import annotations

import flask_smorest

from api.json import ContractParser
from api.pages import PageParser


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ContractParser()
    # A page beyond any list's end is 422, not an offset the database cannot hold (api/pages.py).
    PAGINATION_ARGUMENTS_PARSER = PageParser()
