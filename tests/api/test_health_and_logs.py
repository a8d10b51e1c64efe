"""Liveness, readiness and the request log: no token needed for the probes, none logged ever."""

from __future__ import annotations

import io
import json
import logging

import pytest

from api.observability import RequestContext
from cli.logs import JsonFormatter


def test_health_answers_ok_without_a_token(client):
    response = client.get("/api/v1/health")
    assert (response.status_code, response.get_json()) == (200, {"status": "ok"})


def test_ready_reports_the_projection_lag_in_events_and_seconds(app, client, park):
    park.register()
    app.extensions["jcg"].projector.catch_up()
    park.register()

    ready = client.get("/api/v1/ready").get_json()
    assert ready["status"] == "ready" and ready["database"] == "reachable"
    lag = ready["projection"]
    assert lag["lag_events"] == lag["head"] - lag["position"] > 0
    assert lag["lag_seconds"] > 0

    app.extensions["jcg"].projector.catch_up()
    assert client.get("/api/v1/ready").get_json()["projection"]["lag_seconds"] == 0


def test_ready_is_503_in_the_error_shape_when_the_database_cannot_be_reached(app, client, monkeypatch):
    def unreachable() -> int:
        raise ConnectionError("connection refused")

    monkeypatch.setattr(app.extensions["jcg"].projector, "head", unreachable)
    response = client.get("/api/v1/ready")
    assert response.status_code == 503
    assert response.get_json() == {"code": 503, "status": "Service Unavailable",
                                   "message": "the database cannot be reached (ConnectionError)"}


def test_the_probes_are_in_the_openapi_document_without_security(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "security" not in paths["/api/v1/health"]["get"]
    assert {"200", "503"} <= set(paths["/api/v1/ready"]["get"]["responses"])


def test_a_request_id_offered_is_echoed_and_one_is_made_otherwise(client):
    assert client.get("/api/v1/health", headers={"X-Request-Id": "lb-42"}).headers["X-Request-Id"] == "lb-42"
    made = client.get("/api/v1/health", headers={"X-Request-Id": "bad id; drop"}).headers["X-Request-Id"]
    assert len(made) == 32


@pytest.fixture
def log_lines():
    """What the process's JSON handler writes, as parsed lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContext())
    logger = logging.getLogger("jcg.request")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def test_each_request_is_one_json_line_with_its_id_and_the_token_label_never_the_token(park, log_lines):
    token = park.admin["Authorization"].removeprefix("Bearer ")
    park.client.get("/api/v1/entities", headers={**park.admin, "X-Request-Id": "req-1"})

    [line] = [x for x in log_lines() if x.get("request_id") == "req-1"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/api/v1/entities", 200)
    assert line["label"] == "园区管理" and line["level"] == "info" and line["logger"] == "jcg.request"
    assert line["timestamp"][-6] in "+-" and isinstance(line["duration_ms"], float)
    assert all(token not in json.dumps(x, ensure_ascii=False) for x in log_lines())


def test_lines_logged_while_recording_carry_the_request_id_and_label(park, log_lines, monkeypatch):
    entity = park.register()["id"]
    record = park.registry.record

    def logging_record(*args, **kwargs):
        logging.getLogger("jcg.request").info("while recording")
        return record(*args, **kwargs)

    monkeypatch.setattr(park.registry, "record", logging_record)
    response = park.record(entity, "incubation_started", {}, **{"X-Request-Id": "req-2"})

    assert response.status_code == 201 and response.headers["X-Request-Id"] == "req-2"
    lines = [x for x in log_lines() if x.get("request_id") == "req-2"]
    assert [x["message"] for x in lines] == ["while recording",
                                            f"POST /api/v1/entities/{entity}/events 201"]
    assert all(x["label"] == "园区管理" for x in lines)
    assert (lines[1]["method"], lines[1]["status"]) == ("POST", 201)
    assert isinstance(lines[1]["duration_ms"], float)
    # Nothing of the request is left behind for lines logged after it.
    logging.getLogger("jcg.request").info("afterwards")
    assert "request_id" not in log_lines()[-1]
