"""The import template: one sheet per kind of row, labelled in Chinese, keyed as the API is."""

from __future__ import annotations

from typing import IO, Any

import xlsxwriter

from contract.catalogue import FACT_TYPES
from contract.vocabulary import KINDS, SUBTYPES, ZONES
from i18n.labels import choice, clause_of, event_type
from spreadsheets.columns import ENTITIES, FIRST_DATA_ROW, README, Column, sheets

# Validations and formats reach this far down; a park's history fits many times over.
LAST_ROW = 100_000
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
_FLAG_CHOICES = ("是", "否")

GUIDE = [
    "如何填写本导入模板（晋创谷·阳泉园区主体登记）",
    "",
    "1. 工作表 entities 登记园区主体（入驻）；其余每个工作表对应一种事件，表名即事件类型。",
    "2. 第1行是中文栏目名，第2行是字段键名（请勿修改、删除第1、2行），数据从第3行开始填写。",
    "3. 事件表的第一列填写主体的统一社会信用代码：可以是本工作簿 entities 表中的主体，或已登记的主体。",
    "   栏目“……企业编号”（如委托企业编号）填写该企业的编号，或其统一社会信用代码。",
    "   栏目“替代的享受政策项（就高）”可填多个享受政策项编号，用逗号、顿号或空格分隔。",
    "4. 日期填写为 Excel 日期，或文本：2025-03-01、2025/3/1、2025.3.1、2025年3月1日 均可（年、月、日顺序）。",
    "5. 金额单位为元，最多两位小数（例如 1234567.10）；可以填数字或文本，超过两位小数的金额不予导入。",
    "6. 带下拉列表的栏目请从列表中选择；“是/否”栏目填“是”或“否”。栏目名带“（选填）”的可以留空。",
    "7. 不要填写公式：含公式的工作簿不予导入，请先“粘贴为数值”。",
    "8. 先“试导入”（dry run）检查：每个问题都会列出工作表、行号和栏目，什么也不会登记。",
    "   检查无误后再正式导入。同一工作簿重复导入是安全的：已导入的行会被跳过，不会重复登记。",
    "9. 导入按顺序进行：先 entities，再各事件表；某一行被拒绝不影响其他行。",
    "",
    "主体类型（kind）：" + "；".join(f"{k} = {v}" for k, v in KINDS.items()),
    "金融机构类别（subtype，仅金融机构填写）：" + "；".join(f"{k} = {v}" for k, v in SUBTYPES.items()),
    "所在区域（zone）：" + "；".join(ZONES[code].split(" ")[0] for code in ZONES),
    "",
    "事件类型（工作表）：",
    *(f"  {name}：{event_type(name)}（{clause_of(t.clause)}；适用主体：{'、'.join(t.kinds)}）"
      for name, t in FACT_TYPES.items()),
]


def write_template(out: str | IO[bytes]) -> None:
    """Write the template workbook to a path or a binary file."""
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    formats = {"label": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
               "key": book.add_format({"font_color": "#808080", "italic": True}),
               "date": book.add_format({"num_format": DATE_FORMAT}),
               "money": book.add_format({"num_format": MONEY_FORMAT}),
               "text": book.add_format({"num_format": "@"})}
    guide = book.add_worksheet(README)
    guide.set_column(0, 0, 120)
    for row, line in enumerate(GUIDE):
        guide.write_string(row, 0, line)
    for name, columns in sheets().items():
        _sheet(book.add_worksheet(name), columns, formats)
    book.get_worksheet_by_name(ENTITIES).activate()
    book.close()


def _sheet(sheet: Any, columns: tuple[Column, ...], formats: dict[str, Any]) -> None:
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.label, formats["label"])
        sheet.write_string(1, col, column.key, formats["key"])
        width = max(14, 2 * len(column.label) + 2, len(column.key) + 2)
        sheet.set_column(col, col, width, formats.get(_format_of(column)))
        choices = column.choices or (_FLAG_CHOICES if column.kind == "flag" else ())
        if choices:
            labels = "；".join(f"{c}={choice(c)}" for c in choices if choice(c) != c)
            sheet.data_validation(FIRST_DATA_ROW - 1, col, LAST_ROW, col, {
                "validate": "list", "source": list(choices),
                "input_title": column.label[:32], "input_message": labels[:255],
                "error_title": "请从列表中选择", "error_message": "、".join(choices)[:255]})
    sheet.freeze_panes(FIRST_DATA_ROW - 1, 0)


def _format_of(column: Column) -> str:
    if column.kind == "date":
        return "date"
    if column.kind == "money":
        return "money"
    # A code or a reference typed into a number cell would keep only Excel's 15 digits.
    return "text" if column.kind in ("text", "reference", "credit_code") else ""
