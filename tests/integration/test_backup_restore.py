"""`jcg backup` then `jcg restore` into an empty database, then `jcg projections rebuild`:
the same histories, the same stored entitlements, the same tokens, on each backend."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from cli.main import main
from projections.wiring import bootstrap
from tests.conftest import POSTGRES_ENV
from tests.databases import drop_schema, with_schema
from tests.park import ADMIN, directory, register, stored_entitlements


@pytest.fixture
def empty_database(database_url: str, tmp_path: Path):
    """Another fresh database on the same backend as `database_url`."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path}/restored.db"
        return
    import os

    base, schema = os.environ[POSTGRES_ENV], f"jcg_restore_{uuid.uuid4().hex[:12]}"
    yield with_schema(base, schema)
    drop_schema(base, schema)


def record_a_park(url: str) -> tuple[list[uuid.UUID], str]:
    services = bootstrap(url)
    try:
        registry = services.registry
        firm, platform = register(registry, 1), register(registry, 2, "pilot_platform")
        registry.record(firm, "achievement_recognised", date(2025, 4, 1),
                        {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}, ADMIN)
        registry.record(firm, "space_granted", date(2025, 3, 1),
                        {"project": "P1", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)
        registry.record(platform, "equipment_purchased", date(2025, 12, 1),
                        {"year": 2025, "original_value": "12345678.91"}, ADMIN)
        token = registry.issue_token("auditor", "财政局")
        services.projector.catch_up()
    finally:
        services.close()
    return [firm, platform], token


def snapshot(url: str, entities: list[uuid.UUID], token: str) -> dict:
    services = bootstrap(url, create_tables=False)
    try:
        return {"histories": [services.registry.history(e) for e in entities],
                "entitlements": [stored_entitlements(services, e) for e in entities],
                "directory": directory(services),
                "token": services.registry.authenticate(token)}
    finally:
        services.close()


def test_a_backup_restored_into_an_empty_database_and_rebuilt_is_the_same_registry(
        database_url, empty_database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    entities, token = record_a_park(database_url)
    before = snapshot(database_url, entities, token)
    assert before["entitlements"][0] and before["entitlements"][1]

    archive = tmp_path / "registry.backup"
    assert main(["backup", str(archive)]) == 0
    monkeypatch.setenv("JCG_DATABASE_URL", empty_database)
    assert main(["restore", str(archive)]) == 0
    assert main(["projections", "rebuild"]) == 0

    assert snapshot(empty_database, entities, token) == before
    assert "Restored" in capsys.readouterr().out


def test_restore_refuses_a_database_that_holds_events(database_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    record_a_park(database_url)
    archive = tmp_path / "registry.backup"
    assert main(["backup", str(archive)]) == 0
    capsys.readouterr()

    assert main(["restore", str(archive)]) == 2
    assert "restore only into an empty database" in capsys.readouterr().err


def test_backup_refuses_to_overwrite_a_file(database_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    (tmp_path / "taken").write_text("keep me")
    assert main(["backup", str(tmp_path / "taken")]) == 2
    assert (tmp_path / "taken").read_text() == "keep me"
    assert "exists" in capsys.readouterr().err


def test_backup_replaces_a_file_only_when_forced(database_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    record_a_park(database_url)
    (tmp_path / "taken").write_text("keep me")
    assert main(["backup", "--force", str(tmp_path / "taken")]) == 0
    assert (tmp_path / "taken").read_bytes() != b"keep me"
    assert "Backed up" in capsys.readouterr().out


def test_backup_makes_the_folder_it_is_told_to_write_in(database_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    record_a_park(database_url)
    target = tmp_path / "backups" / "2026-12" / "registry.backup"
    assert main(["backup", str(target)]) == 0
    assert target.is_file()
    assert not list(target.parent.glob("*.partial"))


def test_an_event_export_is_one_readable_event_a_line_read_back_byte_for_byte(
        database_url, tmp_path, monkeypatch):
    """What `jcg backup` writes on PostgreSQL; exported here on each backend alike."""
    import json

    from storage.archive import export_events, read_archive

    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    [firm, _], _ = record_a_park(database_url)
    archive = tmp_path / "registry.jsonl"
    if database_url.startswith("postgresql"):
        assert main(["backup", str(archive)]) == 0
    services = bootstrap(database_url, create_tables=False)
    try:
        recorder = services.registry.recorder
        if not archive.exists():
            with archive.open("w", encoding="utf-8") as out:
                export_events(recorder, out)
        stored = recorder.select_notifications(start=0, limit=10_000, inclusive_of_start=False)
    finally:
        services.close()

    text = archive.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()[1:]]
    award = next(ln for ln in lines if ln["type"] == "achievement_recognised")
    assert award["entity"] == str(firm) and award["version"] == 2
    assert award["state"]["occurred_on"] == "2025-04-01"
    assert award["state"]["data"] == {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.00"}
    assert award["state"]["recorded_by"] == {"label": "园区管理", "role": "admin"}
    assert "碳化硅中试" in text  # neither escaped nor base64
    _, restored = read_archive(archive)
    assert [(e.originator_id, e.originator_version, e.topic, e.state) for e in restored] == [
        (n.originator_id, n.originator_version, n.topic, n.state) for n in stored]


def stored_rows(url: str, *, create_tables: bool = False) -> list[tuple]:
    services = bootstrap(url, create_tables=create_tables)
    try:
        found = services.registry.recorder.select_notifications(start=0, limit=10_000, inclusive_of_start=False)
        return [(n.originator_id, n.originator_version, n.topic, n.state) for n in found]
    finally:
        services.close()


def test_an_event_export_keeps_a_lone_surrogate_and_nul_an_old_store_holds_byte_for_byte(
        database_url, empty_database, tmp_path, monkeypatch):
    """`jcg backup` on PostgreSQL (the export, run here on each backend): an event the door
    refuses now, and an old SQLite file restored may still hold, is kept as it was stored."""
    import dataclasses

    from storage.archive import export_events

    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    [firm, _], _ = record_a_park(database_url)
    services = bootstrap(database_url, create_tables=False)
    try:
        recorder = services.registry.recorder
        [original] = [e for e in recorder.select_events(firm) if e.originator_version == 1]
        name = "阳泉enterprise 1".encode()
        for odd in (b"\\ud800", b"\\u0000"):
            recorder.insert_events([dataclasses.replace(
                original, originator_id=uuid.uuid4(), state=original.state.replace(name, odd))])
    finally:
        services.close()
    before = stored_rows(database_url)

    archive = tmp_path / "registry.jsonl"
    services = bootstrap(database_url, create_tables=False)
    try:
        with archive.open("w", encoding="utf-8") as out:
            assert export_events(services.registry.recorder, out) == len(before)
    finally:
        services.close()
    monkeypatch.setenv("JCG_DATABASE_URL", empty_database)
    assert main(["restore", str(archive)]) == 0

    # and after them the restore's own note that the borrowers' loan indexes are listed
    assert stored_rows(empty_database)[:len(before)] == before


def export_of_a_park(url: str, archive: Path) -> int:
    """The park's events exported as `jcg backup` exports them on PostgreSQL; how many."""
    from storage.archive import export_events

    record_a_park(url)
    services = bootstrap(url, create_tables=False)
    try:
        with archive.open("w", encoding="utf-8") as out:
            return export_events(services.registry.recorder, out)
    finally:
        services.close()


@pytest.mark.parametrize("damage", ["a line garbled", "cut mid-line", "cut after a whole line",
                                    "a line repeated", "the header without its head"])
def test_restore_refuses_a_damaged_export_and_writes_nothing(
        database_url, empty_database, tmp_path, monkeypatch, capsys, damage):
    import storage.archive

    archive = tmp_path / "registry.jsonl"
    assert export_of_a_park(database_url, archive) > 6
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    if damage == "a line garbled":
        lines[5] = lines[5].replace('"state": {', '"state": {{', 1)
    elif damage == "cut mid-line":
        lines = [*lines[:6], lines[6][:40]]
    elif damage == "the header without its head":
        lines[0] = '{"format": "jcg-events", "version": 2}\n'
    elif damage == "a line repeated":
        lines = [*lines[:6], lines[5], *lines[6:]]
    else:
        lines = lines[:6]
    archive.write_text("".join(lines), encoding="utf-8")
    # Several batches (a transaction each): the damage lies past the first.
    monkeypatch.setattr(storage.archive, "BATCH", 2)
    monkeypatch.setenv("JCG_DATABASE_URL", empty_database)

    assert main(["restore", str(archive)]) == 2

    err = capsys.readouterr().err
    assert str(archive) in err and "Traceback" not in err
    assert stored_rows(empty_database, create_tables=True) == []


def test_backup_and_restore_refuse_in_jcg_language(database_url, empty_database, tmp_path, monkeypatch,
                                                   capsys):
    import json

    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    archive = tmp_path / "registry.jsonl"
    export_of_a_park(database_url, archive)
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    newer = tmp_path / "newer.jsonl"
    newer.write_text(json.dumps({"format": "jcg-events", "version": 3, "head": 0}) + "\n", encoding="utf-8")
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[:4]), encoding="utf-8")
    garbled = tmp_path / "garbled.jsonl"
    garbled.write_text("".join([*lines[:3], "{\n", *lines[4:]]), encoding="utf-8")
    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    capsys.readouterr()

    def refusal(*argv: str) -> str:
        assert main(list(argv)) == 2
        said = capsys.readouterr()
        assert said.out == ""
        return said.err

    assert "已存在" in refusal("backup", str(archive))
    assert "是文件夹" in refusal("backup", str(tmp_path))
    assert "不是文件" in refusal("restore", str(tmp_path / "missing.jsonl"))
    assert "已有事项" in refusal("restore", str(archive))  # into the database it came from
    monkeypatch.setenv("JCG_DATABASE_URL", empty_database)
    assert "第 3 版" in refusal("restore", str(newer))
    assert "已截断" in refusal("restore", str(cut))
    assert "第 4 行已损坏" in refusal("restore", str(garbled))
    assert "既不是" in refusal("restore", str(lines_file(tmp_path)))
    assert stored_rows(empty_database, create_tables=True) == []


def lines_file(folder: Path) -> Path:
    """A file that is neither an SQLite database nor an event export."""
    path = folder / "notes.txt"
    path.write_text("备忘\n", encoding="utf-8")
    return path


def test_a_backup_restores_into_a_database_jcg_db_upgrade_has_prepared(
        database_url, empty_database, tmp_path, monkeypatch, capsys):
    """deploy/README.md's steps: a new database, `jcg db upgrade`, `jcg restore`, rebuild."""
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    entities, token = record_a_park(database_url)
    before = snapshot(database_url, entities, token)
    archive = tmp_path / "registry.backup"
    assert main(["backup", str(archive)]) == 0
    monkeypatch.setenv("JCG_DATABASE_URL", empty_database)
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()

    assert main(["restore", str(archive)]) == 0, capsys.readouterr().err
    assert main(["projections", "rebuild"]) == 0
    assert snapshot(empty_database, entities, token) == before
    # and `jcg db upgrade` run again (as every release's schema step does) changes nothing
    assert main(["db", "upgrade"]) == 0
    assert snapshot(empty_database, entities, token) == before


def test_an_event_export_keeps_an_event_that_is_not_json_byte_for_byte(
        database_url, empty_database, tmp_path, monkeypatch, capsys):
    """An event the projector quarantines as undecodable (past the door, an earlier release's
    bug) is still recorded: the backup keeps it as stored, and the rest is backed up with it."""
    import dataclasses

    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    [firm, _], _ = record_a_park(database_url)
    services = bootstrap(database_url, create_tables=False)
    try:
        recorder = services.registry.recorder
        [original] = [e for e in recorder.select_events(firm) if e.originator_version == 1]
        recorder.insert_events([
            dataclasses.replace(original, originator_id=uuid.uuid4(), state=b'{"occurred_on": \xff not json'),
            # JSON, but not as the library writes it (spaces): the line must give these bytes back
            dataclasses.replace(original, originator_id=uuid.uuid4(),
                                state=original.state.replace(b'":', b'": ')),
        ])
    finally:
        services.close()
    before = stored_rows(database_url)

    archive = tmp_path / "registry.jsonl"
    if database_url.startswith("postgresql"):
        assert main(["backup", str(archive)]) == 0
    else:
        export_of_this = bootstrap(database_url, create_tables=False)
        try:
            from storage.archive import export_events

            with archive.open("w", encoding="utf-8") as out:
                export_events(export_of_this.registry.recorder, out)
        finally:
            export_of_this.close()
    monkeypatch.setenv("JCG_DATABASE_URL", empty_database)
    assert main(["restore", str(archive)]) == 0

    assert stored_rows(empty_database)[:len(before)] == before


def test_a_backup_that_cannot_be_written_leaves_nothing_behind(database_url, tmp_path, monkeypatch, capsys):
    import cli.backup

    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    record_a_park(database_url)

    def disk_full(*args):
        partial = next(a for a in args if isinstance(a, Path))
        partial.write_text('{"format": "jcg-events", "version": 2, "head": 8}\n{"id": 1, ', encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli.backup, "_sqlite_backup", lambda source, partial: disk_full(partial))
    monkeypatch.setattr(cli.backup, "_export", disk_full)
    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    capsys.readouterr()

    assert main(["backup", str(tmp_path / "registry.backup")]) == 2

    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("registry.backup")] == []
    err = capsys.readouterr().err
    assert "No space left on device" in err and "未生成备份" in err


def test_a_restore_that_fails_part_way_says_what_the_database_holds(
        database_url, empty_database, tmp_path, monkeypatch, capsys):
    from eventsourcing.persistence import OperationalError

    import storage.archive

    archive = tmp_path / "registry.jsonl"
    total = export_of_a_park(database_url, archive)
    monkeypatch.setattr(storage.archive, "BATCH", 2)
    real = storage.archive.insert_events

    def connection_lost(recorder, events, advance):
        def failing():
            for n, event in enumerate(events):
                if n == 4:
                    raise OperationalError("server closed the connection unexpectedly")
                yield event
        return real(recorder, failing(), advance)

    monkeypatch.setattr(storage.archive, "insert_events", connection_lost)
    monkeypatch.setenv("JCG_DATABASE_URL", empty_database)
    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    capsys.readouterr()

    assert main(["restore", str(archive)]) == 2

    err = capsys.readouterr().err
    assert f"恢复在 {total} 个事项中的第 4 个之后中断" in err and "server closed the connection" in err
    assert len(stored_rows(empty_database)) == 4


@pytest.mark.postgres
def test_a_sqlite_backup_restored_into_postgresql_and_back_is_the_same_registry(tmp_path, monkeypatch):
    """deploy/README.md's move (SQLite to PostgreSQL), and back by the event export: the same
    entitlements as the API answers them, the same tokens (a revoked one still refused), an
    Idempotency-Key repeated still a replay, and no alert issued or delivered a second time."""
    import os
    from datetime import datetime, timedelta

    from api import create_app
    from jobs.delivery import deliver
    from jobs.scan import scan
    from registry.clock import PARK_TZ

    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"set {POSTGRES_ENV} to move a SQLite store onto PostgreSQL")
    now = datetime(2027, 12, 1, 8, 0, tzinfo=PARK_TZ)
    base, schema = os.environ[POSTGRES_ENV], f"jcg_move_{uuid.uuid4().hex[:12]}"
    sqlite_url, postgres_url = f"sqlite:///{tmp_path}/old.db", with_schema(base, schema)
    back_url = f"sqlite:///{tmp_path}/back.db"
    delivered: list[str] = []

    def receiver(url, body, timeout):
        delivered.append(body)
        return True, "HTTP 204"

    def seen(url: str, token: str) -> dict:
        services = bootstrap(url, clock=lambda: now, create_tables=False)
        try:
            client = create_app({"TESTING": True}, services=services).test_client()
            auth = {"Authorization": f"Bearer {token}"}
            return {
                "entitlements": client.get(f"/api/v1/entities/{firm}/entitlements", headers=auth).get_json(),
                "alerts": client.get("/api/v1/alerts", headers=auth).get_json(),
                "revoked": services.registry.authenticate(revoked),
                "tokens": services.registry.tokens(),
                "replay": services.registry.record(firm, *award, ADMIN, idempotency_key="award-1"),
                "scanned again": scan(services, now.date()) + scan(services, now.date() + timedelta(days=1)),
                "delivered again": deliver(services, now + timedelta(hours=1), "http://receiver", receiver),
            }
        finally:
            services.close()

    monkeypatch.setenv("JCG_DATABASE_URL", sqlite_url)
    assert main(["db", "upgrade"]) == 0
    old = bootstrap(sqlite_url, clock=lambda: now)
    try:
        firm = register(old.registry, 1)
        old.registry.record(firm, "space_granted", date(2025, 3, 1),
                            {"project": "P1", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)
        award = ("achievement_recognised", date(2025, 4, 1),
                 {"achievement": "碳化硅中试", "stage": "pilot", "amount": "800000.01"})
        first = old.registry.record(firm, *award, ADMIN, idempotency_key="award-1")
        token = old.registry.issue_token("admin", "园区管理")
        revoked = old.registry.issue_token("auditor", "离任审计")
        old.registry.revoke_token(old.registry.tokens()[-1]["id"])
        assert scan(old, now.date()) and deliver(old, now, "http://receiver", receiver)
        old.projector.catch_up()
    finally:
        old.close()
    before = seen(sqlite_url, token)
    assert "800000.01" in str(before["entitlements"]) and len(before["alerts"]) == 1
    assert before["revoked"] is None and before["scanned again"] == before["delivered again"] == []
    assert before["replay"] == {**{k: v for k, v in first.items() if k != "position"}, "replayed": True}
    assert main(["backup", str(tmp_path / "old.backup")]) == 0
    try:
        monkeypatch.setenv("JCG_DATABASE_URL", postgres_url)
        for step in (["db", "upgrade"], ["restore", str(tmp_path / "old.backup")], ["projections", "rebuild"]):
            assert main(step) == 0
        assert seen(postgres_url, token) == before
        assert main(["backup", str(tmp_path / "moved.jsonl")]) == 0
    finally:
        drop_schema(base, schema)
    monkeypatch.setenv("JCG_DATABASE_URL", back_url)
    for step in (["db", "upgrade"], ["restore", str(tmp_path / "moved.jsonl")], ["projections", "rebuild"]):
        assert main(step) == 0
    assert seen(back_url, token) == before
    assert len(delivered) == 1


def test_backup_refuses_to_replace_the_registrys_own_database_even_when_forced(tmp_path, monkeypatch, capsys):
    """`jcg backup --force` naming the database itself would put a copy in its place: what a
    server records between the copy and the rename would be lost."""
    import cli.backup

    database = tmp_path / "var" / "registry.db"
    url = f"sqlite:///{database}"
    monkeypatch.setenv("JCG_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 0
    entities, token = record_a_park(url)
    before = snapshot(url, entities, token)
    copy, recorded = cli.backup._sqlite_backup, []

    def while_a_server_records(source, partial):
        copy(source, partial)
        serving = bootstrap(url, create_tables=False)
        try:
            recorded.append(register(serving.registry, 3))
        finally:
            serving.close()

    monkeypatch.setattr(cli.backup, "_sqlite_backup", while_a_server_records)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()

    for path in (str(database), "var/../var/registry.db", f"{database}-wal"):
        assert main(["backup", "--force", path]) == 2
        assert "is the registry's own database" in capsys.readouterr().err

    assert snapshot(url, entities, token) == before
    assert all(snapshot(url, [later], token)["histories"][0] for later in recorded)
    assert not list(database.parent.glob("*.partial"))
