"""The history cache makes records only when asked, and they must be those of the whole history
made at once, however the history was read, extended or offered."""

from __future__ import annotations

from datetime import UTC, date, datetime

from registry.entities import Enterprise
from registry.history import LazyHistory, to_records
from registry.history_cache import HistoryCache

AT = datetime(2025, 6, 1, 9, tzinfo=UTC)
BY = {"label": "test", "role": "admin"}


def _history(facts: int) -> list:
    entity = Enterprise(name="晋创", credit_code="91140300MA0K000000", zone="high_tech",
                        entered_on=date(2024, 1, 2), recorded_by=BY, recorded_at=AT)
    for n in range(facts):
        entity.record_fact("patent_navigation_funded", date(2025, 1, 1 + n),
                           {"project": f"P{n}", "amount": "1.00"}, recorded_by=BY, recorded_at=AT,
                           idempotency_key=None)
    return entity.collect_events()


def _store(events: list):
    return lambda known: events[known:]


def test_records_made_late_equal_those_of_the_whole_history():
    events = _history(4)
    cache = HistoryCache()
    read = cache.events(events[0].originator_id, _store(events[:2]))
    cache.records(read[0].originator_id, read)
    longer = cache.events(events[0].originator_id, _store(events))
    assert cache.records(events[0].originator_id, longer) == tuple(to_records(events))
    assert cache.read(events[0].originator_id, _store(events)) == (tuple(events),
                                                                   tuple(to_records(events)))


def test_records_of_an_older_read_are_its_own_not_the_newer_ones():
    events = _history(3)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    older = cache.events(entity_id, _store(events[:2]))
    newer = cache.events(entity_id, _store(events))
    assert cache.records(entity_id, newer) == tuple(to_records(events))
    assert cache.records(entity_id, older) == tuple(to_records(events[:2]))


def test_offered_events_continue_the_records_made_before():
    events = _history(3)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    cache.read(entity_id, _store(events[:2]))
    cache.offer(entity_id, events[2:], decode=lambda event: event)
    assert cache.read(entity_id, _store([]), at_least=4)[1] == tuple(to_records(events))


def test_a_lazy_history_is_made_once_and_only_when_used():
    made = []
    records = tuple(to_records(_history(2)))
    history = LazyHistory(lambda: made.append(1) or records)
    assert made == []
    assert (len(history), list(history), history[0], history[-1:]) == (
        3, list(records), records[0], records[-1:])
    assert bool(history) and made == [1]


def _replayed(events):
    state = None
    for e in events:
        state = e.mutate(state)
    return state


def test_a_remembered_state_brought_forward_equals_the_history_replayed():
    events = _history(5)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    shorter = cache.events(entity_id, _store(events[:3]))
    first = cache.state(entity_id, shorter)
    assert first.version == 3
    longer = cache.events(entity_id, _store(events))
    brought_forward = cache.state(entity_id, longer)
    assert vars(brought_forward) == vars(_replayed(events))
    # An older history still gets its own, older state.
    assert cache.state(entity_id, shorter).version == 3


def test_changing_a_state_given_out_changes_no_other():
    events = _history(2)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    history = cache.events(entity_id, _store(events))
    mine = cache.state(entity_id, history)
    mine.record_fact("departed", date(2025, 2, 1), {"reason": "moved"}, recorded_by=BY,
                     recorded_at=AT, idempotency_key=None)
    again = cache.state(entity_id, history)
    assert (mine.status, mine.version, len(mine.pending_events)) == ("departed", 4, 1)
    assert (again.status, again.version, again.pending_events) == ("registered", 3, [])


def test_states_are_remembered_for_as_many_entities_as_histories():
    cache = HistoryCache(max_entities=1)
    first, second = _history(1), _history(1)
    cache.state(first[0].originator_id, cache.events(first[0].originator_id, _store(first)))
    cache.state(second[0].originator_id, cache.events(second[0].originator_id, _store(second)))
    assert cache.latest_state(first[0].originator_id) is None
    assert cache.latest_state(second[0].originator_id).version == 2


def test_a_state_remembered_from_a_write_is_the_newest_and_an_older_one_does_not_replace_it():
    events = _history(3)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    newest = _replayed(events)
    cache.remember_state(entity_id, newest)
    cache.remember_state(entity_id, _replayed(events[:2]))
    mine = cache.latest_state(entity_id)
    assert mine is not newest and vars(mine) == vars(newest)


def test_a_remembered_state_is_a_private_copy_of_every_kind_of_entity():
    import copy

    from registry.entities import ENTITY_CLASSES
    from registry.history_cache import _private

    for kind, cls in ENTITY_CLASSES.items():
        entity = cls(name=kind, credit_code="91140300MA0K000000", zone="high_tech",
                     entered_on=date(2024, 1, 2), recorded_by=BY, recorded_at=AT)
        mine = _private(entity)
        # What copy.copy would give (the classes keep their state in __dict__ alone), with no
        # pending events: those are the original's to save.
        assert type(mine) is cls and not hasattr(cls, "__copy__")
        assert not [k for k in cls.__mro__ if k.__dict__.get("__slots__")]  # no slot holds state
        assert vars(mine) == {**vars(copy.copy(entity)), "_pending_events": []}
        assert entity._pending_events and mine._pending_events is not entity._pending_events
        mine.name = "changed"
        assert entity.name == kind
