"""Accept-Language picks the language of what a person reads; JSON keys, enums, ids and money
as data never change (contract, "Languages")."""

from __future__ import annotations

from typing import Any

import pytest

from api import create_app
from tests.api.conftest import Park
from tests.api.samples import credit_code

ZH = {"Accept-Language": "zh-CN"}


def register(park: Park, headers: dict[str, str], **fields: Any) -> Any:
    body = {"kind": "enterprise", "name": "阳泉新材料有限公司", "credit_code": credit_code(7),
            "zone": "gaoxin", "entered_on": "2025-01-02", **fields}
    return park.client.post("/api/v1/entities", json=body, headers={**park.admin, **headers})


def wrong_check_character() -> str:
    good = credit_code(7)
    return good[:17] + ("0" if good[17] != "0" else "1")


@pytest.mark.parametrize("header", [
    "zh-CN", "zh", "zh-Hans", "zh-Hans-CN", "zh_CN", "en;q=0.5, zh-CN;q=0.9", "fr, zh;q=0.8, en;q=0.1"])
def test_chinese_is_chosen_by_tag_and_quality(park: Park, header: str) -> None:
    response = park.client.get("/api/v1/entities/7c3b4c4e-0000-4000-8000-000000000000",
                               headers={**park.admin, "Accept-Language": header})
    assert response.status_code == 404
    assert response.get_json()["message"].startswith("没有编号为")
    assert response.headers["Content-Language"] == "zh-CN"
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("header", [None, "en", "en-GB", "zh-CN;q=0.2, en;q=0.9", "fr", "zh;q=0", "*"])
def test_english_stays_the_default(park: Park, header: str | None) -> None:
    headers = {**park.admin, **({"Accept-Language": header} if header else {})}
    response = park.client.get("/api/v1/entities/7c3b4c4e-0000-4000-8000-000000000000", headers=headers)
    assert response.get_json()["message"] == ("no entity with id 7c3b4c4e-0000-4000-8000-000000000000 "
                                              "is registered")
    assert response.headers.get("Content-Language") == ("en" if header else None)


def test_jcg_language_sets_the_default_and_a_header_still_wins(app: Any) -> None:
    services = app.extensions["jcg"]
    chinese = create_app({"TESTING": True, "LANGUAGE": "zh-CN"}, services=services).test_client()
    assert chinese.get("/api/v1/entities").get_json()["message"].startswith("需要有效的 API 令牌")
    english = chinese.get("/api/v1/entities", headers={"Accept-Language": "en"}).get_json()
    assert english["message"] == "a valid API token is required: send Authorization: Bearer <token>"
    with pytest.raises(ValueError, match="JCG_LANGUAGE"):
        create_app({"TESTING": True, "LANGUAGE": "fr"}, services=services)


def test_a_credit_code_with_a_wrong_check_character(park: Park) -> None:
    code = wrong_check_character()
    zh = register(park, ZH, credit_code=code)
    en = register(park, {}, credit_code=code)
    assert zh.status_code == en.status_code == 422
    assert zh.get_json()["errors"]["credit_code"][0].startswith(f"校验码为 “{code[17]}”，但按 GB 32100-2015")
    assert zh.get_json()["message"].startswith("请求中有无效的值：credit_code：校验码为")
    assert en.get_json()["errors"]["credit_code"] == [
        f"check character is '{code[17]}' but GB 32100-2015 gives '{credit_code(7)[17]}' for the first "
        "17 characters: a character was probably mistyped"]
    assert en.get_json()["message"].startswith("the request has invalid values: credit_code: check")


def test_a_missing_field_and_a_malformed_date(park: Park) -> None:
    body = {"kind": "enterprise", "credit_code": credit_code(8), "zone": "gaoxin", "entered_on": "2025-13-45"}
    zh = park.client.post("/api/v1/entities", json=body, headers={**park.admin, **ZH}).get_json()
    en = park.client.post("/api/v1/entities", json=body, headers=park.admin).get_json()
    assert zh["errors"] == {"entered_on": ["不是有效的日期：请按 YYYY-MM-DD 填写，例如 2025-03-01。"],
                            "name": ["缺少必填字段，请填写。"]}
    assert en["errors"] == {"entered_on": ["Not a valid date."], "name": ["Missing data for required field."]}
    assert zh["code"] == en["code"] == 422 and zh["status"] == en["status"] == "Unprocessable Entity"


def test_an_event_with_a_malformed_date_in_its_data(park: Park) -> None:
    platform = park.register("pilot_platform")
    data = {"project": "P1", "space": "office", "start_on": "2025/03/01", "months": 36}
    zh = park.client.post(f"/api/v1/entities/{park.register()['id']}/events",
                          json={"type": "space_granted", "occurred_on": "2025-06-01", "data": data},
                          headers={**park.admin, **ZH}).get_json()
    assert zh["errors"] == {"data.start_on": ['“2025/03/01” 不是日期：请按 YYYY-MM-DD 填写，例如 "2025-03-01"']}
    assert platform["kind"] == "pilot_platform"  # enum values are the same in every language


def test_an_unknown_path_answers_in_the_language_asked(park: Park) -> None:
    zh = park.client.get("/api/v1/nowhere", headers=ZH).get_json()
    assert zh["message"].startswith("服务器上没有所请求的网址") and zh["status"] == "Not Found"


def test_a_method_a_path_does_not_take_names_its_status_as_every_error_does(park: Park) -> None:
    """Contract, "HTTP": "Errors: a JSON body with `code`, `status`, `message`": `status` the
    status's name, as on every other error, whatever the language."""
    entity = park.register()["id"]
    for headers in ({}, ZH):
        refused = park.client.delete(f"/api/v1/entities/{entity}", headers={**park.admin, **headers})
        assert refused.status_code == 405
        assert refused.get_json()["code"] == 405
        assert refused.get_json()["status"] == "Method Not Allowed"


def test_a_refused_award_names_its_clause_and_limit_in_both_languages(park: Park) -> None:
    """1.1: an innovation fund of 300,000–1,000,000 per achievement (阳政发〔2024〕15号 一(一))."""
    entity = park.register()["id"]
    award = {"achievement": "碳化硅中试", "stage": "pilot", "amount": "1200000.00"}
    zh = park.record(entity, "achievement_recognised", award, **ZH).get_json()
    en = park.record(entity, "achievement_recognised", award).get_json()
    assert zh["message"] == "第1.1条：金额 1,200,000.00 元超过上限 1,000,000.00 元"
    assert zh["errors"] == {"data.amount": ["第1.1条：金额 1,200,000.00 元超过上限 1,000,000.00 元"]}
    assert en["message"] == "1.1: amount 1200000.00 exceeds the cap 1000000.00"
    low = park.record(entity, "achievement_recognised", {**award, "amount": "299999.99"}, **ZH).get_json()
    assert low["message"] == "第1.1条：金额 299,999.99 元低于下限 300,000.00 元"
    assert park.history(entity)[-1]["type"] == "registered"  # nothing recorded


def test_a_body_that_is_not_json_is_told_in_chinese(park: Park) -> None:
    response = park.client.post("/api/v1/entities", data=b'{"kind": ', content_type="application/json",
                                headers={**park.admin, **ZH})
    assert response.status_code == 400
    assert response.get_json()["message"].startswith("请求体不是有效的 JSON：")


def test_two_messages_of_one_field_read_as_two_chinese_sentences(app: Any) -> None:
    from api.errors import body

    with app.test_request_context(headers=ZH):
        summary = body(422, None, {"data.name": ["名称不能为空", "名称过长。"]})["message"]
    assert summary.endswith("data.name：名称不能为空。名称过长。")


def test_the_policys_clause_titles_read_in_the_language_asked(park: Park) -> None:
    """Contract, "Languages": "What changes with the language: … the policy's clause titles."
    Each clause (and version) is titled as an entitlement of it is, in either language."""
    entity = park.register()["id"]
    assert park.record(entity, "achievement_recognised", {
        "achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}).status_code == 201
    for headers in ({}, ZH):
        [owed] = park.client.get(f"/api/v1/entities/{entity}/entitlements",
                                 headers={**park.admin, **headers}).get_json()
        [version] = park.client.get("/api/v1/policy",
                                    headers={**park.admin, **headers}).get_json()["versions"]
        clauses = {c["id"]: c for c in version["clauses"]}
        assert clauses["1.1"]["title"] == owed["title"]
    assert clauses["1.1"]["title"] == "实验室/中试科技创新成果创新资金"
    assert clauses["2.1"]["title"] == "中试平台设备购置补助"
    assert version["title"] == "“晋创谷·阳泉”创新驱动平台专项政策措施"
    english = park.client.get("/api/v1/policy", headers=park.admin).get_json()["versions"][0]
    assert english["clauses"][0]["title"] == ("实验室/中试科技创新成果创新资金 / "
                                             "Innovation fund for a lab or pilot-scale achievement")
    # The keys never change: both titles stay beside the one in the reader's language.
    assert english["clauses"][0]["title_en"] == clauses["1.1"]["title_en"]
