"""Spreadsheet imports: the template to fill, and (see importing) the workbook filled."""

from __future__ import annotations

from io import BytesIO
from typing import IO, Any

from flask import Response, current_app, request, send_file
from flask.views import MethodView
from flask_smorest import abort

from api.auth import ADMIN, SECURITY, auth, caller
from api.blueprint import Blueprint
from api.imports.importing import run_import
from api.imports.schemas import ImportQueryArgsSchema, ImportReportSchema
from api.languages import say
from i18n import Text, message_of
from registry.access import Principal
from spreadsheets.reading import WorkbookRefused, read_rows
from spreadsheets.template import write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

blp = Blueprint("imports", __name__, url_prefix="/api/v1/imports",
                description="Workbooks (.xlsx) of registrations and events: the template, and imports.")


@blp.route("/template.xlsx")
class TemplateViews(MethodView):
    @blp.doc(security=SECURITY, responses={"200": {"description": "the import template",
                                                   "content": {XLSX: {"schema": {"type": "string",
                                                                                 "format": "binary"}}}}})
    @auth.login_required(role=ADMIN)
    def get(self) -> Response:
        """The import template: sheet `entities` and one sheet per event type."""
        return template_download()


def template_download() -> Response:
    """The import template as a download (the API's route and the console's serve the same)."""
    out = BytesIO()
    write_template(out)
    out.seek(0)
    return send_file(out, mimetype=XLSX, as_attachment=True, download_name="jcg-import-template.xlsx")


UPLOAD = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "the filled template (.xlsx)"}}}}}}


@blp.route("")
class ImportViews(MethodView):
    @blp.doc(security=SECURITY, requestBody=UPLOAD)
    @auth.login_required(role=ADMIN)
    @blp.arguments(ImportQueryArgsSchema, location="query")
    @blp.response(200, ImportReportSchema)
    @blp.alt_response(413, description="The file is larger than the import limit (IMPORT_MAX_BYTES).")
    @blp.alt_response(422, description="Not a workbook, a zip bomb, a formula, an unknown sheet or key.")
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Import a filled template, `entities` first; `dry_run=true` checks and records nothing.

        Each row is checked and recorded as the API would take it sent alone; a refused row is
        reported by sheet, row and column and does not stop the others. Importing the same
        workbook again records nothing new: rows already recorded from the same cells are skipped.
        """
        # Workbooks are far larger than the API's JSON bodies: this route alone takes them.
        request.max_content_length = current_app.config["IMPORT_MAX_BYTES"]
        upload = request.files.get("file")
        if upload is None:
            abort(422, message=Text("send the workbook as the multipart/form-data field `file`"),
                  errors={"file": [Text("is required")]})
        try:
            return import_workbook(upload.stream, dry_run=args["dry_run"], by=caller())
        except WorkbookRefused as exc:
            abort(422, message=message_of(exc), errors={"file": [message_of(exc)]})


def import_workbook(file: IO[bytes], *, dry_run: bool, by: Principal) -> dict[str, Any]:
    """The report of importing a workbook (the API's route and the console's); WorkbookRefused
    when the file is no workbook to read, before any row is looked at."""
    report = run_import(read_rows(file), dry_run=dry_run, by=by)
    # Refusals by the API's rules come rendered already; a schema's (marshmallow's) English here.
    report["errors"] = [{**e, "message": say(e["message"])} for e in report["errors"]]
    return report
