"""The `jcg` commands on each backend, run in-process through `main`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cli.main import main
from projections.wiring import bootstrap
from tests.park import register


@pytest.fixture
def on_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("JCG_DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    return database_url


def test_token_create_prints_the_token_alone_on_its_last_line(on_database, capsys) -> None:
    assert main(["token", "create", "--role", "auditor", "--label", "财政局"]) == 0
    lines = capsys.readouterr().out.splitlines()

    services = bootstrap(on_database)
    try:
        principal = services.registry.authenticate(lines[-1])
    finally:
        services.close()
    assert (principal.role, principal.label) == ("auditor", "财政局")
    assert len(lines) == 2 and lines[-1] not in lines[0]


def test_an_entity_token_is_made_for_a_registered_entity(on_database, capsys) -> None:
    services = bootstrap(on_database)
    try:
        entity_id = register(services.registry, 1)
    finally:
        services.close()

    assert main(["token", "create", "--role", "entity", "--entity", str(entity_id)]) == 0
    assert str(entity_id) in capsys.readouterr().out


@pytest.mark.parametrize("arguments, complaint", [
    (["--role", "entity"], "needs --entity ID"),
    (["--role", "entity", "--entity", "00000000-0000-0000-0000-000000000007"], "no entity with id"),
    (["--role", "entity", "--entity", "acme"], "is not an entity id"),
    (["--role", "admin", "--entity", "00000000-0000-0000-0000-000000000007"], "only entity tokens"),
])
def test_a_token_that_cannot_be_made_exits_2_with_the_reason_on_stderr(
        on_database, capsys, arguments: list[str], complaint: str) -> None:
    assert main(["token", "create", *arguments]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert complaint in err


def test_rebuild_reports_how_many_events_it_replayed(on_database, capsys) -> None:
    services = bootstrap(on_database)
    try:
        register(services.registry, 1)
        head = services.registry.recorder.max_notification_id()
    finally:
        services.close()
    capsys.readouterr()

    assert main(["projections", "rebuild"]) == 0
    assert f"{head} events applied in" in capsys.readouterr().out


def _token_lines(capsys) -> dict[str, list[str]]:
    assert main(["token", "list"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    return {row[2]: row for row in rows}


def test_a_token_listed_by_its_id_can_be_revoked_once_and_is_then_refused(on_database, capsys) -> None:
    tokens = {}
    for label in ("财政局", "阳泉科技局"):
        assert main(["token", "create", "--role", "auditor", "--label", label]) == 0
        tokens[label] = capsys.readouterr().out.splitlines()[-1]
    listed = _token_lines(capsys)
    assert set(listed) == {"财政局", "阳泉科技局"}
    assert all(row[1] == "auditor" and row[3] == "-" and row[5] == "-" for row in listed.values())
    assert not any(tokens[label] in "\t".join(row) for label, row in listed.items())  # never the token

    assert main(["token", "revoke", listed["财政局"][0]]) == 0
    assert "财政局" in capsys.readouterr().out
    after = _token_lines(capsys)
    assert after["财政局"][5] != "-" and after["阳泉科技局"][5] == "-"
    services = bootstrap(on_database)
    try:
        assert services.registry.authenticate(tokens["财政局"]) is None
        assert services.registry.authenticate(tokens["阳泉科技局"]).label == "阳泉科技局"
    finally:
        services.close()

    assert main(["token", "revoke", listed["财政局"][0]]) == 2
    assert "revoked already" in capsys.readouterr().err


@pytest.mark.parametrize("token_id, complaint", [
    ("00000000-0000-0000-0000-000000000007", "no token has the id"),
    ("acme", "is not a token id"),
])
def test_revoking_what_is_no_token_exits_2(on_database, capsys, token_id: str, complaint: str) -> None:
    assert main(["token", "revoke", token_id]) == 2
    out, err = capsys.readouterr()
    assert out == "" and complaint in err


def test_a_process_that_knew_a_token_refuses_it_as_soon_as_it_revokes_it(services) -> None:
    from registry.access import ApiToken, digest

    token = services.registry.issue_token("admin", "一次性")
    assert services.registry.authenticate(token) is not None  # now remembered
    services.registry.revoke_token(ApiToken.create_id(digest(token)))
    assert services.registry.authenticate(token) is None


def test_run_as_python_m_cli_main_a_refusal_exits_2_with_its_reason_not_a_traceback(tmp_path) -> None:
    """`python -m cli.main` (as the benchmarks and the multi-process tests run it) is `jcg`: a
    refused command exits 2 with one line on stderr. Run so, the module was `__main__` and the
    commands raised the CommandError of another copy of it: a traceback and exit 1."""
    env = {**os.environ, "JCG_DATABASE_URL": f"sqlite:///{tmp_path}/registry.db"}
    run = subprocess.run([sys.executable, "-m", "cli.main", "import", str(tmp_path / "none.xlsx")],
                         env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("jcg import: ") and "Traceback" not in run.stderr
