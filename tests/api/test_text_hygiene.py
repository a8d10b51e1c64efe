"""Text that would break a store or a screen is refused at the door, on both backends.

Contract, "Inputs that cannot hurt": text fields refuse control characters (U+0000–U+001F,
U+007F; free text such as a reason may keep tab and newline) and unpaired surrogates with 422.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from api import create_app
from tests.api.samples import credit_code

ENTITIES = "/api/v1/entities"


@pytest.fixture
def client(services: Any) -> Iterator[FlaskClient]:
    yield create_app({"TESTING": True}, services=services).test_client()


@pytest.fixture
def admin(services: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {services.registry.issue_token('admin', 'test')}"}


def raw_post(client: FlaskClient, path: str, text: str, headers: dict[str, str]) -> Any:
    """Post JSON exactly as written: `json=` would refuse to encode a lone surrogate."""
    return client.post(path, data=text.encode(), headers={**headers, "Content-Type": "application/json"})


def registration(name: str, code: int = 1) -> str:
    # Escapes written by hand, as a client's JSON would carry them.
    return ('{"kind": "enterprise", "name": "NAME", "credit_code": "CODE", "zone": "gaoxin", '
            '"entered_on": "2025-01-02"}').replace("NAME", name).replace("CODE", credit_code(code))


@pytest.mark.parametrize("name, shown", [
    ("\\u0000", "U+0000"), ("Acme\\u0000Ltd", "U+0000"), ("\\ud800", "U+D800"), ("a\\udfffb", "U+DFFF"),
    ("\\u001f", "U+001F"), ("\\u007f", "U+007F"), ("two\\nlines", "U+000A"), ("tab\\there", "U+0009"),
])
def test_a_name_with_a_control_or_broken_character_is_refused_naming_it(
        client: FlaskClient, admin: dict[str, str], name: str, shown: str) -> None:
    response = raw_post(client, ENTITIES, registration(name), admin)
    assert response.status_code == 422, response.get_data(as_text=True)
    answer = response.get_json()
    assert shown in " ".join(answer["errors"]["name"]) and "position" in answer["message"]
    assert client.get(ENTITIES, headers=admin).get_json() == []


def test_chinese_and_other_printable_text_is_kept_as_sent(client: FlaskClient, admin: dict[str, str]) -> None:
    name = "晋创谷·阳泉 科技有限公司 (Ａ) 🚀"
    response = raw_post(client, ENTITIES, json.dumps(
        {"kind": "enterprise", "name": name, "credit_code": credit_code(1), "zone": "gaoxin",
         "entered_on": "2025-01-02"}), admin)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["name"] == name


@pytest.mark.parametrize("q", ["%00", "a%00b", "%1b", "%7f"])
def test_a_query_with_a_control_character_is_422_not_500(
        client: FlaskClient, admin: dict[str, str], q: str) -> None:
    response = client.get(f"{ENTITIES}?q={q}", headers=admin)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert "q" in response.get_json()["errors"]


@pytest.fixture
def entity(client: FlaskClient, admin: dict[str, str]) -> str:
    response = raw_post(client, ENTITIES, registration("Acme"), admin)
    assert response.status_code == 201
    return response.get_json()["id"]


def test_event_data_text_is_checked_like_any_other(
        client: FlaskClient, admin: dict[str, str], entity: str) -> None:
    event = '{"type": "standard_drafted", "occurred_on": "2025-06-01", "data": ' \
            '{"standard": "GB\\u0000 1", "role": "lead", "amount": "1000.00"}}'
    response = raw_post(client, f"{ENTITIES}/{entity}/events", event, admin)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert "U+0000" in " ".join(response.get_json()["errors"]["data.standard"])


def test_a_reason_may_run_over_lines_but_not_hold_other_control_characters(
        client: FlaskClient, admin: dict[str, str], entity: str) -> None:
    path = f"{ENTITIES}/{entity}/events"
    refused = raw_post(client, path, '{"type": "departed", "occurred_on": "2025-06-01", '
                                     '"data": {"reason": "moved\\u0007"}}', admin)
    assert refused.status_code == 422 and "U+0007" in refused.get_json()["message"]
    kept = raw_post(client, path, '{"type": "departed", "occurred_on": "2025-06-01", '
                                  '"data": {"reason": "moved to Taiyuan;\\n\\tboard decision"}}', admin)
    assert kept.status_code == 201, kept.get_json()
    history = client.get(path, headers=admin).get_json()
    assert history[-1]["data"]["reason"] == "moved to Taiyuan;\n\tboard decision"


def test_a_broken_key_in_the_data_is_refused_and_the_answer_is_still_valid_utf8(
        client: FlaskClient, admin: dict[str, str], entity: str) -> None:
    event = '{"type": "departed", "occurred_on": "2025-06-01", "data": {"\\ud800": "x"}}'
    response = raw_post(client, f"{ENTITIES}/{entity}/events", event, admin)
    assert response.status_code == 422
    response.get_data().decode("utf-8")  # no lone surrogate leaked into the answer
    assert "\\ud800" in response.get_data(as_text=True)


def test_a_batch_item_is_checked_like_a_single_event(
        client: FlaskClient, admin: dict[str, str], entity: str) -> None:
    batch = ('{"events": [{"entity_id": "ID", "type": "departed", "occurred_on": "2025-06-01", '
             '"data": {"reason": "x"}, "idempotency_key": "k\\u0000"}]}').replace("ID", entity)
    response = raw_post(client, "/api/v1/events/batch", batch, admin)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert "events.0.idempotency_key" in response.get_json()["errors"]
    assert len(client.get(f"{ENTITIES}/{entity}/events", headers=admin).get_json()) == 1


def test_an_idempotency_key_header_with_a_control_character_is_refused(
        client: FlaskClient, admin: dict[str, str], entity: str) -> None:
    response = raw_post(client, f"{ENTITIES}/{entity}/events",
                        '{"type": "departed", "occurred_on": "2025-06-01", "data": {"reason": "x"}}',
                        {**admin, "Idempotency-Key": "key\x01"})
    assert response.status_code == 422
    assert "Idempotency-Key" in response.get_json()["errors"]


def string_inputs(node: Any, where: str, spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every string schema a client fills, following references, `anyOf` and nesting."""
    if isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        yield from string_inputs(spec["components"]["schemas"][name], f"{where}→{name}", spec)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" or "string" in (node.get("type") or []):
        yield where, node
    for key in ("anyOf", "oneOf", "allOf"):
        for i, part in enumerate(node.get(key, [])):
            yield from string_inputs(part, f"{where}.{key}{i}", spec)
    for name, prop in (node.get("properties") or {}).items():
        yield from string_inputs(prop, f"{where}.{name}", spec)
    for key in ("items", "additionalProperties", "propertyNames"):
        if isinstance(node.get(key), dict):
            yield from string_inputs(node[key], f"{where}.{key}", spec)


def test_every_text_a_client_sends_is_documented_and_checked_as_text(app: Any) -> None:
    # Every schema takes text through api.fields.Text, which documents the pattern; a new field
    # declared as a plain String (unchecked) shows here without it. Dates, ids, money and
    # choices are parsed into something else and cannot carry stray characters.
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    found, unchecked = [], []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":  # the path's own: ids
                continue
            inputs = [(f"{method} {path} ?{p['name']}", p["schema"]) for p in operation.get("parameters", [])
                      if p["in"] == "query"]
            for media in (operation.get("requestBody") or {}).get("content", {}).values():
                inputs.append((f"{method} {path} body", media["schema"]))
            for where, schema in inputs:
                for name, text in string_inputs(schema, where, spec):
                    found.append(name)
                    if not ({"format", "enum", "pattern"} & set(text)):
                        unchecked.append(name)
    assert any(name.endswith("?q") for name in found) and any(".data" in name for name in found)
    assert unchecked == []


# Issue 20's replays, on each backend (PostgreSQL above all: it cannot keep U+0000 at all).

def test_a_name_with_nul_is_refused_in_chinese_and_nothing_is_recorded(
        client: FlaskClient, admin: dict[str, str], services: Any) -> None:
    head = services.registry.recorder.max_notification_id()
    response = raw_post(client, ENTITIES, registration("Acme\\u0000Ltd"), {**admin, "Accept-Language": "zh-CN"})
    assert response.status_code == 422, response.get_data(as_text=True)
    answer = response.get_json()
    assert answer["errors"]["name"] == ["第 5 个字符处有不可见的控制字符 U+0000：请删除它（常随从其他程序复制的文本带入）后重新提交"]
    assert services.registry.recorder.max_notification_id() == head
    assert client.get(ENTITIES, headers=admin).get_json() == []


def test_a_lone_surrogate_sent_as_a_json_escape_is_422_in_either_language(
        client: FlaskClient, admin: dict[str, str]) -> None:
    for language, said in (("en", "half of a character"), ("zh-CN", "U+D800")):
        response = raw_post(client, ENTITIES, registration("\\ud800"), {**admin, "Accept-Language": language})
        assert response.status_code == 422, response.get_data(as_text=True)
        assert said in response.get_json()["errors"]["name"][0]
        response.get_data().decode("utf-8")


@pytest.mark.parametrize("replaces, complaint", [
    ('["\\ud800"]', "\\ud800"), ('["\\u0000"]', "x00"), ('"\\u0000"', "not a list of ids"),
])
def test_every_string_of_a_list_in_the_data_is_checked(
        client: FlaskClient, admin: dict[str, str], entity: str, replaces: str, complaint: str) -> None:
    event = ('{"type": "case_by_case_support_granted", "occurred_on": "2025-06-01", "data": '
             '{"clause": "1.4", "decision_ref": "D-1", "amount": "1000.00", "replaces": REPLACES}}'
             ).replace("REPLACES", replaces)
    for language in ("en", "zh-CN"):
        response = raw_post(client, f"{ENTITIES}/{entity}/events", event, {**admin, "Accept-Language": language})
        assert response.status_code == 422, response.get_data(as_text=True)
        assert list(response.get_json()["errors"]) == ["data.replaces"]
        response.get_data().decode("utf-8")
    assert complaint in raw_post(client, f"{ENTITIES}/{entity}/events", event, admin).get_data(as_text=True)
    assert len(client.get(f"{ENTITIES}/{entity}/events", headers=admin).get_json()) == 1


def test_a_control_character_at_the_end_of_event_text_is_refused_not_stripped_away(
        client: FlaskClient, admin: dict[str, str], entity: str) -> None:
    response = raw_post(client, f"{ENTITIES}/{entity}/events", '{"type": "departed", "occurred_on": '
                        '"2025-06-01", "data": {"reason": "moved\\u001f"}}', admin)
    assert response.status_code == 422 and "U+001F" in response.get_json()["message"]


def test_the_consoles_search_refuses_what_the_apis_refuses(
        client: FlaskClient, services: Any, entity: str) -> None:
    from tests.console.conftest import Browser

    browser = Browser(client.application)
    assert browser.sign_in(services.registry.issue_token("admin", "园区")).status_code == 302
    for q in ("%00", "a%00b", "%1b"):
        refused = browser.get(f"/console/entities?q={q}")
        assert refused.status_code == 400, refused.get_data(as_text=True)
        assert "控制字符" in refused.get_data(as_text=True)
    assert "Acme" in browser.get("/console/entities?q=Ac").get_data(as_text=True)


def test_a_token_label_with_a_control_character_is_refused_wherever_it_comes_from(
        client: FlaskClient, services: Any) -> None:
    from tests.console.conftest import Browser

    with pytest.raises(ValueError, match="U\\+0000"):
        services.registry.issue_token("auditor", "财政局\x00")
    browser = Browser(client.application)
    assert browser.sign_in(services.registry.issue_token("admin", "园区")).status_code == 302
    assert browser.post("/console/tokens", {"role": "auditor", "label": "财政局\x1b"}).status_code == 422
    assert [t["label"] for t in services.registry.tokens()] == ["园区"]


def test_an_import_checks_its_cells_as_text_and_refuses_a_damaged_sheet(
        client: FlaskClient, services: Any) -> None:
    import io
    import zipfile

    from tests.api.conftest import Park
    from tests.spreadsheets.conftest import fill, saved, template, upload

    park = Park(client.application, client)

    def workbook(name_xml: bytes) -> bytes:
        book = template(park)
        fill(book, "entities", [{"kind": "enterprise", "name": "NAME", "credit_code": credit_code(7),
                                 "zone": "高新区", "entered_on": "2025-01-02"}])
        packed, out = zipfile.ZipFile(io.BytesIO(saved(book))), io.BytesIO()
        with zipfile.ZipFile(out, "w") as edited:
            for item in packed.infolist():
                edited.writestr(item, packed.read(item.filename).replace(b">NAME<", name_xml))
        return out.getvalue()

    # A line feed is valid XML: the cell reaches the API's schema, which refuses it.
    report = upload(park, workbook(b">A&#10;B<")).get_json()
    assert report["refused"] == 1 and report["errors"][0]["column"] == "name"
    assert "U+000A" in report["errors"][0]["message"]
    # An escape character is not even XML: the workbook is damaged, 422, not 500.
    damaged = upload(park, workbook(b">A\x1bB<"))
    assert damaged.status_code == 422 and "cannot be read" in damaged.get_json()["message"]
    assert client.get(ENTITIES, headers=park.admin).get_json() == []


def test_jcg_token_create_refuses_a_label_with_a_control_character(
        database_url: str, services: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from cli.main import main

    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["token", "create", "--role", "auditor", "--label", "财政局\x1b"]) == 2
    assert "U+001B" in capsys.readouterr().err
    assert services.registry.tokens() == []
