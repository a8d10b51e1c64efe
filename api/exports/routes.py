"""The 公示名单 and the 资金拨付明细 of a year, as .xlsx and as CSV, streamed."""

from __future__ import annotations

import tempfile
from typing import Any

from flask import Response, send_file
from flask.views import MethodView

from api.auth import SECURITY, STAFF, auth
from api.blueprint import Blueprint
from api.entitlements.schemas import SubsidyQueryArgsSchema
from api.errors import BEHIND
from api.imports.routes import XLSX
from api.wired import current_services
from registry.clock import park_day
from spreadsheets.lists import LISTS, ListSpec, titles_of
from spreadsheets.writing import csv_lines, write_xlsx

blp = Blueprint("exports", __name__, url_prefix="/api/v1/exports",
                description="公示名单 and 资金拨付明细 for a year, as workbooks (.xlsx) and CSV.")

CSV = "text/csv"


def _rows(spec: ListSpec, year: int) -> Any:
    svc = current_services(whole=True)
    documents = svc.model.entitlement_documents(year, park_day(svc.clock()))
    return spec.rows(documents, year, titles_of(svc.policy))


def download(spec: ListSpec, fmt: str, year: int) -> Response:
    """The list of a year as an attachment (.xlsx or .csv); the API's route and the console's."""
    name = f"{spec.name}-{year}.{fmt}"
    if fmt == "csv":
        # The rows are looked up from the services here, in the view; the stream itself needs no
        # request context, for the server may run each of its chunks on another thread.
        lines = (line.encode("utf-8") for line in csv_lines(spec, _rows(spec, year)))
        return Response(lines, mimetype=CSV, headers={
            "Content-Disposition": f'attachment; filename="{name}"'})
    rows = _rows(spec, year)  # first: a refusal must not leave the file open
    out = tempfile.TemporaryFile()  # deleted when the response closes it
    write_xlsx(out, spec, rows)
    out.seek(0)
    return send_file(out, mimetype=XLSX, as_attachment=True, download_name=name)


def _view(spec: ListSpec, fmt: str) -> type[MethodView]:
    mimetype = XLSX if fmt == "xlsx" else CSV

    class ExportViews(MethodView):
        @blp.doc(security=SECURITY, responses={"200": {
            "description": f"{spec.title}: " + ", ".join(spec.headers) + ", then a 合计 row",
            "content": {mimetype: {"schema": {"type": "string", "format": "binary"}}}},
            "503": {"description": BEHIND}})
        @auth.login_required(role=STAFF)
        @blp.arguments(SubsidyQueryArgsSchema, location="query")
        def get(self, args: dict[str, Any]) -> Response:
            return download(spec, fmt, args["year"])

    ExportViews.get.__doc__ = f"The {spec.title} of a year as .{fmt}."
    ExportViews.__name__ = f"{spec.name.title()}{fmt.title()}Views"
    return ExportViews


for _spec in LISTS.values():
    for _fmt in ("xlsx", "csv"):
        blp.route(f"/{_spec.name}.{_fmt}", endpoint=f"{_spec.name}_{_fmt}")(_view(_spec, _fmt))
