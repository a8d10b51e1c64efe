"""The API's one kind of blueprint: flask-smorest's, parsing arguments with `ContractParser`.

`ContractApi.register_blueprint` refuses any other, so no route can read a body another way.
"""

from __future__ import annotations

import flask_smorest

from api.json import ContractParser


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ContractParser()
