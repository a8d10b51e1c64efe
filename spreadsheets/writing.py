"""Write a list as .xlsx (XlsxWriter, row by row to disk) or as CSV lines, with its 合计 row."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

import xlsxwriter

from spreadsheets.lists import ListSpec

TOTAL = "合计"
BOM = "\ufeff"
# What makes a spreadsheet read a CSV cell as a formula (CWE-1236): such a text is written with a
# leading apostrophe, so that a name typed as =HYPERLINK(…) stays a name in Excel or WPS.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Totals:
    """Sums the money columns of the rows that pass through it, exactly."""

    def __init__(self, spec: ListSpec):
        self.spec = spec
        self.sums = {i: Decimal("0.00") for i in spec.money}

    def through(self, rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
        for row in rows:
            for i in self.spec.money:
                if row[i] is not None:
                    self.sums[i] += row[i]
            yield row

    def row(self) -> list[Any]:
        return [TOTAL, *(self.sums.get(i, "") for i in range(1, len(self.spec.headers)))]


def write_xlsx(out: str | IO[bytes], spec: ListSpec, rows: Iterable[list[Any]]) -> None:
    """A workbook of one sheet: frozen header, money as numbers `#,##0.00`, readable widths.

    `constant_memory` writes each row to disk as it comes: the list is never held whole."""
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet(spec.title)
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    money = book.add_format({"num_format": "#,##0.00"})
    bold_money = book.add_format({"num_format": "#,##0.00", "bold": True})
    for col, width in enumerate(spec.widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, spec.headers, header)
    totals = Totals(spec)
    number = 0
    for number, row in enumerate(totals.through(rows), start=1):
        _write(sheet, number, row, spec, money)
    _write(sheet, number + 1, totals.row(), spec, bold_money)
    book.close()


def _write(sheet: Any, at: int, row: list[Any], spec: ListSpec, money: Any) -> None:
    for col, value in enumerate(row):
        if value is None or value == "":
            continue
        if col in spec.money:
            # Two decimals within 13 digits: a double holds them and Excel shows them exactly.
            sheet.write_number(at, col, float(value), money)
        elif isinstance(value, int):
            sheet.write_number(at, col, value)
        else:
            sheet.write_string(at, col, str(value))


def csv_lines(spec: ListSpec, rows: Iterable[list[Any]]) -> Iterator[str]:
    """The list as CSV text, BOM first so that Excel reads it as UTF-8; money as `1000000.00`."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values: list[Any]) -> str:
        writer.writerow([_csv_cell(v) for v in values])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    totals = Totals(spec)
    yield BOM + line(list(spec.headers))
    for row in totals.through(rows):
        yield line(row)
    yield line(totals.row())


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    # Money is a Decimal, never text: only what someone typed can begin like a formula.
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
