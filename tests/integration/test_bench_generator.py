"""The benchmark's park: seeded, and its histories interleaved in the log as a park's are."""

from __future__ import annotations

# bench/ is no package on the path: putting it first on sys.path would shadow the project's own
# modules of the same names (bench/spreadsheets.py for spreadsheets/) in every later test.
from bench import generator
from projections.wiring import bootstrap


def _log(url: str, entities: int) -> tuple[list, list]:
    services = bootstrap(url)
    try:
        loaded = generator.load(services.registry, entities, 6)
        log = services.registry.recorder.select_notifications(start=0, limit=100_000, inclusive_of_start=False)
        return loaded.entity_ids, [(n.originator_id, n.originator_version, n.topic) for n in log]
    finally:
        services.close()


def test_histories_are_interleaved_in_order_and_the_same_facts_every_time(tmp_path) -> None:
    ids, log = _log(f"sqlite:///{tmp_path}/a.db", 120)
    entities = set(ids)
    facts = [(who, version, topic) for who, version, topic in log if who in entities]
    # Each entity's events in its own order, registration first ...
    seen: dict = {}
    for who, version, topic in facts:
        assert version == seen.get(who, 0) + 1, (who, version)
        assert (version == 1) == topic.endswith(".Registered")
        seen[who] = version
    # ... but not together: most neighbours in the log are events of different entities.
    together = sum(1 for a, b in zip(facts, facts[1:], strict=False) if a[0] == b[0])
    assert together < len(facts) / 5
    # Seeded: another load has the same facts, entity by entity, whatever the ids.
    other_ids, other_log = _log(f"sqlite:///{tmp_path}/b.db", 120)

    def by_entity(ids_, log_):
        place = {who: n for n, who in enumerate(ids_)}
        out: dict = {}
        for who, _, topic in log_:
            if who in place:
                out.setdefault(place[who], []).append(topic)
        return out

    assert by_entity(ids, log) == by_entity(other_ids, other_log)
