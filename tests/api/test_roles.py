"""Who may do what: admin everything, auditor reads, an entity token reads its own entity."""

from __future__ import annotations


def test_no_token_is_401_with_the_bearer_challenge(park):
    response = park.client.get("/api/v1/entities")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["code"] == 401


def test_an_unknown_token_is_401(park):
    response = park.client.get("/api/v1/entities", headers=park.headers("jcg_forged"))
    assert response.status_code == 401


def test_an_auditor_reads_everything_and_writes_nothing(park):
    entity = park.register("enterprise")
    assert park.client.get(f"/api/v1/entities/{entity['id']}", headers=park.auditor).status_code == 200
    assert park.client.get("/api/v1/entities", headers=park.auditor).status_code == 200
    response = park.client.post(f"/api/v1/entities/{entity['id']}/events", headers=park.auditor,
                                json={"type": "incubation_started", "occurred_on": "2025-01-03", "data": {}})
    assert response.status_code == 403
    assert len(park.history(entity["id"])) == 1


def test_an_entity_token_reads_its_own_entity_only(park):
    own, other = park.register("enterprise"), park.register("enterprise")
    token = park.entity_token(own["id"])
    assert park.client.get(f"/api/v1/entities/{own['id']}", headers=token).status_code == 200
    assert len(park.history(own["id"], headers=token)) == 1
    assert park.client.get(f"/api/v1/entities/{other['id']}", headers=token).status_code == 403
    assert park.client.get(f"/api/v1/entities/{other['id']}/events", headers=token).status_code == 403
    listed = park.client.get("/api/v1/entities", headers=token).get_json()
    assert [e["id"] for e in listed] == [own["id"]]


def test_an_entity_tokens_list_keeps_the_filters_asked_for(park):
    """Contract, "Resources": "`GET /api/v1/entities` | list; filters `kind`, `q` (name or credit
    code)": an entity token's list is its own entity where the filters match it, else empty."""
    own = park.register("enterprise", name="阳泉氢能科技有限公司")
    park.register("fund", name="阳泉引导基金")
    token = park.entity_token(own["id"])

    def listed(query: str) -> list[str]:
        response = park.client.get(f"/api/v1/entities?{query}", headers=token)
        assert response.status_code == 200, response.get_json()
        assert response.headers["X-Pagination"]
        return [e["id"] for e in response.get_json()]

    assert listed("kind=enterprise") == listed("q=氢能") == listed(f"q={own['credit_code'][-6:]}") == [own["id"]]
    assert listed("kind=fund") == listed("q=引导基金") == listed("kind=enterprise&q=基金") == []


def test_an_entity_token_writes_nothing(park):
    own = park.register("enterprise")
    token = park.entity_token(own["id"])
    response = park.client.post(f"/api/v1/entities/{own['id']}/events", headers=token,
                                json={"type": "incubation_started", "occurred_on": "2025-01-03", "data": {}})
    assert response.status_code == 403
    register = park.client.post("/api/v1/entities", headers=token, json={})
    assert register.status_code == 403
