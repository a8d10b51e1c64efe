"""The year's 公示名单 and 资金拨付明细 downloaded from the console, by the API's own export code."""

from __future__ import annotations

from typing import Any

from flask import abort

from api.exports.routes import download
from api.wired import services
from console.blueprint import bp
from console.session import require
from console.views.lists import year_asked
from registry.clock import park_day
from spreadsheets.lists import LISTS


@bp.route("/exports/<name>.<fmt>")
def export(name: str, fmt: str) -> Any:
    require("admin", "auditor")
    if name not in LISTS or fmt not in ("xlsx", "csv"):
        abort(404)
    return download(LISTS[name], fmt, year_asked(park_day(services().clock())))
