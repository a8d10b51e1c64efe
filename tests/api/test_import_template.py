"""The import template is generated from the catalogue: a sheet per type, labels, keys, lists."""

from __future__ import annotations

from io import BytesIO

import openpyxl
import pytest

from cli.main import main
from contract.catalogue import FACT_TYPES
from spreadsheets.columns import SHEET_NAME_MAX
from tests.api.conftest import Park


def _template(client, park: Park) -> openpyxl.Workbook:
    response = client.get("/api/v1/imports/template.xlsx", headers=park.admin)
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(BytesIO(response.data))


def test_the_template_has_the_entities_sheet_and_one_sheet_per_event_type(client, park: Park) -> None:
    book = _template(client, park)
    assert book.sheetnames == ["说明", "entities", *FACT_TYPES]


def test_each_sheet_has_chinese_labels_in_row_1_and_the_api_keys_in_row_2(client, park: Park) -> None:
    book = _template(client, park)
    entities = book["entities"]
    assert [c.value for c in entities[2]] == ["kind", "subtype", "name", "credit_code", "zone", "entered_on"]
    assert [c.value for c in entities[1]][2:4] == ["主体名称", "统一社会信用代码"]
    award = book["award_received"]
    assert [c.value for c in award[2]] == ["credit_code", "occurred_on", "data.award", "data.level",
                                           "data.amount", "data.first_completing_unit"]
    assert [c.value for c in award[1]][:2] == ["统一社会信用代码", "发生日期"]
    assert award["E1"].value == "金额（元）"
    assert book["patent_case_won"]["E1"].value == "金额（元）（选填）"
    for type_name, fact_type in FACT_TYPES.items():
        keys = [c.value for c in book[type_name][2]]
        assert keys == ["credit_code", "occurred_on", *(f"data.{f}" for f in fact_type.fields)]


def test_enum_columns_carry_a_list_validation_and_dates_and_money_a_format(client, park: Park) -> None:
    book = _template(client, park)
    award = book["award_received"]
    lists = {str(v.sqref): v.formula1 for v in award.data_validations.dataValidation}
    assert lists["D3:D100001"] == '"national,provincial"'
    assert lists["F3:F100001"] == '"是,否"'
    kinds = {str(v.sqref): v.formula1 for v in book["entities"].data_validations.dataValidation}
    assert kinds["A3:A100001"].strip('"').split(",")[0] == "enterprise"
    assert award.column_dimensions["E"].number_format == "#,##0.00"  # money
    assert award.column_dimensions["B"].number_format == "yyyy-mm-dd"  # occurred_on
    assert book["entities"].freeze_panes == "A3"


def test_codes_and_references_are_typed_into_text_cells(client, park: Park) -> None:
    """A credit code or a loan number typed into a number cell keeps only Excel's 15 digits."""
    book = _template(client, park)
    loan = book["loan_issued"]
    for column in ("A", "C", "D"):  # credit_code, data.loan_ref, data.borrower_entity_id
        assert loan.column_dimensions[column].number_format == "@", loan[f"{column}2"].value
    assert book["entities"].column_dimensions["D"].number_format == "@"  # credit_code


def test_every_event_type_fits_in_a_sheet_name() -> None:
    assert [t for t in FACT_TYPES if len(t) > SHEET_NAME_MAX] == []


def test_only_an_admin_downloads_the_template(client, park: Park) -> None:
    assert client.get("/api/v1/imports/template.xlsx").status_code == 401
    assert client.get("/api/v1/imports/template.xlsx", headers=park.auditor).status_code == 403


def test_jcg_import_template_writes_the_same_workbook(tmp_path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "template.xlsx"
    assert main(["import", "template", str(path)]) == 0
    assert openpyxl.load_workbook(path).sheetnames[:2] == ["说明", "entities"]
