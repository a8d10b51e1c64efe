"""No English left in a Chinese answer: the refusals of 不重复 and 就高, 3.2's position, the
importer's own messages and a body that is not JSON, each read with `Accept-Language: zh-CN`
(and unchanged in English). Contract, "Languages"; issue 22."""

from __future__ import annotations

import io
import re

import openpyxl

from tests.api.conftest import Park
from tests.api.samples import credit_code
from tests.api.test_explanations import english_words

ZH = {"Accept-Language": "zh-CN"}
NOBODY = "00000000-0000-4000-8000-000000000000"
AWARD = {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}


def chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text)) and english_words(text) == []


def test_a_matter_recorded_twice_is_refused_in_the_policys_words(park: Park) -> None:
    """不重复: one matter, one benefit (阳政发〔2024〕15号, 从优、就高、不重复)."""
    entity = park.register()["id"]
    first = park.record(entity, "achievement_recognised", AWARD).get_json()["event_id"]
    zh = park.record(entity, "achievement_recognised", AWARD, **ZH)
    en = park.record(entity, "achievement_recognised", AWARD).get_json()
    assert zh.status_code == 409
    message = zh.get_json()["message"]
    assert message == (f"第1.1条：科技创新成果“碳化硅中试” 已由事项 {first} 依第1.1条享受支持，按“不重复”原则"
                       "同一事项只支持一次；如需更改其金额，请先撤销该项享受政策，再重新登记")
    assert chinese(message), english_words(message)
    assert en["message"] == (f"1.1: achievement 碳化硅中试 is already entitled under 1.1 by event {first} "
                             "(one matter, one benefit: 不重复); to change its figures, revoke that "
                             "entitlement and record it anew")


def test_the_lower_of_two_benefits_for_one_person_is_explained_in_chinese(park: Park) -> None:
    """就高 (8.1 and 8.2): the same person brought in flexibly and hired full time gets the higher."""
    entity = park.register()["id"]
    assert park.record(entity, "talent_introduced", {"talent": "张三", "level": "provincial",
                                                      "start_on": "2025-04-01"}).status_code == 201
    assert park.record(entity, "graduate_project_funded", {"researcher": "张三", "degree": "phd",
                                                            "project": "P6"}).status_code == 201
    rows = park.client.get(f"/api/v1/entities/{entity}/entitlements", headers={**park.admin, **ZH}).get_json()
    lower = [e for e in rows if e["status"] == "superseded"]
    # The three years of 8.1 the policy in force pays (2025-2027; 2028 and 2029 await renewal)
    # are worth more than 8.2's 100,000.00 once: 8.2 gives way.
    assert [e["clause"] for e in lower] == ["8.2"]
    assert lower[0]["explanation"] == ("第8.2条：博士研究生 张三 牵头开展科研项目 P6，项目经费 100,000.00；"
                                       "就高：张三 依第8.1条可享受 150,000.00 元，高于本条的 100,000.00 元，"
                                       "按“从优、就高、不重复”原则享受较高者")
    assert all(chinese(e["explanation"]) for e in lower), [english_words(e["explanation"]) for e in lower]
    english = park.entitlements(entity)
    assert any(e["explanation"].endswith("就高: 张三 is also entitled under 8.1 (150,000.00 against "
                                         "100,000.00 here), the higher benefit") for e in english)


def test_a_case_by_case_decision_replacing_an_entitlement_is_explained_in_chinese(park: Park) -> None:
    """就高 (1.4, 一事一议): the decision replaces the entitlements it names."""
    entity = park.register()["id"]
    park.record(entity, "achievement_recognised", AWARD)
    award = park.entitlements(entity)[0]["id"]
    decision = {"clause": "1.4", "decision_ref": "阳科〔2025〕1号", "amount": "3000000.00", "replaces": [award]}
    assert park.record(entity, "case_by_case_support_granted", decision).status_code == 201
    rows = park.client.get(f"/api/v1/entities/{entity}/entitlements", headers={**park.admin, **ZH}).get_json()
    replaced = next(e for e in rows if e["id"] == award)
    assert "就高：已由第1.4条“一事一议”决定 阳科〔2025〕1号" in replaced["explanation"]
    assert chinese(replaced["explanation"]), english_words(replaced["explanation"])
    unknown = park.record(entity, "case_by_case_support_granted", {**decision, "decision_ref": "阳科〔2025〕2号",
                                                                   "replaces": [NOBODY]}, **ZH)
    assert unknown.status_code == 422
    assert unknown.get_json()["message"] == f"第1.4条：替代（就高）的享受政策项 {NOBODY} 不属于本主体"


def test_a_conversion_without_an_approved_project_or_beyond_the_position(park: Park) -> None:
    """3.2: a position never goes below zero and needs a project approved under 3.1 (先投后股)."""
    entity = park.register()["id"]
    never = park.record(entity, "invest_first_recovered", {"project": "P9", "amount": "1.00"}, **ZH)
    assert never.status_code == 422
    assert never.get_json()["message"] == "第3.2条：项目 P9 未按第3.1条“先投后股”先投阶段立项支持，不能拨转股、股转债或收回"
    park.record(entity, "invest_first_approved", {"project": "P2", "total_investment": "10000000.00",
                                                  "amount": "5000000.00", "equity_ratio": "0.20",
                                                  "exit_deadline": "2030-06-30"})
    over = park.record(entity, "invest_first_converted", {"project": "P2", "mode": "grant_to_equity",
                                                          "amount": "1.00"}, **ZH).get_json()
    assert over["message"] == ("第3.2条：转换金额 1.00 元超过项目 P2 尚可转换的 0.00 元"
                               "（已拨付 0.00 元 − 已收回 0.00 元 − 已转换 0.00 元）")
    en = park.record(entity, "invest_first_converted", {"project": "P2", "mode": "grant_to_equity",
                                                        "amount": "1.00"}).get_json()
    assert en["message"] == ("3.2: conversion 1.00 exceeds what may still be converted on P2, 0.00 "
                             "(disbursed 0.00 − recovered 0.00 − converted 0.00)")


def upload(park: Park, data: bytes, headers: dict[str, str]) -> dict:
    response = park.client.post("/api/v1/imports?dry_run=true", headers={**park.admin, **headers},
                                data={"file": (io.BytesIO(data), "list.xlsx")}, content_type="multipart/form-data")
    return {**response.get_json(), "http": response.status_code}


def test_the_importer_answers_in_chinese(park: Park) -> None:
    refused = upload(park, b"not a workbook", ZH)
    assert refused["http"] == 422
    assert refused["message"] == "该文件不是 .xlsx 工作簿（请在 Excel 或 WPS 中另存为 .xlsx）"
    assert upload(park, b"not a workbook", {})["message"] == (
        "the file is not an .xlsx workbook (save it from Excel or WPS as .xlsx)")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "achievement_recognised"
    sheet.append(["统一社会信用代码", "发生日期", "科技成果", "阶段", "金额（元）"])
    sheet.append(["credit_code", "occurred_on", "data.achievement", "data.stage", "data.amount"])
    sheet.append([credit_code(99), "2025-03-01", "碳化硅中试", "pilot", "800000.00"])
    sheet.append([None, "2025-03-01", "碳化硅中试", "pilot", "800000.00"])
    out = io.BytesIO()
    book.save(out)
    report = upload(park, out.getvalue(), ZH)
    messages = [e["message"] for e in report["errors"]]
    assert report["http"] == 200 and report["refused"] == 2, report
    assert messages == [f"登记簿和 entities 工作表中都没有统一社会信用代码为 {credit_code(99)} 的主体",
                        "必须填写：事项所属主体的统一社会信用代码"]
    formula = openpyxl.Workbook()
    formula.active.title = "entities"
    formula.active.append(["主体名称"])
    formula.active.append(["name"])
    formula.active.append(["=1+1"])
    out = io.BytesIO()
    formula.save(out)
    assert upload(park, out.getvalue(), ZH)["message"] == "工作表 “entities” 的单元格 A3 含有公式：请改为“粘贴为数值”"


def test_the_reason_a_body_is_not_json_is_chinese_too(park: Park) -> None:
    response = park.client.post("/api/v1/entities", data=b'{"kind": "enterprise" "name": 1}',
                                content_type="application/json", headers={**park.admin, **ZH})
    assert response.status_code == 400
    assert response.get_json()["message"] == "请求体不是有效的 JSON：缺少逗号分隔符 “,”（第 1 行，第 23 列）"
    english = park.client.post("/api/v1/entities", data=b'{"kind": "enterprise" "name": 1}',
                               content_type="application/json", headers=park.admin).get_json()
    assert english["message"] == "the body is not valid JSON: Expecting ',' delimiter (line 1, column 23)"
