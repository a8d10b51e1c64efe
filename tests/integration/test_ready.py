"""`/ready` tells the truth: 503 once the projection lag has not shrunk for
JCG_READY_STALL_SECONDS (by the registry's clock: no sleeping here), 200 while it shrinks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from api import create_app
from tests.api.conftest import FIXED_NOW, MovableClock
from tests.park import register


@pytest.fixture
def fixed_clock() -> MovableClock:
    """The services' clock (see tests/conftest.py), movable here."""
    return MovableClock(FIXED_NOW)


def ready(services: Any, language: str = "en", **config: Any) -> Any:
    client = create_app({"TESTING": True, **config}, services=services).test_client()
    return client.get("/api/v1/ready", headers={"Accept-Language": language})


def test_ready_turns_503_when_the_lag_has_not_shrunk_for_the_stall_time(services, fixed_clock) -> None:
    register(services.registry, 1)
    services.projector.catch_up()
    services.projector.beat()
    assert services.model.heartbeat(services.projector.name)["beat_at"] == "2026-03-02T01:30:00+00:00"
    register(services.registry, 2)  # and the projector has stopped: nothing applies it

    fixed_clock.now = FIXED_NOW + timedelta(seconds=60)
    answer = ready(services)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["projection"]["stalled_seconds"] == 60

    fixed_clock.now = FIXED_NOW + timedelta(seconds=61)
    answer = ready(services, "zh-CN")
    assert answer.status_code == 503
    body = answer.get_json()
    assert body["message"] == ("读取模型已有 61 秒未追上（JCG_READY_STALL_SECONDS 为 60）：2 个事项等待写入；"
                               "`jcg projector` 是否在运行？")
    assert body["code"] == 503 and body["database"] == "reachable"
    assert body["projection"]["lag_events"] == 2 and body["projection"]["stalled_seconds"] == 61
    assert ready(services, READY_STALL_SECONDS=120).status_code == 200  # a longer stall allowed

    services.projector.catch_up()  # the lag shrank: ready again, at once
    assert ready(services).status_code == 200


def test_a_projector_that_keeps_beating_with_nothing_to_do_is_not_taken_for_stalled(
        services, fixed_clock) -> None:
    register(services.registry, 1)
    services.projector.catch_up()
    fixed_clock.now = FIXED_NOW + timedelta(hours=1)
    services.projector.beat()  # an idle loop an hour on: nothing was left, the lag was nil
    register(services.registry, 2)
    fixed_clock.now += timedelta(seconds=30)
    assert ready(services).status_code == 200
    fixed_clock.now += timedelta(seconds=31)
    assert ready(services).status_code == 503


def test_the_stall_time_is_read_from_the_environment_and_checked(services, monkeypatch) -> None:
    monkeypatch.setenv("JCG_READY_STALL_SECONDS", "5")
    app = create_app({"TESTING": True}, services=services)
    assert app.config["READY_STALL_SECONDS"] == 5
    monkeypatch.setenv("JCG_READY_STALL_SECONDS", "soon")
    with pytest.raises(ValueError, match="JCG_READY_STALL_SECONDS='soon' is not a number of seconds"):
        create_app({"TESTING": True}, services=services)
