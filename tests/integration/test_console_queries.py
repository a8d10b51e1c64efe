"""The read-model queries the console pages with, on each backend: a page of the directory and
its count by kind and search, and a page of the deadlines due and their count by clause."""

from __future__ import annotations

from datetime import date

from tests.park import ADMIN, register


def test_the_directory_is_paged_and_counted_by_kind_and_search(services):
    for n in range(3):
        register(services.registry, 700 + n)
    fund = register(services.registry, 710, "fund")
    services.projector.catch_up()
    model = services.model
    assert model.count_entities(None, None) == 4
    assert model.count_entities("fund", None) == 1
    assert [e["id"] for e in model.entity_page("fund", None, 0, 25)] == [str(fund)]
    everyone = model.entity_page(None, None, 0, 25)
    assert [e["id"] for e in model.entity_page(None, None, 1, 2)] == [e["id"] for e in everyone[1:3]]
    name = everyone[0]["name"]
    assert model.count_entities(None, name) == 1 == len(model.entity_page(None, name, 0, 25))
    assert model.count_entities("fund", name) == 0


def test_the_deadlines_due_are_paged_and_counted_by_clause(services):
    for n in range(3):
        entity = register(services.registry, 720 + n)
        services.registry.record(entity, "space_granted", date(2025, 3, 1),
                                 {"project": "P", "space": "office", "start_on": "2025-03-01",
                                  "months": 36}, ADMIN)
    services.projector.catch_up()
    model, after, until = services.model, date(2026, 3, 1), date(2099, 1, 1)
    everything = model.deadlines_due(after, until, 100)
    assert model.count_due(after, until) == len(everything) > 3
    space = [d for d in everything if d["clause"] == "1.2"]
    assert model.deadlines_due(after, until, 100, 0, ["1.2"]) == space and len(space) == 3
    assert model.count_due(after, until, ["1.2", "no such clause"]) == 3
    assert model.deadlines_due(after, until, 2, 1, ["1.2"]) == space[1:3]
    assert model.count_due(after, until, []) == 0 == len(model.deadlines_due(after, until, 100, 0, []))


def test_the_years_annual_entitlements_are_paged_by_entity(services):
    talents = []
    for n in range(3):
        entity = register(services.registry, 730 + n)
        services.registry.record(entity, "talent_introduced", date(2025, 2, 1),
                                 {"talent": f"人才{n}", "level": "provincial", "start_on": "2025-02-01"}, ADMIN)
        talents.append(str(entity))
    register(services.registry, 740)  # nothing annual
    services.projector.catch_up()
    model, today = services.model, date(2026, 3, 2)
    everything = model.annual_entitlements(2025, today)
    assert model.count_annual_entities(2025) == 3 and model.count_annual_entities(2031) == 0
    assert model.annual_entity_page(2025, 0, 25) == sorted(talents)
    page = model.annual_entity_page(2025, 1, 2)
    assert page == sorted(talents)[1:3]
    assert model.annual_entitlements_of(2025, page, today) == [e for e in everything if e["entity_id"] in page]
    assert model.annual_entitlements_of(2025, [], today) == []
