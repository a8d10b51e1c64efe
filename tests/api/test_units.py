"""Responsible units (责任单位) on every deadline and alert, `?unit=` on both lists, and in the
webhook's payload (contract, "Responsible units"; the policy data's [units])."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jobs.delivery import deliver
from jobs.scan import scan
from tests.api.conftest import Park

ARTICLE_1 = ["市科技局", "市财政局", "高新区管委会", "平定县人民政府", "盂县人民政府"]


@pytest.fixture
def granted(park: Park) -> str:
    """1.2: free space for 36 months from 2025-03-01, ending 2028-02-29."""
    enterprise = park.register()["id"]
    assert park.record(enterprise, "space_granted", {"project": "P", "space": "office",
                                                     "start_on": "2025-03-01", "months": 36}).status_code == 201
    return enterprise


def get(park: Park, path: str) -> list[dict]:
    response = park.client.get(path, headers=park.admin)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_deadline_carries_the_units_of_its_article_and_filters_by_them(park: Park, granted: str) -> None:
    rows = get(park, "/api/v1/deadlines?before=2100-01-01")
    space = [r for r in rows if r["clause"] == "1.2"]
    assert space and all(r["units"] == ARTICLE_1 for r in space)
    assert all("units" in r for r in rows)
    assert get(park, "/api/v1/deadlines?before=2100-01-01&unit=高新区管委会") == [
        r for r in rows if "高新区管委会" in r["units"]]
    # 市委人才办 answers for article 8 alone: none of this enterprise's deadlines.
    assert get(park, "/api/v1/deadlines?before=2100-01-01&unit=市委人才办") == []


def test_an_alert_carries_the_units_and_the_webhook_payload_too(park: Park, granted: str) -> None:
    services = park.app.extensions["jcg"]
    scan(services, date(2027, 12, 1))  # 90 days before 2028-02-29
    services.projector.ensure_current()
    alerts = get(park, "/api/v1/alerts")
    space = [a for a in alerts if a["clause"] == "1.2"]
    assert len(space) == 1 and space[0]["units"] == ARTICLE_1
    assert get(park, "/api/v1/alerts?unit=盂县人民政府") == space
    assert get(park, "/api/v1/alerts?unit=市审计局") == []
    sent = []
    deliver(services, services.clock(), "http://hooks.invalid/alerts",
            post=lambda url, body, timeout: (sent.append(json.loads(body)), (True, "200"))[1])
    assert [p["units"] for p in sent if p["clause"] == "1.2"] == [ARTICLE_1]


def test_a_unit_the_policy_does_not_name_is_422_naming_those_it_does(park: Park) -> None:
    en = park.client.get("/api/v1/deadlines?unit=市教育局", headers=park.admin)
    zh = park.client.get("/api/v1/alerts?unit=市教育局", headers={**park.admin, "Accept-Language": "zh-CN"})
    assert en.status_code == zh.status_code == 422
    assert en.get_json()["errors"]["unit"][0].startswith("'市教育局' is not a responsible unit the policy names")
    assert "市科技局" in en.get_json()["errors"]["unit"][0]
    assert zh.get_json()["errors"]["unit"][0].startswith("“市教育局” 不是政策规定的责任单位")


def test_an_alert_reads_in_chinese_from_the_same_stored_terms(park: Park, granted: str) -> None:
    services = park.app.extensions["jcg"]
    scan(services, date(2027, 12, 1))
    services.projector.ensure_current()
    zh = park.client.get("/api/v1/alerts?unit=市科技局", headers={**park.admin, "Accept-Language": "zh-CN"})
    en = get(park, "/api/v1/alerts?unit=市科技局")
    message = next(a["message"] for a in zh.get_json() if a["clause"] == "1.2")
    assert message == ("第1.2条：免费使用办公空间和公共中试基地期满，2028-02-29 到期（还有 90 天）；"
                       "责任单位：市科技局、市财政局、高新区管委会、平定县人民政府、盂县人民政府")
    assert next(a["message"] for a in en if a["clause"] == "1.2") == (
        "1.2: 免费使用办公空间和公共中试基地期满 / free space and pilot base end — due 2028-02-29 (in 90 days); "
        "责任单位: 市科技局、市财政局、高新区管委会、平定县人民政府、盂县人民政府")


def test_a_deadline_reads_in_chinese(park: Park, granted: str) -> None:
    zh = park.client.get("/api/v1/deadlines?before=2100-01-01", headers={**park.admin, "Accept-Language": "zh-CN"})
    assert [d["what"] for d in zh.get_json() if d["clause"] == "1.2"] == ["免费使用办公空间和公共中试基地期满"]
    assert [d["what"] for d in get(park, "/api/v1/deadlines?before=2100-01-01") if d["clause"] == "1.2"] == [
        "免费使用办公空间和公共中试基地期满 / free space and pilot base end"]
