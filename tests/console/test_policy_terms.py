"""The console names things as the policy does: an event type by its clause (第1.1条), or by what it
is when no clause pays for it (审核, 拨付), never by the catalogue's codes."""

from __future__ import annotations

import re

from tests.console.conftest import Browser, lent


def test_the_event_picker_names_each_type_by_its_clause_or_what_it_is(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    html = admin.html(f"/console/entities/{entity}")
    options = dict(re.findall(r'<option value="([a-z_]+)">([^<]*)</option>', html))
    assert options["departed"] == "迁出（登记事项）"
    assert options["award_received"] == "获得科学技术奖（第6.1、6.2条）"
    assert options["entitlement_approved"] == "享受政策项审核通过（审核）"
    assert not [o for o in options.values() if re.search(r"life|review|payment|correction", o)], options


def test_an_event_form_says_where_its_type_sits_in_the_policy(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    departed = admin.html(f"/console/entities/{entity}/events/new?type=departed")
    assert '<p class="note">登记事项 · ' in departed and "第life条" not in departed
    award = admin.html(f"/console/entities/{entity}/events/new?type=award_received")
    assert '<p class="note">第6.1、6.2条 · ' in award


def test_paying_before_review_names_the_review_event_as_the_form_does(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "achievement_recognised", {"achievement": "成果", "stage": "lab",
                                                          "amount": "500000.00"}).status_code == 201
    entitlement = park.entitlements(entity)[0]["id"]
    response = admin.post(f"/console/entities/{entity}/events/new?type=entitlement_disbursed",
                          {"occurred_on": "2026-02-01", "data.entitlement_id": entitlement,
                           "data.amount": "500000.00", "data.paid_on": "2026-02-01", "if_match": "2"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "请先登记“享受政策项审核通过”" in html


def test_an_entitlement_leads_to_its_review_then_to_its_payment(admin: Browser, auditor: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "achievement_recognised", {"achievement": "成果", "stage": "lab",
                                                          "amount": "500000.00"}).status_code == 201
    entitlement = park.entitlements(entity)[0]["id"]

    def step(browser: Browser) -> str | None:
        row = re.search(rf'<tr data-entitlement-id="{entitlement}".*?</tr>', browser.html(f"/console/entities/{entity}"), re.S)
        link = re.search(r'<a href="([^"]+)">([^<]+)</a>', row.group(0))
        return link and (link.group(1).replace("&amp;", "&"), link.group(2))

    assert step(auditor) is None
    path, label = step(admin)
    assert label == "享受政策项审核通过" and "type=entitlement_approved" in path
    form = admin.html(path)
    picked = re.search(rf'<option selected value="{entitlement}">([^<]*)<|<option value="{entitlement}" selected>([^<]*)<', form)
    assert picked, form
    assert (picked.group(1) or picked.group(2)).endswith(" · 500,000.00")
    assert admin.post(path, {"occurred_on": "2026-02-01", "data.entitlement_id": entitlement,
                             "if_match": "2"}).status_code == 303
    path, label = step(admin)
    assert label == "资金拨付" and "type=entitlement_disbursed" in path and f"entitlement_id={entitlement}" in path


def test_the_history_labels_what_a_loan_records_beside_it_and_shows_money_as_money(admin: Browser, park) -> None:
    borrower, bank = lent(park)
    html = admin.html(f"/console/entities/{bank}")
    assert "借款企业入驻日期: 2025-01-02" in html and "借款企业是否在孵: 否" in html
    assert "贷款本金（元）: 2,000,000.00" in html
    assert f'借款企业: <a href="/console/entities/{borrower}">阳泉氢能科技有限公司</a>' in html
    assert "borrower_registered_on" not in html and "borrower_incubating" not in html


def test_a_loans_borrower_is_given_by_its_credit_code_as_a_clerk_knows_it(admin: Browser, park) -> None:
    borrower = park.register("enterprise")
    bank = park.register("financial_institution", subtype="bank")["id"]
    path = f"/console/entities/{bank}/events/new?type=loan_issued"
    assert 'placeholder="填写或选择其名称，或填写其统一社会信用代码"' in admin.html(path)
    loan = {"occurred_on": "2025-06-01", "data.loan_ref": "YQ-1", "data.category": "tech_transfer",
            "data.principal": "1000000.00", "data.annual_rate": "0.045", "data.start_on": "2025-06-01",
            "data.end_on": "2026-05-31", "data.quankedai": "false", "if_match": "1"}
    unknown = admin.post(path, {**loan, "data.borrower_entity_id": "91140300MA0000001G"})
    assert unknown.status_code == 422
    assert '<li data-field="data.borrower_entity_id">园区内没有统一社会信用代码为 91140300MA0000001G 的主体。' \
        in unknown.get_data(as_text=True)
    mistyped = admin.post(path, {**loan, "data.borrower_entity_id": borrower["credit_code"][:17] + "X"})
    assert "校验码" in mistyped.get_data(as_text=True)
    assert admin.post(path, {**loan, "data.borrower_entity_id": borrower["credit_code"].lower()}).status_code == 303
    assert park.history(bank)[-1]["data"]["borrower_entity_id"] == borrower["id"]


def test_the_policy_page_says_how_each_clause_supports_in_words(admin: Browser, park) -> None:
    html = admin.html("/console/policy")
    kinds = dict(re.findall(r'<tr data-clause="([^"]+)"><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>', html))
    assert kinds["1.1"] == "一次性资金支持" and kinds["8.1"] == "按年度资金支持"
    assert kinds["1.2"] == "实物支持（免费场地等）" and kinds["8.3"] == "非资金事项（备案、通道、认定等）"


def test_each_kind_is_named_whole_in_either_language(admin: Browser, park) -> None:
    assert ">金融机构</a>" in admin.html("/console/")
    admin.post("/console/language", {"lang": "en", "next": "/console/"}, form_page="/console/")
    html = admin.html("/console/")
    assert ">financial institution</a>" in html and "银行/担保/保险" not in html


def test_the_two_ways_of_reading_the_past_are_labelled_without_the_apis_parameter_names(admin: Browser, park) -> None:
    html = admin.html(f"/console/entities/{park.register('enterprise')['id']}")
    assert "按当日已记录的信息" in html and "按事项发生日期" in html
    assert "（as_of）" not in html and "（on）" not in html


def test_the_history_names_the_entitlement_a_review_or_a_payment_settles(admin: Browser, park) -> None:
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "achievement_recognised", {"achievement": "成果", "stage": "lab",
                                                          "amount": "500000.00"}).status_code == 201
    entitlement = park.entitlements(entity)[0]["id"]
    assert park.record(entity, "entitlement_approved", {"entitlement_id": entitlement}).status_code == 201
    html = admin.html(f"/console/entities/{entity}")
    # The approval shows the amount the review approved, which the door stored with it.
    assert "享受政策项编号: 1.1 实验室/中试科技创新成果创新资金；金额（元）: 500000.00</td>" in html, html


def test_an_overpaid_entitlement_leads_to_recording_its_money_back(admin: Browser, park) -> None:
    """应追回 (policy README, "Paid too much"): a revoked entitlement paid 500,000.00 offers 资金追回
    where an approved one offers 资金拨付; recorded through the form, it is closed."""
    entity = park.register("enterprise")["id"]
    assert park.record(entity, "achievement_recognised", {"achievement": "成果", "stage": "lab",
                                                          "amount": "500000.00"}).status_code == 201
    entitlement = park.entitlements(entity)[0]["id"]
    for type_name, data in (("entitlement_approved", {}),
                            ("entitlement_disbursed", {"amount": "500000.00", "paid_on": "2026-02-01"}),
                            ("entitlement_revoked", {"reason": "材料不实"})):
        assert park.record(entity, type_name, {"entitlement_id": entitlement, **data},
                           occurred_on="2026-02-01").status_code == 201
    row = re.search(rf'<tr data-entitlement-id="{entitlement}".*?</tr>', admin.html(f"/console/entities/{entity}"), re.S)
    path, label = re.search(r'<a href="([^"]+)">([^<]+)</a>', row.group(0)).groups()
    assert label == "资金追回" and "type=entitlement_recovered" in path
    path = path.replace("&amp;", "&")
    assert "追回日期" in admin.html(path)
    assert admin.post(path, {"occurred_on": "2026-03-01", "data.entitlement_id": entitlement,
                             "data.amount": "500000.00", "data.recovered_on": "2026-03-01",
                             "if_match": "5"}).status_code == 303
    [e] = park.entitlements(entity)
    assert (e["status"], e["disbursed"], e["recovered"], e["recoverable"]) == (
        "revoked", "0.00", "500000.00", "0.00")
