"""The history cache keeps each event's record beside it, and they must be those of the whole
history made at once, however the history was read, extended or offered."""

from __future__ import annotations

from datetime import UTC, date, datetime

from registry.entities import Enterprise
from registry.history import to_records
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


def test_records_made_in_parts_equal_those_of_the_whole_history():
    events = _history(4)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    cache.history(entity_id, _store(events[:2]))
    assert cache.history(entity_id, _store(events)) == (tuple(events), tuple(to_records(events)))
    assert cache.history(entity_id, _store(events)) == (tuple(events), tuple(to_records(events)))


def test_a_history_given_earlier_stays_as_it_was_given():
    events = _history(3)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    older = cache.history(entity_id, _store(events[:2]))
    newer = cache.history(entity_id, _store(events))
    assert older == (tuple(events[:2]), tuple(to_records(events[:2])))
    assert newer == (tuple(events), tuple(to_records(events)))


def test_offered_events_continue_the_history_and_the_store_is_not_asked():
    events = _history(3)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    cache.history(entity_id, _store(events[:2]))
    cache.offer(entity_id, events[2:], decode=lambda event: event)

    def unasked(known: int) -> list:
        raise AssertionError("the remembered history reaches the version asked for")
    assert cache.history(entity_id, unasked, at_least=4) == (tuple(events), tuple(to_records(events)))


def test_offered_events_that_do_not_continue_the_history_are_not_remembered():
    events = _history(4)
    entity_id = events[0].originator_id
    cache = HistoryCache()
    cache.history(entity_id, _store(events[:2]))
    cache.offer(entity_id, events[3:], decode=lambda event: event)  # version 3 is missing
    assert cache.history(entity_id, _store(events[:2])) == (tuple(events[:2]), tuple(to_records(events[:2])))
