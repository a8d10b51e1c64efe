"""Imports (admin): a filled template uploaded, checked (dry run) or imported by the API's own
importer, its report shown by sheet, row and column."""

from __future__ import annotations

from typing import Any

from flask import g, render_template, request

from api.imports.routes import import_workbook, template_download
from api.languages import say
from console.blueprint import bp
from console.i18n import _
from console.session import require
from i18n.text import message_of
from spreadsheets.reading import WorkbookRefused


@bp.route("/imports", methods=["GET", "POST"])
def imports() -> Any:
    require("admin")
    report, problem = None, None
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            problem = _("Choose the filled template (.xlsx) to upload.")
        else:
            try:
                report = import_workbook(upload.stream, dry_run=request.form.get("action") != "import",
                                         by=g.principal)
            except WorkbookRefused as exc:
                problem = say(message_of(exc))
    return render_template("imports.html", report=report, problem=problem), 422 if problem else 200


@bp.route("/imports/template.xlsx")
def import_template() -> Any:
    """The template to fill, for a clerk signed in to the console (the API's wants a bearer token)."""
    require("admin")
    return template_download()
