"""Unknown query parameters are refused naming them, on every route; the documented ones pass.

Silently ignored, `/entities?zone=…` answered every entity, and an official believed the list
filtered. Each route takes exactly the query parameters its OpenAPI operation documents."""

from __future__ import annotations

import re
from typing import Any

from tests.api.conftest import Park
from tests.api.each_backend import park_on_each_backend  # noqa: F401 (the fixture `park`)

ZH = {"Accept-Language": "zh-CN"}


def test_a_filter_the_list_does_not_have_is_refused_naming_it(park: Park) -> None:
    park.register()
    response = park.client.get("/api/v1/entities?zone=x&kind=enterprise", headers=park.admin)
    body = response.get_json()
    assert response.status_code == 422
    assert body["message"] == ("unknown query parameter zone: this request takes "
                               "kind, page, page_size, q")
    assert body["errors"] == {"zone": ["is not a query parameter of this request"]}
    chinese = park.client.get("/api/v1/entities?zone=x&colour=red", headers={**park.admin, **ZH})
    assert chinese.status_code == 422
    assert chinese.get_json()["message"] == (
        "未知的查询参数 colour、zone：本请求只接受 kind、page、page_size、q")


def test_every_route_refuses_an_unknown_parameter_and_keeps_its_own(park: Park) -> None:
    entity = park.register()["id"]
    known = ["/api/v1/entities?kind=enterprise&q=enterprise&page=1&page_size=5",
             f"/api/v1/entities/{entity}",
             f"/api/v1/entities/{entity}/events?page=1&page_size=10",
             f"/api/v1/entities/{entity}/entitlements?as_of=2026-03-02&year=2025&status=eligible&page=1",
             "/api/v1/quotas",
             "/api/v1/health",
             "/api/v1/subsidies?year=2025",
             "/api/v1/deadlines?before=2027-01-01&unit=市科技局&page=1&page_size=10",
             f"/api/v1/alerts?entity_id={entity}&unit=市科技局&page=1",
             "/api/v1/exports/publicity.csv?year=2025",
             "/api/v1/exports/payments.xlsx?year=2025",
             "/api/v1/policy",
             "/api/v1/imports/template.xlsx"]
    for path in known:
        fine = park.client.get(path, headers=park.admin)
        assert fine.status_code == 200, (path, fine.get_data(as_text=True)[:300])
        fine.close()
        refused = park.client.get(path + ("&" if "?" in path else "?") + "zone=x", headers=park.admin)
        assert refused.status_code == 422, path
        assert refused.get_json()["errors"] == {"zone": ["is not a query parameter of this request"]}
    post = park.client.post(f"/api/v1/entities/{entity}/events?dry=1", headers=park.admin,
                            json={"type": "incubation_started", "occurred_on": "2025-06-01", "data": {}})
    assert post.status_code == 422
    assert "takes no query parameters" in post.get_json()["message"]
    assert len(park.history(entity)) == 1
    dry_run = park.client.post("/api/v1/imports?dry_run=true&dryrun=1", headers=park.admin)
    assert dry_run.status_code == 422
    assert dry_run.get_json()["errors"] == {"dryrun": ["is not a query parameter of this request"]}


def test_each_route_takes_exactly_the_query_parameters_it_documents(app: Any, client: Any) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    checked = 0
    for rule in app.url_map.iter_rules():
        view_class = getattr(app.view_functions[rule.endpoint], "view_class", None)
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        if view_class is None or path not in spec["paths"]:
            continue
        for method, operation in spec["paths"][path].items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue  # the path's own parameters
            documented = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            taken = getattr(getattr(view_class, method), "query_parameters", frozenset())
            assert taken == documented, (method, path)
            checked += 1
    assert checked > 15
