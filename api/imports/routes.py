"""Spreadsheet imports: the template to fill, and (see importing) the workbook filled."""

from __future__ import annotations

from io import BytesIO

from flask import Response, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from api.auth import ADMIN, SECURITY, auth
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
        out = BytesIO()
        write_template(out)
        out.seek(0)
        return send_file(out, mimetype=XLSX, as_attachment=True, download_name="jcg-import-template.xlsx")
