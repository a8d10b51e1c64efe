"""A hostile event in the store (past the API, as an old SQLite file restored onto PostgreSQL
would bring) is quarantined: named with its error in the read model, in the transaction that
moves past it, logged, and everything else applied. A failing database is retried instead."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import threading
import uuid
from datetime import date
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import DataError, OperationalError, StoredEvent

from projections.quarantine import caused_by_the_event
from projections.replay import read_entitlements
from registry.records import event_id
from tests.park import ADMIN, directory, register, registration


def hostile_name(services: Any, n: int = 99) -> uuid.UUID:
    """An entity registered through the library's public API with U+0000 in its name: what the
    door refuses now, and an old SQLite file may still hold."""
    return uuid.UUID(services.registry.register(registration(n, name="Acme\x00Ltd"), ADMIN)["id"])


def undecodable(services: Any, topic: str = "registry.events:Departed") -> StoredEvent:
    """A stored event of an entity's kind whose state is not even JSON."""
    stored = StoredEvent(originator_id=uuid.uuid4(), originator_version=1, topic=topic,
                         state=b"{\"occurred_on\": \xff not json")
    services.registry.recorder.insert_events([stored])
    return stored


def broken_copy(services: Any, entity: uuid.UUID) -> uuid.UUID:
    """Another entity whose registration is a stored copy of `entity`'s with its name turned into
    a lone surrogate (a valid JSON escape, no character of any database)."""
    [original] = [e for e in services.registry.recorder.select_events(entity) if e.originator_version == 1]
    name = "阳泉enterprise 1".encode()
    assert name in original.state
    copy = dataclasses.replace(original, originator_id=uuid.uuid4(),
                               state=original.state.replace(name, b"\\ud800"))
    services.registry.recorder.insert_events([copy])
    return copy.originator_id


def quarantined(services: Any) -> list[tuple[int, str, int, str]]:
    return [(q["notification_id"], q["originator_id"], q["originator_version"], q["topic"])
            for q in services.model.quarantined()]


def notification_of(services: Any, entity: uuid.UUID, version: int = 1) -> Any:
    found = services.registry.recorder.select_notifications(start=0, limit=10_000, inclusive_of_start=False)
    return next(n for n in found if n.originator_id == entity and n.originator_version == version)


@pytest.fixture
def log_records(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.ERROR, logger="jcg.projector")
    return lambda: [r for r in caplog.records if r.name == "jcg.projector" and hasattr(r, "quarantined")]


def test_an_undecodable_event_is_quarantined_logged_and_the_rest_applied(services, log_records) -> None:
    before = register(services.registry, 1)
    stored = undecodable(services)
    after = register(services.registry, 2)

    services.projector.catch_up()

    head = services.projector.head()
    bad = notification_of(services, stored.originator_id)
    assert quarantined(services) == [(bad.id, str(stored.originator_id), 1, "registry.events:Departed")]
    [row] = services.model.quarantined()
    assert row["event_id"] == str(event_id(stored.originator_id, 1))
    assert row["error"].startswith("MapperDeserialisationError: Failed to deserialise state")
    assert row["quarantined_at"] == "2026-03-02T01:30:00+00:00"  # the registry's clock, in UTC
    assert {r["id"] for r in directory(services)} == {str(before), str(after)}
    assert services.projector.position() == head
    [logged] = log_records()
    assert logged.quarantined["notification_id"] == bad.id
    # Nothing is retried: the position is past it, and another pass finds nothing to do.
    assert services.projector.catch_up() == 0
    assert len(services.model.quarantined()) == 1


def test_a_registration_no_database_can_keep_is_quarantined_alone(services) -> None:
    good = register(services.registry, 1)
    broken = broken_copy(services, good)
    later = register(services.registry, 2)

    services.projector.catch_up()

    assert quarantined(services) == [(notification_of(services, broken).id, str(broken), 1,
                                      notification_of(services, broken).topic)]
    assert {r["id"] for r in directory(services)} == {str(good), str(later)}
    assert "\\ud800" in services.model.quarantined()[0]["error"] or \
        "surrogate" in services.model.quarantined()[0]["error"]


def test_an_event_the_policy_engine_cannot_work_out_is_quarantined_and_its_entity_kept(services) -> None:
    firm = register(services.registry, 1)
    services.registry.record(firm, "achievement_recognised", date(2025, 4, 1),
                             {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}, ADMIN)
    services.projector.catch_up()
    before = services.model.entitlements_on(str(firm), date(2026, 3, 2))
    [award] = [e for e in services.registry.recorder.select_events(firm) if e.originator_version == 2]
    money = b'"amount":{"_type_":"decimal_str","_data_":"800000.00"}'
    assert money in award.state
    # It decodes (a plain string where money was), but no figure can be made of it.
    services.registry.recorder.insert_events([dataclasses.replace(
        award, originator_version=3, state=award.state.replace(money, b'"amount":"lots"'))])
    other = register(services.registry, 2)

    services.projector.catch_up()

    assert quarantined(services) == [(notification_of(services, firm, 3).id, str(firm), 3,
                                      "registry.events:AchievementRecognised")]
    assert not services.model.quarantined()[0]["error"].startswith("MapperDeserialisationError")
    assert services.model.entitlements_on(str(firm), date(2026, 3, 2)) == before  # as it last stood
    # and so a read answers, the replay of the whole history failing on the same event
    assert read_entitlements(services, firm, date(2026, 3, 2), None, None) == before
    assert str(other) in {r["id"] for r in directory(services)}


def test_on_postgresql_a_name_holding_nul_is_quarantined_and_every_other_event_applied(
        services, database_url, log_records) -> None:
    good = register(services.registry, 1)
    hostile = hostile_name(services)
    services.registry.record(good, "departed", date(2025, 6, 1), {"reason": "moved"}, ADMIN)
    later = register(services.registry, 2)

    services.projector.catch_up()

    names = {r["id"]: r["name"] for r in directory(services)}
    if database_url.startswith("sqlite"):
        # SQLite keeps U+0000 in a text column: nothing to quarantine, the row is served escaped.
        assert quarantined(services) == [] and names[str(hostile)] == "Acme\x00Ltd"
        return
    registered = notification_of(services, hostile)
    assert quarantined(services) == [(registered.id, str(hostile), 1, registered.topic)]
    [row] = services.model.quarantined()
    assert "NUL" in row["error"]
    assert set(names) == {str(good), str(later)}
    assert [r["status"] for r in directory(services) if r["id"] == str(good)] == ["departed"]
    assert services.projector.position() == services.projector.head()
    assert log_records()[0].quarantined["originator_id"] == str(hostile)


def test_a_quarantine_row_and_the_position_past_it_are_one_transaction(services, monkeypatch) -> None:
    register(services.registry, 1)
    undecodable(services)
    start = services.projector.position()
    real = services.model._insert_tracking

    def crash(cursor: Any, tracking: Any) -> None:
        real(cursor, tracking)
        raise OperationalError("the server closed the connection unexpectedly")

    monkeypatch.setattr(services.model, "_insert_tracking", crash)
    with pytest.raises(OperationalError):
        services.projector.catch_up()
    assert services.model.quarantined() == [] and services.projector.position() == start

    monkeypatch.undo()
    services.projector.catch_up()
    assert len(services.model.quarantined()) == 1
    assert services.projector.position() == services.projector.head()


def test_a_lost_connection_is_retried_not_quarantined(services, monkeypatch) -> None:
    register(services.registry, 1)
    failures = iter([OperationalError("connection to server lost"), None])
    real = services.model.apply

    def flaky(*args: Any, **kwargs: Any) -> None:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        real(*args, **kwargs)

    monkeypatch.setattr(services.model, "apply", flaky)
    stop = threading.Event()
    runner = threading.Thread(target=services.projector.run_forever, args=(stop, 0.01))
    runner.start()
    try:
        for _ in range(500):
            if services.projector.position() == services.projector.head():
                break
            stop.wait(0.01)
    finally:
        stop.set()
        runner.join(5)
    assert services.projector.position() == services.projector.head()
    assert services.model.quarantined() == []
    assert services.model.heartbeat(services.projector.name)["beat_at"] is not None


@pytest.mark.parametrize("error, quarantine", [
    (DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes"), True),
    (psycopg.DataError("invalid byte sequence"), True),
    (sqlite3.DataError("string or blob too big"), True),
    (ValueError("Invalid isoformat string"), True),
    (UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"), True),
    (KeyError("amount"), True),
    (OperationalError("server closed the connection unexpectedly"), False),
    (psycopg.OperationalError("connection refused"), False),
    (psycopg.InterfaceError("the connection is closed"), False),
    (sqlite3.OperationalError("database is locked"), False),
    (ConnectionResetError(), False),
    (TimeoutError(), False),
])
def test_only_errors_the_events_cause_are_quarantined(error: BaseException, quarantine: bool) -> None:
    assert caused_by_the_event(error) is quarantine


# What a park official and an operator see: every list answers, /ready says why it is not ready,
# and the rebuild names what it set aside.

@pytest.fixture
def client(services: Any) -> Any:
    from api import create_app

    return create_app({"TESTING": True}, services=services).test_client()


def poison(services: Any, database_url: str) -> uuid.UUID:
    """A hostile event each backend refuses to apply: U+0000 on PostgreSQL, bad state on both."""
    if database_url.startswith("postgresql"):
        return hostile_name(services)
    return undecodable(services).originator_id


def test_every_list_answers_200_for_everyone_and_ready_says_why_not(services, database_url, client) -> None:
    good = register(services.registry, 1)
    services.registry.record(good, "achievement_recognised", date(2025, 4, 1),
                             {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}, ADMIN)
    hostile = poison(services, database_url)
    admin = {"Authorization": f"Bearer {services.registry.issue_token('admin', '园区')}"}
    auditor = {"Authorization": f"Bearer {services.registry.issue_token('auditor', '财政局')}"}
    mine = {"Authorization": f"Bearer {services.registry.issue_token('entity', '企业', good)}"}

    for headers in (admin, auditor):
        for path in ("/api/v1/entities", "/api/v1/subsidies?year=2025", "/api/v1/deadlines", "/api/v1/alerts"):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.get_data(as_text=True))
    assert [e["id"] for e in client.get("/api/v1/entities", headers=admin).get_json()] == [str(good)]
    for path in (f"/api/v1/entities/{good}", f"/api/v1/entities/{good}/entitlements"):
        assert client.get(path, headers=mine).status_code == 200

    ready = client.get("/api/v1/ready", headers={"Accept-Language": "zh-CN"})
    assert ready.status_code == 503
    answer = ready.get_json()
    assert answer["message"] == ("1 个事项无法写入读取模型，已隔离：`jcg projections quarantined` "
                                 "列出这些事项及原因")
    assert answer["projection"]["quarantined"] == 1 and answer["projection"]["lag_events"] == 0
    english = client.get("/api/v1/ready").get_json()
    assert english["message"].startswith("1 events could not be applied to the read models")
    assert str(hostile) in {q["originator_id"] for q in services.model.quarantined()}


def test_rebuild_names_the_events_it_could_not_apply_and_exits_1(
        services, database_url, monkeypatch, capsys) -> None:
    from cli.main import main

    register(services.registry, 1)
    hostile = poison(services, database_url)
    services.projector.catch_up()
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    capsys.readouterr()

    assert main(["projections", "rebuild"]) == 1
    out = capsys.readouterr().out
    assert "1 event(s) could not be applied to the read models and are quarantined" in out
    assert f"entity {hostile}, version 1" in out
    # The rebuild starts afresh: the event is set aside once, not once per rebuild.
    assert len(services.model.quarantined()) == 1

    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    assert main(["projections", "quarantined"]) == 1
    out = capsys.readouterr().out
    assert "1 个事项无法写入读取模型，已隔离" in out and f"主体 {hostile}，第 1 版" in out


def test_rebuild_of_a_clean_store_says_so_and_exits_0(services, database_url, monkeypatch, capsys) -> None:
    from cli.main import main

    register(services.registry, 1)
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["projections", "rebuild"]) == 0
    assert main(["projections", "quarantined"]) == 0
    assert "No event is quarantined" in capsys.readouterr().out


@pytest.fixture
def postgres_url() -> Any:
    import os

    from tests.conftest import POSTGRES_ENV
    from tests.databases import drop_schema, with_schema

    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"set {POSTGRES_ENV} to move a SQLite store onto PostgreSQL")
    base, schema = os.environ[POSTGRES_ENV], f"jcg_move_{uuid.uuid4().hex[:12]}"
    yield with_schema(base, schema)
    drop_schema(base, schema)


@pytest.mark.postgres
def test_the_documented_move_from_sqlite_to_postgresql_quarantines_what_postgresql_cannot_keep(
        tmp_path, postgres_url, monkeypatch, capsys) -> None:
    from api import create_app
    from cli.main import main
    from projections.wiring import bootstrap

    sqlite_url = f"sqlite:///{tmp_path}/old.db"
    monkeypatch.setenv("JCG_DATABASE_URL", sqlite_url)
    assert main(["db", "upgrade"]) == 0
    old = bootstrap(sqlite_url)
    try:
        good, hostile, later = register(old.registry, 1), hostile_name(old), register(old.registry, 2)
        old.projector.catch_up()
        assert old.model.quarantined() == []  # SQLite kept the name as it was
    finally:
        old.close()
    assert main(["backup", str(tmp_path / "old.backup")]) == 0

    monkeypatch.setenv("JCG_DATABASE_URL", postgres_url)
    assert main(["restore", str(tmp_path / "old.backup")]) == 0
    capsys.readouterr()
    assert main(["projections", "rebuild"]) == 1
    out = capsys.readouterr().out
    assert "1 event(s) could not be applied" in out and f"entity {hostile}, version 1" in out
    assert "PostgreSQL text fields cannot contain NUL" in out

    moved = bootstrap(postgres_url, create_tables=False)
    try:
        assert [q["originator_id"] for q in moved.model.quarantined()] == [str(hostile)]
        client = create_app({"TESTING": True}, services=moved).test_client()
        admin = {"Authorization": f"Bearer {moved.registry.issue_token('admin', '园区')}"}
        listed = client.get("/api/v1/entities", headers=admin)
        assert listed.status_code == 200
        assert [e["id"] for e in listed.get_json()] == [str(good), str(later)]
        assert client.get("/api/v1/ready").status_code == 503
    finally:
        moved.close()


def test_a_correction_makes_the_entity_whole_again_and_a_rebuild_empties_the_quarantine(
        services, database_url, client) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite keeps U+0000: nothing is quarantined to correct")
    hostile = hostile_name(services)
    services.projector.catch_up()
    assert len(services.model.quarantined()) == 1

    services.registry.record(hostile, "registration_corrected", date(2025, 1, 2), {"name": "Acme Ltd"}, ADMIN)
    services.projector.catch_up()
    assert [r["name"] for r in directory(services)] == ["Acme Ltd"]
    assert client.get("/api/v1/ready").status_code == 503  # until the operator rebuilds

    services.projector.rebuild()
    assert services.model.quarantined() == []
    assert client.get("/api/v1/ready").status_code == 200
    assert [r["name"] for r in directory(services)] == ["Acme Ltd"]
