"""Entitlements, subsidies, deadlines and the policy, read through the API."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.api.conftest import FIXED_NOW


def _entitlements(park, entity_id, query="", headers=None):
    response = park.client.get(f"/api/v1/entities/{entity_id}/entitlements{query}",
                               headers=headers or park.admin)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_an_agency_reads_its_own_annual_subsidy_with_its_explanation(park):
    """4.1: by annual in-park service performance, up to 1,000,000 a year."""
    agency = park.register("tech_transfer_agency")
    park.record(agency["id"], "transfer_performance_assessed", {"year": 2025, "amount": "1000000.00"},
                occurred_on="2026-01-15")
    own = _entitlements(park, agency["id"], headers=park.entity_token(agency["id"]))
    [subsidy] = [e for e in own if e["clause"] == "4.1"]
    assert subsidy["amount"] == "1000000.00" and subsidy["kind"] == "annual"
    assert "1,000,000.00" in subsidy["explanation"]
    assert subsidy["policy_version"] and subsidy["basis"]


def test_a_review_above_the_clause_cap_is_refused_naming_clause_and_limit(park):
    """1.1: 300,000–1,000,000 per achievement, set by review."""
    enterprise = park.register("enterprise")
    response = park.record(enterprise["id"], "achievement_recognised",
                           {"achievement": "A", "stage": "lab", "amount": "1000000.01"})
    assert response.status_code == 422
    assert response.get_json()["message"].startswith("1.1:")
    assert "1000000.00" in response.get_json()["message"]
    assert len(park.history(enterprise["id"])) == 1


def test_the_cap_itself_is_accepted_and_owed(park):
    enterprise = park.register("enterprise")
    assert park.record(enterprise["id"], "achievement_recognised",
                       {"achievement": "A", "stage": "lab", "amount": "1000000.00"}).status_code == 201
    [award] = [e for e in _entitlements(park, enterprise["id"]) if e["clause"] == "1.1"]
    assert award["amount"] == "1000000.00" and award["status"] == "eligible"


def test_a_fund_investment_naming_no_enterprise_is_refused(park):
    """11: the investee must be a registered park enterprise."""
    fund = park.register("fund")
    response = park.record(fund["id"], "fund_investment_made",
                           {"investee_entity_id": fund["id"], "amount_paid_in": "1000000.00"})
    assert response.status_code == 422
    assert response.get_json()["message"].startswith("11")


def test_review_decisions_move_the_status_and_disbursement_never_exceeds_what_is_owed(park):
    enterprise = park.register("enterprise")
    park.record(enterprise["id"], "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"})
    [entitlement] = [e for e in _entitlements(park, enterprise["id"]) if e["clause"] == "7.2"]
    assert park.record(enterprise["id"], "entitlement_approved", {"entitlement_id": entitlement["id"]}).status_code == 201
    over = park.record(enterprise["id"], "entitlement_disbursed",
                       {"entitlement_id": entitlement["id"], "amount": "300000.01", "paid_on": "2025-07-01"})
    assert over.status_code == 422
    paid = park.record(enterprise["id"], "entitlement_disbursed",
                       {"entitlement_id": entitlement["id"], "amount": "300000.00", "paid_on": "2025-07-01"})
    assert paid.status_code == 201
    [after] = [e for e in _entitlements(park, enterprise["id"]) if e["id"] == entitlement["id"]]
    assert after["status"] == "disbursed" and after["disbursed"] == "300000.00"


def test_external_support_tops_up_to_the_higher_amount_only(park):
    """不重复: with x received elsewhere for a matter worth y, max(0, y − x) is owed."""
    enterprise = park.register("enterprise")
    park.record(enterprise["id"], "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"})
    [entitlement] = _entitlements(park, enterprise["id"], "?status=eligible")
    park.record(enterprise["id"], "external_support_recorded",
                {"entitlement_id": entitlement["id"], "policy": "省标准化奖励", "amount": "100000.00"})
    [after] = [e for e in _entitlements(park, enterprise["id"]) if e["id"] == entitlement["id"]]
    assert after["amount"] == "200000.00"


def test_as_of_replays_only_what_had_been_recorded_by_the_end_of_that_day(park, clock):
    enterprise = park.register("enterprise")
    clock.now = FIXED_NOW.replace(hour=23, minute=59)
    park.record(enterprise["id"], "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"})
    clock.now = FIXED_NOW + timedelta(days=1)
    park.record(enterprise["id"], "patent_navigation_funded", {"project": "N", "amount": "200000.00"})
    first_day = _entitlements(park, enterprise["id"], f"?as_of={FIXED_NOW.date().isoformat()}")
    everything = _entitlements(park, enterprise["id"])
    assert [e["clause"] for e in first_day] == ["7.2"]
    assert sorted(e["clause"] for e in everything) == ["7.2", "7.3"]


def test_as_of_before_registration_is_404(park):
    enterprise = park.register("enterprise")
    response = park.client.get(f"/api/v1/entities/{enterprise['id']}/entitlements?as_of=2020-01-01",
                               headers=park.admin)
    assert response.status_code == 404


def test_subsidies_total_each_clause_for_the_year(park):
    platform = park.register("pilot_platform")
    agency = park.register("tech_transfer_agency")
    park.record(platform["id"], "equipment_purchased", {"year": 2025, "original_value": "12000000.00"},
                occurred_on="2025-12-01")
    park.record(agency["id"], "transfer_performance_assessed", {"year": 2025, "amount": "400000.00"},
                occurred_on="2026-01-15")
    response = park.client.get("/api/v1/subsidies?year=2025", headers=park.auditor)
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["totals_by_clause"]["2.1"] == "1000000.00"  # 30% × 12,000,000.00 capped at 1,000,000.00
    assert body["totals_by_clause"]["4.1"] == "400000.00"
    assert body["total"] == "1400000.00"
    assert park.client.get("/api/v1/subsidies?year=2025",
                           headers=park.entity_token(agency["id"])).status_code == 403


def test_subsidies_answer_their_documented_schema_field_for_field_in_both_languages(park):
    # The stored rows are answered as they are, not dumped through the schema: they must be the
    # schema's own, with nothing more, in its order, in English and in Chinese.
    from api.entitlements.schemas import EntitlementSchema, EntitySubsidySchema, SubsidiesSchema

    platform = park.register("pilot_platform")
    park.record(platform["id"], "equipment_purchased", {"year": 2025, "original_value": "12000000.00"},
                occurred_on="2025-12-01")
    for language in ("en", "zh-CN"):
        response = park.client.get("/api/v1/subsidies?year=2025",
                                   headers={**park.auditor, "Accept-Language": language})
        body = response.get_json()
        assert response.status_code == 200 and SubsidiesSchema().validate(body) == {}
        assert list(body) == list(SubsidiesSchema().fields)
        entity, = body["entities"]
        assert list(entity) == list(EntitySubsidySchema().fields)
        assert [set(e) for e in entity["entitlements"]] == [set(EntitlementSchema().fields)] * len(entity["entitlements"])


def test_deadlines_come_soonest_first_and_an_entity_sees_its_own(park):
    """1.2: free space, at most 3 years; 36 months from 2025-03-01 ends 2028-02-29."""
    first, second = park.register("enterprise"), park.register("enterprise")
    park.record(first["id"], "space_granted", {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36})
    park.record(second["id"], "space_granted", {"project": "Q", "space": "pilot_base", "start_on": "2025-03-01", "months": 12})
    response = park.client.get("/api/v1/deadlines?before=2029-01-01", headers=park.admin)
    due = [(d["entity_id"], d["clause"], d["due_on"]) for d in response.get_json() if d["clause"] == "1.2"]
    assert due == [(second["id"], "1.2", "2026-02-28"), (first["id"], "1.2", "2028-02-29")]
    dates = [d["due_on"] for d in response.get_json()]
    assert dates == sorted(dates)
    assert json.loads(response.headers["X-Pagination"])["total"] == len(response.get_json())
    own = park.client.get("/api/v1/deadlines?before=2029-01-01", headers=park.entity_token(first["id"]))
    # Its own, and the whole park's (the policy's end, entity_id null).
    assert {d["entity_id"] for d in own.get_json()} == {first["id"], None}


def test_the_policy_lists_its_versions_and_clauses(park):
    body = park.client.get("/api/v1/policy", headers=park.auditor).get_json()
    text = json.dumps(body, ensure_ascii=False)
    assert "阳政发〔2024〕15号" in text and "2024-12-16" in text and "2027-12-15" in text
    assert '"2.1"' in text and '"13"' in text


def test_todays_stored_entitlements_equal_a_replay_of_the_whole_history_today(park):
    """Reads without as_of come from the projection; they must say what a replay says, expiry included."""
    enterprise = park.register("enterprise")
    park.record(enterprise["id"], "space_granted", {"project": "P", "space": "office", "start_on": "2025-01-01", "months": 12})
    park.record(enterprise["id"], "talent_introduced", {"talent": "王", "level": "national", "start_on": "2025-01-15"})
    park.record(enterprise["id"], "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"})
    today = FIXED_NOW.date().isoformat()
    stored = _entitlements(park, enterprise["id"])
    replayed = _entitlements(park, enterprise["id"], f"?as_of={today}")
    assert stored == replayed
    assert "expired" in {e["status"] for e in stored}  # the 2025 free space ended before 2026-03-02


def test_entitlement_responses_match_their_documented_schema(park):
    from api.entitlements.schemas import EntitlementSchema

    enterprise = park.register("enterprise")
    park.record(enterprise["id"], "space_granted", {"project": "P", "space": "office", "start_on": "2025-01-01", "months": 12})
    park.record(enterprise["id"], "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"})
    for query in ("", f"?as_of={FIXED_NOW.date().isoformat()}"):
        rows = _entitlements(park, enterprise["id"], query)
        assert rows and EntitlementSchema(many=True).validate(rows) == {}
        assert set(rows[0]) >= set(EntitlementSchema().fields)


def test_entitlements_of_an_unknown_entity_are_404(park):
    response = park.client.get("/api/v1/entities/00000000-0000-0000-0000-000000000001/entitlements",
                               headers=park.admin)
    assert response.status_code == 404


def test_an_unexpired_set_says_what_a_replay_says(park):
    enterprise = park.register("enterprise")
    park.record(enterprise["id"], "space_granted", {"project": "P", "space": "office", "start_on": "2026-01-01", "months": 36})
    park.record(enterprise["id"], "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"})
    replayed = _entitlements(park, enterprise["id"], f"?as_of={FIXED_NOW.date().isoformat()}")
    response = park.client.get(f"/api/v1/entities/{enterprise['id']}/entitlements", headers=park.admin)
    assert response.get_json() == replayed
    assert json.loads(response.headers["X-Pagination"])["total"] == len(replayed) == 2


def test_a_set_with_a_lapsed_benefit_is_re_dated_row_by_row(park, clock):
    enterprise = park.register("enterprise")
    park.record(enterprise["id"], "space_granted", {"project": "P", "space": "office", "start_on": "2026-01-01", "months": 3})
    assert {e["status"] for e in _entitlements(park, enterprise["id"])} == {"eligible"}
    clock.now = FIXED_NOW.replace(month=4, day=1)  # the grant's last day was 2026-03-31
    assert {e["status"] for e in _entitlements(park, enterprise["id"])} == {"expired"}


def test_a_clock_set_back_before_the_documents_day_is_answered_by_a_replay(park, clock):
    enterprise = park.register("enterprise")
    park.record(enterprise["id"], "space_granted", {"project": "P", "space": "office", "start_on": "2026-01-01", "months": 3})
    clock.now = FIXED_NOW.replace(month=4, day=1)
    park.record(enterprise["id"], "standard_drafted", {"standard": "S", "role": "lead", "amount": "300000.00"})
    assert {e["clause"]: e["status"] for e in _entitlements(park, enterprise["id"])}["1.2"] == "expired"
    clock.now = FIXED_NOW  # the document was dated 2026-04-01, when the grant had lapsed
    assert {e["clause"]: e["status"] for e in _entitlements(park, enterprise["id"])}["1.2"] == "eligible"


def test_a_second_page_and_filters_are_served_from_the_rows(park):
    enterprise = park.register("enterprise")
    for n in range(3):
        park.record(enterprise["id"], "standard_drafted", {"standard": f"S{n}", "role": "lead", "amount": "1000.00"})
    page = park.client.get(f"/api/v1/entities/{enterprise['id']}/entitlements?page=2&page_size=2", headers=park.admin)
    assert len(page.get_json()) == 1 and json.loads(page.headers["X-Pagination"])["total"] == 3
    assert len(_entitlements(park, enterprise["id"], "?status=eligible")) == 3
    assert _entitlements(park, enterprise["id"], "?status=revoked") == []


def test_an_entitys_entitlements_see_its_writes_without_working_through_the_log(park):
    """Read-your-writes without the projection: a read of one entity is not held while the
    read models work through events of others (an import's), and sees its own at once."""
    services = park.app.extensions["jcg"]
    quiet, busy = park.register("tech_transfer_agency"), park.register("tech_transfer_agency")
    services.projector.catch_up()
    position = services.projector.position()
    assert park.record(busy["id"], "transfer_performance_assessed", {"year": 2025, "amount": "500000.00"},
                       occurred_on="2026-01-15").status_code == 201
    assert position < services.projector.head()

    assert _entitlements(park, quiet["id"]) == []
    [subsidy] = [e for e in _entitlements(park, busy["id"]) if e["clause"] == "4.1"]
    assert subsidy["amount"] == "500000.00"
    assert services.projector.position() == position  # both answered without catching up

    services.projector.catch_up()
    assert [e for e in _entitlements(park, busy["id"]) if e["clause"] == "4.1"] == [subsidy]


def test_the_year_filter_counts_a_one_time_award_in_the_year_it_was_granted(park):
    """Contract: `GET /entities/{id}/entitlements` takes `?year=`; a year's entitlements are
    those "whose year is YYYY (its `year`, or for one-time awards the year of `valid_from`)",
    as the 公示名单 and what-if's `year` count them: the award of 2025 is among 2025's."""
    entity = park.register()["id"]
    assert park.record(entity, "achievement_recognised", {
        "achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"},
        occurred_on="2025-06-01").status_code == 201
    assert park.record(entity, "talent_introduced", {
        "talent": "张三", "level": "provincial", "start_on": "2025-02-28"},
        occurred_on="2025-02-28").status_code == 201

    def of(year: int) -> list[tuple[str, int | None]]:
        response = park.client.get(f"/api/v1/entities/{entity}/entitlements?year={year}",
                                   headers=park.admin)
        assert response.status_code == 200, response.get_json()
        return sorted((e["clause"], e["year"]) for e in response.get_json())

    assert of(2025) == [("1.1", None), ("8.1", 2025)]
    assert of(2026) == [("8.1", 2026)]
