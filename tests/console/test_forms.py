"""Forms: registration, an event recorded through its generated form, refusals kept with their
values and errors beside the fields, CSRF refused, two clerks at once told of the conflict."""

from __future__ import annotations

import re

from i18n import labels
from spreadsheets.columns import sheets
from tests.api.samples import credit_code
from tests.console.conftest import Browser


def _registered(admin: Browser, **fields: str) -> str:
    body = {"kind": "enterprise", "subtype": "", "name": "阳泉中试科技有限公司",
            "credit_code": credit_code(7), "zone": "gaoxin", "entered_on": "2025-03-01", **fields}
    response = admin.post("/console/entities/new", body)
    assert response.status_code == 303, response.get_data(as_text=True)
    return re.search(r"/console/entities/([0-9a-f-]{36})", response.headers["Location"]).group(1)


def test_a_clerk_registers_records_and_sees_the_entitlement_explained(admin: Browser, park) -> None:
    entity_id = _registered(admin)
    page = admin.html(f"/console/entities/{entity_id}/events/new?type=achievement_recognised")
    assert 'type="date"' in page and '<option value="pilot">中试</option>' in page
    response = admin.post(f"/console/entities/{entity_id}/events/new?type=achievement_recognised",
                          {"occurred_on": "2026-02-01", "data.achievement": "氢能中试成果",
                           "data.stage": "pilot", "data.amount": "800000.00", "if_match": "1"})
    assert response.status_code == 303
    html = admin.html(f"/console/entities/{entity_id}")
    row = re.search(r'<tr data-entitlement-id="[^"]+" data-clause="1.1" data-status="eligible" '
                    r'data-amount="800000.00">(.*?)</tr>', html, re.S)
    assert row, html
    assert "800,000.00" in row.group(1) and 'class="explanation"' in row.group(1)
    history = park.client.get(f"/api/v1/entities/{entity_id}/events", headers=park.admin).get_json()
    assert [e["type"] for e in history] == ["registered", "achievement_recognised"]
    assert history[1]["recorded_by"] == {"label": "园区管理员", "role": "admin"}
    assert "园区管理员" in html and "科技创新成果认定" in html


def test_a_refused_form_keeps_its_values_and_shows_the_error_beside_the_field(admin: Browser, park) -> None:
    entity_id = _registered(admin)
    response = admin.post(f"/console/entities/{entity_id}/events/new?type=achievement_recognised",
                          {"occurred_on": "2026-02-01", "data.achievement": "超上限成果",
                           "data.stage": "lab", "data.amount": "1200000.00", "if_match": "1"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="超上限成果"' in html and 'value="1200000.00"' in html
    assert re.search(r'<option selected value="lab">|<option value="lab" selected>', html)
    # The policy's refusal names its clause, beside the amount's input.
    assert re.search(r'id="data.amount"[^>]*>\s*<ul class="errors"[^>]*>\s*<li data-field="data.amount">[^<]*1\.1', html), html
    history = park.client.get(f"/api/v1/entities/{entity_id}/events", headers=park.admin).get_json()
    assert len(history) == 1


def test_a_bad_registration_is_shown_again_with_each_error_beside_its_field(admin: Browser, park) -> None:
    response = admin.post("/console/entities/new", {"kind": "enterprise", "subtype": "", "name": "某公司",
                                                    "credit_code": "91140300MA0000000X", "zone": "gaoxin",
                                                    "entered_on": "2025-13-01"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<li data-field="credit_code">' in html and '<li data-field="entered_on">' in html
    assert 'value="91140300MA0000000X"' in html and 'value="某公司"' in html
    listed = park.client.get("/api/v1/entities", headers=park.admin).get_json()
    assert listed == []


def test_a_post_without_a_valid_csrf_token_is_refused_and_changes_nothing(admin: Browser, park) -> None:
    body = {"kind": "enterprise", "name": "无令牌公司", "credit_code": credit_code(9), "zone": "gaoxin",
            "entered_on": "2025-03-01"}
    assert admin.client.post("/console/entities/new", data=body).status_code == 400
    assert admin.client.post("/console/entities/new", data={**body, "csrf_token": "forged"}).status_code == 400
    assert park.client.get("/api/v1/entities", headers=park.admin).get_json() == []


def test_two_clerks_at_once_the_second_is_told_of_the_conflict(admin: Browser, park) -> None:
    entity_id = _registered(admin)
    path = f"/console/entities/{entity_id}/events/new?type=incubation_started"
    form = admin.html(path)
    assert 'name="if_match" type="hidden" value="1"' in form
    park.record(entity_id, "departed", {"reason": "另一位同事先记录了迁出"})
    response = admin.post(path, {"occurred_on": "2026-02-01", "if_match": "1"})
    assert response.status_code == 409
    assert '<li data-field="if_match">' in response.get_data(as_text=True)
    history = park.client.get(f"/api/v1/entities/{entity_id}/events", headers=park.admin).get_json()
    assert [e["type"] for e in history] == ["registered", "departed"]


def test_each_event_type_has_a_form_of_its_own_fields(admin: Browser, park) -> None:
    from contract.catalogue import FACT_TYPES

    ids = {kind: park.register(kind, **({"subtype": "bank"} if kind == "financial_institution" else {}))["id"]
           for kind in {k for t in FACT_TYPES.values() for k in t.kinds}}
    for fact_type in FACT_TYPES.values():
        html = admin.html(f"/console/entities/{ids[fact_type.kinds[0]]}/events/new?type={fact_type.name}")
        for name in fact_type.fields:
            assert f'name="data.{name}"' in html, (fact_type.name, name)
        # The form says what the import workbook's row 1 says (less its "（选填）"), but for the
        # other party, which the workbook takes by id and the form by name (借款企业).
        for column in sheets()[fact_type.name][2:]:
            label = column.label.removesuffix("（选填）")
            if column.key.removeprefix("data.") in labels.PARTIES:
                label = labels.party(column.key)
            assert f'<label for="{column.key}">{label}</label>' in html, (fact_type.name, label)


def test_a_number_typed_in_superscript_digits_is_refused_beside_its_field_not_a_500(admin: Browser, park) -> None:
    entity_id = _registered(admin)
    response = admin.post(f"/console/entities/{entity_id}/events/new?type=space_granted",
                          {"occurred_on": "2026-02-01", "data.project": "中试基地", "data.space": "office",
                           "data.start_on": "2026-02-01", "data.months": "¹²", "if_match": "²"})
    assert response.status_code == 422
    assert '<li data-field="data.months">' in response.get_data(as_text=True)


def test_a_case_by_case_decision_names_the_entitlements_it_replaces_from_the_entitys_own(
        admin: Browser, park) -> None:
    """Contract, second review: `case_by_case_support_granted` takes `replaces` (a list of
    entitlement ids); 就高: the decision replaces the entitlements it names. The form offered a
    text box whose value the registry refused as not a list, whatever was typed: no decision
    could replace anything from the console. Now the entity's entitlements to pick, several."""
    entity_id = _registered(admin)
    admin.post(f"/console/entities/{entity_id}/events/new?type=achievement_recognised",
               {"occurred_on": "2026-02-01", "data.achievement": "氢能中试成果", "data.stage": "pilot",
                "data.amount": "800000.00", "if_match": "1"})
    [award] = [e["id"] for e in park.entitlements(entity_id) if e["clause"] == "1.1"]
    path = f"/console/entities/{entity_id}/events/new?type=case_by_case_support_granted"
    page = admin.html(path)
    assert re.search(r'<select[^>]*multiple[^>]*name="data.replaces"|<select[^>]*name="data.replaces"[^>]*multiple',
                     page), page
    assert f'value="{award}"' in page
    response = admin.client.post(path, data={
        "occurred_on": "2026-03-01", "data.clause": "1.4", "data.decision_ref": "阳科〔2026〕3号",
        "data.amount": "3000000.00", "data.replaces": [award], "if_match": "2",
        "csrf_token": admin.csrf(path)})
    assert response.status_code == 303, response.get_data(as_text=True)
    [decision] = [e for e in park.history(entity_id) if e["type"] == "case_by_case_support_granted"]
    assert decision["data"]["replaces"] == [award]
    replaced = next(e for e in park.entitlements(entity_id) if e["id"] == award)
    assert replaced["status"] == "superseded"
    # None picked: an empty list, as the contract's default.
    response = admin.client.post(path, data={
        "occurred_on": "2026-03-02", "data.clause": "9", "data.decision_ref": "阳科〔2026〕4号",
        "data.amount": "100000.00", "if_match": "3", "csrf_token": admin.csrf(path)})
    assert response.status_code == 303, response.get_data(as_text=True)
