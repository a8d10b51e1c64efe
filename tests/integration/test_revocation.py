"""A token revoked by one process is refused by every other within PRINCIPAL_CACHE_SECONDS, on
both backends. Two `bootstrap`s on one database stand for two API workers; the cache's clock is
moved by hand, so nothing here waits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from projections.wiring import Services, bootstrap
from registry import token_keeping


@pytest.fixture
def other_worker(database_url: str, services: Services, fixed_clock) -> Iterator[Services]:
    wired = bootstrap(database_url, clock=fixed_clock)
    yield wired
    wired.close()


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    moment = [1000.0]
    monkeypatch.setattr(token_keeping, "monotonic", lambda: moment[0])
    return moment


def test_a_revocation_reaches_every_worker_within_the_cache_time(
        services: Services, other_worker: Services, now: list[float]) -> None:
    token = services.registry.issue_token("admin", "leaving colleague")
    token_id = next(t["id"] for t in services.registry.tokens() if t["label"] == "leaving colleague")
    assert other_worker.registry.authenticate(token).role == "admin"  # remembered from now on

    services.registry.revoke_token(token_id)
    assert services.registry.authenticate(token) is None  # the revoking process: at once
    now[0] += token_keeping.PRINCIPAL_CACHE_SECONDS - 0.1
    assert other_worker.registry.authenticate(token) is not None  # still remembered...
    now[0] += 0.2
    assert other_worker.registry.authenticate(token) is None  # ...and no longer


def test_the_cache_time_is_a_few_seconds() -> None:
    # The issue: a revoked admin token kept writing for about a minute.
    assert token_keeping.PRINCIPAL_CACHE_SECONDS <= 5
