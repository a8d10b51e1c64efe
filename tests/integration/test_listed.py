"""The lists' own rows (jcg_listed) give the 公示名单 and the 资金拨付明细 what the entities' whole
stored documents give, on each backend: the approved entitlements of a year, in registration
order, as they stand on the day read (an approval past its benefit's last day has lapsed)."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.policy import PolicyRefusal
from registry.clock import park_day
from spreadsheets.lists import LISTS, titles_of
from tests.integration.test_entitlement_projection import HISTORIES
from tests.park import ADMIN, directory, register, stored_entitlements

_numbers = itertools.count(30_000)


def whole_documents(services, day):
    """What an export read before: every entity's whole stored document."""
    for entity in directory(services):
        yield ({"id": entity["id"], "name": entity["name"], "credit_code": entity["credit_code"]},
               stored_entitlements(services, entity["id"], day))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=st.lists(HISTORIES, min_size=1, max_size=3), approve=st.booleans())
def test_the_listed_rows_equal_the_documents_read_whole(services, histories, approve):
    for kind, facts in histories:
        entity_id = register(services.registry, next(_numbers), kind)
        for occurred_on, (type_name, data) in facts:
            try:
                services.registry.record(entity_id, type_name, occurred_on, data, ADMIN)
            except PolicyRefusal:
                pass
        services.projector.catch_up()
        for e in stored_entitlements(services, entity_id):
            if e["status"] == "eligible" and (approve or e["kind"] == "annual"):
                try:
                    services.registry.record(entity_id, "entitlement_approved", park_day(services.clock()),
                                             {"entitlement_id": e["id"]}, ADMIN)
                except PolicyRefusal:
                    pass  # one owing nothing cannot be approved
        services.projector.catch_up()
    projected_on = park_day(services.clock())
    titles = titles_of(services.policy)
    for later in (0, 400, 1500):  # approvals lapse as the days go by
        day = projected_on + timedelta(days=later)
        for year in range(2024, 2031):
            for spec in LISTS.values():
                listed = spec.rows(services.model.entitlement_documents(year, day), year, titles)
                assert list(listed) == list(spec.rows(whole_documents(services, day), year, titles))
