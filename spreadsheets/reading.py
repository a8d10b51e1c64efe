"""Read a filled workbook: refuse what is not one (or is a zip bomb, or holds formulas or an
unknown key), and give each data row's cells as the API's JSON values (see cells)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils import get_column_letter

from i18n import Quoted, Series, Text, message_of
from spreadsheets.cells import CellRefused, to_json
from spreadsheets.columns import FIRST_DATA_ROW, KEY_ROW, README, Column, sheets

# A genuine workbook compresses its XML maybe twenty-fold; a zip bomb a thousand-fold and more.
MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 200


class WorkbookRefused(ValueError):
    """The file as a whole cannot be imported; the message names what and where."""


@dataclass(frozen=True)
class Row:
    sheet: str
    number: int  # the spreadsheet's own row number
    values: dict[str, Any]  # key -> JSON value, blank cells left out
    cells: dict[str, str]  # key -> the cell's name, e.g. "D7"
    faults: dict[str, str] = field(default_factory=dict)  # key -> why its cell cannot be read


def check_archive(file: IO[bytes]) -> None:
    """Refuse a file that is not an .xlsx archive, or that would unpack far beyond its size."""
    if not zipfile.is_zipfile(file):
        raise WorkbookRefused(Text("the file is not an .xlsx workbook (save it from Excel or WPS as .xlsx)"))
    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        members = archive.infolist()
        unpacked = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members) or 1
        if "[Content_Types].xml" not in {m.filename for m in members}:
            raise WorkbookRefused(Text("the file is a zip archive but not an .xlsx workbook"))
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise WorkbookRefused(Text("the workbook would unpack to %(unpacked)s bytes from %(packed)s: "
                                   "refused as a zip bomb", unpacked=unpacked, packed=packed))
    file.seek(0)


def read_rows(file: IO[bytes]) -> list[Row]:
    """Every data row of every sheet, `entities` first, in the order a clerk sees them."""
    check_archive(file)
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise WorkbookRefused(Text("the workbook cannot be read: %(error)s", error=str(exc))) from None
    try:
        known = sheets()
        unknown = [n for n in book.sheetnames if n not in known and n != README]
        if unknown:
            raise WorkbookRefused(Text("sheet %(sheet)s is not a sheet of the template; its sheets are "
                                       "entities and the event types", sheet=Quoted(unknown[0])))
        rows: list[Row] = []
        for name in known:
            if name in book.sheetnames:
                found = list(_sheet_rows(name, book[name], {c.key: c for c in known[name]}))
                # Rows nobody looking at the workbook can see are not imported unseen.
                if found and book[name].sheet_state != "visible":
                    raise WorkbookRefused(Text(
                        "sheet %(sheet)s is hidden and holds rows (the first is row %(row)s): unhide "
                        "it in Excel or WPS and check them, or delete the sheet",
                        sheet=Quoted(name), row=found[0].number))
                rows.extend(found)
        return rows
    except ParseError as exc:  # read-only sheets are parsed as they are read: damage shows here
        raise WorkbookRefused(Text("the workbook cannot be read: %(error)s", error=str(exc))) from None
    finally:
        book.close()


def _sheet_rows(name: str, sheet: Any, columns: dict[str, Column]) -> Iterator[Row]:
    keys: list[str | None] = []
    # Read-only sheets stop at the range the file states it uses, which some writers state
    # wrong: forgotten, every row and cell is read.
    sheet.reset_dimensions()
    for number, cells in enumerate(sheet.iter_rows(min_row=KEY_ROW), start=KEY_ROW):
        if number == KEY_ROW:
            keys = [_key(name, c, columns) for c in cells]
            _check_each_key_once(name, keys)
            continue
        values: dict[str, Any] = {}
        names: dict[str, str] = {}
        faults: dict[str, str] = {}
        for index, cell in enumerate(cells):
            if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                continue
            where = f"{get_column_letter(index + 1)}{number}"
            if cell.data_type == "f":
                raise WorkbookRefused(Text("sheet %(sheet)s cell %(cell)s holds a formula; paste values "
                                           "instead", sheet=Quoted(name), cell=where))
            key = keys[index] if index < len(keys) else None
            if key is None:
                raise WorkbookRefused(Text("sheet %(sheet)s cell %(cell)s has a value but its column "
                                           "has no key in row 2", sheet=Quoted(name), cell=where))
            names[key] = where
            try:
                values[key] = to_json(columns[key], cell.value)
            except CellRefused as exc:
                faults[key] = message_of(exc)
        if (values or faults) and number >= FIRST_DATA_ROW:
            yield Row(name, number, values, names, faults)


def _check_each_key_once(sheet: str, keys: list[str | None]) -> None:
    """A key in two columns leaves the import to guess which of two cells is meant: refused."""
    for index, key in enumerate(keys):
        if key is not None and key in keys[:index]:
            raise WorkbookRefused(Text("sheet %(sheet)s row 2 has the key %(key)s twice, in columns "
                                       "%(first)s and %(second)s: delete one of the columns",
                                       sheet=Quoted(sheet), key=Quoted(key),
                                       first=get_column_letter(keys.index(key) + 1),
                                       second=get_column_letter(index + 1)))


def _key(sheet: str, cell: Any, columns: dict[str, Column]) -> str | None:
    if cell.value is None:
        return None
    key = str(cell.value).strip()
    if key not in columns:
        raise WorkbookRefused(Text("sheet %(sheet)s row 2 has the unknown key %(key)s in column "
                                   "%(column)s; its keys are %(keys)s", sheet=Quoted(sheet),
                                   key=Quoted(key), column=get_column_letter(cell.column),
                                   keys=Series(columns)))
    return key
