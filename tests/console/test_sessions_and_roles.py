"""Sign-in, sessions that end with their token, and roles exactly as the contract says."""

from __future__ import annotations

import os
import re
from uuid import UUID

from console import secret, session
from tests.console.conftest import Browser


def test_a_wrong_token_is_refused_with_a_message(app) -> None:
    browser = Browser(app)
    response = browser.sign_in("jcg_not-a-token")
    assert response.status_code == 401
    assert '<li data-field="token">令牌无效或已被撤销。</li>' in response.get_data(as_text=True)


def test_the_session_cookie_holds_no_token_and_is_httponly_lax(app, park) -> None:
    token = park.registry.issue_token("auditor", "审计")
    browser = Browser(app)
    response = browser.sign_in(token)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and token not in cookie
    assert response.headers["Location"] == "/console/"


def test_signing_out_ends_the_session(admin: Browser) -> None:
    assert admin.post("/console/logout", {}, form_page="/console/").status_code == 302
    assert admin.get("/console/").status_code == 302


def test_signing_out_takes_the_forms_post_so_another_site_cannot_sign_an_official_out(admin: Browser) -> None:
    # An <img src="…/console/logout"> on any page the official opens would send a GET.
    assert admin.get("/console/logout").status_code in (404, 405)
    assert admin.client.post("/console/logout").status_code == 400  # no CSRF token
    assert admin.get("/console/").status_code == 200


def test_a_revoked_tokens_session_stops_working(app, park, admin: Browser, monkeypatch) -> None:
    token = park.registry.issue_token("auditor", "将被撤销")
    auditor = Browser(app)
    auditor.sign_in(token)
    assert auditor.get("/console/").status_code == 200
    token_id = park.registry.token_id(token)
    # Revoked by another process: this one looks again once its memory of the token is stale.
    park.registry.revoke_token(token_id)
    monkeypatch.setattr(session, "SESSION_RECHECK_SECONDS", 0.0)
    session.forget(token_id)
    assert auditor.get("/console/").headers["Location"].startswith("/console/login")


def test_an_admin_revokes_a_token_from_the_tokens_page(app, park, admin: Browser) -> None:
    token = park.registry.issue_token("auditor", "临时审计")
    auditor = Browser(app)
    auditor.sign_in(token)
    token_id = park.registry.token_id(token)
    assert admin.post(f"/console/tokens/{token_id}/revoke", {}, form_page="/console/tokens").status_code == 303
    assert auditor.get("/console/").status_code == 302


def test_an_admin_issues_a_token_shown_once(admin: Browser, park) -> None:
    response = admin.post("/console/tokens", {"role": "auditor", "label": "市财政局"})
    token = re.search(r"<p class=\"secret\" data-token>(jcg_[^<]+)</p>", response.get_data(as_text=True)).group(1)
    assert park.registry.authenticate(token).label == "市财政局"
    assert token not in admin.html("/console/tokens")


def test_an_agencys_token_is_made_from_its_page_and_confined_to_its_entity(app, park, admin: Browser) -> None:
    own, other = park.register("tech_transfer_agency"), park.register("enterprise")
    response = admin.post(f"/console/entities/{own['id']}/tokens", {"label": "技术转移中心"},
                          form_page=f"/console/entities/{own['id']}")
    token = re.search(r"data-token>(jcg_[^<]+)<", response.get_data(as_text=True)).group(1)
    agency = Browser(app)
    agency.sign_in(token)
    assert agency.get("/console/").headers["Location"] == f"/console/entities/{own['id']}"
    html = agency.html(f"/console/entities/{own['id']}")
    assert "<form method=\"post\"" not in html.split("<main")[1]
    assert "园区管理员" not in html  # an entity sees the recorder's role, not the staff's label
    for path in (f"/console/entities/{other['id']}", "/console/entities", "/console/subsidies",
                 "/console/deadlines", "/console/alerts", "/console/policy", "/console/tokens",
                 "/console/entities/new", f"/console/entities/{own['id']}/events/new?type=departed"):
        assert agency.get(path).status_code == 403, path


def test_an_auditor_sees_everything_and_no_form_that_writes(park, auditor: Browser) -> None:
    entity = park.register("enterprise")
    for path in ("/console/", "/console/entities", f"/console/entities/{entity['id']}", "/console/subsidies",
                 "/console/deadlines", "/console/alerts", "/console/policy"):
        main = auditor.html(path).split("<main")[1]
        assert 'method="post"' not in main, path
    for path in ("/console/entities/new", "/console/tokens",
                 f"/console/entities/{entity['id']}/events/new?type=departed"):
        assert auditor.get(path).status_code == 403, path
    body = {"kind": "enterprise", "name": "x", "credit_code": "x", "zone": "gaoxin", "entered_on": "2025-01-01"}
    assert auditor.post("/console/entities/new", body, form_page="/console/").status_code == 403


def test_the_secret_key_is_made_once_readable_by_its_owner_only(tmp_path) -> None:
    path = tmp_path / "var" / "secret-key"
    first = secret.stored_key(path)
    assert secret.stored_key(path) == first and len(first) >= 48
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_unknown_ids_and_bad_filters_are_client_errors(admin: Browser) -> None:
    assert admin.get(f"/console/entities/{UUID(int=5)}").status_code == 404
    assert admin.get("/console/entities?kind=bank").status_code == 400
    assert admin.get("/console/entities?page=0").status_code == 400
    assert admin.get("/console/deadlines?clause=99.9").status_code == 400


def test_refusals_are_pages_of_the_console_in_chinese(admin: Browser, app) -> None:
    response = admin.get(f"/console/entities/{UUID(int=7)}")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "没有该页面或主体。" in response.get_data(as_text=True)
    refused = admin.client.post("/console/entities/new", data={"name": "x"})
    assert refused.status_code == 400 and "未作任何更改" in refused.get_data(as_text=True)


def test_wrong_tokens_at_the_sign_in_are_held_back_like_the_apis(park) -> None:
    from api import create_app

    app = create_app({"TESTING": True, "AUTH_FAILURES_PER_MINUTE": 2}, services=park.app.extensions["jcg"])
    browser = Browser(app)
    assert [browser.sign_in("jcg_wrong").status_code for _ in range(3)] == [401, 401, 429]
    assert int(browser.sign_in("jcg_wrong").headers["Retry-After"]) >= 1


def test_an_entity_reads_its_history_with_the_recorders_role_and_staff_with_their_label(
        app, park, admin: Browser) -> None:
    own = park.register("enterprise")
    clerk = park.headers(park.registry.issue_token("admin", "招商科张三"))
    assert park.client.post(f"/api/v1/entities/{own['id']}/events", headers=clerk, json={
        "type": "incubation_started", "occurred_on": "2025-06-01", "data": {}}).status_code == 201
    agency = Browser(app)
    agency.sign_in(park.registry.issue_token("entity", "企业自助", UUID(own["id"])))
    seen = agency.html(f"/console/entities/{own['id']}")
    assert "开始孵化" in seen and "招商科张三" not in seen
    assert "招商科张三 · 园区管理" in admin.html(f"/console/entities/{own['id']}")


def test_a_departed_entitys_page_offers_only_settling_and_reentry(park, admin: Browser) -> None:
    own = park.register("enterprise")
    present = admin.html(f"/console/entities/{own['id']}")
    assert 'value="incubation_started"' in present and 'value="reentered"' not in present
    assert park.record(own["id"], "departed", {"reason": "迁往太原"}).status_code == 201
    offered = re.findall(r'<option value="([a-z_]+)">', admin.html(f"/console/entities/{own['id']}"))
    assert sorted(offered) == ["entitlement_approved", "entitlement_disbursed", "entitlement_recovered",
                               "entitlement_revoked", "external_support_recorded", "reentered",
                               "registration_corrected"]
