"""The registry's commits to a SQLite file wait for their turn on a lock file beside it, which
another process may hold; PostgreSQL takes no turn."""

from __future__ import annotations

import fcntl
import os
import threading
from datetime import date

from projections.wiring import bootstrap
from registry.write_turn import SUFFIX, FileTurn, NoTurn
from tests.park import ADMIN, register


def _filing(services, entity_id, n):
    return services.registry.record(entity_id, "cnipa_filing_recorded", date(2025, 6, 1),
                                    {"filing_no": f"CNIPA-{n}"}, ADMIN)


def test_only_a_sqlite_file_has_a_turn(services, database_url) -> None:
    turn = services.registry._turn
    if database_url.startswith("sqlite"):
        assert isinstance(turn, FileTurn) and turn.path.endswith("registry.db" + SUFFIX)
    else:
        assert isinstance(turn, NoTurn)


def test_a_save_waits_while_another_process_has_the_turn(tmp_path, fixed_clock) -> None:
    services = bootstrap(f"sqlite:///{tmp_path}/registry.db", clock=fixed_clock)
    try:
        _wait_for_the_turn(services)
    finally:
        services.close()


def _wait_for_the_turn(services) -> None:
    entity_id = register(services.registry, 1, kind="ip_service_firm")
    # Another open file on the lock file stands for another process: flock excludes it too.
    other = FileTurn(services.registry._turn.path)
    outcome: list[object] = []
    with other:
        writer = threading.Thread(target=lambda: outcome.append(_filing(services, entity_id, 1)))
        writer.start()
        writer.join(0.3)
        assert writer.is_alive() and outcome == []
        assert len(services.registry.history(entity_id)) == 1  # nothing committed meanwhile
    writer.join(10)
    assert outcome and outcome[0]["version"] == 2
    assert len(services.registry.history(entity_id)) == 2
    other.close()


def test_a_forked_process_opens_its_own_lock_file(tmp_path) -> None:
    turn = FileTurn(str(tmp_path / ("x.db" + SUFFIX)))
    with turn:
        pid = os.fork()
        if pid == 0:  # the child: the parent holds the turn, so the child must not get it
            try:
                fcntl.flock(turn._file(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os._exit(0)
            os._exit(1)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    turn.close()
