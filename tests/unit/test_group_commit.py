"""Group commit: shared transactions under load, each save's own outcome kept."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError

from registry.group_commit import GroupCommitter


class Store:
    """Commits events (name, version) like the event store: one (name, version) once only."""

    def __init__(self):
        self.rows: set[tuple[str, int]] = set()
        self.transactions = 0
        self.entered = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def save(self, *events):
        self.entered.set()
        self.release.wait()
        self.transactions += 1
        if len(set(events)) < len(events) or self.rows & set(events):
            raise IntegrityError("version taken")
        self.rows |= set(events)
        return [f"recorded {e}" for e in events]


def _in_threads(committer, saves):
    results: dict[int, object] = {}

    def run(i, events):
        try:
            results[i] = committer.save(events)
        except IntegrityError as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, e)) for i, e in enumerate(saves)]
    for t in threads:
        t.start()
    return threads, results


def _until_queued(committer, n):
    for _ in range(5000):
        if committer.waiting() >= n:
            return
        threading.Event().wait(0.001)
    raise AssertionError(f"{n} saves never queued")


def test_saves_waiting_behind_a_commit_share_the_next_transaction():
    store = Store()
    committer = GroupCommitter(store.save)
    store.release.clear()
    first, first_result = _in_threads(committer, [[("a", 1)]])
    store.entered.wait(5)
    rest, results = _in_threads(committer, [[(f"e{i}", 1)] for i in range(10)])
    _until_queued(committer, 10)
    store.release.set()
    for t in first + rest:
        t.join(5)
    assert store.transactions == 2
    assert all(results[i] == [f"recorded ('e{i}', 1)"] for i in range(10))


def test_a_conflict_in_a_shared_transaction_fails_only_its_own_save():
    store = Store()
    committer = GroupCommitter(store.save)
    store.release.clear()
    blocker, _ = _in_threads(committer, [[("x", 1)]])
    store.entered.wait(5)
    saves = [[("a", 1)], [("b", 1)], [("a", 1)], [("c", 1), ("c", 2)]]
    rest, results = _in_threads(committer, saves)
    _until_queued(committer, len(saves))
    store.release.set()
    for t in blocker + rest:
        t.join(5)
    outcomes = [isinstance(results[i], IntegrityError) for i in range(len(saves))]
    assert outcomes.count(True) == 1 and (outcomes[0] or outcomes[2])
    assert results[3] == ["recorded ('c', 1)", "recorded ('c', 2)"]
    assert {("a", 1), ("b", 1), ("c", 1), ("c", 2), ("x", 1)} == store.rows


def test_an_unexpected_error_reaches_every_waiting_save():
    def broken(*events):
        raise OSError("disk full")

    committer = GroupCommitter(broken)
    with pytest.raises(OSError, match="disk full"):
        committer.save([("a", 1)])


def test_a_save_alone_commits_in_its_own_thread():
    committing = []

    def save(*events):
        committing.append(threading.current_thread())
        return [f"recorded {e}" for e in events]

    committer = GroupCommitter(save)
    assert committer.save([("a", 1)]) == ["recorded ('a', 1)"]
    assert committer.save([("b", 1)]) == ["recorded ('b', 1)"]
    assert committing == [threading.current_thread()] * 2


def test_under_steady_load_every_save_is_answered_and_each_once():
    store = Store()
    committer = GroupCommitter(store.save)
    saves = [[(f"s{i}", 1)] for i in range(400)]
    threads, results = _in_threads(committer, saves)
    for t in threads:
        t.join(10)
    assert all(results[i] == [f"recorded ('s{i}', 1)"] for i in range(400))
    assert len(store.rows) == 400 and store.transactions <= 400
    assert committer.waiting() == 0


class Turn:
    """A write turn the test holds, counting who took it."""

    def __init__(self, fails: BaseException | None = None):
        self.lock = threading.Lock()
        self.fails = fails
        self.taken = 0

    def __enter__(self):
        if self.fails is not None:
            raise self.fails
        self.lock.acquire()
        self.taken += 1

    def __exit__(self, *exc):
        self.lock.release()


def test_saves_queued_while_the_committer_waits_for_its_turn_join_its_transaction():
    store, turn = Store(), Turn()
    committer = GroupCommitter(store.save, turn)
    turn.lock.acquire()  # another process is committing
    saves = [[(f"e{i}", 1)] for i in range(5)]
    threads, results = _in_threads(committer, saves)
    _until_queued(committer, 4)  # the first leads, waiting for the turn; four queue behind it
    assert store.transactions == 0
    turn.lock.release()
    for t in threads:
        t.join(5)
    assert store.transactions == 1 and turn.taken == 1
    assert all(results[i] == [f"recorded ('e{i}', 1)"] for i in range(5))


def test_a_turn_that_cannot_be_taken_fails_the_saves_it_held_up_and_the_next_commits():
    store, turn = Store(), Turn(fails=OSError("read-only file system"))
    committer = GroupCommitter(store.save, turn)
    with pytest.raises(OSError, match="read-only"):
        committer.save([("a", 1)])
    assert store.rows == set() and committer.waiting() == 0
    turn.fails = None
    assert committer.save([("a", 1)]) == ["recorded ('a', 1)"]


def test_the_registry_saves_collected_events_through_the_librarys_own_steps() -> None:
    """Registry._save_collected skips only Application.save's per-event Protocol check: the
    events are recorded, and the library's notification hooks hear of them, as through save."""
    from datetime import UTC, date, datetime

    from registry.application import Registry
    from registry.entities import Enterprise

    heard: list[Any] = []

    class Listening(Registry):
        def _notify(self, recordings: list[Any]) -> None:
            heard.append(("recordings", [r.notification.originator_version for r in recordings]))
            super()._notify(recordings)

        def notify(self, new_events: Any) -> None:
            heard.append(("events", [e.originator_version for e in new_events]))

    registry = Listening({"PERSISTENCE_MODULE": "eventsourcing.popo"})
    entity = Enterprise(name="晋创", credit_code="91140300MA0K000000", zone="high_tech",
                        entered_on=date(2024, 1, 2), recorded_by={"label": "t", "role": "admin"},
                        recorded_at=datetime(2025, 6, 1, tzinfo=UTC))
    recordings = registry.save(entity)
    assert [r.notification.id for r in recordings] == [1]
    assert heard == [("recordings", [1]), ("events", [1])]
    assert registry.repository.get(entity.id).name == "晋创"
