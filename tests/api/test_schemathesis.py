"""schemathesis over the live OpenAPI document: no generated request is a server error, in either
language.

Every operation the document lists gets requests generated from its own schema, valid ones and
invalid ones (wrong types, out-of-range numbers, missing fields, stray characters), sent by an
admin to the WSGI app in process, each once with `Accept-Language: en` and once with `zh-CN`.
An error answered in Chinese holds no English sentence (three English words in a row; field
names, choices and ids may stay as the API spells them). Path ids point half the time at an entity with a history (so entitlements, explanations and the
refusals of the policy are rendered), half the time at whatever was generated. Bounded and
derandomized: the same cases every run, well under a minute.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from api import create_app
from projections.wiring import bootstrap
from tests.api.conftest import FIXED_NOW, MovableClock
from tests.api.samples import credit_code

LANGUAGES = ("en", "zh-CN")
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")
# Per operation and generation mode: 20 operations × 2 modes × 2 languages.
EXAMPLES = 12


@pytest.fixture(scope="module")
def wired(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, dict[str, str], str]]:
    services = bootstrap(f"sqlite:///{tmp_path_factory.mktemp('st')}/api.db", clock=MovableClock(FIXED_NOW))
    app = create_app({"TESTING": True}, services=services)
    admin = {"Authorization": f"Bearer {services.registry.issue_token('admin', 'schemathesis')}"}
    client = app.test_client()
    entity = client.post("/api/v1/entities", headers=admin, json={
        "kind": "enterprise", "name": "阳泉碳化硅有限公司", "credit_code": credit_code(1),
        "zone": "gaoxin", "entered_on": "2025-01-02"}).get_json()["id"]
    for event in ({"type": "achievement_recognised", "occurred_on": "2025-03-01",
                   "data": {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}},
                  {"type": "talent_introduced", "occurred_on": "2025-04-01",
                   "data": {"talent": "张三", "level": "national", "start_on": "2025-04-01"}}):
        assert client.post(f"/api/v1/entities/{entity}/events", headers=admin, json=event).status_code == 201
    yield app, admin, entity
    services.close()


def operations(app: Flask) -> list[Any]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_no_generated_request_is_a_server_error_in_either_language(
        wired: tuple[Flask, dict[str, str], str]) -> None:
    app, admin, entity = wired
    found = operations(app)
    client = app.test_client()
    assert len(found) >= 20  # the document lists every route
    sent: Counter[str] = Counter()
    for operation in found:
        strategy = st.one_of(operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                             operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

        @settings(max_examples=2 * EXAMPLES, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy, known=st.booleans())
        def no_server_error(case: Any, known: bool) -> None:
            if known and "entity_id" in (case.path_parameters or {}):
                case.path_parameters["entity_id"] = entity
            for language in LANGUAGES:
                # Our own client rather than case.call(): schemathesis reads a streamed answer (an
                # export's temporary file) without closing it.
                response = client.open(**case.as_transport_kwargs(
                    headers={**admin, "Accept-Language": language}))
                response.get_data()
                response.close()
                case.validate_response(response, checks=[not_a_server_error])
                if language == "zh-CN" and response.status_code >= 400 and response.is_json:
                    said = response.get_json()
                    for text in [said.get("message") or "", *(m for ms in (said.get("errors") or {}).values()
                                                              for m in ms)]:
                        assert not ENGLISH_SENTENCE.search(text), (case.operation.label, text)
                sent[case.operation.label] += 1

        no_server_error()
    assert set(sent) == {operation.label for operation in found}
    print(f"\nschemathesis: {len(found)} operations, {sum(sent.values())} requests")
